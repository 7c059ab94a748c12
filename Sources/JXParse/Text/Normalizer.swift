import JXModel

/// Folds the typographic noise of real documents so that rules compare like with like.
///
/// - Word bookmark markers (`[bookmark: _Toc…]`, `[bookmark: OLE_LINK6]`) are removed.
/// - Full-width digits, Latin letters, `％`, `．`, `＋`, `－`, `／` and the comparators `＞ ＜ ＝` become ASCII;
///   `≧ ⩾ >=` become `≥`, `≦ ⩽ <=` become `≤`. Chinese punctuation (，：（）) is kept: it is not noise.
/// - U+3000, no-break spaces and tabs become a space, and so does a line break except between two
///   Chinese characters; runs of spaces collapse; ends are trimmed.
public enum Normalizer {
    /// The normalised form of `raw`.
    public static func normalize(_ raw: String) -> String {
        if raw.isEmpty { return raw }
        let stripped = raw.contains("[bookmark:") ? removeBookmarks(raw) : raw
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var pendingBreak = false
        var previous: Unicode.Scalar? = nil
        for scalar in stripped.unicodeScalars {
            var s = scalar
            switch s.value {
            case 0x0A:
                // A line break inside a cell is where Word wrapped the text ("高\n素质党员"): between two
                // Chinese characters it disappears, elsewhere it reads as a space.
                pendingBreak = !out.isEmpty
                continue
            case 0x09, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x2002...0x200B, 0xFEFF:
                pendingSpace = !out.isEmpty
                continue
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF05, 0xFF0E, 0xFF0B, 0xFF0D, 0xFF0F,
                 0xFF1C, 0xFF1D, 0xFF1E:
                s = Unicode.Scalar(s.value - 0xFEE0)!
            case 0x2267, 0x2A7E: s = "≥"
            case 0x2266, 0x2A7D: s = "≤"
            default: break
            }
            if s == "=", let p = previous, p == ">" || p == "<" || p == "≥" || p == "≤" {
                // ">=" and "<=" are one comparator; "≥=" is a typing slip for "≥".
                out.removeLast()
                out.append(p == ">" || p == "≥" ? "≥" : "≤")
                previous = out.last
                pendingSpace = false
                continue
            }
            if pendingBreak && !pendingSpace, let p = previous, p.value >= 0x2E80, s.value >= 0x2E80 {
                pendingBreak = false
            }
            if pendingSpace || pendingBreak {
                out.append(" ")
                pendingSpace = false
                pendingBreak = false
            }
            out.append(s)
            previous = s
        }
        return String(out)
    }

    /// `raw` without `[bookmark: …]` markers.
    public static func removeBookmarks(_ raw: String) -> String {
        var result = ""
        var rest = Substring(raw)
        while let start = rest.firstRange(of: "[bookmark:") {
            result += rest[rest.startIndex..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "]") else {
                rest = rest[start.lowerBound...]
                break
            }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }

    /// A `CellText` for `raw`.
    public static func cell(_ raw: String) -> CellText {
        CellText(raw: raw, text: normalize(raw))
    }
}
