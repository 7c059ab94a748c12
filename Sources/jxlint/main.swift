import Foundation
import JXModel
import JXParse

let dumpRows = CommandLine.arguments.contains("--rows")
for path in CommandLine.arguments.dropFirst() where path != "--rows" {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    do {
        let doc = try DocumentParser.parse(bytes: [UInt8](data), path: path)
        if dumpRows {
            for t in doc.tables { for r in t.rows {
                print([t.title.text, r.level1.text, r.level2.text, r.name.text, r.description.text, r.value.text, r.basis.text].joined(separator: "\t"))
            } }
            continue
        }
        print(path, doc.department ?? "-", doc.budgetYear ?? 0, doc.tables.count, doc.rowCount)
        for t in doc.tables {
            print("  ", t.index, t.printedNumber ?? "-", t.kind.rawValue, t.layout.rawValue, t.line, t.rows.count, t.defects.count, t.section, "|", t.project.prefix(30), "| goal:", t.goal.text.prefix(30))
        }
    } catch {
        print(path, "ERROR", error)
    }
}
