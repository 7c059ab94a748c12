/// Display width of text in a terminal, for aligning columns that mix Chinese and ASCII.
///
/// East Asian wide and full-width characters take two columns, combining marks none, everything else one.
/// Ambiguous-width symbols such as "≥" count as one, as Western-locale terminals draw them.
enum TextWidth {
    static func width(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += width(scalar) }
        return total
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    static func padRight(_ text: String, to width: Int) -> String {
        let missing = width - self.width(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    static func padLeft(_ text: String, to width: Int) -> String {
        let missing = width - self.width(text)
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }
}
