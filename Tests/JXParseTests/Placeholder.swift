import XCTest

final class JXParseTestsPlaceholder: XCTestCase {}
