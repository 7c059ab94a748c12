import Foundation
import JXModel
import JXParse

/// Reads and parses inputs in parallel (`--jobs`, default: every core) and hands the results over in input
/// order whatever the scheduling.
enum DocumentPipeline {
    /// Reads and parses one input; a problem names the file and the reason.
    static func parse(_ file: String, stdinName: String, language: Language) -> Result<Document, InputProblem> {
        let input = Inputs.read(file, stdinName: stdinName)
        guard let bytes = input.bytes else {
            return .failure(InputProblem(path: input.path, message: input.readError ?? LocalizedText(zh: "无法读取", en: "cannot be read")))
        }
        do throws(DocumentError) {
            return .success(try DocumentParser.parse(bytes: bytes, path: input.path))
        } catch {
            return .failure(InputProblem(path: input.path, message: LocalizedText(zh: error.message(english: false), en: error.message(english: true)),
                                         noGoalTable: error == .noGoalTable))
        }
    }

    /// The number of worker threads for `--jobs` (0: every core), never more than there is work.
    static func workers(jobs: Int, count: Int) -> Int {
        min(count, max(1, jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Runs `work` for 0..<count on worker threads and hands each result to `consume`, on the calling
    /// thread, in index order.
    ///
    /// The consumer (the cross-document checker, the report writer) works while the workers already
    /// compute the next items, so its serial work overlaps theirs instead of leaving cores idle between
    /// batches. Workers run at most `window` items ahead of the consumer, which bounds the memory held in
    /// finished but unconsumed results; when `weight` is given (an item's input bytes), they also stop
    /// claiming while the items claimed and not yet consumed weigh more than `weightBudget`, so that a few
    /// very large documents are not all held at once (one item is always allowed, however heavy). With one
    /// job everything runs on the calling thread, in order.
    static func ordered<T: Sendable>(count: Int, jobs: Int, window: Int = 16,
                                     weight: (@Sendable (Int) -> Int)? = nil, weightBudget: Int = .max,
                                     work: @escaping @Sendable (Int) -> T, consume: (Int, T) -> Void) {
        let workers = workers(jobs: jobs, count: count)
        if workers <= 1 {
            for i in 0..<count { consume(i, work(i)) }
            return
        }
        let handoff = OrderedHandoff<T>(count: count, window: max(window, 2 * workers),
                                        weight: weight ?? { _ in 0 }, weightBudget: weightBudget)
        let done = DispatchGroup()
        for _ in 0..<workers {
            done.enter()
            Thread.detachNewThread {
                while let i = handoff.claim() { handoff.deliver(i, work(i)) }
                done.leave()
            }
        }
        for i in 0..<count { consume(i, handoff.take(i)) }
        done.wait()
    }
}

/// The meeting point of `DocumentPipeline.ordered`: workers claim indices and deliver results into a ring
/// of `window` slots; the consumer takes them out in index order, which frees slots for further claims.
private final class OrderedHandoff<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private let weight: @Sendable (Int) -> Int
    private let weightBudget: Int
    /// Slot `i % window` holds the result of item `i` between its delivery and its consumption.
    private var slots: [T?]
    private var nextClaim = 0
    private var nextTake = 0
    /// The weight of the items claimed and not yet taken (`nextTake..<nextClaim`).
    private var weightInFlight = 0

    init(count: Int, window: Int, weight: @escaping @Sendable (Int) -> Int, weightBudget: Int) {
        self.count = count
        self.window = window
        self.weight = weight
        self.weightBudget = weightBudget
        slots = Array(repeating: nil, count: window)
    }

    /// The next item to work on, waiting while the consumer is `window` items (or `weightBudget`) behind;
    /// nil when all are claimed. Claims are in index order, so the item the consumer waits for is always
    /// claimed: when nothing is in flight, the next claim goes ahead whatever its weight.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextClaim < count
                && (nextClaim >= nextTake + window
                    || (weightInFlight > 0 && weightInFlight + weight(nextClaim) > weightBudget)) {
            condition.wait()
        }
        guard nextClaim < count else { return nil }
        weightInFlight += weight(nextClaim)
        nextClaim += 1
        return nextClaim - 1
    }

    func deliver(_ i: Int, _ value: T) {
        condition.lock()
        slots[i % window] = value
        condition.broadcast()
        condition.unlock()
    }

    /// The result of item `i` (the next in order), waiting until a worker delivers it.
    func take(_ i: Int) -> T {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = slots[i % window] {
                slots[i % window] = nil
                nextTake = i + 1
                weightInFlight -= weight(i)
                condition.broadcast()
                return value
            }
            condition.wait()
        }
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
