import Foundation
import JXModel
import JXParse
import JXReport

/// `jxlint extract PATH…`: the parsed goal tables, as JSON (the model's own encoding, raw and normalised text
/// of every cell; also the format of the Corpus expectation files) or as CSV with one line per indicator row.
///
/// Documents are parsed in parallel and written in input order as each is ready, so extracting a province's
/// documents holds a few documents at a time, not all of them.
enum ExtractCommand {
    static func run(_ options: Options) throws -> Int32 {
        let format = try options.format(default: "json", allowed: ["json", "csv"])
        let collected = try Inputs.collect(options)
        let files = collected.expansion.files
        var hadProblems = collected.hadProblems
        let target = OutputTarget(path: options.output)
        let sink = try target.open()
        var out = sink
        let csv = format == "csv" ? ExtractCSVReporter(language: options.language) : nil
        var json = JSONDocuments()
        csv?.writeStart(tool: ToolInfo(version: CommandLineTool.version), to: &out)
        var position = 0
        DocumentPipeline.ordered(count: files.count, jobs: options.jobs, work: { i in
            // The JSON of a document is made by the worker that parsed it, in parallel with the others.
            DocumentPipeline.parse(files[i], stdinName: options.stdinName, language: options.language)
                .map { document in (document, csv == nil ? ExtractJSONWriter.encode(document, depth: 1) : nil) }
        }, consume: { _, result in
            switch result {
            case .success(let (document, encoded)):
                Inputs.noteRepair(document, language: options.language)
                if let csv {
                    csv.writeDocument(DocumentReport.build(document: document, findings: [], policy: .standard),
                                      position: position, to: &out)
                } else if let encoded {
                    json.add(encoded, to: &out)
                }
                position += 1
            case .failure(let problem):
                if Inputs.report(problem, explicit: collected.expansion.explicit, language: options.language) {
                    hadProblems = true
                }
            }
        })
        if let csv {
            csv.writeEnd(summary: RunSummary(), to: &out)
        } else {
            json.finish(to: &out)
        }
        try target.finish(sink)
        return hadProblems ? 2 : 0
    }
}

/// Writes documents' JSON one at a time exactly as `JSONEncoder` (pretty printed, sorted keys) writes them
/// all at once: a single document as it is, several as a pretty-printed array. Each document's JSON comes
/// from `ExtractJSONWriter` laid out as an array element (`depth` 1), so that the common case, many
/// documents, writes each in one piece; the first waits until a second one shows whether there is an
/// array, and a document alone loses the two spaces of the array's indentation.
struct JSONDocuments {
    private var first: [UInt8]?
    private var count = 0

    /// `element`: a document's JSON at depth 1.
    mutating func add<Sink: ReportSink>(_ element: [UInt8], to sink: inout Sink) {
        count += 1
        if count == 1 {
            first = element
            return
        }
        if count == 2, let first {
            sink.write("[\n  ")
            first.withUnsafeBufferPointer { sink.write(bytes: $0) }
            self.first = nil
        }
        sink.write(",\n  ")
        element.withUnsafeBufferPointer { sink.write(bytes: $0) }
    }

    mutating func finish<Sink: ReportSink>(to sink: inout Sink) {
        switch count {
        case 0:
            // What the encoder writes for an empty array.
            sink.write("[\n\n]\n")
        case 1:
            if let first { Self.writeOutdented(first, to: &sink) }
            sink.write("\n")
        default:
            sink.write("\n]\n")
        }
    }

    /// The element's lines, each that starts with two spaces without them (the first line has none).
    private static func writeOutdented<Sink: ReportSink>(_ element: [UInt8], to sink: inout Sink) {
        element.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                let indented = lineEnd - lineStart >= 2 && bytes[lineStart] == 0x20 && bytes[lineStart + 1] == 0x20
                sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[(indented ? lineStart + 2 : lineStart)..<lineEnd]))
                lineStart = lineEnd
            }
        }
    }
}
