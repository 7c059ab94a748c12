import JXModel

/// Picks the Chinese or English form of a heading. Headings are written inline at their point of use as
/// `l("中文", "English")`, so both forms stay side by side and none can go missing.
struct Localizer: Sendable {
    let language: Language

    func callAsFunction(_ zh: String, _ en: String) -> String { language == .en ? en : zh }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return self("错误", "error")
        case .warning: return self("警告", "warning")
        case .info: return self("提示", "info")
        }
    }

    func grade(_ grade: Grade?) -> String { grade?.label(language) ?? "—" }

    func department(_ department: String?) -> String { department ?? self("（未识别部门）", "(unknown department)") }

    func year(_ year: Int?) -> String { year.map(String.init) ?? "—" }

    /// A score as reports print it: "71.5", "60", or "—" when there is none.
    func score(_ score: Double?) -> String { score.map(JSONText.number) ?? "—" }
}
