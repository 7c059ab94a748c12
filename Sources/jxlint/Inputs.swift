import Foundation
import JXModel
import JXParse

/// A document to check: where it came from and its bytes (or why they could not be read).
struct InputDocument {
    /// The path as shown to the user.
    var path: String
    var bytes: [UInt8]?
    var readError: String?
}

/// A problem with an input that stops that input only; printed as `path: error: reason`.
struct InputProblem: Error, Sendable {
    var path: String
    var message: String
}

/// Expands the command line's paths into documents: folders are walked recursively for .txt, .md, .csv and
/// .tsv files (sorted, symlink loops skipped); "-" is standard input.
enum Inputs {
    static let extensions: Set<String> = ["txt", "md", "csv", "tsv", "text", "markdown"]

    static func expand(_ paths: [String], stdinName: String) -> (files: [String], problems: [InputProblem]) {
        var files: [String] = []
        var problems: [InputProblem] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                files.append("-")
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(InputProblem(path: path, message: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                var visited: Set<String> = []
                walk(path, into: &files, problems: &problems, visited: &visited)
            } else {
                files.append(path)
            }
        }
        return (files, problems)
    }

    private static func walk(_ folder: String, into files: inout [String], problems: inout [InputProblem],
                             visited: inout Set<String>) {
        let fm = FileManager.default
        let real = (try? fm.destinationOfSymbolicLink(atPath: folder)).map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: folder).deletingLastPathComponent()).standardizedFileURL.path
        } ?? URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }   // a symlink loop
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            problems.append(InputProblem(path: folder, message: "folder cannot be read"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }  // dangling link
            if isDirectory.boolValue {
                walk(path, into: &files, problems: &problems, visited: &visited)
            } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                files.append(path)
            }
        }
    }

    /// The bytes of a file, or a one-line reason they could not be read.
    static func read(_ path: String, stdinName: String) -> InputDocument {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return InputDocument(path: stdinName, bytes: [UInt8](data))
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return InputDocument(path: path, bytes: nil, readError: "file cannot be read (permission denied)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return InputDocument(path: path, bytes: nil, readError: "file cannot be read")
        }
        return InputDocument(path: path, bytes: [UInt8](data))
    }
}

/// Parses every input, in parallel, keeping the command line's order in the results.
enum ParseStage {
    struct Result: Sendable {
        var document: Document?
        var problem: InputProblem?
    }

    static func run(_ files: [String], stdinName: String, language: Language, jobs: Int) -> [Result] {
        let english = language == .en
        let work: @Sendable (Int) -> Result = { i in
            let input = Inputs.read(files[i], stdinName: stdinName)
            guard let bytes = input.bytes else {
                return Result(problem: InputProblem(path: input.path, message: input.readError ?? "cannot be read"))
            }
            do throws(DocumentError) {
                return Result(document: try DocumentParser.parse(bytes: bytes, path: input.path))
            } catch {
                return Result(problem: InputProblem(path: input.path, message: error.message(english: english)))
            }
        }
        let workers = max(1, jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount)
        if workers == 1 || files.count < 2 {
            return files.indices.map(work)
        }
        let results = ResultSlots<Result>(count: files.count, empty: Result())
        let next = Counter()
        let count = files.count
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while true {
                let i = next.increment() - 1
                guard i < count else { return }
                results.set(i, work(i))
            }
        }
        return results.values
    }
}

/// Results written by several threads, each into its own slot; read once all are done.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T]
    private let lock = NSLock()
    init(count: Int, empty: T) { slots = Array(repeating: empty, count: count) }
    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }
    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// A thread-safe counter handing out work items.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
