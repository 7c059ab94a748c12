import JXModel

/// Why a document yields no goal tables or cannot be read; one line for the user.
public enum DocumentError: Error, Equatable, Sendable {
    case decode(DecodeError)
    case noGoalTable

    public func message(english: Bool = false) -> String {
        switch self {
        case .decode(let e): return e.message(english: english)
        case .noGoalTable: return english ? "no 绩效目标表 (performance-goal table) found" : "未找到绩效目标表"
        }
    }
}

/// bytes → text → tables → rows: the whole parse stage.
public enum DocumentParser {
    /// Parses a document's bytes. Throws when the bytes are not text or hold no goal table.
    public static func parse(bytes: [UInt8], path: String) throws(DocumentError) -> Document {
        let decoded: DecodedText
        do { decoded = try TextDecoder.decode(bytes) } catch { throw .decode(error) }
        let lines = SourceLines(utf8: decoded.utf8)
        var document = parse(lines, path: path, byteCount: bytes.count)
        if document.tables.isEmpty { throw .noGoalTable }
        document.encodingRepair = decoded.repair
        return document
    }

    /// Parses text already decoded. Never throws: a text without goal tables gives a document without tables.
    public static func parse(text: String, path: String, byteCount: Int? = nil) -> Document {
        parse(SourceLines(text), path: path, byteCount: byteCount ?? text.utf8.count)
    }

    private static func parse(_ lines: SourceLines, path: String, byteCount: Int) -> Document {
        let meta = DocumentMetadata.detect(lines)
        let tables = locateTables(lines, department: meta.department)
        return Document(path: path, department: meta.department, budgetYear: meta.year, tables: tables,
                        lineCount: lines.count, byteCount: byteCount)
    }

    /// Where a table starts: its title (or, for a department-wide table, the section it stands in).
    private struct TableStart {
        var titleLine: Int          // 0-based
        var bodyStart: Int          // 0-based, first line after the title
        var title: TableTitle?
        var section: String
        /// The title was not found: `title` is the nearest text above the header, and the table says so.
        var untitled = false
    }

    static func locateTables(_ lines: SourceLines, department: String?) -> [GoalTable] {
        var tables: [GoalTable] = []
        var part = ""            // latest "第X部分" heading
        var unitLevel = ""       // "第二部分 部门所属单位预算" once the unit-level section begins
        var current: TableStart?
        var departmentWide: TableStart?   // a "部门整体绩效目标" section that may hold a graded table
        var values = ValueCache()         // shared by the document's tables: their values repeat

        func close(at end: Int) {
            if let start = current {
                if let table = makeTable(lines, start, end: end, index: tables.count + 1, department: department,
                                           values: &values) {
                    tables.append(table)
                }
                current = nil
            } else if let start = departmentWide {
                if let table = makeTable(lines, start, end: end, index: tables.count + 1, department: department,
                                           values: &values),
                   table.kind == .departmentWide {
                    tables.append(table)
                }
                departmentWide = nil
            }
        }

        var i = 0
        while i < lines.count {
            if mayStructure(lines, i) {
                let text = Normalizer.normalize(String(lines[i]))
                if let title = LineKinds.title(text) {
                    close(at: i)
                    current = TableStart(titleLine: i, bodyStart: i + 1, title: title,
                                         section: sectionName(unitLevel, part))
                } else if LineKinds.isSectionHeading(text) {
                    let isPart = text.hasPrefix("第")
                    if isPart || current != nil { close(at: i) }
                    if isPart {
                        part = text
                        // The contents page lists every part; a new "第一部分" starts the body (or the next
                        // volume), so the unit-level marker from the contents does not stick.
                        if text.hasPrefix("第一部分") || text.hasPrefix("第1部分") { unitLevel = "" }
                        if text.contains(word: "所属单位") { unitLevel = text }
                        if text.contains(word: "整体绩效目标") {
                            departmentWide = TableStart(titleLine: i, bodyStart: i + 1, title: nil,
                                                        section: sectionName(unitLevel, part))
                        }
                    }
                }
            } else if current.map({ $0.untitled && i > $0.bodyStart }) ?? (departmentWide == nil),
                      lines.bytes(i).contains(level1UTF8), TableReader.isHeaderStart(lines, i) {
                // A goal-table header with no title above it (a page that drops the title, a title in another
                // form): the table is read all the same, named by the nearest text above, and reported.
                // Another such header after an untitled table starts the next table (with a title, a header
                // repeated after a page break belongs to its table; without one, nothing tells them apart
                // but the text above, which is the next project's name).
                let named = nearestText(lines, above: i)
                if current != nil { close(at: named ?? i) }
                let text = named.map { Normalizer.normalize(String(lines[$0])) } ?? ""
                current = TableStart(titleLine: named ?? i, bodyStart: i,
                                     title: TableTitle(printedNumber: nil, text: text, project: text),
                                     section: sectionName(unitLevel, part), untitled: true)
            }
            i += 1
        }
        close(at: lines.count)
        return tables
    }

    private static let level1UTF8 = Array("一级指标".utf8)

    /// The nearest non-blank line above `i` that is not a cell, looking back a few lines at most.
    private static func nearestText(_ lines: SourceLines, above i: Int) -> Int? {
        var j = i - 1
        while j >= 0 && j >= i - 6 {
            if !lines.startsWithTab(j), !lines.bytes(j).isBlank { return j }
            j -= 1
        }
        return nil
    }

    /// Cheap tests before normalising line `i`, cheapest first. A cell (a line starting with a TAB) is never
    /// a title or a heading; the raw bytes must allow one (`LineKinds.mayBeTitleOrHeading`); a blank line is
    /// none; and titles and headings contain "、", "部分", "表" or a closing bracket.
    private static func mayStructure(_ lines: SourceLines, _ i: Int) -> Bool {
        if lines.startsWithTab(i) { return false }
        let bytes = lines.bytes(i)
        return LineKinds.mayBeTitleOrHeading(bytes) && !bytes.isBlank && holdsStructureMark(bytes)
    }

    /// Whether the line holds one of the scalars "、", "部", "表", "）", ")" or ".", searched as bytes: in
    /// UTF-8 a scalar's bytes occur exactly where the scalar does, and no string of the line is made.
    private static func holdsStructureMark(_ line: LineBytes) -> Bool {
        line.contains(0x29) || line.contains(0x2E) || structureMarks.contains { line.contains($0) }
    }

    private static let structureMarks = ["、", "部", "表", "）"].map { Array($0.utf8) }

    private static func sectionName(_ unitLevel: String, _ part: String) -> String {
        unitLevel.isEmpty || unitLevel == part ? part : unitLevel + " / " + part
    }

    private static func makeTable(_ lines: SourceLines, _ start: TableStart, end: Int, index: Int,
                                  department: String?, values: inout ValueCache) -> GoalTable? {
        let content = TableReader.read(lines, from: start.bodyStart, to: end)
        let goal = Normalizer.cell(content.goal.map(\.raw).joined(separator: "\n"))
        var defects = content.defects
        var rows: [IndicatorRow] = []
        let kind = content.columns?.kind ?? .project
        if let columns = content.columns {
            rows = RowAssembler.rows(content.records, columns: columns, values: &values)
            if rows.isEmpty {
                defects.append(ParseDefect(kind: .noIndicatorRows, line: start.titleLine + 1,
                                           evidence: start.title?.text ?? ""))
            }
        } else if start.title != nil {
            defects.append(ParseDefect(kind: .noHeader, line: start.titleLine + 1, evidence: start.title?.text ?? ""))
        } else {
            return nil
        }
        if start.untitled {
            defects.insert(ParseDefect(kind: .noTitle, line: content.headerLine ?? (start.bodyStart + 1),
                                       evidence: start.title?.text ?? ""), at: 0)
        }
        if let title = start.title {
            let rawTitle = String(lines[start.titleLine])
            return GoalTable(kind: kind, layout: content.layout, index: index, printedNumber: title.printedNumber,
                             title: CellText(raw: TableReader.trimmedTrailing(Substring(rawTitle)), text: title.text),
                             project: title.project, goal: goal, line: start.titleLine + 1, section: start.section,
                             rows: rows, defects: defects)
        }
        // A department-wide table has no title of its own: it is named by its section.
        let heading = Normalizer.cell(TableReader.trimmedTrailing(lines[start.titleLine]))
        let headerLine = content.headerLine ?? (start.titleLine + 1)
        return GoalTable(kind: kind, layout: content.layout, index: index, printedNumber: nil, title: heading,
                         project: (department ?? "") + "部门整体绩效目标", goal: departmentGoal(lines, start, end: end),
                         line: headerLine, section: start.section, rows: rows, defects: defects)
    }

    /// The department's overall goal: the paragraph after "（一）总体绩效目标", if the section has one.
    private static func departmentGoal(_ lines: SourceLines, _ start: TableStart, end: Int) -> CellText {
        var i = start.bodyStart
        while i < end {
            let text = Normalizer.normalize(String(lines[i]))
            if text.contains(word: "总体绩效目标") && text.hasAtMost(20) {
                var j = i + 1
                while j < end, lines.bytes(j).isBlank { j += 1 }
                if j < end, !lines.bytes(j).startsWithTab { return Normalizer.cell(TableReader.trimmedTrailing(lines[j])) }
                return .empty
            }
            i += 1
        }
        return .empty
    }
}
