/// The source layout a table was read from (DESIGN.md, "Input layouts").
public enum SourceLayout: String, Sendable, Hashable, Codable, CaseIterable {
    /// One cell per line, each cell starting with a TAB (.docx-derived).
    case cellPerLine = "cell-per-line"
    /// One row per line, cells separated by TABs (PDF-derived).
    case tabRow = "tab-row"
    /// One row per line, cells separated by `|` (web pages, markdown).
    case pipeRow = "pipe-row"
}

/// The two kinds of goal table found in documents.
public enum GoalTableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A project's 绩效目标表: goal plus indicator rows with one 指标值 each.
    case project
    /// A department-wide table (活动编码 … 优 良 中 差) whose rows carry graded thresholds.
    case departmentWide = "department-wide"
}

/// Thresholds of a graded indicator in a department-wide table.
public struct GradedThresholds: Sendable, Hashable, Codable {
    public var excellent: CellText   // 优
    public var good: CellText        // 良
    public var fair: CellText        // 中
    public var poor: CellText        // 差

    public init(excellent: CellText, good: CellText, fair: CellText, poor: CellText) {
        self.excellent = excellent
        self.good = good
        self.fair = fair
        self.poor = poor
    }
}

/// Something the parser found wrong with the shape of a table (a row with missing cells, a title with no
/// table). Rules turn these into findings so that nothing is silently dropped.
public struct ParseDefect: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case missingCells = "missing-cells"
        case extraCells = "extra-cells"
        case noIndicatorRows = "no-indicator-rows"
        case noHeader = "no-header"
        /// A goal-table header with no title above it: the table is read, named by the nearest text above.
        case noTitle = "no-title"
    }
    public var kind: Kind
    public var line: Int
    /// The cells that were read, as printed, for the message.
    public var evidence: String
    public var expectedCells: Int
    public var foundCells: Int

    public init(kind: Kind, line: Int, evidence: String, expectedCells: Int = 0, foundCells: Int = 0) {
        self.kind = kind
        self.line = line
        self.evidence = evidence
        self.expectedCells = expectedCells
        self.foundCells = foundCells
    }
}

/// One indicator row of a goal table.
///
/// The fields are kept in one shared, immutable object: rows are copied often (into a rule's evaluation
/// context, out of a table's array, into a report), and a row holds about twenty strings, each of which a
/// copy of the fields themselves would retain and release. A copy of the row costs one. Rows are made once
/// and seldom changed; setting a field makes a new object (copy on write).
public struct IndicatorRow: Sendable, Hashable, Codable {
    /// The row's fields, as the properties below name them (and as JSON encodes them). Usable from the
    /// inlined getters: a rule reading `row.value.number` then reads that number in place, where a call
    /// would return a copy of the whole value (and retain its strings).
    @usableFromInline
    struct Fields: Sendable, Hashable, Codable {
        @usableFromInline var line: Int
        @usableFromInline var index: Int
        @usableFromInline var level1: CellText
        @usableFromInline var level2: CellText
        @usableFromInline var name: CellText
        @usableFromInline var description: CellText
        @usableFromInline var value: IndicatorValue
        @usableFromInline var basis: CellText
        @usableFromInline var level1CarriedOver: Bool
        @usableFromInline var level2CarriedOver: Bool
        @usableFromInline var grades: GradedThresholds?
        @usableFromInline var extra: [ExtraCell]
    }

    @usableFromInline
    var storage: SharedFields<Fields>

    /// 1-based line of the row's first cell (cell-per-line) or of the row (tab/pipe rows).
    public var line: Int {
        @inlinable get { storage.fields.line }
        set { storage = storage.updated { $0.line = newValue } }
    }
    /// 1-based position in its table.
    public var index: Int {
        @inlinable get { storage.fields.index }
        set { storage = storage.updated { $0.index = newValue } }
    }
    /// 一级指标, carried over from the row above when the cell is empty (see `level1CarriedOver`).
    public var level1: CellText {
        @inlinable get { storage.fields.level1 }
        set { storage = storage.updated { $0.level1 = newValue } }
    }
    /// 二级指标, carried over like `level1`.
    public var level2: CellText {
        @inlinable get { storage.fields.level2 }
        set { storage = storage.updated { $0.level2 = newValue } }
    }
    /// 三级指标 (or 指标名称 / 绩效指标 in other layouts).
    public var name: CellText {
        @inlinable get { storage.fields.name }
        set { storage = storage.updated { $0.name = newValue } }
    }
    /// 绩效指标描述.
    public var description: CellText {
        @inlinable get { storage.fields.description }
        set { storage = storage.updated { $0.description = newValue } }
    }
    public var value: IndicatorValue {
        @inlinable get { storage.fields.value }
        set { storage = storage.updated { $0.value = newValue } }
    }
    /// 指标值确定依据.
    public var basis: CellText {
        @inlinable get { storage.fields.basis }
        set { storage = storage.updated { $0.basis = newValue } }
    }
    public var level1CarriedOver: Bool {
        @inlinable get { storage.fields.level1CarriedOver }
        set { storage = storage.updated { $0.level1CarriedOver = newValue } }
    }
    public var level2CarriedOver: Bool {
        @inlinable get { storage.fields.level2CarriedOver }
        set { storage = storage.updated { $0.level2CarriedOver = newValue } }
    }
    /// Graded thresholds (department-wide tables only).
    public var grades: GradedThresholds? {
        @inlinable get { storage.fields.grades }
        set { storage = storage.updated { $0.grades = newValue } }
    }
    /// Columns that have no place above (指标性质, 权重, 指标方向 …), by their header label, in order.
    public var extra: [ExtraCell] {
        @inlinable get { storage.fields.extra }
        set { storage = storage.updated { $0.extra = newValue } }
    }

    public init(line: Int, index: Int, level1: CellText, level2: CellText, name: CellText,
                description: CellText, value: IndicatorValue, basis: CellText,
                level1CarriedOver: Bool = false, level2CarriedOver: Bool = false,
                grades: GradedThresholds? = nil, extra: [ExtraCell] = []) {
        storage = SharedFields(Fields(line: line, index: index, level1: level1, level2: level2, name: name,
                                 description: description, value: value, basis: basis,
                                 level1CarriedOver: level1CarriedOver, level2CarriedOver: level2CarriedOver,
                                 grades: grades, extra: extra))
    }

    // Equal, hashed, encoded and decoded by the fields, exactly as when they were stored properties.

    public static func == (lhs: IndicatorRow, rhs: IndicatorRow) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    public init(from decoder: Decoder) throws { storage = SharedFields(try Fields(from: decoder)) }

    public func encode(to encoder: Encoder) throws { try storage.fields.encode(to: encoder) }
}

/// A cell from a column jxlint does not interpret, kept under its header label.
public struct ExtraCell: Sendable, Hashable, Codable {
    public var label: String
    public var value: CellText
    public init(label: String, value: CellText) {
        self.label = label
        self.value = value
    }
}

/// One 绩效目标表.
public struct GoalTable: Sendable, Hashable, Codable {
    public var kind: GoalTableKind
    public var layout: SourceLayout
    /// 1-based position among the document's goal tables.
    public var index: Int
    /// The number as printed before "、" ("438" in "438、…"); nil when the title has none.
    public var printedNumber: String?
    /// The title as printed and normalised ("1、党群工作部安可设备计划资金绩效目标表").
    public var title: CellText
    /// The project name: the title without its number and the trailing "绩效目标表".
    public var project: String
    /// 绩效目标, items joined with "\n" in `raw`.
    public var goal: CellText
    /// 1-based line of the title.
    public var line: Int
    /// The document section the table stands in ("第三部分 预算项目绩效目标"), for telling a
    /// department-level table from its repeat in the unit-level section.
    public var section: String
    public var rows: [IndicatorRow]
    public var defects: [ParseDefect]

    public init(kind: GoalTableKind, layout: SourceLayout, index: Int, printedNumber: String?, title: CellText,
                project: String, goal: CellText, line: Int, section: String, rows: [IndicatorRow],
                defects: [ParseDefect] = []) {
        self.kind = kind
        self.layout = layout
        self.index = index
        self.printedNumber = printedNumber
        self.title = title
        self.project = project
        self.goal = goal
        self.line = line
        self.section = section
        self.rows = rows
        self.defects = defects
    }
}

/// Bytes the decoder could not read and replaced with U+FFFD (a file cut inside a character, a stray byte),
/// so that a slightly damaged document is still checked; the command line says so in a note.
public struct EncodingRepair: Sendable, Hashable, Codable {
    /// How many invalid byte sequences were replaced.
    public var replacedSequences: Int
    /// 1-based line of the first one.
    public var firstLine: Int

    public init(replacedSequences: Int, firstLine: Int) {
        self.replacedSequences = replacedSequences
        self.firstLine = firstLine
    }
}

/// One budget document: a department's 部门预算公开 for one year.
public struct Document: Sendable, Hashable, Codable {
    /// The path as given on the command line (or `--stdin-name`).
    public var path: String
    /// The department as the document names itself, e.g. "保定白沟新城党群工作部".
    public var department: String?
    public var budgetYear: Int?
    public var tables: [GoalTable]
    public var lineCount: Int
    public var byteCount: Int
    /// Set when invalid bytes were replaced while decoding; nil (and absent from JSON) otherwise.
    public var encodingRepair: EncodingRepair?

    public init(path: String, department: String?, budgetYear: Int?, tables: [GoalTable],
                lineCount: Int, byteCount: Int, encodingRepair: EncodingRepair? = nil) {
        self.path = path
        self.department = department
        self.budgetYear = budgetYear
        self.tables = tables
        self.lineCount = lineCount
        self.byteCount = byteCount
        self.encodingRepair = encodingRepair
    }

    public var rowCount: Int { tables.reduce(0) { $0 + $1.rows.count } }
}
