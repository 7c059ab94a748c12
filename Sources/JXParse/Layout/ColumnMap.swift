#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JXModel

/// What a column of a goal table holds, decided by its header label.
enum ColumnRole: Equatable {
    case level1, level2, name, description, value, basis
    /// 度量单位 / 计量单位: appended to the value when the value has no unit of its own.
    case unit
    /// 指标性质 / 指标方向 may hold the comparator ("≥", "≤", "正向", "反向").
    case nature
    /// Department-wide tables: graded thresholds.
    case excellent, good, fair, poor
    /// Kept under its header label (`ColumnMap.labels`).
    case extra
}

/// The header of a goal table: its labels and what each column holds.
struct ColumnMap {
    let labels: [String]
    let roles: [ColumnRole]
    let kind: GoalTableKind

    var count: Int { labels.count }

    /// Labels that may appear in a goal-table header, with the role they give their column (nil: known, but
    /// kept under its label).
    private static let knownLabels: [(label: String, role: ColumnRole?)] = [
        ("一级指标", .level1), ("二级指标", .level2),
        ("三级指标", .name), ("指标名称", .name), ("三级指标名称", .name), ("绩效指标", .name),
        ("绩效指标描述", .description), ("指标描述", .description), ("指标解释", .description),
        ("指标说明", .description), ("指标内容", .description),
        ("指标值", .value), ("年度指标值", .value), ("目标值", .value), ("指标目标值", .value), ("年度目标值", .value),
        ("指标值确定依据", .basis), ("确定依据", .basis), ("指标值设定依据", .basis), ("指标值依据", .basis),
        ("度量单位", .unit), ("计量单位", .unit),
        ("指标性质", .nature), ("指标方向", .nature),
        ("优", .excellent), ("良", .good), ("中", .fair), ("差", .poor),
        // Found in real headers, not mapped to a field.
        ("权重", nil), ("分值", nil), ("实际完成值", nil), ("指标类型", nil), ("备注", nil), ("活动编码", nil),
        ("活动名称", nil), ("活动描述", nil), ("预算年度", nil), ("绩效目标", nil), ("评分标准", nil), ("序号", nil),
    ]

    /// `knownLabels` as UTF-8, for comparing without Swift's character comparison (which hashes and
    /// compares CJK text slowly).
    private static let knownLabelBytes: [[UInt8]] = knownLabels.map { Array($0.label.utf8) }

    /// The position of `label` in `knownLabels`, nil when it is not a header label.
    ///
    /// Compared as bytes, which is exact when the label holds no CJK compatibility ideograph: the known
    /// labels are CJK ideographs, whose only other spelling that Swift compares equal is such an ideograph
    /// (see `StringProtocol.mayContain`). A label with one is compared as a string.
    static func knownIndex(_ label: String) -> Int? {
        var bytesOfLabel = label
        return bytesOfLabel.withUTF8 { bytes -> Int? in
            if ByteSearch.holdsCompatibilityIdeograph(bytes) {
                return knownLabels.firstIndex { $0.label == label }
            }
            return knownLabelBytes.indices.first { isKnown($0, bytes) }
        }
    }

    /// Whether `bytes` are those of known label `k` (lengths first: most texts differ in length).
    private static func isKnown(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard k >= 0, k < knownLabelBytes.count, knownLabelBytes[k].count == bytes.count else { return false }
        return knownLabelBytes[k].withUnsafeBufferPointer { known in
            guard let a = known.baseAddress, let b = bytes.baseAddress else { return known.isEmpty }
            return memcmp(a, b, bytes.count) == 0
        }
    }

    /// Whether `label` is known label `k`, with the same exactness as `knownIndex`.
    static func label(_ label: String, isKnown k: Int) -> Bool {
        var bytesOfLabel = label
        return bytesOfLabel.withUTF8 { bytes in
            ByteSearch.holdsCompatibilityIdeograph(bytes)
                ? (k >= 0 && k < knownLabels.count && knownLabels[k].label == label) : isKnown(k, bytes)
        }
    }

    /// The label of a header cell: normalised, with inner spaces removed ("计量  单位" → "计量单位").
    static func label(_ normalized: String) -> String {
        normalized.containsSpace() ? normalized.filter { $0 != " " } : normalized
    }

    static func isHeaderLabel(_ label: String) -> Bool { knownIndex(label) != nil }

    /// Whether a label starts a project table's header ("一级指标") or a department-wide table's ("活动编码").
    static func startsHeader(_ label: String) -> Bool {
        // Compared as bytes: these characters have no canonically equivalent spelling, so a label equals
        // one of them exactly when its bytes do (and comparing CJK strings as strings is slow).
        label.utf8.elementsEqual(level1Label.utf8) || label.utf8.elementsEqual(activityCodeLabel.utf8)
    }

    /// `startsHeader(label(normalized))`, without building the label. The labels that start a header hold
    /// no space, so a normalised text gives one exactly when its bytes other than spaces spell it. Most
    /// texts asked about are goal prose full of spaces, whose label would be a new string each.
    static func startsHeader(normalized: String) -> Bool {
        normalized.withUTF8Bytes { bytes in
            equalsIgnoringSpaces(bytes, level1LabelUTF8) || equalsIgnoringSpaces(bytes, activityCodeLabelUTF8)
        }
    }

    /// Whether `bytes` without their spaces are `label`; stops at the first byte that differs.
    private static func equalsIgnoringSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ label: [UInt8]) -> Bool {
        var k = 0
        for byte in bytes where byte != 0x20 {
            guard k < label.count, label[k] == byte else { return false }
            k += 1
        }
        return k == label.count
    }

    private static let level1Label = "一级指标"
    private static let activityCodeLabel = "活动编码"
    private static let level1LabelUTF8 = Array(level1Label.utf8)
    private static let activityCodeLabelUTF8 = Array(activityCodeLabel.utf8)

    /// Whether raw text can give a label that starts a header, without normalising it: such a label holds
    /// "级" or "码", and normalising only removes or folds other characters.
    static func mayStartHeader(_ raw: LineBytes) -> Bool {
        raw.contains(Self.level1Mark) || raw.contains(Self.activityCodeMark)
    }

    private static let level1Mark = Array("级".utf8)
    private static let activityCodeMark = Array("码".utf8)

    /// Each label's position in `knownLabels` (nil for a label that is not known).
    private let known: [Int?]

    init(labels: [String]) {
        self.labels = labels
        let known = labels.map(Self.knownIndex)
        var roles: [ColumnRole] = []
        roles.reserveCapacity(labels.count)
        for i in labels.indices {
            // A second column with the same role (e.g. "绩效目标" then "绩效指标") keeps its label instead.
            // Two labels are equal exactly when they are the same known label.
            if let k = known[i], let role = Self.knownLabels[k].role, !known[..<i].contains(k) {
                roles.append(role)
            } else {
                roles.append(.extra)
            }
        }
        self.roles = roles
        self.known = known
        self.kind = known.first == Self.activityCodeIndex || roles.contains(.excellent) ? .departmentWide : .project
    }

    private static let activityCodeIndex = knownLabels.firstIndex { $0.label == activityCodeLabel }

    /// Whether `label` equals the header label of column `column` (whose labels are all known).
    func label(_ label: String, equalsColumn column: Int) -> Bool {
        guard column >= 0, column < known.count, let k = known[column] else {
            return column >= 0 && column < labels.count && labels[column] == label
        }
        return Self.label(label, isKnown: k)
    }

    func index(of role: ColumnRole) -> Int? { roles.firstIndex(of: role) }
}
