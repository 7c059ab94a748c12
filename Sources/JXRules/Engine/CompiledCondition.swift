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

    private typealias Test = (field: Field, test: Condition.Test, recordsWord: Bool, plainOperand: Bool)

    private let nodes: [Node]
    private let children: [Int]
    /// Each test with its field, whether it records the matched word, and whether its text operand (an
    /// `equals` constant) is plain text, decided once here rather than on every row.
    private let tests: [Test]
    /// The node of each condition laid out here, in the order given.
    private let roots: [Int]

    /// Several conditions in one layout, each evaluated on its own (`evaluate(root:…)`): a rule lays out its
    /// cases together, so that trying them on a row reads one object rather than one per case (each retained
    /// and released per rule and row).
    init(_ conditions: [Condition]) {
        var layout = Layout()
        roots = conditions.map { layout.add($0) }
        nodes = layout.nodes
        children = layout.children
        tests = layout.tests
    }

    /// The arrays of a `CompiledCondition`, filled node by node (children before their parent).
    private struct Layout {
        var nodes: [Node] = []
        var children: [Int] = []
        var tests: [Test] = []

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
                // Only words of named lexicons are worth quoting: inline lists test labels ("效益").
                var records = false
                if case .containsAny(let lex) = test { records = lex.id != "inline" }
                var plainOperand = false
                if case .equals(let constant) = test { plainOperand = PlainText.isPlain(constant) }
                tests.append((field, test, records, plainOperand))
                node = .test(tests.count - 1)
            case .predicate(let id, let body):
                node = .predicate(id: id, body: add(body))
            }
            nodes.append(node)
            return nodes.count - 1
        }
    }

    /// Adds the fields whose texts the tests compare (see `RowFieldNeeds`).
    func addComparedFields(to needs: inout RowFieldNeeds) {
        for t in tests {
            switch t.test {
            case .equals, .inList:
                needs.add(t.field)
            case .equalsField(let other), .containsField(let other), .charsWithin(let other):
                needs.add(t.field)
                needs.add(other)
            default:
                break
            }
        }
    }

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

    /// Applies `tests[t]`, reading it in place: taking the test out of the array first copied it (its
    /// operands retained and released) for every test of every row.
    private func apply(test t: Int, _ context: EvaluationContext, _ state: inout EvaluationState) -> Bool {
        guard tests.indices.contains(t) else { return false }
        let field = tests[t].field
        switch tests[t].test {
        case .equals(let s):
            guard let text = context.text(field) else { return false }
            return PlainText.equal(text, s, bothPlain: tests[t].plainOperand && context.isPlain(field))
        case .equalsNumber(let n):
            return context.number(field) == n
        case .inList(let lex):
            guard let text = context.text(field) else { return false }
            return lex.containsExactly(text, isPlain: context.isPlain(field))
        case .matches(let re, let required):
            guard let text = context.text(field), !text.isEmpty else { return false }
            if let required, !required.mayMatch(text) { return false }
            // The whole text, in UTF-16 units (what an NSString's length counts), without bridging it.
            return re.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count)) != nil
        case .containsAny(let lex):
            guard let w = lex.firstWord(in: context.text(field) ?? "") else { return false }
            if tests[t].recordsWord, state.matched == nil { state.matched = w }
            return true
        case .containsNone(let lex):
            return !lex.occurs(in: context.text(field) ?? "")
        case .startsWithAny(let lex):
            return lex.hasPrefix(context.text(field) ?? "")
        case .endsWithAny(let lex):
            return lex.hasSuffix(context.text(field) ?? "")
        case .equalsField(let other):
            guard let a = context.text(field), !a.isEmpty, context.text(other) != nil,
                  let la = context.loose(field), let lb = context.loose(other) else { return false }
            return PlainText.equal(la, lb, bothPlain: context.isPlain(field) && context.isPlain(other))
        case .containsField(let other):
            guard context.text(field) != nil, let b = context.text(other), !b.isEmpty,
                  let a = context.loose(field), let lb = context.loose(other) else { return false }
            return a.fastContains(lb)
        case .charsWithin(let other):
            guard let a = context.text(field), !a.isEmpty, let b = context.text(other) else { return false }
            // Plain text has one scalar per character and equal characters are equal scalars, so the
            // scalars of `a` are looked up in `b` (a short project name) without building a set per row.
            if context.isPlain(field), context.isPlain(other) {
                let within = b.unicodeScalars
                return a.unicodeScalars.allSatisfy { within.contains($0) }
            }
            let allowed = Set(b)
            return a.allSatisfy { allowed.contains($0) }
        case .gt(let n): return context.number(field).map { $0 > n } ?? false
        case .ge(let n): return context.number(field).map { $0 >= n } ?? false
        case .lt(let n): return context.number(field).map { $0 < n } ?? false
        case .le(let n): return context.number(field).map { $0 <= n } ?? false
        case .isEmpty(let want):
            let empty = field.isNumeric ? context.number(field) == nil : (context.text(field) ?? "").isEmpty
            return empty == want
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
