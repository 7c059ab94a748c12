import Foundation
import JXModel
import JXParse

/// The bundled corpus (never ../shared: tests run on Corpus/ only).
enum CorpusFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Corpus")

    static let baigou2023 = "2023-保定白沟新城党群工作部"
    static let caofeidian2023 = "2023-曹妃甸区人力资源和社会保障局"
    static let baigou2021 = "2021-保定白沟新城管理委员会组织人事局"
    static let pingxiang2023 = "2023-中共平乡县委组织部"
    static let qinhuangdao2023 = "2023-中共秦皇岛经济技术开发区工作委员会党建工作部"
    static let all = [baigou2023, caofeidian2023, baigou2021, pingxiang2023, qinhuangdao2023]

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: corpus.appendingPathComponent(name + ".txt")))
    }

    /// Every line of every Corpus document as printed (split on "\n" only, so a CR stays), then each
    /// normalised: what line-level fast paths are compared with their character-level code on.
    static func linesAndNormalisedLines() throws -> [String] {
        var texts: [String] = []
        for name in all {
            let lines = String(decoding: try bytes(name), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            texts += lines + lines.map(Normalizer.normalize)
        }
        return texts
    }

    /// Parsed with the path the expectation files were written with ("Corpus/NAME.txt").
    static func document(_ name: String) throws -> Document {
        try DocumentParser.parse(bytes: bytes(name), path: "Corpus/\(name).txt")
    }
}
