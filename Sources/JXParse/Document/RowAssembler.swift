import JXModel

/// Gives the cells of each source record their meaning by the header: carried-over 一级/二级, the value
/// parsed (with a separate unit or comparator column folded in), unmapped columns kept as extras.
enum RowAssembler {
    /// `values` holds the values already parsed in the document.
    static func rows(_ records: [SourceRecord], columns: ColumnMap, values: inout ValueCache) -> [IndicatorRow] {
        var rows: [IndicatorRow] = []
        rows.reserveCapacity(records.count)
        // Where each field stands, looked up once per table rather than once per row and field.
        let level1Column = columns.index(of: .level1)
        let level2Column = columns.index(of: .level2)
        let nameColumn = columns.index(of: .name)
        let descriptionColumn = columns.index(of: .description)
        let basisColumn = columns.index(of: .basis)
        let excellentColumn = columns.index(of: .excellent)
        let valueColumn = columns.kind == .departmentWide ? excellentColumn : columns.index(of: .value)
        // The columns kept as extras under their labels; a unit or nature column is also folded into the value.
        let extraColumns = columns.roles.indices.filter { i in
            switch columns.roles[i] {
            case .extra, .unit, .nature: return true
            default: return false
            }
        }
        var previousLevel1 = CellText.empty
        var previousLevel2 = CellText.empty
        for record in records {
            func cell(_ column: Int?) -> CellText {
                guard let i = column, i < record.cells.count else { return .empty }
                return record.cells[i].cellText
            }
            var level1 = cell(level1Column)
            var level2 = cell(level2Column)
            var level1Carried = false
            var level2Carried = false
            if columns.kind == .project {
                if level1.isEmpty && !previousLevel1.isEmpty {
                    level1 = previousLevel1
                    level1Carried = true
                }
                // 二级 carries over only within the same 一级: a new 一级 with an empty 二级 is left empty.
                if level2.isEmpty && !previousLevel2.isEmpty && level1Carried {
                    level2 = previousLevel2
                    level2Carried = true
                }
            }
            previousLevel1 = level1
            previousLevel2 = level2

            var extra: [ExtraCell] = []
            var unit = CellText.empty
            var nature = ""
            for i in extraColumns where i < record.cells.count {
                let cell = record.cells[i].cellText
                switch columns.roles[i] {
                case .unit:
                    unit = cell
                case .nature:
                    // 指标性质 and 指标方向 may both be present; only a comparator symbol is folded in.
                    if isComparatorSymbol(cell.text) { nature = cell.text }
                default: break
                }
                extra.append(ExtraCell(label: columns.labels[i], value: cell))
            }
            let grades: GradedThresholds? = columns.kind == .departmentWide
                ? GradedThresholds(excellent: cell(excellentColumn), good: cell(columns.index(of: .good)),
                                   fair: cell(columns.index(of: .fair)), poor: cell(columns.index(of: .poor)))
                : nil
            rows.append(IndicatorRow(
                line: record.line, index: rows.count + 1, level1: level1, level2: level2,
                name: cell(nameColumn), description: cell(descriptionColumn),
                value: value(cell(valueColumn), unit: unit, nature: nature, values: &values), basis: cell(basisColumn),
                level1CarriedOver: level1Carried, level2CarriedOver: level2Carried,
                grades: grades, extra: extra))
        }
        return rows
    }

    /// Whether `s` is one of "≥", "≤", ">", "<", "=". Compared as bytes: none of them has another spelling
    /// that Swift compares equal, and hashing a string for a set lookup costs far more.
    static func isComparatorSymbol(_ s: String) -> Bool {
        let bytes = s.utf8
        switch bytes.count {
        case 1: return bytes.first == 0x3E || bytes.first == 0x3C || bytes.first == 0x3D
        case 3: return bytes.elementsEqual("≥".utf8) || bytes.elementsEqual("≤".utf8)
        default: return false
        }
    }

    /// The value of a row; a unit column ("万元") and a comparator column ("≥") are folded in when the
    /// value cell itself lacks them, so "95" + "%" + "≥" reads as "≥95%".
    static func value(_ cell: CellText, unit: CellText, nature: String, values: inout ValueCache) -> IndicatorValue {
        var parsed = values.parse(cell)
        let unitText = unit.text
        let needsUnit = !unitText.isEmpty && parsed.unit == nil && parsed.number != nil
        let needsComparator = isComparatorSymbol(nature) && parsed.comparator == nil && parsed.number != nil
        if needsUnit || needsComparator {
            let combined = (needsComparator ? nature : "") + cell.raw + (needsUnit ? unitText : "")
            parsed = ValueParser.parse(combined)
        }
        return parsed
    }
}
