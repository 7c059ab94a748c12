import Foundation
import JXModel
import JXParse

// jxlint-bench: builds the benchmark corpus (the Corpus documents copied to 1,000 files, ~93 MB, and a
// 100-file corpus 10× smaller) in a temporary folder and measures, in this (release) build:
//   1. parse only, in process;
//   2. `jxlint check --format json -o FILE` as a child process (wall, CPU, peak memory);
// and prints MB/s, tables/s, wall and CPU time, peak memory, and the growth ratio between the two sizes.
// Usage: swift run -c release jxlint-bench [--files N] [--keep] [--corpus DIR] [--parse-only]

struct Args {
    var files = 1000
    var keep = false
    var corpus: String?
    /// Skip the `check` runs (for profiling the parse stage alone).
    var parseOnly = false
    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--files": files = it.next().flatMap(Int.init) ?? files
            case "--keep": keep = true
            case "--corpus": corpus = it.next()
            case "--parse-only": parseOnly = true
            default: FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8)); exit(2)
            }
        }
    }
}

let args = Args()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let corpusDir = args.corpus.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("Corpus")
let sources = (try FileManager.default.contentsOfDirectory(atPath: corpusDir.path)).filter { $0.hasSuffix(".txt") }.sorted()
guard !sources.isEmpty else { print("no .txt in \(corpusDir.path)"); exit(2) }
let sourceData = try sources.map { try Data(contentsOf: corpusDir.appendingPathComponent($0)) }

/// Writes `count` copies of the corpus documents, round-robin, into a new folder.
func makeCorpus(_ count: Int) throws -> (URL, Int) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jxlint-bench-\(count)-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var bytes = 0
    for i in 0..<count {
        let data = sourceData[i % sourceData.count]
        try data.write(to: dir.appendingPathComponent(String(format: "%05d-%@", i, sources[i % sources.count])))
        bytes += data.count
    }
    return (dir, bytes)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func cpuSeconds(_ who: Int32) -> Double {
    var usage = rusage()
    getrusage(who, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

struct Measure {
    var label: String
    var bytes: Int
    var tables: Int
    var wall: Double
    var cpu: Double
    var peakMB: Double
    func line() -> String {
        String(format: "%-28@ %8.1f MB  %8.3f s wall  %8.3f s cpu  %8.1f MB/s  %10.0f tables/s  peak %6.1f MB",
               label as NSString, Double(bytes) / 1e6, wall, cpu, Double(bytes) / 1e6 / wall, Double(tables) / wall, peakMB)
    }
}

func parseOnly(_ dir: URL, bytes: Int) throws -> Measure {
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    let cpu0 = cpuSeconds(RUSAGE_SELF.rawValue), t0 = now()
    let tables = ResultBox()
    DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { worker in
        var count = 0
        var i = worker
        let workers = ProcessInfo.processInfo.activeProcessorCount
        while i < files.count {
            if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(files[i]).path),
               let d = try? DocumentParser.parse(bytes: [UInt8](data), path: files[i]) {
                count += d.tables.count
            }
            i += workers
        }
        tables.add(count)
    }
    let wall = now() - t0
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Measure(label: "parse only (\(files.count) files)", bytes: bytes, tables: tables.value, wall: wall,
                   cpu: cpuSeconds(RUSAGE_SELF.rawValue) - cpu0, peakMB: Double(usage.ru_maxrss) / 1024)
}

final class ResultBox: @unchecked Sendable {
    private var total = 0
    private let lock = NSLock()
    func add(_ n: Int) { lock.lock(); total += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return total }
}

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// Runs `path` with `arguments` (stderr to /dev/null) and waits for it with wait4, which reports the
/// child's own CPU time and peak memory. (Foundation's Process reaps the child itself, so a wait4 after it
/// gets no rusage.)
func spawnAndWait(_ path: String, _ arguments: [String]) throws -> rusage {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard spawned == 0 else { throw SpawnError(description: "cannot run \(path): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    return usage
}

/// Runs the jxlint binary next to this one; wall, CPU and peak memory of the child alone.
func check(_ dir: URL, bytes: Int, tables: Int, jobs: Int?) throws -> Measure {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jxlint")
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("jxlint-bench-report-\(getpid()).json")
    var arguments = ["check", dir.path, "--format", "json", "-o", report.path, "--fail-on", "never"]
    if let jobs { arguments += ["--jobs", String(jobs)] }
    let t0 = now()
    let usage = try spawnAndWait(binary.path, arguments)
    let wall = now() - t0
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    try? FileManager.default.removeItem(at: report)
    return Measure(label: "check --format json" + (jobs.map { " -j\($0)" } ?? ""), bytes: bytes, tables: tables,
                   wall: wall, cpu: cpu, peakMB: Double(usage.ru_maxrss) / 1024)
}

print("jxlint-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Date())")
var results: [Int: (parse: Measure, check: Measure)] = [:]
for count in [args.files / 10, args.files] {
    let (dir, bytes) = try makeCorpus(count)
    let parse = try parseOnly(dir, bytes: bytes)
    print(parse.line())
    if !args.parseOnly {
        let full = try check(dir, bytes: bytes, tables: parse.tables, jobs: nil)
        print(full.line())
        results[count] = (parse, full)
    }
    if args.keep {
        // The side-by-side run of the README: jxlint, the Python peer and rg over the same bytes, in one
        // hyperfine invocation so that the ratios come from one machine state.
        let jxlint = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jxlint").path
        print("kept: \(dir.path)")
        print("side by side: hyperfine -w 1 -r 5 "
              + "'\(jxlint) check \(dir.path) --format json -o /tmp/jxlint-report.json --fail-on never' "
              + "'python3 \(root.deletingLastPathComponent().path)/shared/bench/reference_linter.py \(dir.path)' "
              + "'rg -c 绩效目标表 \(dir.path)'")
    } else {
        try? FileManager.default.removeItem(at: dir)
    }
}
if let small = results[args.files / 10], let large = results[args.files] {
    print(String(format: "growth for 10x the documents: parse %.2fx, check %.2fx (target ≤ 12x)",
                 large.parse.wall / small.parse.wall, large.check.wall / small.check.wall))
}
