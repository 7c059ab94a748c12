import Foundation
import JXModel
import JXParse

/// `jxlint check PATH…`: parse, run the rules, score, report.
enum CheckCommand {
    static func run(_ options: Options) throws -> Int32 {
        _ = try options.format(default: "text", allowed: ["text", "json"])
        let inputs = try ParsedInputs(options)
        return inputs.hadProblems ? 2 : 0
    }
}
