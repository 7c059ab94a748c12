import Foundation
import JXModel
import JXParse

/// `jxlint extract PATH…`: the parsed goal tables, as JSON (the model's own encoding, which is also the
/// format of the Corpus expectation files) or as CSV with one line per indicator row.
enum ExtractCommand {
    static func run(_ options: Options) throws -> Int32 {
        let format = try options.format(default: "json", allowed: ["json", "csv"])
        let inputs = try ParsedInputs(options)
        let data = format == "json" ? try json(inputs.documents) : csv(inputs.documents)
        try OutputTarget(path: options.output).write(data)
        return inputs.hadProblems ? 2 : 0
    }

    /// One document as a JSON object, or several as an array; stable key order, pretty printed.
    static func json(_ documents: [Document]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = documents.count == 1 ? try encoder.encode(documents[0]) : try encoder.encode(documents)
        data.append(0x0A)
        return data
    }

    static let csvHeader = ["path", "department", "year", "table", "number", "project", "table_line", "row",
                            "line", "level1", "level2", "name", "description", "value", "comparator", "number_value",
                            "unit", "kind", "basis"]

    /// UTF-8 with a BOM so that Excel reads the Chinese; RFC 4180 quoting.
    static func csv(_ documents: [Document]) -> Data {
        var out = "\u{FEFF}" + csvHeader.joined(separator: ",") + "\r\n"
        for d in documents {
            for t in d.tables {
                for r in t.rows {
                    let fields = [d.path, d.department ?? "", d.budgetYear.map(String.init) ?? "", String(t.index),
                                  t.printedNumber ?? "", t.project, String(t.line), String(r.index), String(r.line),
                                  r.level1.text, r.level2.text, r.name.text, r.description.text, r.value.raw,
                                  r.value.comparator?.rawValue ?? "", r.value.number.map { formatNumber($0) } ?? "",
                                  r.value.unit ?? "", r.value.kind.rawValue, r.basis.text]
                    out += fields.map(csvField).joined(separator: ",") + "\r\n"
                }
            }
        }
        return Data(out.utf8)
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    static func formatNumber(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
