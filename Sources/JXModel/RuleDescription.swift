/// What a reporter needs to know about a rule (SARIF's `tool.driver.rules`, the HTML legend, `rules`).
/// Produced by the rule stage from `Rules/`; reporters never read `Rules/` themselves.
public struct RuleDescription: Sendable, Hashable, Codable {
    public var id: String
    public var defaultSeverity: Severity
    public var category: String
    public var title: LocalizedText
    public var rationale: LocalizedText
    public var hint: LocalizedText

    public init(id: String, defaultSeverity: Severity, category: String, title: LocalizedText,
                rationale: LocalizedText, hint: LocalizedText) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.category = category
        self.title = title
        self.rationale = rationale
        self.hint = hint
    }
}
