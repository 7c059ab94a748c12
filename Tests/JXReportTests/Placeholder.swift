import XCTest

final class JXReportTestsPlaceholder: XCTestCase {}
