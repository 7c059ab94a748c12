import Foundation
import JXModel
import JXRules

/// Parses and checks a run's inputs in two passes and hands each checked document, with all its findings
/// (cross-document ones included), to a consumer in input order. `check` and `rank` both read their
/// inputs this way, so neither holds every parsed document of a run.
///
/// Two passes, each parallel over documents with its results taken in input order, so the output is the
/// same for any `--jobs`: pass 1 parses every document for the cross-document checker (whose findings
/// must be known before any document is scored); pass 2 checks one document at a time and hands it over.
/// Findings are so never held for the whole run, only for the documents in flight. Between the passes a
/// parsed document waits in memory within a budget, beyond it archived in a temporary file
/// (`ParsedDocumentSpool`); pass 2 parses again only what could be neither.
struct CheckedDocuments {
    let files: [String]
    let explicit: Set<String>
    let options: Options
    let engine: RuleEngine

    /// Runs both passes; `consume` gets each document that parsed, in input order, with its findings
    /// sorted as `RuleEngine.check` sorts them and the cross-document findings after them. Input problems
    /// are reported on stderr as they are met. Returns whether any of them makes the run exit 2.
    func run(consume: (Document, [Finding]) -> Void) -> Bool {
        var hadProblems = false
        let files = self.files, options = self.options, engine = self.engine
        let progress = ProgressLine(total: files.count, enabled: Console.stderrIsTerminal && files.count > 30 && !options.quiet)

        // Pass 1: parse every document and feed the cross-document checker in input order. Parsed documents
        // are kept while they fit `keptDocumentBudget`, so that pass 2 need not parse them again; beyond it,
        // they are set aside in their archived form (`DocumentArchive`), which the workers make once the
        // budget is spent, and pass 2 reads them back (parsing again only what could not be set aside).
        let corpus = CorpusChecker(engine: engine)
        var parsed = Array(repeating: false, count: files.count)
        /// Each parsed document's size in bytes, which weighs it in pass 2's window.
        var byteCounts = Array(repeating: 0, count: files.count)
        let shelf = DocumentShelf(count: files.count)
        let spool = ParsedDocumentSpool(count: files.count)
        var keptBytes = 0
        let keptBudget = Self.keptDocumentBudget
        DocumentPipeline.ordered(count: files.count, jobs: options.jobs, work: { i in
            DocumentPipeline.parse(files[i], stdinName: options.stdinName, language: options.language).map { document in
                (document, spool.isFilling ? spool.archive(document) : nil)
            }
        }, consume: { i, result in
            switch result {
            case .success(let (document, archived)):
                Inputs.noteRepair(document, language: options.language)
                corpus.add(document)
                parsed[i] = true
                byteCounts[i] = document.byteCount
                // Standard input can be read only once: its document is always kept.
                if files[i] == "-" || keptBytes + document.byteCount <= keptBudget {
                    keptBytes += files[i] == "-" ? 0 : document.byteCount
                    shelf.put(i, document)
                } else {
                    spool.put(i, document, archived: archived)
                }
            case .failure(let problem):
                if Inputs.report(problem, explicit: explicit, language: options.language) { hadProblems = true }
            }
            progress.advance()
        })
        progress.finish()

        // Pass 2: check each document (in parallel) and hand it over (in input order) while the next ones
        // are being checked. Only the document at hand and those in the window ahead are in memory, with
        // their findings. The workers start at once: the cross-document findings are only appended by the
        // consumer, which works them out first, while the workers check the first documents (a run-long
        // pause on one core otherwise, 5 % of the benchmark's time); the wider window lets them go on meanwhile.
        let checked = parsed.indices.filter { parsed[$0] }
        let weights = checked.map { byteCounts[$0] }
        var crossFindings: [String: [Finding]]?
        DocumentPipeline.ordered(count: checked.count, jobs: options.jobs, window: Self.checkWindow,
                                 weight: { weights[$0] }, weightBudget: Self.checkWindowBytes, work: { k in
            let i = checked[k]
            return ((shelf.take(i) ?? spool.take(i)).map { .success($0) }
                    ?? DocumentPipeline.parse(files[i], stdinName: options.stdinName, language: options.language))
                .map { document in (document, engine.check(document)) }
        }, consume: { _, result in
            let cross = crossFindings ?? Dictionary(grouping: corpus.finish(), by: \.location.path)
            crossFindings = cross
            switch result {
            case .success((let document, var findings)):
                // Appended only when there are some (`a + []` would still copy `a`).
                if let more = cross[document.path] { findings += more }
                consume(document, findings)
            case .failure(let problem):
                // Parsed once already, a document fails here only if its file changed in between.
                if Inputs.report(problem, explicit: explicit, language: options.language) { hadProblems = true }
            }
        })
        return hadProblems
    }

    /// How many bytes of input text pass 1 keeps parsed for pass 2. A parsed document takes about 2.6 times
    /// its text in memory (measured on the benchmark corpus: 64 MB of text kept cost 165 MB); so a
    /// department's documents are kept, and beyond this budget they go to a `ParsedDocumentSpool` rather
    /// than hold every row of a gigabyte of documents. `JXLINT_KEEP_MB` sets another budget, in megabytes
    /// (0: set every document aside), for a machine with more or less memory to spare.
    static var keptDocumentBudget: Int {
        guard let text = ProcessInfo.processInfo.environment["JXLINT_KEEP_MB"], let megabytes = Int(text),
              (0...(1 << 20)).contains(megabytes) else { return 32 << 20 }
        return megabytes << 20
    }

    /// How many documents pass 2 checks ahead of the one being reported, and how many bytes of input text
    /// they may hold at most (beyond one document): enough to keep both cores busy while the consumer works
    /// out the cross-document findings, without holding many very large documents at once.
    static let checkWindow = 64
    static let checkWindowBytes = 16 << 20
}

/// Documents parsed in pass 1 and kept for pass 2, each taken out (and so released) by the pass-2 worker
/// that checks it.
final class DocumentShelf: @unchecked Sendable {
    private var documents: [Document?]
    private let lock = NSLock()

    init(count: Int) { documents = Array(repeating: nil, count: count) }

    func put(_ i: Int, _ document: Document) {
        lock.lock()
        documents[i] = document
        lock.unlock()
    }

    func take(_ i: Int) -> Document? {
        lock.lock()
        defer { lock.unlock() }
        let document = documents[i]
        documents[i] = nil
        return document
    }
}

/// Parsed documents set aside in pass 1 beyond the keep budget, archived (`DocumentArchive`) in a
/// `TemporaryFile`, for pass 2 to read back: on the benchmark, reading a document back costs about a fifth
/// of parsing it again. The file takes about as much room as the input text set aside. Whatever cannot be
/// set aside (no temporary file, a full disk) or read back (damage) is parsed again, as without a spool.
final class ParsedDocumentSpool: @unchecked Sendable {
    private let lock = NSLock()
    /// The temporary file, made when the first document is set aside (a run within the budget makes none);
    /// nil before, or when none could be made. Written in pass 1 by the consumer only, read in pass 2.
    private var file: TemporaryFile?
    private var triedToOpen = false
    private var end = 0
    /// Where each document set aside lies in the file.
    private var places: [(offset: Int, count: Int)?]
    /// Set once the first document is set aside: from then on the workers archive what they parse, since
    /// the keep budget is spent (otherwise the consumer archives, on its own thread).
    private var filling = false

    init(count: Int) {
        places = Array(repeating: nil, count: count)
    }

    /// Whether documents are being set aside (see `filling`).
    var isFilling: Bool {
        lock.lock()
        defer { lock.unlock() }
        return filling
    }

    func archive(_ document: Document) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(document.byteCount)
        DocumentArchive.encode(document, into: &bytes)
        return bytes
    }

    /// Sets document `i` aside (called in input order, by one thread), archiving it unless a worker did.
    /// A write that fails leaves the document to be parsed again.
    func put(_ i: Int, _ document: Document, archived: [UInt8]?) {
        if !triedToOpen {
            triedToOpen = true
            file = TemporaryFile(prefix: "jxlint-parsed")
        }
        guard let file else { return }
        lock.lock()
        filling = true
        lock.unlock()
        let archive = archived ?? self.archive(document)
        guard archive.withUnsafeBytes({ file.write($0, at: end) }) == nil else { return }
        lock.lock()
        places[i] = (end, archive.count)
        lock.unlock()
        end += archive.count
    }

    /// Document `i` read back, or nil when it was not set aside or cannot be read back.
    func take(_ i: Int) -> Document? {
        lock.lock()
        let place = places.indices.contains(i) ? places[i] : nil
        lock.unlock()
        guard let place, let file else { return nil }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: place.count, alignment: 1)
        defer { bytes.deallocate() }
        guard file.read(into: bytes, at: place.offset) == place.count else { return nil }
        return DocumentArchive.decode(UnsafeRawBufferPointer(bytes))
    }
}
