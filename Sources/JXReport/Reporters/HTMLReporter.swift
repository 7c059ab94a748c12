import JXModel

/// The HTML report of `check`: one self-contained page (no external assets; opens offline).
///
/// An overview first (totals, the department ranking as an SVG bar chart, findings by rule as an SVG
/// chart, the ranking table, the worst tables), then each document with each goal table drawn as the
/// document prints it: title, 绩效目标, and the indicator rows in their six columns. Cells a finding points
/// at are highlighted by severity and the finding's message stands beside its row. A bar at the top filters
/// by severity and rule (a little inline JavaScript; without it everything is simply shown).
public struct HTMLReporter: OverviewReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func writeOpening<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let l = Localizer(language: language)
        let title = l("jxlint 绩效目标表审核报告", "jxlint performance-goal table review")
        let ruleTitles = Self.ruleTitles(report.rules, language: language)
        // Read once: a report made from whole documents derives its standings on every read.
        let standings = report.standings
        var anchors: [String: String] = [:]
        for (position, document) in standings.enumerated() where anchors[document.path] == nil {
            anchors[document.path] = "doc-\(position + 1)"
        }

        HTMLKit.pageStart(title: title, language: language, to: &sink)
        sink.write("<h1>\(HTMLKit.escape(title))</h1>\n")
        sink.write("<p class=\"muted\">\(HTMLKit.escape(report.tool.name)) \(HTMLKit.escape(report.tool.version))</p>\n")
        let ruleCounts = Self.ruleCounts(standings)
        writeFilters(ruleCounts: ruleCounts, ruleTitles: ruleTitles, to: &sink)
        writeOverview(report, ranking: DepartmentRanking.build(standings, policy: report.policy),
                      ruleCounts: ruleCounts, ruleTitles: ruleTitles, anchors: anchors, to: &sink)
    }

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, findingsBefore: Int,
                                                rules: [RuleDescription], to sink: inout Sink) {
        writeDocument(document, anchor: "doc-\(position + 1)", ruleTitles: Self.ruleTitles(rules, language: language),
                      to: &sink)
    }

    public func writeClosing<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        HTMLKit.pageEnd(script: Self.script, to: &sink)
    }

    private static func ruleTitles(_ rules: [RuleDescription], language: Language) -> [String: String] {
        var titles: [String: String] = [:]
        for rule in rules { titles[rule.id] = rule.title.text(language) }
        return titles
    }

    // MARK: - Overview

    private func writeFilters<Sink: ReportSink>(ruleCounts: [(rule: String, bySeverity: [Severity: Int])],
                                                ruleTitles: [String: String], to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write("<div class=\"filters\" id=\"filters\">\n<span>\(HTMLKit.escape(l("筛选：", "Filter:")))</span>\n")
        for severity in Severity.allCases.reversed() {
            sink.write("<label><input type=\"checkbox\" class=\"f-sev\" value=\"\(severity.rawValue)\" checked=\"checked\"/> \(HTMLKit.escape(l.severity(severity)))</label>\n")
        }
        sink.write("<label>\(HTMLKit.escape(l("规则", "Rule"))) <select id=\"f-rule\"><option value=\"\">\(HTMLKit.escape(l("全部规则", "all rules")))</option>\n")
        for entry in ruleCounts {
            let total = entry.bySeverity.values.reduce(0, +)
            let label = ruleTitles[entry.rule].map { "\(entry.rule) · \($0)" } ?? entry.rule
            sink.write("<option value=\"\(HTMLKit.escape(entry.rule))\">\(HTMLKit.escape(label)) (\(total))</option>\n")
        }
        sink.write("</select></label>\n")
        sink.write("<label><input type=\"checkbox\" id=\"f-only\"/> \(HTMLKit.escape(l("只显示有问题的表", "only tables with findings")))</label>\n")
        sink.write("<span class=\"muted\">\(HTMLKit.escape(l("显示的问题：", "findings shown: ")))<span id=\"f-count\"></span></span>\n</div>\n")
    }

    private func writeOverview<Sink: ReportSink>(_ report: RunReport, ranking: [DepartmentRank],
                                                 ruleCounts: [(rule: String, bySeverity: [Severity: Int])],
                                                 ruleTitles: [String: String], anchors: [String: String],
                                                 to sink: inout Sink) {
        let l = Localizer(language: language)
        let summary = report.summary
        sink.write("<section id=\"overview\">\n<h2>\(HTMLKit.escape(l("总览", "Overview")))</h2>\n<div class=\"cards\">\n")
        let cards: [(String, Int)] = [(l("文档", "documents"), summary.documents), (l("绩效目标表", "goal tables"), summary.tables),
                                      (l("指标行", "indicator rows"), summary.rows), (l("错误", "errors"), summary.errors),
                                      (l("警告", "warnings"), summary.warnings), (l("提示", "info"), summary.infos)]
        for (label, value) in cards {
            sink.write("<div class=\"card\"><b>\(value)</b>\(HTMLKit.escape(label))</div>\n")
        }
        sink.write("</div>\n")

        sink.write("<figure><figcaption>\(HTMLKit.escape(l("部门得分排名", "Department ranking")))</figcaption>\n")
        HTMLKit.rankingChart(ranking, language: language, to: &sink)
        sink.write("</figure>\n")
        sink.write("<figure><figcaption>\(HTMLKit.escape(l("各规则问题数", "Findings by rule")))")
        sink.write(" <span class=\"muted\">(\(HTMLKit.escape(l("红：错误　黄：警告　蓝：提示", "red: error, yellow: warning, blue: info"))))</span></figcaption>\n")
        if ruleCounts.isEmpty {
            sink.write("<p>\(HTMLKit.escape(l("没有发现问题。", "No findings.")))</p>\n")
        } else {
            HTMLKit.ruleChart(ruleCounts, titles: ruleTitles, language: language, to: &sink)
        }
        sink.write("</figure>\n")
        HTMLKit.rankingTable(ranking, anchors: anchors, language: language, to: &sink)
        if !summary.worstTables.isEmpty {
            sink.write("<h3>\(HTMLKit.escape(l("得分最低的表", "Lowest-scoring tables")))</h3>\n<ol>\n")
            for table in summary.worstTables {
                let anchor = anchors[table.path].map { "\($0)-t\(table.tableIndex)" } ?? ""
                sink.write("<li><span class=\"badge \(HTMLKit.gradeClass(table.grade))\">\(HTMLKit.escape(l.score(table.score))) \(HTMLKit.escape(l.grade(table.grade)))</span>")
                sink.write("<a href=\"#\(HTMLKit.escape(anchor))\">\(HTMLKit.escape(table.title))</a> <span class=\"muted\">\(HTMLKit.escape(table.path)):\(table.line)</span></li>\n")
            }
            sink.write("</ol>\n")
        }
        sink.write("</section>\n")
    }

    /// Findings per rule and severity, most frequent rule first (ties by id).
    static func ruleCounts(_ standings: [DocumentStanding]) -> [(rule: String, bySeverity: [Severity: Int])] {
        var counts: [String: [Severity: Int]] = [:]
        for document in standings {
            for (rule, bySeverity) in document.findingCounts {
                for (severity, count) in bySeverity { counts[rule, default: [:]][severity, default: 0] += count }
            }
        }
        return counts.map { (rule: $0.key, bySeverity: $0.value) }.sorted {
            let left = $0.bySeverity.values.reduce(0, +), right = $1.bySeverity.values.reduce(0, +)
            return left != right ? left > right : $0.rule < $1.rule
        }
    }

    // MARK: - Documents

    private func writeDocument<Sink: ReportSink>(_ document: DocumentReport, anchor: String, ruleTitles: [String: String],
                                                 to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write("<section class=\"doc\" id=\"\(anchor)\">\n")
        sink.write("<h2><span class=\"badge \(HTMLKit.gradeClass(document.grade))\">\(HTMLKit.escape(l.score(document.score))) \(HTMLKit.escape(l.grade(document.grade)))</span>")
        sink.write("\(HTMLKit.escape(l.department(document.department))) \(HTMLKit.escape(l.year(document.budgetYear)))</h2>\n")
        sink.write("<p class=\"muted\">\(HTMLKit.escape(document.path)) · ")
        sink.write(HTMLKit.escape(l("\(document.tables.count) 张绩效目标表，\(document.rowCount) 行指标",
                                    "\(document.tables.count) goal tables, \(document.rowCount) indicator rows")) + "</p>\n")
        if !document.findings.isEmpty {
            sink.write("<div class=\"doc-findings\" data-f=\"\(HTMLKit.escape(Self.filterKeys(document.findings)))\"><h3>\(HTMLKit.escape(l("文档级问题", "Document-level findings")))</h3>\n")
            for finding in document.findings { writeFinding(finding, withLine: true, to: &sink) }
            sink.write("</div>\n")
        }
        for table in document.tables {
            writeTable(table, anchor: "\(anchor)-t\(table.table.index)", to: &sink)
        }
        sink.write("</section>\n")
    }

    private func writeTable<Sink: ReportSink>(_ report: TableReport, anchor: String, to sink: inout Sink) {
        let l = Localizer(language: language)
        let table = report.table
        var rowFindings: [Int: [Finding]] = [:]
        var tableFindings: [Finding] = []
        for finding in report.findings {
            if let row = report.row(for: finding) { rowFindings[row.index, default: []].append(finding) } else { tableFindings.append(finding) }
        }
        sink.write("<article class=\"goal-table\" id=\"\(anchor)\" data-f=\"\(HTMLKit.escape(Self.filterKeys(report.findings)))\">\n")
        sink.write("<h3><span class=\"badge \(HTMLKit.gradeClass(report.grade))\">\(HTMLKit.escape(l.score(report.score))) \(HTMLKit.escape(l.grade(report.grade)))</span>")
        let titleMarks = Self.marks(tableFindings.filter { Self.pointsAtTitle($0.ruleID) })
        sink.write("<span\(titleMarks.isEmpty ? "" : " class=\"hl-title\" data-hl=\"\(HTMLKit.escape(titleMarks))\"")>\(HTMLKit.escape(table.title.text.isEmpty ? table.project : table.title.text))</span></h3>\n")
        sink.write("<p class=\"muted\">\(HTMLKit.escape(l("第 \(table.line) 行", "line \(table.line)")))")
        if !table.section.isEmpty { sink.write(" · \(HTMLKit.escape(table.section))") }
        sink.write("</p>\n")

        let hasGrades = table.rows.contains { $0.grades != nil }
        var headings = [l("一级指标", "Level 1"), l("二级指标", "Level 2"), l("三级指标", "Indicator"),
                        l("绩效指标描述", "Description"), l("指标值", "Target value"), l("指标值确定依据", "Basis")]
        if hasGrades { headings += [l("优", "Excellent"), l("良", "Good"), l("中", "Fair"), l("差", "Poor")] }
        sink.write("<table class=\"goal\"><tbody>\n")
        let goalMarks = Self.marks(tableFindings.filter { Self.pointsAtGoal($0.ruleID) })
        sink.write("<tr><th>\(HTMLKit.escape(l("绩效目标", "Goal")))</th>")
        sink.write("<td colspan=\"\(headings.count - 1)\"\(Self.highlightAttributes(goalMarks))>\(HTMLKit.escape(table.goal.text))</td>")
        sink.write("<td class=\"notes\">")
        for finding in tableFindings { writeFinding(finding, withLine: false, to: &sink) }
        sink.write("</td></tr>\n<tr>")
        for heading in headings { sink.write("<th>\(HTMLKit.escape(heading))</th>") }
        sink.write("<th class=\"notes-head\">\(HTMLKit.escape(l("问题", "Findings")))</th></tr>\n")
        for row in table.rows {
            let findings = rowFindings[row.index] ?? []
            var cells = [row.level1.text, row.level2.text, row.name.text, row.description.text, row.value.raw, row.basis.text]
            if hasGrades {
                let grades = row.grades
                cells += [grades?.excellent.text ?? "", grades?.good.text ?? "", grades?.fair.text ?? "", grades?.poor.text ?? ""]
            }
            var cellMarks = Array(repeating: [Finding](), count: cells.count)
            for finding in findings {
                for column in Self.columns(for: finding, cells: cells) where column < cellMarks.count {
                    cellMarks[column].append(finding)
                }
            }
            sink.write("<tr id=\"\(anchor)-r\(row.index)\" data-line=\"\(row.line)\">")
            for (column, text) in cells.enumerated() {
                let carried = (column == 0 && row.level1CarriedOver) || (column == 1 && row.level2CarriedOver)
                sink.write("<td\(Self.highlightAttributes(Self.marks(cellMarks[column]), extraClass: carried ? "carried" : nil))>")
                sink.write(HTMLKit.escape(text))
                sink.write("</td>")
            }
            sink.write("<td class=\"notes\">")
            for finding in findings { writeFinding(finding, withLine: false, to: &sink) }
            sink.write("</td></tr>\n")
        }
        sink.write("</tbody></table>\n</article>\n")
    }

    private func writeFinding<Sink: ReportSink>(_ finding: Finding, withLine: Bool, to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write("<div class=\"finding sev-\(finding.severity.rawValue)\" data-rule=\"\(HTMLKit.escape(finding.ruleID))\" data-severity=\"\(finding.severity.rawValue)\">")
        sink.write("<span class=\"sev\">\(HTMLKit.escape(l.severity(finding.severity)))</span> <code>\(HTMLKit.escape(finding.ruleID))</code> ")
        if withLine { sink.write("<span class=\"muted\">\(HTMLKit.escape(l("第 \(finding.location.line) 行", "line \(finding.location.line)")))</span> ") }
        sink.write(HTMLKit.escape(finding.message.text(language)))
        let hint = finding.hint.text(language)
        if !hint.isEmpty { sink.write("<div class=\"hint\">\(HTMLKit.escape(l("建议：", "Hint: ") + hint))</div>") }
        sink.write("</div>")
    }

    // MARK: - Which cell a finding points at

    /// The rules whose findings concern one column of a row; the others fall back to the cells holding the
    /// finding's evidence, or the whole row.
    static let ruleColumns: [String: [Int]] = [
        "value-missing": [4], "value-geq-100": [4], "rate-over-100": [4], "value-not-measurable": [4],
        "value-bare-number": [4], "trivial-target": [4], "satisfaction-100": [4], "direction-wrong": [4],
        "unit-mismatch": [4], "timeliness-not-deadline": [4], "value-template-uniform": [4],
        "hierarchy-invalid": [0, 1], "eco-mislabeled": [1, 2], "eco-misplaced": [1, 2], "category-mismatch": [1, 2],
        "indicator-placeholder": [2], "input-as-output": [2], "name-equals-description": [2, 3],
        "basis-invalid": [5], "duplicate-row": [0, 1, 2, 3, 4, 5],
    ]

    static func columns(for finding: Finding, cells: [String]) -> [Int] {
        var columns = ruleColumns[finding.ruleID] ?? []
        let evidence = finding.evidence.trimmingWhitespace()
        // Evidence found in another cell (a placeholder in the description, a year in the basis) marks it too.
        if evidence.count >= 2 {
            for (column, text) in cells.enumerated() where column < 6 && !columns.contains(column) && TextScan.contains(text, evidence) {
                columns.append(column)
            }
        }
        return columns.isEmpty ? Array(0..<min(6, cells.count)) : columns
    }

    static func pointsAtGoal(_ rule: String) -> Bool { rule.hasPrefix("goal-") }
    static func pointsAtTitle(_ rule: String) -> Bool { rule == "title-anomaly" || rule == "duplicate-table" }

    /// "error:value-missing warning:basis-invalid": what the filter script matches a highlight against.
    static func marks(_ findings: [Finding]) -> String {
        var seen = Set<String>()
        var keys: [String] = []
        for finding in findings {
            let key = "\(finding.severity.rawValue):\(finding.ruleID)"
            if seen.insert(key).inserted { keys.append(key) }
        }
        return keys.joined(separator: " ")
    }

    static func filterKeys(_ findings: [Finding]) -> String { marks(findings) }

    /// ` class="hl-error" data-hl="…"` for a highlighted cell (the most severe finding picks the colour).
    static func highlightAttributes(_ marks: String, extraClass: String? = nil) -> String {
        var classes: [String] = extraClass.map { [$0] } ?? []
        if !marks.isEmpty {
            // Marks are "severity:rule-id" keys, ASCII: found by bytes (Foundation bridged them per cell).
            let severity = TextScan.contains(marks, "error:") ? "error" : TextScan.contains(marks, "warning:") ? "warning" : "info"
            classes.append("hl-\(severity)")
        }
        var attributes = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        if !marks.isEmpty { attributes += " data-hl=\"\(HTMLKit.escape(marks))\"" }
        return attributes
    }

    /// The filter: shows findings of the chosen severities and rule, recolours highlighted cells by the
    /// findings still shown, and optionally hides tables left without any.
    static let script = """
    (function () {
      var sevBoxes = document.querySelectorAll('.f-sev');
      var ruleSelect = document.getElementById('f-rule');
      var onlyBox = document.getElementById('f-only');
      var counter = document.getElementById('f-count');
      function shown(key) {
        var parts = key.split(':');
        var sevOn = false;
        sevBoxes.forEach(function (box) { if (box.checked && box.value === parts[0]) { sevOn = true; } });
        return sevOn && (ruleSelect.value === '' || ruleSelect.value === parts[1]);
      }
      function anyShown(list) {
        if (!list) { return false; }
        return list.split(' ').some(function (key) { return key !== '' && shown(key); });
      }
      function apply() {
        var count = 0;
        document.querySelectorAll('.finding').forEach(function (el) {
          var on = shown(el.getAttribute('data-severity') + ':' + el.getAttribute('data-rule'));
          el.hidden = !on;
          if (on) { count += 1; }
        });
        document.querySelectorAll('[data-hl]').forEach(function (el) {
          var on = anyShown(el.getAttribute('data-hl'));
          ['hl-error', 'hl-warning', 'hl-info'].forEach(function (c) { el.classList.remove(c); });
          if (on) {
            var hl = el.getAttribute('data-hl');
            el.classList.add(hl.indexOf('error:') !== -1 ? 'hl-error' : (hl.indexOf('warning:') !== -1 ? 'hl-warning' : 'hl-info'));
          }
        });
        document.querySelectorAll('article.goal-table').forEach(function (el) {
          el.hidden = onlyBox.checked ? !anyShown(el.getAttribute('data-f')) : false;
        });
        counter.textContent = String(count);
      }
      sevBoxes.forEach(function (box) { box.addEventListener('change', apply); });
      ruleSelect.addEventListener('change', apply);
      onlyBox.addEventListener('change', apply);
      apply();
    })();
    """
}

extension String {
    /// The text without leading and trailing whitespace (Foundation-free).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[first...last])
    }
}
