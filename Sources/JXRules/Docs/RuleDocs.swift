import Foundation
import JXModel

/// The text of `jxlint rules` and `jxlint explain ID`, made from the rule files (the command line only
/// prints it).
public enum RuleDocs {
    /// One line per rule: id, severity, scope, title.
    public static func list(_ rules: RuleSet, language: Language = .zh) -> String {
        let width = rules.rules.map(\.metadata.id.count).max() ?? 0
        var out = language == .zh ? "规则（\(rules.rules.count) 条）\n" : "Rules (\(rules.rules.count))\n"
        for r in rules.rules {
            let m = r.metadata
            let id = m.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let sev = m.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let scope = m.scope.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            out += "\(id)  \(sev)  \(scope)  \(m.title.text(language))\n"
        }
        return out
    }

    /// The full documentation of one rule, or nil when no rule has this id.
    public static func explain(_ id: String, in rules: RuleSet, language: Language = .zh) -> String? {
        guard let m = rules.rule(id)?.metadata else { return nil }
        let zh = language == .zh
        var out = "\(m.id) — \(m.title.text(language))\n"
        out += zh ? "默认级别：\(m.defaultSeverity.rawValue)    类别：\(m.category)    范围：\(m.scope.rawValue)    原则：\(m.principle.rawValue)\n"
                  : "Default severity: \(m.defaultSeverity.rawValue)    category: \(m.category)    scope: \(m.scope.rawValue)    principle: \(m.principle.english) (\(m.principle.rawValue))\n"
        out += zh ? "实现：\(m.isData ? "规则文件中的条件" : "内置（Swift）")    文件：\(m.file)\n\n"
                  : "Implemented as: \(m.isData ? "a condition in the rule file" : "built-in (Swift)")    file: \(m.file)\n\n"
        out += (zh ? "为什么\n" : "Why\n") + "  \(m.rationale.text(language))\n\n"
        out += (zh ? "怎么改\n" : "How to fix\n") + "  \(m.hint.text(language))\n\n"
        out += zh ? "会报告的例子\n" : "Examples that trigger\n"
        for ex in m.triggering { out += render(ex, language: language) }
        out += zh ? "\n不会报告的例子\n" : "\nExamples that pass\n"
        for ex in m.passing { out += render(ex, language: language) }
        return out
    }

    static func render(_ ex: RuleExample, language: Language) -> String {
        let src = ex.source.map { language == .zh ? "  （来源：\($0)）" : "  (source: \($0))" } ?? ""
        func row(_ cells: [String]) -> String { cells.map { $0.isEmpty ? "—" : $0 }.joined(separator: " | ") }
        func table(_ t: ExampleTable, indent: String) -> String {
            var s = "\(indent)《\(t.title)》\n"
            if !t.goal.isEmpty { s += "\(indent)  \(language == .zh ? "绩效目标" : "goal")：\(t.goal.replacingOccurrences(of: "\n", with: " "))\n" }
            for r in t.rows { s += "\(indent)  \(row(r))\n" }
            return s
        }
        switch ex.content {
        case .row(let cells, _, _, _):
            return "  - \(row(cells))\(src)\n"
        case .table(let t, _):
            return "  -\(src)\n" + table(t, indent: "    ")
        case .documents(let docs):
            var s = "  -\(src)\n"
            for d in docs {
                s += "    \(d.path)\n"
                for t in d.tables { s += table(t, indent: "      ") }
            }
            return s
        }
    }
}
