import XCTest

final class JXLintCLITestsPlaceholder: XCTestCase {}
