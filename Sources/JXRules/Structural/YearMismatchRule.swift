import Foundation
import JXModel

/// year-mismatch: a deadline that names a year other than the document's budget year ("2022年12月31日前完成"
/// in a 2023 budget). Only 时效 rows and deadline values are read: a 成本 row named "2022年中央就业补助资金"
/// or a goal about last year's funds names another year on purpose.
struct YearMismatchRule: TableRule {
    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        guard let budgetYear = document.budgetYear else { return }
        for ctx in contexts.rows {
            // Most rows are neither: they are turned away before the row is copied out of the table.
            let timely = ctx.dimension == .timeliness
            guard timely || ctx.valueKind == .deadline, let row = ctx.row else { continue }
            var cells: [(String, String)] = [(row.value.text, row.value.raw)]
            let d = row.description.text
            if timely, d.fastContains("前") || d.fastContains("底") || d.fastContains("截止") || d.fastContains("完成") {
                cells.append((d, row.description.raw))
            }
            for (text, raw) in cells {
                if let year = Self.years(in: text).first(where: { $0 != budgetYear }) {
                    findings.append(emit.make(document: document, table: table, row: row, evidence: raw,
                                              values: ["found": String(year), "year": String(budgetYear)]))
                    break
                }
            }
        }
    }

    /// Four-digit years written as a date: "2022年", "2022 年", "2022-12-31", "2022.12".
    static func years(in text: String) -> [Int] {
        // A year is four ASCII digits in a row, so four digit bytes in a row; most cells have none, and are
        // answered without splitting them into characters.
        guard hasFourDigits(text) else { return [] }
        let chars = Array(text)
        var out: [Int] = []
        var i = 0
        while i + 4 <= chars.count {
            let four = chars[i..<(i + 4)]
            let before = i > 0 ? chars[i - 1] : " "
            if four.allSatisfy(\.isASCII), four.allSatisfy(\.isNumber), !(before.isASCII && before.isNumber),
               let y = Int(String(four)), (1990...2100).contains(y) {
                var j = i + 4
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == "年" || chars[j] == "-" || chars[j] == "." || chars[j] == "/" {
                    out.append(y)
                }
                i += 4
                continue
            }
            i += 1
        }
        return out
    }

    /// Whether the UTF-8 of `text` has four ASCII digits in a row.
    private static func hasFourDigits(_ text: String) -> Bool {
        var run = 0
        for b in text.utf8 {
            run = (0x30...0x39).contains(b) ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }
}
