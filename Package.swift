// swift-tools-version:6.0
import PackageDescription

// No third-party dependencies: Foundation, Glibc and the toolchain's test libraries only.
let package = Package(
    name: "jxlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jxlint", targets: ["jxlint"]),
        .executable(name: "jxlint-bench", targets: ["jxlint-bench"]),
    ],
    targets: [
        // Plain value types shared by every stage.
        .target(name: "JXModel"),
        // bytes → text → tables → rows → values.
        .target(name: "JXParse", dependencies: ["JXModel"]),
        // rows → findings: rule engine, data rules from Rules/, structural rules.
        .target(name: "JXRules", dependencies: ["JXModel"]),
        // findings → scores and reports.
        .target(name: "JXReport", dependencies: ["JXModel"]),
        .executableTarget(name: "jxlint", dependencies: ["JXModel", "JXParse", "JXRules", "JXReport"]),
        // Benchmark (issue 5): run with `swift run -c release jxlint-bench`; never part of `swift test`.
        .executableTarget(name: "jxlint-bench", dependencies: ["JXModel", "JXParse"]),
        .testTarget(name: "JXParseTests", dependencies: ["JXModel", "JXParse"]),
        .testTarget(name: "JXRulesTests", dependencies: ["JXModel", "JXParse", "JXRules"]),
        .testTarget(name: "JXReportTests", dependencies: ["JXModel", "JXParse", "JXRules", "JXReport"]),
        .testTarget(name: "JXLintCLITests", dependencies: ["jxlint"]),
    ]
)
