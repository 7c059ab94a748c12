#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JXModel

/// A cell as read from the source, before it is given a meaning by the header.
struct SourceCell {
    /// Text as printed; continuation lines joined with "\n"; trailing tabs dropped.
    private(set) var raw: String
    /// `Normalizer.normalize(raw)`, computed once: the reader and the row assembler consult it many times.
    private(set) var normalized: String
    /// 1-based source line where the cell starts.
    var line: Int

    init(raw: String, line: Int) {
        self.raw = raw
        self.normalized = Normalizer.normalize(raw)
        self.line = line
    }

    /// Appends a continuation line ("…高" + "素质党员").
    mutating func append(line text: String) {
        raw += "\n" + text
        normalized = Normalizer.normalize(raw)
    }

    var cellText: CellText { CellText(raw: raw, text: normalized) }
}

/// A row of cells as the source lays it out (one line in tab/pipe rows, six cells in cell-per-line).
struct SourceRecord {
    var cells: [SourceCell]
    var line: Int
}

/// What a table region holds once its layout is read: the goal, the header and the body records.
struct TableContent {
    var layout: SourceLayout
    var goal: [SourceCell]
    var columns: ColumnMap?
    /// 1-based line of the header's first cell.
    var headerLine: Int?
    var records: [SourceRecord]
    var defects: [ParseDefect]
}

/// Reads the lines of one table region (after the title, up to the next title or heading) in whichever of
/// the three layouts it is written.
enum TableReader {
    static func read(_ lines: SourceLines, from start: Int, to end: Int) -> TableContent {
        switch detectLayout(lines, from: start, to: end) {
        case .cellPerLine: return readCellPerLine(lines, from: start, to: end)
        case .tabRow: return readRowPerLine(lines, from: start, to: end, layout: .tabRow)
        case .pipeRow: return readRowPerLine(lines, from: start, to: end, layout: .pipeRow)
        }
    }

    /// The layout of a region, decided by how its header is written; cell-per-line when there is none.
    static func detectLayout(_ lines: SourceLines, from start: Int, to end: Int) -> SourceLayout {
        var i = start
        while i < end {
            let bytes = lines.bytes(i)
            if bytes.startsWithTab {
                if ColumnMap.mayStartHeader(bytes), ColumnMap.startsHeader(label(droppingTab(lines[i]))) {
                    return .cellPerLine
                }
            } else if bytes.contains(0x09) {
                if ColumnMap.mayStartHeader(bytes), let first = tabCells(lines[i]).first(where: { !$0.isEmpty }),
                   ColumnMap.startsHeader(label(first)) { return .tabRow }
            } else if bytes.contains(0x7C) {   // "|"
                let line = lines[i]
                if pipeCells(line).contains(where: { ColumnMap.isHeaderLabel(label($0)) && label($0) != "绩效目标" }) {
                    return .pipeRow
                }
            }
            i += 1
        }
        return .cellPerLine
    }

    static func label(_ s: Substring) -> String { ColumnMap.label(Normalizer.normalize(String(s))) }

    /// The line without its leading TAB. A TAB is a character of its own, so dropping its byte is exact.
    static func droppingTab(_ line: Substring) -> Substring {
        line.utf8.first == 0x09 ? Substring(line.utf8.dropFirst()) : line
    }

    /// The TAB-separated cells of a row line, empty ones included (split on bytes: a TAB is a character of
    /// its own).
    static func tabCells(_ line: Substring) -> [Substring] {
        let view = line.utf8
        let tabs = view.withContiguousStorageIfAvailable(tabOffsets) ?? Array(view).withUnsafeBufferPointer(tabOffsets)
        var cells: [Substring] = []
        cells.reserveCapacity(tabs.count + 1)
        var start = view.startIndex
        for tab in tabs {
            let end = view.index(view.startIndex, offsetBy: tab)
            cells.append(Substring(view[start..<end]))
            start = view.index(after: end)
        }
        cells.append(Substring(view[start...]))
        return cells
    }

    /// The offsets of the TABs in `bytes`, found with `memchr` rather than by testing every byte.
    private static func tabOffsets(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var offsets: [Int] = []
        guard let base = bytes.baseAddress else { return offsets }
        offsets.reserveCapacity(8)   // a goal table has six to nine columns
        var start = 0
        while start < bytes.count, let found = memchr(base + start, 0x09, bytes.count - start) {
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            offsets.append(offset)
            start = offset + 1
        }
        return offsets
    }

    /// `s` without leading spaces; the character search runs only when there is one to drop.
    static func droppingLeadingSpaces(_ s: Substring) -> Substring {
        s.utf8.first == 0x20 ? s.drop(while: { $0 == " " }) : s
    }

    /// Text of a line without trailing tabs, spaces and U+3000 (they are layout, not content).
    static func trimmedTrailing(_ s: Substring) -> String {
        let trimmed: String?? = s.utf8.withContiguousStorageIfAvailable { bytes in
            // Tabs and CRs are control characters, never part of a larger character: drop them byte by byte.
            var end = bytes.count
            while end > 0, end <= bytes.count, bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
            // A space or U+3000 (last byte 0x80) may end the text: that is trimmed by characters below, as a
            // character could join it.
            if end > 0, end <= bytes.count, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x80 { return nil }
            // Made from the bytes, which are cut from a valid string at a TAB or CR: that costs less than
            // slicing the string (index checks, a substring, then a copy).
            return String(cutFromValidUTF8: UnsafeBufferPointer(rebasing: bytes[..<end]))
        }
        if case let text?? = trimmed { return text }
        var end = s.endIndex
        while end > s.startIndex {
            let before = s.index(before: end)
            let c = s[before]
            if c == "\t" || c == " " || c == "\u{3000}" || c == "\r" { end = before } else { break }
        }
        return String(s[s.startIndex..<end])
    }

    /// `trimmedTrailing` of line `i` (without its leading TAB when `droppingTab`), cut straight from the
    /// line's bytes unless a space or U+3000 has to be trimmed by characters.
    private static func cellText(_ lines: SourceLines, _ i: Int, droppingTab: Bool) -> String {
        let cut: String? = lines.withBytes(i) { bytes in
            var lower = 0
            var upper = bytes.count
            if droppingTab, lower < upper, bytes[lower] == 0x09 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D { upper -= 1 }
            if upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x80 { return nil }
            // A TAB and a CR are characters of their own, so the part starts and ends on character boundaries.
            return lower < upper ? String(cutFromValidUTF8: UnsafeBufferPointer(rebasing: bytes[lower..<upper])) : ""
        }
        return cut ?? trimmedTrailing(droppingTab ? Self.droppingTab(lines[i]) : lines[i])
    }

    // MARK: Layout A: one cell per line

    /// Where a cell of a cell-per-line table is written: `line` (0-based) starts it with a TAB, and the
    /// non-blank lines after it, up to `end`, continue it. Only line numbers: the region is walked once to
    /// find them, and each cell's strings are made once, when the cell is read.
    private struct CellLines {
        var line: Int
        /// One past the cell's last non-blank line; `line + 1` for the common one-line cell.
        var end: Int
    }

    private static func cellLines(_ lines: SourceLines, from start: Int, to end: Int) -> [CellLines] {
        var cells: [CellLines] = []
        cells.reserveCapacity((end - start) / 2)
        var i = start
        while i < end {
            if lines.startsWithTab(i) {
                cells.append(CellLines(line: i, end: i + 1))
            } else if !cells.isEmpty, !lines.bytes(i).isBlank {
                // Only a leading TAB starts a cell; any other text continues the cell above.
                cells[cells.count - 1].end = i + 1
            }
            i += 1
        }
        return cells
    }

    /// The cell written on `at`'s lines: continuation lines joined with "\n", blank ones skipped.
    private static func sourceCell(_ lines: SourceLines, _ at: CellLines) -> SourceCell {
        var raw = cellText(lines, at.line, droppingTab: true)
        var i = at.line + 1
        while i < at.end {
            if !lines.bytes(i).isBlank { raw += "\n" + cellText(lines, i, droppingTab: false) }
            i += 1
        }
        return SourceCell(raw: raw, line: at.line + 1)
    }

    private static func readCellPerLine(_ lines: SourceLines, from start: Int, to end: Int) -> TableContent {
        let places = cellLines(lines, from: start, to: end)
        // The cells before the header (the goal) are read while looking for it.
        var beforeHeader: [SourceCell] = []
        var headerLabel: String?
        var k = 0
        while k < places.count {
            let cell = sourceCell(lines, places[k])
            if ColumnMap.startsHeader(normalized: cell.normalized) {
                headerLabel = ColumnMap.label(cell.normalized)
                break
            }
            beforeHeader.append(cell)
            k += 1
        }
        guard let firstLabel = headerLabel, k < places.count else {
            return TableContent(layout: .cellPerLine, goal: goalCells(beforeHeader[...]), columns: nil,
                                headerLine: nil, records: [], defects: [])
        }
        let headerLine = places[k].line + 1
        var labels: [String] = []
        if ColumnMap.isHeaderLabel(firstLabel) {
            labels.append(firstLabel)
            k += 1
            while k < places.count {
                let l = ColumnMap.label(sourceCell(lines, places[k]).normalized)
                guard ColumnMap.isHeaderLabel(l) else { break }
                labels.append(l)
                k += 1
            }
        }
        let columns = ColumnMap(labels: labels)
        var records: [SourceRecord] = []
        records.reserveCapacity(columns.count > 0 ? (places.count - k) / columns.count + 1 : 0)
        var defects: [ParseDefect] = []
        let width = columns.count
        // Each record's cells are read straight into its own array: no array of all cells to copy them from.
        while width > 0, k < places.count {
            let chunkEnd = min(k + width, places.count)
            var chunk: [SourceCell] = []
            chunk.reserveCapacity(chunkEnd - k)
            for place in places[k..<chunkEnd] { chunk.append(sourceCell(lines, place)) }
            k += width
            guard let first = chunk.first else { continue }
            if chunk.allSatisfy({ $0.normalized.isEmpty }) { continue }
            if chunk.count < width {
                defects.append(ParseDefect(kind: .missingCells, line: first.line,
                                           evidence: chunk.map(\.raw).joined(separator: " | "),
                                           expectedCells: width, foundCells: chunk.count))
                continue
            }
            if isRepeatedHeader(chunk, columns) { continue }
            records.append(SourceRecord(cells: chunk, line: first.line))
        }
        return TableContent(layout: .cellPerLine, goal: goalCells(beforeHeader[...]), columns: columns,
                            headerLine: headerLine, records: records, defects: defects)
    }

    /// The goal text cells: everything after the "绩效目标" label (or the label's own remainder,
    /// "绩效目标：…"), up to the header.
    private static func goalCells(_ cells: ArraySlice<SourceCell>) -> [SourceCell] {
        guard let labelIndex = cells.firstIndex(where: { ColumnMap.label($0.normalized).hasPrefix(word: "绩效目标") }) else {
            return cells.filter { !$0.normalized.isEmpty }
        }
        var goal: [SourceCell] = []
        let labelCell = cells[labelIndex]
        // From the first "：" or ":" on, found by bytes where they can tell (comparing characters is slow).
        let text = labelCell.normalized
        let colon = [text.firstRange(ofWord: "："), text.firstRange(ofWord: ":")].compactMap { $0?.lowerBound }.min()
        let remainder = text[(colon ?? text.endIndex)...]
        if !remainder.hasAtMost(1) {   // not counted to its end: it may be the whole goal
            goal.append(SourceCell(raw: String(remainder.dropFirst()), line: labelCell.line))
        }
        goal += cells[(labelIndex + 1)...].filter { !$0.normalized.isEmpty }
        return goal
    }

    private static func isRepeatedHeader<C: Collection<SourceCell>>(_ cells: C, _ columns: ColumnMap) -> Bool {
        guard cells.count >= 2, columns.count >= 2, let first = cells.first else { return false }
        let second = cells[cells.index(after: cells.startIndex)]
        return columns.label(ColumnMap.label(first.normalized), equalsColumn: 0)
            && columns.label(ColumnMap.label(second.normalized), equalsColumn: 1)
    }

    /// Whether line `i` starts a project table's header: a "一级指标" cell followed by a "二级指标" cell, a
    /// tab row or a pipe row whose first two labels are those. Only asked for lines holding "一级指标".
    static func isHeaderStart(_ lines: SourceLines, _ i: Int) -> Bool {
        let line = lines[i]
        if lines.startsWithTab(i) {
            guard ColumnMap.label(Normalizer.normalize(String(line.dropFirst()))) == "一级指标" else { return false }
            var j = i + 1
            while j < lines.count, !lines.startsWithTab(j), lines.bytes(j).isBlank { j += 1 }
            return j < lines.count && lines.startsWithTab(j)
                && ColumnMap.label(Normalizer.normalize(String(lines[j].dropFirst()))) == "二级指标"
        }
        let parts: [Substring] = line.contains("\t") ? line.split(separator: "\t", omittingEmptySubsequences: true)
            : pipeCells(line).filter { !$0.allSatisfy { $0 == " " } }
        let labels = parts.prefix(2).map { ColumnMap.label(Normalizer.normalize(String($0))) }
        return labels == ["一级指标", "二级指标"]
    }

    // MARK: Layouts B and C: one row per line

    /// A cell split by a page break continues on at most this many lines, each at most this long.
    static let maxContinuationLines = 2
    static let maxContinuationLength = 40

    /// The cells of a pipe row. `outerBars` says whether the table writes markdown's leading and trailing
    /// bars (decided once, from its header): without them, a row whose first cell is empty also starts
    /// with "|", and that bar must not be dropped. nil decides from the line itself.
    static func pipeCells(_ line: Substring, outerBars: Bool? = nil) -> [Substring] {
        var s = line.drop(while: { $0 == " " || $0 == "\t" })
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        if outerBars ?? (s.first == "|") {
            if s.first == "|" { s = s.dropFirst() }
            if s.last == "|" { s = s.dropLast() }
        }
        return s.split(separator: "|", omittingEmptySubsequences: false)
    }

    private static func isPipeSeparator(_ cells: [Substring]) -> Bool {
        !cells.isEmpty && cells.allSatisfy { cell in
            let t = cell.filter { $0 != " " }
            return !t.isEmpty && t.allSatisfy { $0 == "-" || $0 == ":" }
        }
    }

    private static func readRowPerLine(_ lines: SourceLines, from start: Int, to end: Int,
                                       layout: SourceLayout) -> TableContent {
        var goal: [SourceCell] = []
        var sawGoalLabel = false
        var columns: ColumnMap?
        var headerLine: Int?
        var outerBars: Bool?
        var records: [SourceRecord] = []
        // The cell that continuation lines are being joined to, as it was before them, and how many joined.
        var continuation: (record: Int, cell: Int, original: SourceCell, lines: Int)?
        var defects: [ParseDefect] = []
        var i = start
        while i < end {
            let lineNumber = i + 1
            i += 1
            if lines.bytes(i - 1).isBlank { continue }
            let line = lines[i - 1]
            let parts: [Substring] = layout == .pipeRow ? pipeCells(line, outerBars: outerBars) : tabCells(line)
            if layout == .pipeRow && isPipeSeparator(parts) { continue }
            var cells = parts.map { SourceCell(raw: trimmedTrailing(droppingLeadingSpaces($0)), line: lineNumber) }
            guard let map = columns else {
                // Labels are built only for the header line: the lines before it are goal prose. A cell's
                // label is empty exactly when its normalised text is (that text has no outer spaces).
                if let first = cells.first(where: { !$0.normalized.isEmpty }),
                   ColumnMap.startsHeader(normalized: first.normalized) {
                    let labels = cells.map { ColumnMap.label($0.normalized) }
                    columns = ColumnMap(labels: labels.filter { !$0.isEmpty })
                    headerLine = lineNumber
                    outerBars = line.drop(while: { $0 == " " || $0 == "\t" }).first == "|"
                } else if let first = cells.first, ColumnMap.label(first.normalized).hasPrefix(word: "绩效目标") {
                    sawGoalLabel = true
                    goal += goalCells(cells[...])
                } else if sawGoalLabel {
                    goal += cells.filter { !$0.normalized.isEmpty }
                }
                continue
            }
            let width = map.count
            // Trailing empty cells beyond the header are layout ("…\t\t").
            while cells.count > width, let last = cells.last, last.normalized.isEmpty { cells.removeLast() }
            if isRepeatedHeader(cells, map) { continue }
            if cells.count == 1, !records.isEmpty {
                // A cell split across a page break continues the row above: a short fragment, a line or two.
                // A long line is prose after the table (no heading ended it): the table ends there.
                let r = records.count - 1
                if continuation == nil {
                    let target = records[r].cells.lastIndex(where: { !$0.normalized.isEmpty }) ?? (records[r].cells.count - 1)
                    continuation = (r, target, records[r].cells[target], 0)
                }
                guard var pending = continuation, pending.lines < Self.maxContinuationLines,
                      cells[0].normalized.hasAtMost(Self.maxContinuationLength) else {
                    // A run of more short lines than a page split leaves is prose too: take it back out.
                    if let pending = continuation, pending.lines >= Self.maxContinuationLines {
                        records[pending.record].cells[pending.cell] = pending.original
                    }
                    break
                }
                records[r].cells[pending.cell].append(line: cells[0].raw)
                pending.lines += 1
                continuation = pending
                continue
            }
            continuation = nil
            if cells.count < width {
                defects.append(ParseDefect(kind: .missingCells, line: lineNumber,
                                           evidence: cells.map(\.raw).joined(separator: " | "),
                                           expectedCells: width, foundCells: cells.count))
                while cells.count < width { cells.append(SourceCell(raw: "", line: lineNumber)) }
            } else if cells.count > width {
                defects.append(ParseDefect(kind: .extraCells, line: lineNumber,
                                           evidence: cells.map(\.raw).joined(separator: " | "),
                                           expectedCells: width, foundCells: cells.count))
                cells.removeLast(cells.count - width)
            }
            records.append(SourceRecord(cells: cells, line: lineNumber))
        }
        return TableContent(layout: layout, goal: goal, columns: columns, headerLine: headerLine, records: records,
                            defects: defects)
    }
}
