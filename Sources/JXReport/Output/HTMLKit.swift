import JXModel

/// Shared pieces of the HTML pages: escaping, the page shell with its inline style, and the SVG charts.
///
/// Pages are written as well-formed XHTML-style markup (every element closed, attributes quoted, only the
/// five XML entities), so any XML parser can read them and tests can check them with one.
enum HTMLKit {
    /// Escapes text for element content and double- or single-quoted attributes.
    static func escape(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte < 0x20 {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            // XML 1.0 forbids most control characters even as references; keep tab, newline, CR.
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { result += "\u{FFFD}" } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    static func pageStart<Sink: ReportSink>(title: String, language: Language, to sink: inout Sink) {
        sink.write("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(language == .en ? "en" : "zh-CN")\">\n<head>\n")
        sink.write("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        sink.write("<title>\(escape(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n")
    }

    static func pageEnd<Sink: ReportSink>(script: String?, to sink: inout Sink) {
        if let script {
            // The CDATA markers keep XML parsers away from "<" and "&" in the script; browsers read them
            // as JavaScript comments.
            sink.write("<script>//<![CDATA[\n\(script)\n//]]></script>\n")
        }
        sink.write("</body>\n</html>\n")
    }

    static let style = """
    body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",system-ui,sans-serif;
      margin:0 auto;max-width:1280px;padding:0 24px 48px;color:#1f2328;background:#fff;line-height:1.5}
    h1{font-size:1.6em;margin:24px 0 4px}
    h2{font-size:1.3em;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
    h3{font-size:1.05em;margin:0 0 6px}
    .muted{color:#656d76}
    .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
    .card{border:1px solid #d0d7de;border-radius:6px;padding:8px 16px;min-width:96px}
    .card b{display:block;font-size:1.5em}
    figure{margin:16px 0}
    figcaption{font-weight:bold;margin-bottom:4px}
    svg text{font-family:inherit}
    table{border-collapse:collapse}
    table.list td,table.list th{border:1px solid #d0d7de;padding:3px 8px;text-align:left}
    table.list td.num{text-align:right}
    table.list th{white-space:nowrap;background:#f6f8fa}
    .filters{position:sticky;top:0;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:6px 12px;
      margin:12px 0;z-index:2;display:flex;flex-wrap:wrap;gap:16px;align-items:center}
    article.goal-table{border:1px solid #d0d7de;border-radius:6px;padding:12px;margin:16px 0}
    table.goal{width:100%;font-size:.92em}
    table.goal td,table.goal th{border:1px solid #8c959f;padding:3px 6px;vertical-align:top;white-space:pre-wrap}
    table.goal th{background:#f6f8fa;font-weight:normal;white-space:nowrap}
    table.goal td.carried{color:#8c959f}
    table.goal td.notes{border:none;border-left:1px solid #8c959f;width:30%;white-space:normal}
    table.goal th.notes-head{border:none;border-left:1px solid #8c959f;background:none;text-align:left}
    td.hl-error{background:#ffebe9;outline:2px solid #cf222e;outline-offset:-2px}
    td.hl-warning{background:#fff8c5;outline:2px solid #bf8700;outline-offset:-2px}
    td.hl-info{background:#ddf4ff;outline:1px solid #0969da;outline-offset:-1px}
    .finding{margin:2px 0 6px;padding-left:6px;border-left:3px solid #8c959f}
    .finding.sev-error{border-color:#cf222e}
    .finding.sev-warning{border-color:#bf8700}
    .finding.sev-info{border-color:#0969da}
    .finding .hint{color:#656d76;font-size:.92em}
    .sev{font-weight:bold;font-size:.85em;padding:0 4px;border-radius:3px;color:#fff}
    .sev-error .sev{background:#cf222e}
    .sev-warning .sev{background:#bf8700}
    .sev-info .sev{background:#0969da}
    code{font-size:.9em;background:#f6f8fa;padding:0 3px;border-radius:3px}
    .badge{display:inline-block;min-width:64px;text-align:center;border-radius:4px;color:#fff;padding:0 6px;margin-right:6px}
    .grade-优{background:#1a7f37}
    .grade-良{background:#0969da}
    .grade-中{background:#bf8700}
    .grade-差{background:#cf222e}
    .grade-none{background:#8c959f}
    [hidden]{display:none !important}

    """

    static func gradeClass(_ grade: Grade?) -> String { "grade-" + (grade?.rawValue ?? "none") }

    static func gradeColor(_ grade: Grade?) -> String {
        switch grade {
        case .excellent: return "#1a7f37"
        case .good: return "#0969da"
        case .fair: return "#bf8700"
        case .poor: return "#cf222e"
        case nil: return "#8c959f"
        }
    }

    static func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: return "#cf222e"
        case .warning: return "#d4a72c"
        case .info: return "#54aeff"
        }
    }

    /// Shortens a chart label to about `width` display columns; the full text goes into a tooltip.
    static func truncated(_ text: String, width: Int) -> String {
        guard TextWidth.width(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = TextWidth.width(String(character))
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// Horizontal bar chart of department scores (0–100), bars coloured by grade, best first.
    static func rankingChart<Sink: ReportSink>(_ ranking: [DepartmentRank], language: Language, to sink: inout Sink) {
        let l = Localizer(language: language)
        let labelWidth = 300.0, barWidth = 420.0, rowHeight = 26.0, top = 24.0
        let height = top + rowHeight * Double(ranking.count) + 8
        let width = labelWidth + barWidth + 70
        sink.write("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ranking\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(l("部门得分排名", "Department scores")))\">\n")
        // Grid lines at the grade bands' usual marks help read a bar against 60/75/90.
        for mark in [0, 60, 75, 90, 100] {
            let x = labelWidth + barWidth * Double(mark) / 100
            sink.write("<line x1=\"\(fmt(x))\" y1=\"\(fmt(top - 6))\" x2=\"\(fmt(x))\" y2=\"\(fmt(height - 4))\" stroke=\"#d0d7de\" stroke-dasharray=\"3,3\"/>")
            sink.write("<text x=\"\(fmt(x))\" y=\"14\" font-size=\"11\" text-anchor=\"middle\" fill=\"#656d76\">\(mark)</text>\n")
        }
        for (position, line) in ranking.enumerated() {
            let y = top + rowHeight * Double(position)
            let label = "\(line.rank.map { "\($0). " } ?? "")\(line.label(language)) \(l.year(line.year))"
            // Shorten the name, not the year: two years of one department must stay distinguishable.
            let shortLabel = "\(line.rank.map { "\($0). " } ?? "")\(truncated(line.label(language), width: 34)) \(l.year(line.year))"
            let score = line.score ?? 0
            sink.write("<g><title>\(escape(label)) — \(escape(l.score(line.score))) \(escape(l.grade(line.grade)))</title>")
            sink.write("<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + 17))\" font-size=\"13\" text-anchor=\"end\">\(escape(shortLabel))</text>")
            sink.write("<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(barWidth * max(0, min(score, 100)) / 100))\" height=\"\(fmt(rowHeight - 8))\" fill=\"\(gradeColor(line.grade))\"/>")
            sink.write("<text x=\"\(fmt(labelWidth + barWidth * max(0, min(score, 100)) / 100 + 6))\" y=\"\(fmt(y + 17))\" font-size=\"12\">\(escape(l.score(line.score))) \(escape(l.grade(line.grade)))</text></g>\n")
        }
        sink.write("</svg>\n")
    }

    /// Findings per rule, most frequent first, each bar split by severity.
    static func ruleChart<Sink: ReportSink>(_ counts: [(rule: String, bySeverity: [Severity: Int])], titles: [String: String],
                                           language: Language, to sink: inout Sink) {
        let l = Localizer(language: language)
        let labelWidth = 220.0, barWidth = 460.0, rowHeight = 22.0, top = 8.0
        let maxCount = counts.map { $0.bySeverity.values.reduce(0, +) }.max() ?? 1
        let height = top + rowHeight * Double(counts.count) + 8
        let width = labelWidth + barWidth + 60
        sink.write("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart rules\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(l("各规则问题数", "Findings by rule")))\">\n")
        for (position, entry) in counts.enumerated() {
            let y = top + rowHeight * Double(position)
            let total = entry.bySeverity.values.reduce(0, +)
            let title = titles[entry.rule].map { "\(entry.rule) — \($0)" } ?? entry.rule
            sink.write("<g><title>\(escape(title)): \(total)</title>")
            sink.write("<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + 15))\" font-size=\"12\" text-anchor=\"end\">\(escape(entry.rule))</text>")
            var x = labelWidth
            for severity in Severity.allCases.reversed() {
                let count = entry.bySeverity[severity] ?? 0
                guard count > 0 else { continue }
                let barLength = barWidth * Double(count) / Double(max(maxCount, 1))
                sink.write("<rect x=\"\(fmt(x))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(barLength))\" height=\"\(fmt(rowHeight - 6))\" fill=\"\(severityColor(severity))\"/>")
                x += barLength
            }
            sink.write("<text x=\"\(fmt(x + 6))\" y=\"\(fmt(y + 15))\" font-size=\"12\">\(total)</text></g>\n")
        }
        sink.write("</svg>\n")
    }

    /// Coordinates with at most one decimal: enough for a chart, and short.
    static func fmt(_ value: Double) -> String { JSONText.number((value * 10).rounded() / 10) }

    /// The ranking as an HTML table; department names link to their sections when `anchors` has them.
    static func rankingTable<Sink: ReportSink>(_ ranking: [DepartmentRank], anchors: [String: String], language: Language,
                                              to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write("<table class=\"list ranking\"><thead><tr>")
        for heading in RankColumns.header(l) { sink.write("<th>\(escape(heading))</th>") }
        sink.write("</tr></thead><tbody>\n")
        for line in ranking {
            let cells = RankColumns.cells(line, l)
            sink.write("<tr>")
            for (column, cell) in cells.enumerated() {
                let numeric = [0, 2, 3, 4, 5, 6, 7, 9].contains(column)
                sink.write(numeric ? "<td class=\"num\">" : "<td>")
                if column == 1, let first = line.paths.first, let anchor = anchors[first] {
                    sink.write("<a href=\"#\(escape(anchor))\">\(escape(cell))</a>")
                } else if column == 10 {
                    sink.write("<span class=\"badge \(gradeClass(line.grade))\">\(escape(cell))</span>")
                } else {
                    sink.write(escape(cell))
                }
                sink.write("</td>")
            }
            sink.write("</tr>\n")
        }
        sink.write("</tbody></table>\n")
    }
}
