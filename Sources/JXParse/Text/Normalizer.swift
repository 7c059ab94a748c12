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
        // Most cells and lines hold nothing to fold: hand them back without building a new string.
        if isAlreadyNormal(raw) { return raw }
        return fold(raw)
    }

    /// Whether `normalize(raw)` is `raw` itself, judged from the UTF-8 bytes alone.
    ///
    /// It may say false for text that folds to itself (then `fold` runs and changes nothing), but it must
    /// never say true for text that `fold` would change: every scalar that `fold` rewrites or drops is
    /// listed here by its UTF-8 bytes. Multi-byte sequences are recognised at their last byte; in valid
    /// UTF-8 a lead byte (C2, E2, E3, EF) never appears as a continuation, so the match cannot be misaligned.
    static func isAlreadyNormal(_ raw: String) -> Bool {
        var beforePrevious: UInt8 = 0
        var previous: UInt8 = 0
        var isFirst = true
        for byte in raw.utf8 {
            switch byte {
            case 0x09...0x0D:                  // tab, line break, VT, FF, CR
                return false
            case 0x20:                         // a space at an end, or two spaces, are trimmed or collapsed
                if isFirst || previous == 0x20 { return false }
            case 0x3D, 0x5B:                   // "=" may fold into ≥/≤; "[" may open a bookmark marker
                return false
            default:
                break
            }
            if previous == 0xC2, byte == 0xA0 { return false }   // U+00A0 no-break space
            switch (beforePrevious, previous, byte) {
            case (0xE3, 0x80, 0x80):           // U+3000 ideographic space
                return false
            case (0xE2, 0x80, 0x82...0x8B):    // U+2002…U+200B spaces
                return false
            case (0xEF, 0xBB, 0xBF):           // U+FEFF
                return false
            case (0xE2, 0x89, 0xA6...0xA7):    // ≦ ≧
                return false
            case (0xE2, 0xA9, 0xBD...0xBE):    // ⩽ ⩾
                return false
            case (0xEF, 0xBC, 0x85), (0xEF, 0xBC, 0x8B), (0xEF, 0xBC, 0x8D...0x99), (0xEF, 0xBC, 0x9C...0x9E),
                 (0xEF, 0xBC, 0xA1...0xBA):    // ％ ＋ －．／ ０…９ ＜＝＞ Ａ…Ｚ (U+FF05…U+FF3A)
                return false
            case (0xEF, 0xBD, 0x81...0x9A):    // ａ…ｚ (U+FF41…U+FF5A)
                return false
            default:
                break
            }
            beforePrevious = previous
            previous = byte
            isFirst = false
        }
        return previous != 0x20                // a trailing space is trimmed
    }

    /// The full fold, scalar by scalar.
    static func fold(_ raw: String) -> String {
        if raw.isEmpty { return raw }
        let stripped = raw.utf8.contains(0x5B) && raw.contains("[bookmark:") ? removeBookmarks(raw) : raw
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
                s = Unicode.Scalar(s.value - 0xFEE0) ?? s
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
