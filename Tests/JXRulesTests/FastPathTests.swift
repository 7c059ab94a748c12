import Foundation
import JXModel
@testable import JXRules
import XCTest

/// The rule stage's fast paths give the same answers as the plain `String` and NSRegularExpression code they
/// stand in for, on every cell of the Corpus.
final class FastPathTests: XCTestCase {
    /// Every text a rule reads from the Corpus documents.
    static let cells: [String] = {
        var out: Set<String> = []
        for doc in CorpusRulesTests.documents.values {
            for table in doc.tables {
                out.formUnion([table.title.text, table.goal.text, table.goal.raw, table.project])
                for row in table.rows {
                    out.formUnion([row.level1.text, row.level2.text, row.name.text, row.description.text,
                                   row.basis.text, row.value.text, row.value.raw,
                                   EvaluationContext.core(of: row.name.text)])
                }
            }
        }
        return out.sorted()
    }()

    /// Texts that are not plain: decomposed accents, a compatibility ideograph, CR LF, a variation selector.
    static let awkward = ["e\u{301}率", "\u{F91C}满意度", "a\r\nb", "满意度\u{FE00}", "资金到位率\u{301}", ""]

    func testCorpusIsThere() {
        XCTAssertGreaterThan(Self.cells.count, 1000)
    }

    func testRegexPrefilterNeverRejectsAMatch() throws {
        let patterns = Self.catalogPatterns()
        XCTAssertGreaterThanOrEqual(patterns.count, 10)
        for pattern in patterns {
            let re = try NSRegularExpression(pattern: pattern)
            guard let required = RegexPrefilter.of(pattern: pattern) else { continue }
            for text in Self.cells + Self.awkward {
                let range = NSRange(location: 0, length: (text as NSString).length)
                if re.firstMatch(in: text, range: range) != nil {
                    XCTAssertTrue(required.mayMatch(text), "\(pattern) matches \(text) but the prefilter said no")
                    for clause in required.clauses {
                        XCTAssertTrue(clause.mayMatch(text), "\(pattern) matches \(text) without \(clause.ranges)")
                    }
                }
            }
        }
    }

    /// The prefilter's byte scan answers as a walk over the scalars does, for every catalog pattern and a few
    /// sets beyond it (two- and four-byte scalars, digits of other scripts, wide ranges).
    func testPrefilterScanAgreesWithScalars() {
        var sets = Self.catalogPatterns().flatMap { RegexPrefilter.of(pattern: $0)?.clauses ?? [] }
        sets += [RequiredScalars(ranges: [0xD7...0xD7, 0x1D7D9...0x1D7D9]), RequiredScalars(ranges: [0x80...0x7FF]),
                 RequiredScalars(ranges: [0x41...0x5A, 0x3000...0x3002], anyDecimalDigit: true),
                 RequiredScalars(ranges: [0x7387...0x7387, 0x7380...0x7390, 0x10000...0x10FFFF])]
        let texts = Self.cells + Self.awkward + ["×", "5×3", "٣个", "𝟙", "a𝟙b", "\u{7F}", "é", "ÿ率", "率"]
        for r in sets {
            for text in texts {
                let expected = text.unicodeScalars.contains { s in
                    (r.anyDecimalDigit && s.properties.generalCategory == .decimalNumber)
                        || r.ranges.contains { $0.contains(s.value) }
                }
                XCTAssertEqual(r.mayMatch(text), expected, "\(r.ranges) \(r.anyDecimalDigit): \(text)")
            }
        }
    }

    /// The loose form and plainness a context derives in one look at the bytes are the ones derived apart.
    func testLooseAndPlainAgreeWithTheSeparateForms() {
        for text in Self.cells + Self.awkward + ["a b。", "。。", "x.", " ", "满意度 。", "é。"] {
            let both = Condition.looseAndPlain(text)
            XCTAssertEqual(both.loose, Condition.loose(text), text)
            XCTAssertEqual(both.plain, PlainText.isPlain(text), text)
        }
    }

    /// The digit shortcut answers as the Unicode property does, over the BMP and the first supplementary plane.
    func testDecimalDigitShortcutAgreesWithTheProperty() {
        for v in UInt32(0)...0x1FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(RequiredScalars.isDecimalDigit(s), s.properties.generalCategory == .decimalNumber,
                           "U+\(String(v, radix: 16))")
        }
    }

    func testRegexPrefilterReadsTheCatalogPatterns() {
        XCTAssertEqual(RequiredScalars.of(pattern: "^[\\u4e00-\\u9fa5]{0,6}率$")?.ranges, [0x7387...0x7387])  // 率
        XCTAssertEqual(RequiredScalars.of(pattern: "\\d")?.anyDecimalDigit, true)
        // input-as-output: one of 资/预/经/拨, 率, and a set out of (到|执|支|使)(位|行|出|用), not just the first.
        let input = RegexPrefilter.of(pattern: "(资金|预算|经费|拨款)[^，,、]{0,6}(到位率|执行率|支出率|使用率)")
        XCTAssertEqual(input?.clauses.first?.ranges, [0x7387...0x7387])  // 率
        XCTAssertGreaterThanOrEqual(input?.clauses.count ?? 0, 3)
        XCTAssertEqual(input?.mayMatch("项目资金到位率"), true)
        XCTAssertEqual(input?.mayMatch("资金使用合规性"), false)  // no 率
        XCTAssertEqual(input?.mayMatch("预算执行"), false)
        // Every branch must hold a set; one branch without one leaves the alternation without.
        XCTAssertEqual(RegexPrefilter.of(pattern: "ab|cb")?.clauses.first?.ranges, [0x62...0x62])
        XCTAssertNil(RegexPrefilter.of(pattern: "ab|c*"))
        XCTAssertEqual(RegexPrefilter.of(pattern: "\\d\\s*(个|人)")?.clauses.count, 2)
        // Nothing in particular, or syntax the parser does not read: no prefilter.
        XCTAssertNil(RequiredScalars.of(pattern: "a|.*"))
        XCTAssertNil(RequiredScalars.of(pattern: "[^a]"))
        XCTAssertNil(RequiredScalars.of(pattern: "(?i)abc"))
        XCTAssertNil(RequiredScalars.of(pattern: "\\p{Han}"))
        XCTAssertNil(RequiredScalars.of(pattern: "(a)\\1"))
        XCTAssertNil(RequiredScalars.of(pattern: "[[a-z]-[aeiou]]"))
    }

    func testPlainContainsAgreesWithString() {
        let words = ["数量", "质量", "时效", "成本", "满意", "效益", "前", "率", "e", "é", "樂"]
        for text in Self.cells + Self.awkward {
            for w in words {
                XCTAssertEqual(text.fastContains(w), text.contains(w), "\(text) / \(w)")
            }
        }
    }

    func testPlainCoresAgreeWithCharacters() {
        for text in Self.cells + ["★★培训合格率（%）。", "指标：", "产出 指标.", "（人）", "率)"] {
            let s = text.removingSpaces()
            guard PlainText.isPlain(s) else { continue }
            XCTAssertEqual(EvaluationContext.plainCore(of: s), EvaluationContext.characterCore(of: s), text)
            XCTAssertEqual(Levels.plainCore(s), Levels.characterCore(s), text)
        }
    }

    func testPlainEqualityAgreesWithString() {
        let texts = Array(Self.cells.prefix(300)) + Self.awkward + ["\u{5375}", "\u{F91C}", "K", "\u{212A}", "percent", "money"]
        for a in texts {
            for b in texts.prefix(60) { XCTAssertEqual(PlainText.equal(a, b), a == b, "\(a) / \(b)") }
        }
        let lookup = StringLookup(texts.prefix(60).map { ($0, true) })
        for t in texts { XCTAssertEqual(lookup[t] ?? false, texts.prefix(60).contains(t), t) }
    }

    /// Tables keyed by bytes, hashed by `PlainText.digest`, answer as `String`-keyed
    /// tables: every cell of the Corpus and texts that share length, start and end, as words and as
    /// duplicate-row keys (whose three parts are digested together).
    func testDigestKeyedTablesAgreeWithString() {
        let long = "一二三四五六七八九十一二三四五六七八九十"
        let texts = Self.cells.filter(PlainText.isByteComparable)
            + [long, long.replacingOccurrences(of: "十一", with: "一十"), long + "a", "a" + long, "", "a", "12345678", "123456789"]
        var byString: [String: Int] = [:], byBytes: [UTF8Key: Int] = [:]
        for (i, t) in texts.enumerated() {
            if byString[t] == nil { byString[t] = i }
            if byBytes[UTF8Key(t)] == nil { byBytes[UTF8Key(t)] = i }
        }
        XCTAssertEqual(byBytes.count, byString.count)
        for t in texts { XCTAssertEqual(byBytes[UTF8Key(t)], byString[t], t) }
        var rowsByKey: [DuplicateRowRule.RowKey: Int] = [:], rowsByJoined: [String: Int] = [:]
        for (i, t) in texts.enumerated() {
            for key in [DuplicateRowRule.RowKey(level2: "", name: t, description: long),
                        DuplicateRowRule.RowKey(level2: t, name: "", description: long)] {
                if rowsByKey[key] == nil { rowsByKey[key] = i }
                if rowsByJoined[key.joined] == nil { rowsByJoined[key.joined] = i }
                XCTAssertEqual(rowsByKey[key], rowsByJoined[key.joined], t)
            }
        }
        XCTAssertEqual(rowsByKey.count, rowsByJoined.count)
    }

    /// Templated cells of one length that differ only inside ("完成年度张家王庄村道路硬化工程建设任务" …) do not
    /// share one digest: a table of thousands of such rows would otherwise compare every pair in full.
    func testDigestSeesTheMiddleOfLongTexts() {
        let villages = ["张家", "李家", "王庄", "赵村", "刘营", "陈屯", "杨湾", "黄岗", "周寨", "吴桥"]
        let cells = villages.flatMap { a in villages.map { b in "完成年度\(a)\(b)村道路硬化工程建设任务" } }
        XCTAssertEqual(Set(cells.map(\.utf8.count)).count, 1, "one length")
        let digests = Set(cells.map { cell in var c = cell; return c.withUTF8(PlainText.digest) })
        XCTAssertEqual(digests.count, cells.count)
    }

    /// Lists of byte-comparable words (comparators, ★) answer by bytes, with the length and first-byte filter,
    /// as a `Set<String>` does, also for canonically equivalent spellings.
    func testByteComparableLookupAgreesWithString() {
        let keys = ["≥", "≤", ">", "<", "=", "★", "不低于", "", "≥ 95%"]
        let queries = keys + ["\u{2265}", ">\u{338}", "\u{226F}", "≥≥", "★☆", "不低", "不低于。", " ", "e\u{301}", "≤ 95%"]
        let lookup = StringLookup(keys.map { ($0, true) })
        for q in queries + Self.cells.prefix(200) {
            XCTAssertEqual(lookup[q] ?? false, Set(keys).contains(q), q)
            XCTAssertEqual(lookup.lookup(q, isPlain: PlainText.isPlain(q)) ?? false, Set(keys).contains(q), q)
        }
    }

    /// Round 3's fast paths: project keys by scalar, byte-comparable keys, plain character counts, equality
    /// with known plainness, the triple hash fed part by part, and the spelled-out White_Space list.
    func testRound3FastPathsAgreeWithString() {
        let names = Self.cells + Self.awkward + ["《“某某”项目》 (一期)", "「事业单位」工资（2023）", "‘a’ \u{3000}b"]
        for n in names {
            XCTAssertEqual(DuplicateTableRule.projectKey(n), DuplicateTableRule.characterProjectKey(n), n)
            XCTAssertEqual(EvaluationContext.characterCount(n), n.count, n)
            XCTAssertEqual(DuplicateTableRule.tripleHash(n, "x", n),
                           StableHash.fnv([n, "x", n].joined(separator: "\u{1F}")), n)
        }
        let keys = Array(Self.cells.prefix(200)) + Self.awkward
            + ["≥90%", "≤5天", "★满意度", "a\u{1F}b", "≤\u{338}", "\u{2270}", "K", "\u{212A}", "\u{F91C}", "\u{F91C}".precomposedStringWithCanonicalMapping]
        for a in keys where PlainText.isByteComparable(a) {
            for b in keys where PlainText.isByteComparable(b) {
                XCTAssertEqual(UTF8Key(a) == UTF8Key(b), a == b, "\(a) / \(b)")
            }
        }
        XCTAssertFalse(PlainText.isByteComparable("≤\u{338}"))
        XCTAssertFalse(PlainText.isByteComparable("\u{F91C}"))
        for a in keys {
            for b in keys.prefix(40) {
                let both = PlainText.isPlain(a) && PlainText.isPlain(b)
                XCTAssertEqual(PlainText.equal(a, b, bothPlain: both), a == b, "\(a) / \(b)")
            }
        }
        for v in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(FindingFactory.isWhitespace(scalar), scalar.properties.isWhitespace, String(v, radix: 16))
        }
    }

    /// Project-name similarity by scalar bigrams gives the character bigrams' answer, near-copies included.
    func testPlainSimilarityAgreesWithCharacters() {
        let projects = Set(CorpusRulesTests.documents.values.flatMap { $0.tables.map(\.project) })
        var names = projects.sorted().map(DuplicateTableRule.projectKey)
        names += ["", "a", "b", "ab", "aba", "abab", "事业部门工资系统", "事业单位工资系统", "e\u{301}资金", "é资金"]
        // Each name with one character changed, so that many pairs land near the threshold.
        names += names.prefix(80).compactMap { n in n.count > 2 ? String(n.dropLast(2)) + "改" + String(n.suffix(1)) : nil }
        for a in names {
            for b in names.prefix(120) {
                XCTAssertEqual(DuplicateTableRule.similar(a, b), DuplicateTableRule.characterSimilar(a, b), "\(a) / \(b)")
            }
        }
    }

    func testPlainGoalCoreAgreesWithCharacters() {
        let goals = ["1.1.保障运行。\n2.（二）确保“安全”", "\u{3000} 一、目标：\n\n", "\n", "", "十", "（1）", "12345",
                     "1.\t完成，《规划》！？", "a.b,c;d"]
        for text in Self.cells + goals where PlainText.isPlain(text) {
            XCTAssertEqual(EvaluationContext.plainGoalCore(text), EvaluationContext.characterGoalCore(text), text.debugDescription)
        }
    }

    /// The byte reading of "one trimmed line" and of the scalar count agrees with `String`'s views, on every
    /// cell of the Corpus and texts with white space of every length at either end.
    func testQuotingByBytesAgreesWithScalars() {
        var texts = Self.cells + Self.awkward + ["a", " ", "\t", "x\n", "\u{85}a", "a\u{A0}", "\u{1680}率", "率\u{3000}",
                                                 "\u{2028}", "a\u{205F}", "\u{200B}a", "é", "\u{3001}", "率\u{E0}"]
        for v: UInt32 in [0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x3001, 0x1F600] {
            if let s = Unicode.Scalar(v) { texts += ["\(s)满意度", "满意度\(s)", "\(s)"] }
        }
        for text in texts {
            XCTAssertEqual(FindingFactory.isOneTrimmedLine(text), FindingFactory.isOneTrimmedLineByScalars(text), text.debugDescription)
            XCTAssertEqual(FindingFactory.scalarCount(text), text.unicodeScalars.count, text.debugDescription)
        }
    }

    /// A quoted cell is one line whatever its line ends: "\r\n" (one Character in Swift) breaks it like "\n".
    func testQuoteJoinsLinesWhateverTheirEnds() {
        for text in ["完成率\r\n≥95%", "完成率\n≥95%", "完成率\r≥95%", "完成率 \r\n ≥95%", "完成率\t≥95%"] {
            XCTAssertEqual(FindingFactory.quote(text), "完成率 ≥95%", text.debugDescription)
        }
    }

    /// Reading a string's bytes in place gives its UTF-8, for every Corpus cell (small strings, held in the
    /// value itself, and large ones), substrings made into strings and strings that came from an NSString.
    func testBorrowedUTF8IsTheUTF8() {
        var texts = Self.cells + Self.awkward
        texts += Self.cells.prefix(200).map { String($0.dropFirst()) }
        texts += Self.cells.prefix(200).map { String(NSString(string: $0)) }
        for text in texts {
            XCTAssertEqual(text.withUTF8Bytes { Array($0) }, Array(text.utf8), text.debugDescription)
        }
    }

    /// value-template-uniform's majority vote turns a table away only when no value text (as `String`s
    /// compare) occurs the needed number of times: every Corpus table's loose value texts, with plainness as
    /// the contexts record it, for needed counts from just over half to all, and made-up lists (no majority,
    /// a majority late, canonically equal texts with different bytes).
    func testMajorityVoteNeverMissesALargeGroup() {
        var lists: [[String]] = [["a", "b", "a", "c", "a"], ["a", "b", "c", "d"], ["b", "a", "a", "b", "b", "a", "a"],
                                 ["e\u{301}", "\u{E9}", "\u{E9}", "x"], ["", "", "x"], []]
        var plainness: [[Bool]] = lists.map { $0.map(PlainText.isPlain) }
        for doc in CorpusRulesTests.documents.values {
            var memo = LabelMemo()
            for table in doc.tables {
                let contexts = TableContexts(document: doc, table: table, runtime: RuleExamplesTests.rules.runtime,
                                             needs: RowFieldNeeds.structural, labels: &memo)
                let valued = contexts.rows.filter { $0.text(.valueText)?.isEmpty == false }
                lists.append(valued.map { $0.loose(.valueText) ?? "" })
                plainness.append(valued.map { $0.isPlain(.valueText) })
            }
        }
        XCTAssertGreaterThan(lists.count, 50)
        for (texts, plain) in zip(lists, plainness) {
            var counts: [String: Int] = [:]
            for t in texts { counts[t, default: 0] += 1 }
            let largest = counts.values.max() ?? 0
            for needed in Set([Double(texts.count) / 2 + 0.01, 0.75 * Double(texts.count), Double(largest),
                               Double(largest) + 0.5, Double(texts.count)]) {
                if Double(largest) >= needed {
                    XCTAssertTrue(ValueTemplateUniformRule.majorityMayReach(texts, plain: plain, needed), "\(texts) \(needed)")
                } else if needed > Double(texts.count) / 2 {
                    XCTAssertFalse(ValueTemplateUniformRule.majorityMayReach(texts, plain: plain, needed), "\(texts) \(needed)")
                }
            }
        }
    }

    /// duplicate-row, which hashes each row's key once (putting the earlier row back when the key was there)
    /// and compares keys by bytes, reports the rows that grouping the joined keys as strings, first row
    /// kept, calls duplicates: every table of every Corpus document, and the tables doubled (every row twice).
    func testDuplicateRowsAgreeWithGroupingJoinedKeys() {
        let ruleSet = RuleExamplesTests.rules
        guard let rule = ruleSet.rules.first(where: { $0.metadata.id == "duplicate-row" }),
              case .table(let impl) = rule.implementation else { return XCTFail("no duplicate-row") }
        let emit = FindingFactory(metadata: rule.metadata, severityOverride: nil)
        var reported = 0
        for name in CorpusRulesTests.documents.keys.sorted() {
            guard let doc = CorpusRulesTests.documents[name] else { continue }
            var memo = LabelMemo()
            for original in doc.tables {
                var doubled = original
                doubled.rows += original.rows
                for table in [original, doubled] {
                    let contexts = TableContexts(document: doc, table: table, runtime: ruleSet.runtime,
                                                 needs: RowFieldNeeds.structural, labels: &memo)
                    var findings: [Finding] = []
                    impl.check(contexts, emit: emit, into: &findings)
                    // The rows reported, in order, each with the first row of its key.
                    var first: [String: Int] = [:], expected: [Int] = []
                    for ctx in contexts.rows where ctx.text(.name)?.isEmpty == false {
                        guard let row = ctx.row else { continue }
                        let key = DuplicateRowRule.key(ctx.level2Core, ctx.loose(.name) ?? "", ctx.loose(.description) ?? "")
                        if first[key] != nil { expected.append(row.index) } else { first[key] = row.index }
                    }
                    XCTAssertEqual(findings.map { $0.location.rowIndex ?? -1 }, expected, "\(name) table \(table.index)")
                    reported += findings.count
                }
            }
        }
        XCTAssertGreaterThan(reported, 100)
    }

    /// Taking a lexicon's words out of a text, skipping words with a scalar the text lacks, gives what taking
    /// each word out with `replacingOccurrences` gives: every lexicon, on the cells and goal cores of the
    /// Corpus and texts where a removal brings a word together.
    func testRemovingWordsAgreesWithString() {
        let lexicons = RuleExamplesTests.rules.runtime.lexicons.values.sorted { $0.id < $1.id }
        let texts = Self.cells + Self.cells.map(EvaluationContext.goalCore) + ["保障保障", "保保障障", "确保正常运行的", "正常运保障行"]
        for lex in lexicons {
            for text in texts {
                var expected = text
                for w in lex.wordsLongestFirst where expected.contains(w) {
                    expected = expected.replacingOccurrences(of: w, with: "")
                }
                XCTAssertEqual(EvaluationContext.remove(lex, from: text), expected, "\(lex.id): \(text)")
            }
        }
    }

    /// hierarchy-invalid, which keeps each label pair's answer for the document's later tables, reports what
    /// it reports with every table checked on its own (a fresh memo per table), on every Corpus document.
    func testHierarchyAnswersKeptAcrossTablesAgreeWithFreshOnes() throws {
        let ruleSet = RuleExamplesTests.rules
        guard let rule = ruleSet.rules.first(where: { $0.metadata.id == "hierarchy-invalid" }),
              case .table(let impl) = rule.implementation else { return XCTFail("no hierarchy-invalid") }
        let emit = FindingFactory(metadata: rule.metadata, severityOverride: nil)
        var checked = 0
        for name in CorpusRulesTests.documents.keys.sorted() {
            guard let doc = CorpusRulesTests.documents[name] else { continue }
            var shared = LabelMemo()
            var kept: [Finding] = [], fresh: [Finding] = []
            for table in doc.tables {
                let contexts = TableContexts(document: doc, table: table, runtime: ruleSet.runtime,
                                             needs: RowFieldNeeds.structural, labels: &shared)
                impl.check(contexts, emit: emit, into: &kept)
                var own = LabelMemo()
                let alone = TableContexts(document: doc, table: table, runtime: ruleSet.runtime,
                                          needs: RowFieldNeeds.structural, labels: &own)
                impl.check(alone, emit: emit, into: &fresh)
                checked += table.rows.count
            }
            XCTAssertEqual(kept, fresh, name)
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testLexiconAgreesWithString() throws {
        let lexicons = RuleExamplesTests.rules.runtime.lexicons.values.sorted { $0.id < $1.id }
        for lex in lexicons {
            for text in Self.cells + Self.awkward {
                // Lexicons match scalars: the first word by position, longest first at a position.
                let scalars = Array(text.unicodeScalars)
                var expected: String? = nil
                search: for start in scalars.indices {
                    let here = lex.words.filter { w in
                        let ws = Array(w.unicodeScalars)
                        return start + ws.count <= scalars.count && Array(scalars[start..<(start + ws.count)]) == ws
                    }
                    if let best = here.max(by: { $0.unicodeScalars.count < $1.unicodeScalars.count }) {
                        // Longest; among equals, the first in the file.
                        let longest = here.filter { $0.unicodeScalars.count == best.unicodeScalars.count }
                        expected = longest.first
                        break search
                    }
                }
                XCTAssertEqual(lex.firstWord(in: text), expected, "\(lex.id): \(text)")
                XCTAssertEqual(lex.containsExactly(text), lex.words.contains(text), "\(lex.id): \(text)")
                let endsWithWord = lex.words.contains { w in
                    text.unicodeScalars.suffix(w.unicodeScalars.count).elementsEqual(w.unicodeScalars)
                }
                XCTAssertEqual(lex.hasSuffix(text), endsWithWord, "\(lex.id): \(text)")
            }
        }
    }

    /// The `matches` patterns of the rule files and predicates.
    static func catalogPatterns() -> [String] {
        let root = CorpusRulesTests.corpusDir.deletingLastPathComponent().appendingPathComponent("Rules")
        var out: [String] = []
        func walk(_ json: Any) {
            if let d = json as? [String: Any] {
                if let p = d["matches"] as? String { out.append(p) }
                d.values.forEach(walk)
            } else if let a = json as? [Any] {
                a.forEach(walk)
            }
        }
        for sub in ["rules", "predicates"] {
            let dir = root.appendingPathComponent(sub)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".json") {
                if let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
                   let json = try? JSONSerialization.jsonObject(with: data) {
                    walk(json)
                }
            }
        }
        return out
    }
}
