import JXModel

/// The SARIF 2.1.0 report of `check`, for code-scanning tools (GitHub code scanning, IDE viewers).
///
/// One run; `tool.driver.rules` lists every rule the run knows (from `RunReport.rules`, then any rule that
/// appears only in findings, with its id as its title) with short description (title), full description
/// (rationale), help (fix hint) and default level; each result has ruleId, ruleIndex, level
/// (error | warning | note), message.text and one physical location (artifact URI, startLine).
/// Evidence and hint ride along in the result's `properties`.
public struct SARIFReporter: OverviewReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// The whole report: as the opening, documents and closing write it, except that a rule met only in
    /// findings (not among the run's rules) gets its `ruleIndex` too, which a report written one document
    /// at a time cannot know before its opening. (The command line's findings all come from its rules.)
    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let rules = Self.ruleList(report)
        writeOpening(report, rules: rules, to: &sink)
        var findingsBefore = 0
        for (position, document) in report.documents.enumerated() {
            writeDocument(document, position: position, findingsBefore: findingsBefore, rules: rules, to: &sink)
            findingsBefore += document.findingCount
        }
        writeClosing(report, to: &sink)
    }

    public func writeOpening<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        writeOpening(report, rules: Self.ruleList(report), to: &sink)
    }

    private func writeOpening<Sink: ReportSink>(_ report: RunReport, rules: [RuleDescription], to sink: inout Sink) {
        sink.write("{\"$schema\":")
        JSONText.writeString(Self.schemaURI, to: &sink)
        sink.write(",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{")
        sink.write("\"name\":"); JSONText.writeString(report.tool.name, to: &sink)
        sink.write(",\"version\":"); JSONText.writeString(report.tool.version, to: &sink)
        if let uri = report.tool.informationURI {
            sink.write(",\"informationUri\":"); JSONText.writeString(uri, to: &sink)
        }
        sink.write(",\"rules\":[")
        for (position, rule) in rules.enumerated() {
            sink.write(position == 0 ? "\n" : ",\n")
            writeRule(rule, to: &sink)
        }
        sink.write("]}},\"results\":[")
    }

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, findingsBefore: Int,
                                                rules: [RuleDescription], to sink: inout Sink) {
        var ruleIndex: [String: Int] = [:]
        for (position, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = position }
        // Buffered per document so that the writing code is specialised (see `writeBuffered`).
        sink.writeBuffered { buffer in
            var first = findingsBefore == 0
            // A document's findings name its path: encoded once, not per finding.
            var path = "", uri = ""
            for finding in document.tables.lazy.flatMap(\.findings) + document.findings {
                buffer.write(first ? "\n" : ",\n")
                first = false
                if finding.location.path != path {
                    path = finding.location.path
                    uri = Self.uri(for: path)
                }
                writeResult(finding, ruleIndex: ruleIndex[finding.ruleID], uri: uri, to: &buffer)
            }
        }
    }

    public func writeClosing<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        sink.write("]}]}\n")
    }

    private func writeRule<Sink: ReportSink>(_ rule: RuleDescription, to sink: inout Sink) {
        sink.write("{")
        sink.write("\"id\":"); JSONText.writeString(rule.id, to: &sink)
        sink.write(",\"name\":"); JSONText.writeString(Self.pascalCase(rule.id), to: &sink)
        sink.write(",\"shortDescription\":{\"text\":")
        JSONText.writeString(rule.title.text(language), to: &sink)
        sink.write("},\"fullDescription\":{\"text\":")
        let rationale = rule.rationale.text(language)
        JSONText.writeString(rationale.isEmpty ? rule.title.text(language) : rationale, to: &sink)
        sink.write("},\"help\":{\"text\":")
        let hint = rule.hint.text(language)
        JSONText.writeString(hint.isEmpty ? rule.title.text(language) : hint, to: &sink)
        sink.write("},\"defaultConfiguration\":{\"level\":")
        JSONText.writeString(Self.level(rule.defaultSeverity), to: &sink)
        sink.write("},\"properties\":{\"category\":")
        JSONText.writeString(rule.category, to: &sink)
        sink.write("}}")
    }

    /// One result; `uri` is `uri(for: finding.location.path)`.
    private func writeResult<Sink: ReportSink>(_ finding: Finding, ruleIndex: Int?, uri: String, to sink: inout Sink) {
        sink.write("{")
        sink.write("\"ruleId\":"); JSONText.writeString(finding.ruleID, to: &sink)
        if let ruleIndex {
            sink.write(",\"ruleIndex\":"); JSONText.writeInt(ruleIndex, to: &sink)
        }
        sink.write(",\"level\":"); JSONText.writeString(Self.level(finding.severity), to: &sink)
        sink.write(",\"message\":{\"text\":")
        JSONText.writeString(finding.message.text(language), to: &sink)
        sink.write("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":")
        JSONText.writeString(uri, to: &sink)
        // SARIF lines are 1-based; a finding without a line (0) points at the file's start.
        sink.write("},\"region\":{\"startLine\":")
        JSONText.writeInt(max(finding.location.line, 1), to: &sink)
        sink.write("}}}]")
        sink.write(",\"properties\":{")
        sink.write("\"evidence\":"); JSONText.writeString(finding.evidence, to: &sink)
        sink.write(",\"hint\":"); JSONText.writeString(finding.hint.text(language), to: &sink)
        if let table = finding.location.tableIndex {
            sink.write(",\"table\":")
            JSONText.writeInt(table, to: &sink)
        }
        if let row = finding.location.rowIndex {
            sink.write(",\"row\":")
            JSONText.writeInt(row, to: &sink)
        }
        sink.write("}}")
    }

    /// The run's rules: the known ones in their order, then ids seen only in findings, sorted (with the
    /// highest severity they were found at as their level).
    static func ruleList(_ report: RunReport) -> [RuleDescription] {
        var rules = report.rules
        var known = Set(rules.map(\.id))
        var extra: [String: Severity] = [:]
        for document in report.standings {
            for (rule, bySeverity) in document.findingCounts where !known.contains(rule) {
                for severity in bySeverity.keys where extra[rule].map({ severity > $0 }) ?? true { extra[rule] = severity }
            }
        }
        for id in extra.keys.sorted() {
            known.insert(id)
            let title = LocalizedText(zh: id, en: id)
            rules.append(RuleDescription(id: id, defaultSeverity: extra[id] ?? .warning, category: "",
                                         title: title, rationale: title, hint: title))
        }
        return rules
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// "value-geq-100" → "ValueGeq100": SARIF's rule `name` is meant to be an identifier-like word.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A URI reference for a path: relative paths stay relative (code scanning resolves them against the
    /// repository), absolute ones become file:// URIs; everything outside RFC 3986's unreserved characters
    /// and "/" (Chinese file names included) is percent-encoded, as a URI must be.
    static func uri(for path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved || byte == 0x2F {
                bytes.append(byte)
            } else {
                bytes.append(0x25)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        let encoded = String(decoding: bytes, as: UTF8.self)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
