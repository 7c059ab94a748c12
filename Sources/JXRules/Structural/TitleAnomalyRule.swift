import Foundation
import JXModel

/// title-anomaly: numbering glitches in the titles of a document's goal tables ("438、" between 43 and 45,
/// the same number twice, a gap, ). Each section (the department's part and
/// the unit-level part) numbers its tables on its own.
struct TitleAnomalyRule: DocumentRule {
    func check(_ document: Document, runtime: RuleRuntime, emit: FindingFactory, into findings: inout [Finding]) {
        // Each section's numbered tables, as (position in the document, number): gathering copies of the
        // tables, and reading each number three times, cost more than the checks.
        // Sections are kept in the order they first appear.
        var numberedBySection: [[(table: Int, number: Int)]] = []
        var sections: [String] = []
        var sectionIndex: [String: Int] = [:]
        var current: Int? = nil
        for (position, t) in document.tables.enumerated() {
            // A section's tables come one after another, so the section of the table before is tried first,
            // by bytes (equal bytes are equal strings): hashing each table's section name, CJK text that
            // `String` normalises to hash, was most of what the rule cost.
            let k: Int
            if let c = current, sections.indices.contains(c), PlainText.sameBytes(sections[c], t.section) {
                k = c
            } else if let found = sectionIndex[t.section] {
                k = found
            } else {
                k = sections.count
                sections.append(t.section)
                numberedBySection.append([])
                sectionIndex[t.section] = k
            }
            current = k
            if let n = Self.number(t), numberedBySection.indices.contains(k) { numberedBySection[k].append((position, n)) }
        }
        for numbered in numberedBySection {
            var prev: Int? = nil
            var seen: [Int: GoalTable] = [:]
            for (i, (position, n)) in numbered.enumerated() {
                let table = document.tables[position]
                let next = i + 1 < numbered.count ? numbered[i + 1].number : nil
                func report(_ variant: String, expected: Int?, first: GoalTable? = nil) {
                    findings.append(emit.make(
                        variant: variant, document: document, table: table, row: nil,
                        evidence: table.title.raw,
                        values: ["number": table.printedNumber ?? "", "expected": expected.map(String.init) ?? "",
                                 "firstLine": first.map { String($0.line) } ?? "",
                                 "firstTitle": first.map { FindingFactory.quote($0.title.raw) } ?? ""]))
                }
                if let first = seen[n] {
                    // "33, 34, 34, 35": the table after a repeat follows the repeated number.
                    report("repeat", expected: prev.map { $0 + 1 }, first: first)
                    continue
                }
                seen[n] = table
                if let p = prev {
                    if n != p + 1 {
                        // "438" between 43 and 45 is a typo for 44: say so, and keep counting from 44 so
                        // that 45 is not reported too.
                        if next == p + 2 {
                            report("typo", expected: p + 1)
                            prev = p + 1
                            continue
                        }
                        report("gap", expected: p + 1)
                    }
                }
                // The first number of a section is not checked: an excerpt or a table the parser skipped
                // (a procurement table in between) would make every document look wrong.
                prev = n
            }
        }
    }

    static func number(_ table: GoalTable) -> Int? {
        guard let p = table.printedNumber else { return nil }
        let digits = p.filter(\.isNumber)
        return digits.isEmpty ? nil : Int(digits)
    }
}
