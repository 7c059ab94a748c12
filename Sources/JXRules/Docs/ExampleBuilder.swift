import Foundation
import JXModel

/// Turns the examples of a rule file into documents, the way the parser would have read them, so that the
/// examples can be run as tests and a bureau can check its own pack.
///
/// The rule stage does not parse values (that is JXParse's job and a stage never reaches back), so the
/// caller passes the value parser and the cell normaliser in.
public struct ExampleBuilder: Sendable {
    public typealias ValueParse = @Sendable (String) -> IndicatorValue
    public typealias CellParse = @Sendable (String) -> CellText
    let parseValue: ValueParse
    let cell: CellParse

    public init(parseValue: @escaping ValueParse, cell: @escaping CellParse) {
        self.parseValue = parseValue
        self.cell = cell
    }

    /// The documents an example describes (one for row and table examples).
    public func documents(for example: RuleExample) -> [Document] {
        switch example.content {
        case .row(let cells, let title, let goal, let year):
            let t = ExampleTable(title: title ?? "1、示例项目绩效目标表", goal: goal ?? "1.示例目标", section: nil,
                                 project: nil, rows: [cells])
            return [document(ExampleDocument(path: "example.txt", year: year ?? 2023, department: nil, tables: [t]))]
        case .table(let t, let year):
            return [document(ExampleDocument(path: "example.txt", year: year ?? 2023, department: nil, tables: [t]))]
        case .documents(let docs):
            return docs.map(document)
        }
    }

    func document(_ d: ExampleDocument) -> Document {
        // Lines are invented but distinct and increasing, like a real document's.
        var line = 1
        var tables: [GoalTable] = []
        for (i, t) in d.tables.enumerated() {
            let titleLine = line
            line += 3
            var rows: [IndicatorRow] = []
            var defects: [ParseDefect] = []
            var level1 = CellText.empty, level2 = CellText.empty
            for cells in t.rows {
                defer { line += 1 }
                guard cells.count == 6 else {
                    defects.append(ParseDefect(kind: .missingCells, line: line, evidence: cells.joined(separator: " | "),
                                               expectedCells: 6, foundCells: cells.count))
                    continue
                }
                // An empty 一级/二级 carries over from the row above, as in the documents.
                let c1 = cell(cells[0]), c2 = cell(cells[1])
                let carried1 = c1.isEmpty && !level1.isEmpty, carried2 = c2.isEmpty && !level2.isEmpty
                if !c1.isEmpty { level1 = c1 }
                if !c2.isEmpty { level2 = c2 }
                rows.append(IndicatorRow(line: line, index: rows.count + 1, level1: level1, level2: level2,
                                         name: cell(cells[2]), description: cell(cells[3]),
                                         value: parseValue(cells[4]), basis: cell(cells[5]),
                                         level1CarriedOver: carried1, level2CarriedOver: carried2))
            }
            let title = cell(t.title)
            let (number, project) = ExampleBuilder.split(title: title.text)
            tables.append(GoalTable(kind: .project, layout: .cellPerLine, index: i + 1, printedNumber: number,
                                    title: title, project: t.project ?? project, goal: cell(t.goal), line: titleLine,
                                    section: t.section ?? "第三部分 预算项目绩效目标", rows: rows, defects: defects))
            line += 2
        }
        return Document(path: d.path, department: d.department, budgetYear: d.year ?? 2023, tables: tables,
                        lineCount: line, byteCount: 0)
    }

    /// "438、党群工作部…绩效目标表" → ("438", "党群工作部…").
    static func split(title: String) -> (String?, String) {
        var rest = Substring(title)
        var number: String? = nil
        let digits = rest.prefix(while: { $0.isNumber })
        if !digits.isEmpty, rest.dropFirst(digits.count).first == "、" {
            number = String(digits)
            rest = rest.dropFirst(digits.count + 1)
        }
        var project = String(rest)
        if project.hasSuffix("绩效目标表") { project.removeLast("绩效目标表".count) }
        return (number, project)
    }
}
