import XCTest

final class JXRulesTestsPlaceholder: XCTestCase {}
