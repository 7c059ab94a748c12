import Foundation
import JXModel
import JXParse
import JXReport

/// `jxlint extract PATH…`: the parsed goal tables, as JSON (the model's own encoding, raw and normalised text
/// of every cell; also the format of the Corpus expectation files) or as CSV with one line per indicator row.
enum ExtractCommand {
    static func run(_ options: Options) throws -> Int32 {
        let format = try options.format(default: "json", allowed: ["json", "csv"])
        let inputs = try ParsedInputs(options)
        let data: Data
        if format == "json" {
            data = try json(inputs.documents)
        } else {
            var sink = ByteBuffer()
            ExtractCSVReporter(language: options.language).write(
                RunReport.build(documents: inputs.documents, findings: [], tool: ToolInfo(version: CommandLineTool.version)),
                to: &sink)
            data = sink.data
        }
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
}
