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
                .flatMap { document -> Result<(Document, Data?), InputProblem> in
                    guard csv == nil else { return .success((document, nil)) }
                    do { return .success((document, try ExtractCommand.encoder.encode(document))) } catch {
                        return .failure(InputProblem(path: document.path,
                                                     message: LocalizedText(zh: "无法编码为 JSON：\(error)", en: "cannot be encoded as JSON: \(error)")))
                    }
                }
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

    /// Stable key order, pretty printed: the format of the Corpus expectation files.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Writes documents' JSON one at a time exactly as the encoder writes them all at once: a single document
/// as it is, several as a pretty-printed array (each line of an element indented two more spaces).
/// The first document waits until a second one shows whether there is an array.
struct JSONDocuments {
    private var first: Data?
    private var count = 0

    mutating func add<Sink: ReportSink>(_ encoded: Data, to sink: inout Sink) {
        count += 1
        if count == 1 {
            first = encoded
            return
        }
        if count == 2, let first {
            sink.write("[\n")
            Self.writeIndented(first, to: &sink)
            self.first = nil
        }
        sink.write(",\n")
        Self.writeIndented(encoded, to: &sink)
    }

    mutating func finish<Sink: ReportSink>(to sink: inout Sink) {
        switch count {
        case 0:
            let empty = (try? ExtractCommand.encoder.encode([Document]())) ?? Data("[]".utf8)
            empty.withUnsafeBytes { sink.write(bytes: $0.bindMemory(to: UInt8.self)) }
            sink.write("\n")
        case 1:
            first?.withUnsafeBytes { sink.write(bytes: $0.bindMemory(to: UInt8.self)) }
            sink.write("\n")
        default:
            sink.write("\n]\n")
        }
    }

    /// The element's lines, each that is not empty indented by two spaces (as the encoder indents an
    /// array's elements).
    private static func writeIndented<Sink: ReportSink>(_ encoded: Data, to sink: inout Sink) {
        encoded.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                if bytes[lineStart] != 0x0A { sink.write("  ") }
                sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
                lineStart = lineEnd
            }
        }
    }
}
