import Foundation
import JXModel

/// A field a condition can read: a row's cells and parsed value, its table's title and goal, the document's
/// year. Names are the ones rule files use ("value.comparator", "table.goal"); see Rules/README.md.
enum Field: Hashable, Sendable {
    case level1, level2, name, nameCore, description, basis
    case valueRaw, valueText, valueComparator, valueNumber, valueUpperNumber, valueUnit, valueUnitClass
    case valueKind, valueTrailingText
    case rowIndex
    case tableTitle, tableProject, tableGoal, tableGoalCore, tableGoalResidue, tableKind, tableSection, tableRowCount, tableBasisFilledCount
    case documentYear, documentDepartment
    /// The length in characters of a text field ("table.goal.length").
    indirect case length(Field)

    static let byName: [String: Field] = [
        "level1": .level1, "level2": .level2, "name": .name, "nameCore": .nameCore,
        "description": .description, "basis": .basis,
        "value.raw": .valueRaw, "value.text": .valueText, "value.comparator": .valueComparator,
        "value.number": .valueNumber, "value.upperNumber": .valueUpperNumber, "value.unit": .valueUnit,
        "value.unitClass": .valueUnitClass, "value.kind": .valueKind, "value.trailingText": .valueTrailingText,
        "row.index": .rowIndex,
        "table.title": .tableTitle, "table.project": .tableProject, "table.goal": .tableGoal, "table.goalCore": .tableGoalCore,
        "table.goalResidue": .tableGoalResidue,
        "table.kind": .tableKind, "table.section": .tableSection, "table.rowCount": .tableRowCount,
        "table.basisFilledCount": .tableBasisFilledCount,
        "document.year": .documentYear, "document.department": .documentDepartment,
    ]

    static func parse(_ name: String) -> Field? {
        if name.hasSuffix(".length") {
            guard let base = byName[String(name.dropLast(".length".count))], !base.isNumeric else { return nil }
            return .length(base)
        }
        return byName[name]
    }

    var isNumeric: Bool {
        switch self {
        case .valueNumber, .valueUpperNumber, .rowIndex, .tableRowCount, .tableBasisFilledCount, .documentYear,
             .length:
            return true
        default:
            return false
        }
    }

    /// The number of fields with a slot.
    static let slotCount = 27
    /// Row fields have the slots below this one; table and document fields the rest.
    static let rowSlotCount = 16

    /// The field with this slot.
    static func bySlot(_ slot: Int) -> Field? { slotted.indices.contains(slot) ? slotted[slot] : nil }
    /// The row fields, in slot order.
    static var rowFields: ArraySlice<Field> { slotted[..<rowSlotCount] }
    private static let slotted: [Field] = {
        let all = byName.values.filter { $0.slot != nil }.sorted { ($0.slot ?? 0) < ($1.slot ?? 0) }
        precondition(all.map(\.slot) == (0..<slotCount).map { $0 }, "field slots must be 0..<slotCount")
        return all
    }()

    /// A small number per field, so that a context caches fields in an array rather than a dictionary.
    /// The `.length` forms have none: they are computed from their base field.
    var slot: Int? {
        switch self {
        case .level1: return 0
        case .level2: return 1
        case .name: return 2
        case .nameCore: return 3
        case .description: return 4
        case .basis: return 5
        case .valueRaw: return 6
        case .valueText: return 7
        case .valueComparator: return 8
        case .valueNumber: return 9
        case .valueUpperNumber: return 10
        case .valueUnit: return 11
        case .valueUnitClass: return 12
        case .valueKind: return 13
        case .valueTrailingText: return 14
        case .rowIndex: return 15
        case .tableTitle: return 16
        case .tableProject: return 17
        case .tableGoal: return 18
        case .tableGoalCore: return 19
        case .tableGoalResidue: return 20
        case .tableKind: return 21
        case .tableSection: return 22
        case .tableRowCount: return 23
        case .tableBasisFilledCount: return 24
        case .documentYear: return 25
        case .documentDepartment: return 26
        case .length: return nil
        }
    }

    /// Whether reading the field needs a row (row fields are meaningless in a table-scope rule).
    var needsRow: Bool {
        switch self {
        case .tableTitle, .tableProject, .tableGoal, .tableGoalCore, .tableGoalResidue, .tableKind, .tableSection, .tableRowCount,
             .tableBasisFilledCount, .documentYear, .documentDepartment:
            return false
        case .length(let f):
            return f.needsRow
        default:
            return true
        }
    }
}
