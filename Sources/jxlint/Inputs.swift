import Foundation
import JXModel
import JXParse

/// A document to check: where it came from and its bytes (or why they could not be read).
struct InputDocument {
    /// The path as shown to the user.
    var path: String
    var bytes: [UInt8]?
    var readError: LocalizedText?
}

/// A problem with an input that stops that input only; printed as `path: error: reason`.
struct InputProblem: Error, Sendable {
    var path: String
    var message: LocalizedText
    /// A readable text with no goal table: for a file found by walking a folder (a README beside the
    /// documents) this is a note, not a failed input.
    var noGoalTable = false
}

/// Expands the command line's paths into documents: folders are walked recursively for .txt, .md, .csv and
/// .tsv files (sorted, symlink loops skipped); "-" is standard input.
enum Inputs {
    static let extensions: Set<String> = ["txt", "md", "csv", "tsv", "text", "markdown"]

    /// The files to read, the problems met finding them, and which files were named on the command line.
    struct Expansion {
        var files: [String]
        var problems: [InputProblem]
        var explicit: Set<String>
    }

    static func expand(_ paths: [String], stdinName: String) -> Expansion {
        var files: [String] = []
        var problems: [InputProblem] = []
        var explicit: Set<String> = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                files.append("-")
                explicit.insert(stdinName)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(InputProblem(path: path, message: LocalizedText(zh: "文件或文件夹不存在", en: "no such file or folder")))
                continue
            }
            if isDirectory.boolValue {
                var visited: Set<String> = []
                walk(path, into: &files, problems: &problems, visited: &visited)
            } else {
                files.append(path)
                explicit.insert(path)
            }
        }
        return Expansion(files: files, problems: problems, explicit: explicit)
    }

    /// The command line's inputs, expanded, with the problems met finding them already reported (one line
    /// each on stderr); `hadProblems` says whether any of them makes the run exit 2. Every command that reads
    /// documents starts here.
    static func collect(_ options: Options) throws -> (expansion: Expansion, hadProblems: Bool) {
        guard !options.paths.isEmpty else {
            throw UsageError(message: "\(options.command): no input given; try: jxlint --help")
        }
        let expansion = expand(options.paths, stdinName: options.stdinName)
        var hadProblems = false
        for p in expansion.problems where report(p, explicit: expansion.explicit, language: options.language) {
            hadProblems = true
        }
        if expansion.files.isEmpty && expansion.problems.isEmpty {
            Console.error("jxlint: no .txt, .md, .csv or .tsv file found in \(options.paths.joined(separator: " "))")
            hadProblems = true
        }
        return (expansion, hadProblems)
    }

    /// A note on stderr when the decoder had to replace invalid bytes: the document is checked, but the
    /// user should know that some characters were unreadable and where the first one is.
    static func noteRepair(_ document: Document, language: Language) {
        guard let repair = document.encodingRepair else { return }
        let message = language == .en
            ? "\(repair.replacedSequences) unreadable byte sequence(s) replaced with �; the first is on line \(repair.firstLine)"
            : "\(repair.replacedSequences) 处无法识别的字节已替换为 �，第一处在第 \(repair.firstLine) 行"
        Console.error("\(document.path):\(repair.firstLine): note: \(message)")
    }

    /// Prints a problem on stderr, one line naming the file; returns whether it makes the run exit 2.
    /// A file without goal tables found by walking a folder (a README beside the documents) is only a note.
    static func report(_ problem: InputProblem, explicit: Set<String>, language: Language) -> Bool {
        let message = problem.message.text(language)
        if problem.noGoalTable && !explicit.contains(problem.path) {
            Console.error("\(problem.path): note: \(message)")
            return false
        }
        Console.error("\(problem.path): error: \(message)")
        return true
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
            problems.append(InputProblem(path: folder, message: LocalizedText(zh: "文件夹无法读取", en: "folder cannot be read")))
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
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let denied = errno == EACCES || errno == EPERM
            return InputDocument(path: path, bytes: nil, readError: denied
                                 ? LocalizedText(zh: "文件无法读取（没有权限）", en: "file cannot be read (permission denied)")
                                 : LocalizedText(zh: "文件无法读取", en: "file cannot be read"))
        }
        defer { close(descriptor) }
        guard let bytes = readAll(descriptor) else {
            return InputDocument(path: path, bytes: nil, readError: LocalizedText(zh: "文件无法读取", en: "file cannot be read"))
        }
        return InputDocument(path: path, bytes: bytes)
    }

    /// Everything left to read from `descriptor`, straight into the array the parser reads (a `Data` first
    /// cost a copy of every input, twice per run), sized by `fstat` and read further if the file is longer.
    private struct ReadFailed: Error {}

    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var info = stat()
        let expected = fstat(descriptor, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
        var bytes: [UInt8] = []
        // One byte more than expected, so that a file of the expected size is read to its end in one go.
        var capacity = expected + 1
        while true {
            let part = try? [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count throws(ReadFailed) in
                count = 0
                guard let base = buffer.baseAddress else { return }
                while count < buffer.count {
                    let n = Glibc.read(descriptor, base + count, buffer.count - count)
                    if n < 0, errno == EINTR { continue }
                    guard n >= 0 else { throw ReadFailed() }
                    if n == 0 { return }
                    count += n
                }
            }
            guard let part else { return nil }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if part.count < capacity { return bytes }
            capacity = 1 << 16
        }
    }
}
