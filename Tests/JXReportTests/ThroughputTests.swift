import Foundation
import JXModel
import XCTest
@testable import JXReport

/// A rough throughput figure for the JSON writer, only when JXREPORT_PERF is set (the real benchmark is
/// `jxlint-bench` in a release build; this just catches a writer that went quadratic).
final class ThroughputTests: XCTestCase {
    func testJSONWriterThroughput() throws {
        guard ProcessInfo.processInfo.environment["JXREPORT_PERF"] != nil else { throw XCTSkip("set JXREPORT_PERF to run") }
        let report = try CorpusFixture.run()
        let rounds = Int(ProcessInfo.processInfo.environment["JXREPORT_PERF"] ?? "") ?? 10
        var total = 0
        let start = Date()
        for _ in 0..<rounds {
            var sink = ByteBuffer()
            sink.bytes.reserveCapacity(4 << 20)
            JSONReporter().write(report, to: &sink)
            total += sink.bytes.count
        }
        let seconds = Date().timeIntervalSince(start)
        print("JSON writer: \(total / rounds) bytes per report, \(String(format: "%.1f", Double(total) / seconds / 1e6)) MB/s")
    }
}
