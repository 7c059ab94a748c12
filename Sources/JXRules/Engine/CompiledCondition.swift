import Foundation

/// One or more `Condition`s laid out for evaluation: the trees as a flat array of plain nodes whose children are
/// indices, the tests beside it.
///
/// Why: the rules evaluate dozens of tests on every row of every table. Walking the `indirect` enum that the
/// parser builds retained and released a box or an array at every node, and tracking matched words kept a
/// list per evaluation. Here a node is a few integers, and only the first matched word is kept, which is all
/// a message shows (`{matched}`).
///
/// Evaluation order is the rule file's, so the word a message quotes is the same as the file suggests:
/// the first `containsAny` word of a named lexicon met on the way to `true` (see `EvaluationState.matched`).
///
/// A class with constant arrays: as a struct, every evaluation (each rule's cases, on every row) retained
/// and released the three arrays of the copy it was called on.
final class CompiledCondition: @unchecked Sendable {
    private enum Node {
        case always
        /// Children are `children[range]`.
        case all(Range<Int>)
        case any(Range<Int>)
        case not(Int)
        /// `tests[i]`.
        case test(Int)
        /// Predicate number `id`, whose body is node `body`.
        case predicate(id: Int, body: Int)
    }

    /// A test as `apply` reads it: plain values only, so that reading one retains nothing. (Reading a
    /// `Condition.Test` out of an array copied it, retaining and releasing its string, lexicon or regex, for
    /// every test of every row.) Operands that are objects or strings are kept by position in the arrays of
    /// their kind; fields by slot.
    private struct Test {
        enum Operator {
            case equals, equalsNumber, inList, matches, containsAny, containsNone, startsWithAny, endsWithAny
            case equalsField, containsField, charsWithin, gt, ge, lt, le, isEmpty
        }
        let op: Operator
        /// The field tested, and the other field of `equalsField`, `containsField` and `charsWithin`.
        let field: FieldRef
        let other: FieldRef
        /// The position of the operand in `strings`, `lexicons` or `patterns`, by operator.
        let operand: Int
        /// The number compared with (`equalsNumber`, `gt` …).
        let number: Double
        /// `isEmpty`: the answer wanted.
        let wantsEmpty: Bool
        /// `containsAny`: whether the word matched is recorded (see `Layout.add`).
        let recordsWord: Bool
        /// `equals`: whether the constant is plain text, decided once here rather than on every row.
        let plainOperand: Bool
    }

    /// A field as a test reads it: by slot when it has one (the context keeps texts by slot), else (the
    /// `.length` forms) as the `Field` at `position` in `fields`.
    private struct FieldRef {
        let slot: Int?
        let position: Int
    }

    private let nodes: [Node]
    private let children: [Int]
    private let tests: [Test]
    /// The fields the tests read, each once (see `FieldRef`).
    private let fields: [Field]
    private let strings: [String]
    private let lexicons: [Lexicon]
    private let patterns: [Pattern]
    /// The node of each condition laid out here, in the order given.
    private let roots: [Int]

    /// A `matches` operand: the regular expression, and what every match of it contains when that is known.
    private final class Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        let required: RegexPrefilter?
        init(_ regex: NSRegularExpression, _ required: RegexPrefilter?) {
            self.regex = regex
            self.required = required
        }

        /// Whether `text` may match (see `RegexPrefilter`), read in place: binding `required` to a local
        /// copied the prefilter, retaining and releasing its arrays, for every cell tested (most are
        /// turned away here, so that was most of the test's cost).
        func mayMatch(_ text: String) -> Bool {
            required?.mayMatch(text) ?? true
        }
    }

    /// Several conditions in one layout, each evaluated on its own (`evaluate(root:…)`): a rule lays out its
    /// cases together, so that trying them on a row reads one object rather than one per case (each retained
    /// and released per rule and row).
    init(_ conditions: [Condition]) {
        var layout = Layout()
        roots = conditions.map { layout.add($0) }
        nodes = layout.nodes
        children = layout.children
        tests = layout.tests
        fields = layout.fields
        strings = layout.strings
        lexicons = layout.lexicons
        patterns = layout.patterns
        comparedFields = layout.comparedFields
    }

    /// The arrays of a `CompiledCondition`, filled node by node (children before their parent).
    private struct Layout {
        var nodes: [Node] = []
        var children: [Int] = []
        var tests: [Test] = []
        var fields: [Field] = []
        var strings: [String] = []
        var lexicons: [Lexicon] = []
        var patterns: [Pattern] = []
        var comparedFields = RowFieldNeeds()

        mutating func add(_ c: Condition) -> Int {
            let node: Node
            switch c {
            case .always:
                node = .always
            case .all(let list), .any(let list):
                let ids = list.map { add($0) }
                let range = children.count..<(children.count + ids.count)
                children += ids
                if case .all = c { node = .all(range) } else { node = .any(range) }
            case .not(let inner):
                node = .not(add(inner))
            case .test(let field, let test):
                tests.append(layOut(field, test))
                node = .test(tests.count - 1)
            case .predicate(let id, let body):
                node = .predicate(id: id, body: add(body))
            }
            nodes.append(node)
            return nodes.count - 1
        }

        private mutating func ref(_ field: Field) -> FieldRef {
            let position = fields.firstIndex(of: field) ?? fields.count
            if position == fields.count { fields.append(field) }
            return FieldRef(slot: field.slot, position: position)
        }

        private mutating func layOut(_ field: Field, _ test: Condition.Test) -> Test {
            var op = Test.Operator.isEmpty, other = field, operand = 0, number = 0.0, wantsEmpty = false
            var recordsWord = false, plainOperand = false
            func lexicon(_ lex: Lexicon) -> Int {
                lexicons.append(lex)
                return lexicons.count - 1
            }
            switch test {
            case .equals(let constant):
                op = .equals
                strings.append(constant)
                operand = strings.count - 1
                plainOperand = PlainText.isPlain(constant)
                comparedFields.add(field)
            case .equalsNumber(let n): op = .equalsNumber; number = n
            case .inList(let lex):
                op = .inList
                operand = lexicon(lex)
                comparedFields.add(field)
            case .matches(let re, let required):
                op = .matches
                patterns.append(Pattern(re, required))
                operand = patterns.count - 1
            case .containsAny(let lex):
                op = .containsAny
                operand = lexicon(lex)
                // Only words of named lexicons are worth quoting: inline lists test labels ("效益").
                recordsWord = lex.id != "inline"
            case .containsNone(let lex): op = .containsNone; operand = lexicon(lex)
            case .startsWithAny(let lex): op = .startsWithAny; operand = lexicon(lex)
            case .endsWithAny(let lex): op = .endsWithAny; operand = lexicon(lex)
            case .equalsField(let f), .containsField(let f), .charsWithin(let f):
                if case .equalsField = test { op = .equalsField } else if case .containsField = test { op = .containsField } else { op = .charsWithin }
                other = f
                comparedFields.add(field)
                comparedFields.add(f)
            case .gt(let n): op = .gt; number = n
            case .ge(let n): op = .ge; number = n
            case .lt(let n): op = .lt; number = n
            case .le(let n): op = .le; number = n
            case .isEmpty(let want): op = .isEmpty; wantsEmpty = want
            }
            return Test(op: op, field: ref(field), other: ref(other), operand: operand, number: number,
                        wantsEmpty: wantsEmpty, recordsWord: recordsWord, plainOperand: plainOperand)
        }
    }

    /// The row fields whose texts the tests compare (see `RowFieldNeeds`).
    let comparedFields: RowFieldNeeds

    /// Whether the condition at position `root` of those laid out here holds for the context (false when
    /// there is none). On `true`, `state.matched` holds the first word quoted so far; on `false` it is as it
    /// was before.
    func evaluate(root: Int, _ context: EvaluationContext, _ state: inout EvaluationState) -> Bool {
        guard roots.indices.contains(root) else { return false }
        return evaluate(node: roots[root], context, &state)
    }

    private func evaluate(node i: Int, _ context: EvaluationContext, _ state: inout EvaluationState) -> Bool {
        switch nodes[i] {
        case .always:
            return true
        case .all(let range):
            // A word matched by an earlier child does not count when a later child fails.
            let hadWord = state.matched != nil
            for c in range where !evaluate(node: children[c], context, &state) {
                if !hadWord { state.matched = nil }
                return false
            }
            return true
        case .any(let range):
            // A failing child leaves no word behind (see `evaluate`).
            for c in range where evaluate(node: children[c], context, &state) { return true }
            return false
        case .not(let inner):
            let hadWord = state.matched != nil
            let holds = evaluate(node: inner, context, &state)
            if !hadWord { state.matched = nil }
            return !holds
        case .test(let t):
            return apply(test: t, context, &state)
        case .predicate(let id, let body):
            // Evaluation reads only the context, so an answer (and the word it matched) stands for the row.
            switch state.answer(id) {
            case .holds(let word):
                if state.matched == nil { state.matched = word }
                return true
            case .fails:
                return false
            case .unknown:
                let outer = state.matched
                state.matched = nil
                let holds = evaluate(node: body, context, &state)
                let own = state.matched
                state.remember(holds ? .holds(own) : .fails, id)
                state.matched = outer ?? own
                return holds
            }
        }
    }

    /// The text of a field (by slot when it has one: no `Field` is copied or switched over).
    private func text(_ f: FieldRef, _ context: EvaluationContext) -> String? {
        if let slot = f.slot { return context.text(slot: slot) }
        return field(f).flatMap { context.text($0) }
    }

    private func field(_ f: FieldRef) -> Field? {
        fields.indices.contains(f.position) ? fields[f.position] : nil
    }

    private func number(_ f: FieldRef, _ context: EvaluationContext) -> Double? {
        field(f).flatMap { context.number($0) }
    }

    private func isPlain(_ f: FieldRef, _ context: EvaluationContext) -> Bool {
        if let slot = f.slot { return context.isPlain(slot: slot) }
        return field(f).map { context.isPlain($0) } ?? true
    }

    private func loose(_ f: FieldRef, _ context: EvaluationContext) -> String? {
        if let slot = f.slot { return context.loose(slot: slot) }
        return field(f).flatMap { context.loose($0) }
    }

    /// Applies `tests[t]`. Operands are read from their arrays where they are used.
    private func apply(test t: Int, _ context: EvaluationContext, _ state: inout EvaluationState) -> Bool {
        guard tests.indices.contains(t) else { return false }
        let test = tests[t]
        let field = test.field
        switch test.op {
        case .equals:
            guard let text = text(field, context), strings.indices.contains(test.operand) else { return false }
            return PlainText.equal(text, strings[test.operand], bothPlain: test.plainOperand && isPlain(field, context))
        case .equalsNumber:
            return number(field, context) == test.number
        case .inList:
            guard let text = text(field, context), lexicons.indices.contains(test.operand) else { return false }
            return lexicons[test.operand].containsExactly(text, isPlain: isPlain(field, context))
        case .matches:
            guard let text = text(field, context), !text.isEmpty, patterns.indices.contains(test.operand) else {
                return false
            }
            let pattern = patterns[test.operand]
            guard pattern.mayMatch(text) else { return false }
            // The whole text, in UTF-16 units (what an NSString's length counts), without bridging it.
            return pattern.regex.firstMatch(in: text, options: [],
                                            range: NSRange(location: 0, length: text.utf16.count)) != nil
        case .containsAny:
            guard lexicons.indices.contains(test.operand),
                  let w = lexicons[test.operand].firstWord(in: text(field, context) ?? "") else { return false }
            if test.recordsWord, state.matched == nil { state.matched = w }
            return true
        case .containsNone:
            guard lexicons.indices.contains(test.operand) else { return false }
            return !lexicons[test.operand].occurs(in: text(field, context) ?? "")
        case .startsWithAny:
            guard lexicons.indices.contains(test.operand) else { return false }
            return lexicons[test.operand].hasPrefix(text(field, context) ?? "")
        case .endsWithAny:
            guard lexicons.indices.contains(test.operand) else { return false }
            return lexicons[test.operand].hasSuffix(text(field, context) ?? "")
        case .equalsField:
            let other = test.other
            guard let a = text(field, context), !a.isEmpty, text(other, context) != nil,
                  let la = loose(field, context), let lb = loose(other, context) else { return false }
            return PlainText.equal(la, lb, bothPlain: isPlain(field, context) && isPlain(other, context))
        case .containsField:
            let other = test.other
            guard text(field, context) != nil, let b = text(other, context), !b.isEmpty,
                  let a = loose(field, context), let lb = loose(other, context) else { return false }
            return a.fastContains(lb)
        case .charsWithin:
            let other = test.other
            guard let a = text(field, context), !a.isEmpty, let b = text(other, context) else { return false }
            // Plain text has one scalar per character and equal characters are equal scalars, so the
            // scalars of `a` are looked up in `b` (a short project name) without building a set per row.
            if isPlain(field, context), isPlain(other, context) {
                let within = b.unicodeScalars
                return a.unicodeScalars.allSatisfy { within.contains($0) }
            }
            let allowed = Set(b)
            return a.allSatisfy { allowed.contains($0) }
        case .gt: return number(field, context).map { $0 > test.number } ?? false
        case .ge: return number(field, context).map { $0 >= test.number } ?? false
        case .lt: return number(field, context).map { $0 < test.number } ?? false
        case .le: return number(field, context).map { $0 <= test.number } ?? false
        case .isEmpty:
            let numeric = self.field(field)?.isNumeric ?? false
            let empty = numeric ? number(field, context) == nil : (text(field, context) ?? "").isEmpty
            return empty == test.wantsEmpty
        }
    }
}

/// What changes while the rules evaluate one row: the answers of named predicates (many rules ask the same
/// predicate of a row, so it is answered once) and the word a message will quote.
///
/// It is a value the engine keeps for a row and passes `inout`, not state of the shared context: a class's
/// stored properties are checked for exclusive access at run time on every write, a local value is not.
struct EvaluationState {
    /// The first word of a named lexicon that a `containsAny` test matched on the way to the current answer
    /// (`{matched}` in messages).
    var matched: String?
    private var answers: [PredicateAnswer] = []

    enum PredicateAnswer {
        case unknown
        case fails
        /// Holds, with the word its body matched.
        case holds(String?)
    }

    /// Forgets every answer: the next row is another row.
    mutating func startRow() {
        matched = nil
        for i in answers.indices { answers[i] = .unknown }
    }

    func answer(_ id: Int) -> PredicateAnswer {
        answers.indices.contains(id) ? answers[id] : .unknown
    }

    mutating func remember(_ answer: PredicateAnswer, _ id: Int) {
        if id >= answers.count { answers += repeatElement(.unknown, count: id + 1 - answers.count) }
        answers[id] = answer
    }
}
