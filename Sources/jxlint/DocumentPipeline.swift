import Foundation
import JXModel
import JXParse

/// Reads and parses a set of inputs in parallel (`--jobs`, default: every core) and applies a transform
/// to each document, returning the results in input order whatever the scheduling.
enum DocumentPipeline {
    static func map<T: Sendable>(_ indices: [Int], files: [String], stdinName: String, language: Language, jobs: Int,
                                 transform: @escaping @Sendable (Document) -> T) -> [Result<T, InputProblem>] {
        let english = language == .en
        let work: @Sendable (Int) -> Result<T, InputProblem> = { position in
            let input = Inputs.read(files[indices[position]], stdinName: stdinName)
            guard let bytes = input.bytes else {
                return .failure(InputProblem(path: input.path, message: input.readError ?? "cannot be read"))
            }
            do throws(DocumentError) {
                return .success(transform(try DocumentParser.parse(bytes: bytes, path: input.path)))
            } catch {
                return .failure(InputProblem(path: input.path, message: error.message(english: english),
                                             noGoalTable: error == .noGoalTable))
            }
        }
        let workers = min(indices.count, max(1, jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount))
        if workers <= 1 { return indices.indices.map(work) }
        let slots = ResultSlots<Result<T, InputProblem>?>(count: indices.count, empty: nil)
        let next = Counter()
        let count = indices.count
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment() - 1
                guard i < count else { return }
                slots.set(i, work(i))
            }
        }
        return slots.values.map { $0 ?? .failure(InputProblem(path: "?", message: "not processed")) }
    }
}

/// One line of progress on stderr for long runs on a terminal ("已检查 120/1000 个文件").
final class ProgressLine {
    private let total: Int
    private let enabled: Bool
    private var done = 0

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance() {
        done += 1
        guard enabled, done % 10 == 0 || done == total else { return }
        FileHandle.standardError.write(Data("\r\(done)/\(total) …".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
