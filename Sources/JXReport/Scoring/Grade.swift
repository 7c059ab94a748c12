import JXModel

/// The four grades of a 绩效目标审核, best first.
public enum Grade: String, Sendable, Hashable, Codable, CaseIterable {
    case excellent = "优"
    case good = "良"
    case fair = "中"
    case poor = "差"

    /// The grade as a reader of `language` expects it. The Chinese form is also the stable code used in
    /// JSON, so scripts do not depend on `--lang`.
    public func label(_ language: Language) -> String {
        guard language == .en else { return rawValue }
        switch self {
        case .excellent: return "Excellent"
        case .good: return "Good"
        case .fair: return "Fair"
        case .poor: return "Poor"
        }
    }
}
