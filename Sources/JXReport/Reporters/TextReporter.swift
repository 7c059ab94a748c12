import JXModel

/// The text report of `check`, read in a terminal or by an editor's error list.
///
/// Each finding is one compiler-style line, `path:line: error[rule-id] message`, followed by indented
/// evidence and hint lines; findings are grouped under a heading per table with the table's score. The
/// severity word in the finding line stays English in both languages because editors and CI tools match
/// on it. A closing summary gives the totals and the five worst tables. Colour (ANSI) only when asked.
public struct TextReporter: StreamingReportWriter {
    public let language: Language
    public let color: Bool

    public init(language: Language = .zh, color: Bool = false) {
        self.language = language
        self.color = color
    }

    public func writeStart<Sink: ReportSink>(tool: ToolInfo, to sink: inout Sink) {}

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        // Buffered per document so that the writing code is specialised (see `writeBuffered`).
        sink.writeBuffered { buffer in writeDocumentBody(document, position: position, to: &buffer) }
    }

    private func writeDocumentBody(_ document: DocumentReport, position: Int, to sink: inout ByteBuffer) {
        let l = Localizer(language: language)
        if position > 0 { sink.write("\n") }
        var heading = "\(document.path) · \(l.department(document.department)) · \(l.year(document.budgetYear))"
        if let score = document.score {
            heading += l(" · 得分 \(l.score(score))（\(l.grade(document.grade))）",
                         " · score \(l.score(score)) (\(l.grade(document.grade)))")
        } else {
            heading += l(" · 未找到绩效目标表", " · no goal tables found")
        }
        sink.write(paint(heading, .bold) + "\n")
        for table in document.tables where !table.findings.isEmpty {
            let goalTable = table.table
            let counts = Severity.allCases.reversed().compactMap { severity -> String? in
                let count = table.count(severity)
                return count == 0 ? nil : l("\(l.severity(severity)) \(count)", "\(count) \(l.severity(severity))")
            }.joined(separator: l("，", ", "))
            let title = goalTable.title.text.isEmpty ? goalTable.project : goalTable.title.text
            let line = l("  表 \(goalTable.index)「\(title)」第 \(goalTable.line) 行：得分 \(l.score(table.score))（",
                         "  table \(goalTable.index) \"\(title)\" line \(goalTable.line): score \(l.score(table.score)) (")
                + paint(l.grade(table.grade), gradeStyle(table.grade)) + l("），", "), ") + counts
            sink.write(line + "\n")
            for finding in table.findings { writeFinding(finding, to: &sink) }
        }
        if !document.findings.isEmpty {
            sink.write(l("  文档级问题\n", "  document-level findings\n"))
            for finding in document.findings { writeFinding(finding, to: &sink) }
        }
    }

    /// A finding's lines, written piece by piece: joining them into strings first (an interpolation, a
    /// concatenation and a copy per piece) cost several times the writing, on every finding of a run.
    private func writeFinding<Sink: ReportSink>(_ finding: Finding, to sink: inout Sink) {
        let english = language == .en
        let style: Style = finding.severity == .error ? .red : finding.severity == .warning ? .yellow : .cyan
        sink.write(finding.location.path)
        sink.write(byte: 0x3A)  // ":"
        JSONText.writeInt(finding.location.line, to: &sink)
        sink.write(literal: ": ")
        startPaint(style, to: &sink)
        sink.write(finding.severity.rawValue)
        sink.write(byte: 0x5B)  // "["
        sink.write(finding.ruleID)
        sink.write(byte: 0x5D)  // "]"
        endPaint(style, to: &sink)
        sink.write(byte: 0x20)
        writeOneLine(finding.message.text(language), to: &sink)
        sink.write(byte: 0x0A)
        if !finding.evidence.isEmpty {
            startPaint(.dim, to: &sink)
            sink.write(literal: english ? "    text: " : "    原文：")
            writeOneLine(finding.evidence, to: &sink)
            if let name = finding.location.rowName, !name.isEmpty, name != finding.evidence {
                sink.write(literal: english ? " (" : "（")
                writeOneLine(name, to: &sink)
                sink.write(literal: english ? ")" : "）")
            }
            endPaint(.dim, to: &sink)
            sink.write(byte: 0x0A)
        }
        let hint = finding.hint.text(language)
        if !hint.isEmpty {
            startPaint(.dim, to: &sink)
            sink.write(literal: english ? "    hint: " : "    建议：")
            writeOneLine(hint, to: &sink)
            endPaint(.dim, to: &sink)
            sink.write(byte: 0x0A)
        }
    }

    public func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write("\n")
        sink.write(paint(l("汇总", "Summary"), .bold))
        sink.write(l("：\(summary.documents) 份文档，\(summary.tables) 张绩效目标表，\(summary.rows) 行指标；",
                     ": \(summary.documents) documents, \(summary.tables) goal tables, \(summary.rows) indicator rows; "))
        sink.write(paint(l("错误 \(summary.errors)", "\(summary.errors) errors"), summary.errors > 0 ? .red : .plain))
        sink.write(l("，", ", "))
        sink.write(paint(l("警告 \(summary.warnings)", "\(summary.warnings) warnings"), summary.warnings > 0 ? .yellow : .plain))
        sink.write(l("，", ", "))
        sink.write(l("提示 \(summary.infos)", "\(summary.infos) info"))
        if summary.baselineSuppressed > 0 {
            sink.write(l("（基线已接受 \(summary.baselineSuppressed) 个）", " (\(summary.baselineSuppressed) accepted by the baseline)"))
        }
        sink.write("\n")
        guard !summary.worstTables.isEmpty else { return }
        sink.write(l("得分最低的表：\n", "Lowest-scoring tables:\n"))
        for (position, table) in summary.worstTables.enumerated() {
            let score = TextWidth.padLeft(l.score(table.score), to: 5)
            sink.write("  \(position + 1). \(score) " + paint(TextWidth.padRight(l.grade(table.grade), to: language == .en ? 9 : 2), gradeStyle(table.grade)))
            sink.write(" \(table.path):\(table.line)  \(oneLine(table.title))\n")
        }
    }

    // MARK: - Colour

    private enum Style: String {
        case plain = ""
        case bold = "1"
        case dim = "2"
        case red = "1;31"
        case yellow = "1;33"
        case cyan = "36"
        case green = "32"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        var painted = ""
        startPaint(style, to: &painted)
        painted += text
        endPaint(style, to: &painted)
        return painted
    }

    /// What `paint` puts before its text: the style's ANSI code, when colour is on.
    private func startPaint<Sink: ReportSink>(_ style: Style, to sink: inout Sink) {
        guard color, style != .plain else { return }
        sink.write("\u{1B}[\(style.rawValue)m")
    }

    /// What `paint` puts after its text: the reset code, when colour is on.
    private func endPaint<Sink: ReportSink>(_ style: Style, to sink: inout Sink) {
        guard color, style != .plain else { return }
        sink.write(literal: "\u{1B}[0m")
    }

    private func gradeStyle(_ grade: Grade?) -> Style {
        switch grade {
        case .excellent: return .green
        case .good: return .cyan
        case .fair: return .yellow
        case .poor: return .red
        case nil: return .plain
        }
    }

    /// `oneLine(text)`, written to the sink.
    private func writeOneLine<Sink: ReportSink>(_ text: String, to sink: inout Sink) {
        sink.write(TextScan.containsNewline(text) ? oneLine(text) : text)
    }

    /// Cells may hold line breaks; a finding must stay on its own lines for editors and grep.
    private func oneLine(_ text: String) -> String {
        guard TextScan.containsNewline(text) else { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
