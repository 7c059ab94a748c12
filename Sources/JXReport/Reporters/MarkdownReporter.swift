import JXModel

/// The Markdown report of `check`: a summary, then one section per document with its table scores and its
/// findings, for pasting into an issue, a wiki page or an e-mail.
public struct MarkdownReporter: OverviewReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func writeOpening<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let l = Localizer(language: language)
        let summary = report.summary
        sink.write(l("# jxlint 绩效目标表审核报告\n\n", "# jxlint performance-goal table review\n\n"))
        sink.write(l("## 汇总\n\n", "## Summary\n\n"))
        sink.write(l("| 文档 | 绩效目标表 | 指标行 | 错误 | 警告 | 提示 |\n", "| documents | goal tables | rows | errors | warnings | info |\n"))
        sink.write("|---:|---:|---:|---:|---:|---:|\n")
        sink.write("| \(summary.documents) | \(summary.tables) | \(summary.rows) | \(summary.errors) | \(summary.warnings) | \(summary.infos) |\n\n")

        let ranking = DepartmentRanking.build(report)
        if !ranking.isEmpty {
            sink.write(l("| 排名 | 部门 | 年度 | 得分 | 等级 |\n", "| rank | department | year | score | grade |\n"))
            sink.write("|---:|---|---:|---:|---|\n")
            for line in ranking {
                sink.write("| \(line.rank.map(String.init) ?? "—") | \(Self.cell(line.label(language))) | \(l.year(line.year)) | \(l.score(line.score)) | \(l.grade(line.grade)) |\n")
            }
            sink.write("\n")
        }
        if !summary.worstTables.isEmpty {
            sink.write(l("得分最低的表：\n\n", "Lowest-scoring tables:\n\n"))
            for table in summary.worstTables {
                sink.write("- \(l.score(table.score))" + l("（\(l.grade(table.grade))）", " (\(l.grade(table.grade)))") + " `\(table.path):\(table.line)` \(Self.inline(table.title))\n")
            }
            sink.write("\n")
        }
    }

    public func writeClosing<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {}

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, findingsBefore: Int,
                                                rules: [RuleDescription], to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write("## \(Self.inline(l.department(document.department))) \(l.year(document.budgetYear))\n\n")
        sink.write("`\(document.path)` — " + l("得分 \(l.score(document.score))（\(l.grade(document.grade))）",
                                               "score \(l.score(document.score)) (\(l.grade(document.grade)))") + "\n\n")
        if !document.tables.isEmpty {
            sink.write(l("| 表 | 项目 | 行 | 得分 | 等级 | 错误 | 警告 | 提示 |\n",
                         "| table | project | line | score | grade | errors | warnings | info |\n"))
            sink.write("|---:|---|---:|---:|---|---:|---:|---:|\n")
            for table in document.tables {
                let number = table.table.printedNumber ?? String(table.table.index)
                sink.write("| \(Self.cell(number)) | \(Self.cell(table.table.project)) | \(table.table.line) | \(l.score(table.score)) | \(l.grade(table.grade)) | \(table.count(.error)) | \(table.count(.warning)) | \(table.count(.info)) |\n")
            }
            sink.write("\n")
        }
        for table in document.tables where !table.findings.isEmpty {
            let title = table.table.title.text.isEmpty ? table.table.project : table.table.title.text
            sink.write("### \(Self.inline(title))\n\n")
            for finding in table.findings { writeFinding(finding, to: &sink) }
            sink.write("\n")
        }
        if !document.findings.isEmpty {
            sink.write(l("### 文档级问题\n\n", "### Document-level findings\n\n"))
            for finding in document.findings { writeFinding(finding, to: &sink) }
            sink.write("\n")
        }
    }

    /// A finding's line, written piece by piece (joining the pieces into one string first cost more than
    /// writing them).
    private func writeFinding<Sink: ReportSink>(_ finding: Finding, to sink: inout Sink) {
        let l = Localizer(language: language)
        let english = language == .en
        sink.write(literal: "- **")
        sink.write(l.severity(finding.severity))
        sink.write(literal: "** `")
        sink.write(finding.ruleID)
        sink.write(literal: english ? "` line " : "` 第 ")
        JSONText.writeInt(finding.location.line, to: &sink)
        if !english { sink.write(literal: " 行") }
        if let name = finding.location.rowName, !name.isEmpty {
            sink.write(literal: " · ")
            sink.write(Self.inline(name))
        }
        sink.write(literal: "：")
        sink.write(Self.inline(finding.message.text(language)))
        if !finding.evidence.isEmpty {
            sink.write(literal: english ? " (text: " : "（原文：")
            sink.write(Self.code(finding.evidence))
            sink.write(literal: english ? ")" : "）")
        }
        let hint = finding.hint.text(language)
        if !hint.isEmpty {
            sink.write(literal: english ? "  \n  Hint: " : "  \n  建议：")
            sink.write(Self.inline(hint))
        }
        sink.write(byte: 0x0A)
    }

    /// Text inside a table cell: pipes escaped and line breaks flattened, or the table row would break.
    static func cell(_ text: String) -> String {
        // `inline` already escapes "|".
        inline(text)
    }

    /// Running text: line breaks flattened and Markdown's active characters escaped so that document text
    /// ("**", "#", "<br>") shows as written.
    static func inline(_ text: String) -> String {
        // Most cells have none of these characters (all ASCII, so a byte scan finds them): no copy then.
        guard TextScan.anyByte(of: text, isActive) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\n", "\r", "\r\n": result += " "
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#", "|": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// Whether a byte is one of the characters `inline` replaces or escapes.
    private static func isActive(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x0A, 0x0D, 0x5C, 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x23, 0x7C: return true // \n \r \\ * _ ` [ ] < > # |
        default: return false
        }
    }

    /// Inline code holding any text: fenced with one more backtick than the longest run inside it.
    static func code(_ text: String) -> String {
        // Most quoted cells are one line without a backtick: one backtick either side (what the general
        // path below makes of them), found from the bytes without walking the characters.
        if !TextScan.containsNewline(text), !TextScan.anyByte(of: text, { $0 == 0x60 }) { return "`" + text + "`" }
        return codeByCharacters(text)
    }

    /// `code` of any text, character by character (tests compare the two).
    static func codeByCharacters(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var longest = 0, current = 0
        for character in flat {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
