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
    /// listed here by its UTF-8 bytes (see `foldsSequence`), and so is every space it could trim or collapse.
    static func isAlreadyNormal(_ raw: String) -> Bool {
        raw.utf8.withContiguousStorageIfAvailable(isAlreadyNormal(utf8:))
            ?? Array(raw.utf8).withUnsafeBufferPointer(isAlreadyNormal(utf8:))
    }

    /// Walks the text a scalar at a time by its UTF-8 sequences. Only sequences led by C2, E2, E3 or EF
    /// hold scalars that fold; a CJK ideograph (led by E4…E9) is stepped over without looking at the rest.
    static func isAlreadyNormal(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var previousIsSpace = true   // the start of the text counts as a space: a leading space is trimmed
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                // Controls (tab, line break …), a leading or doubled space, "=" (may fold into ≥ or ≤) and
                // "[" (may open a bookmark marker). Other controls are sent to `fold` too: they are rare.
                if lead < 0x20 || lead == 0x3D || lead == 0x5B || (lead == 0x20 && previousIsSpace) { return false }
                previousIsSpace = lead == 0x20
                i += 1
                continue
            }
            previousIsSpace = false
            if lead >= 0xE4 && lead <= 0xE9 {
                // A CJK ideograph, most of the text: nothing to fold.
                i += 3
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if lead == 0xC2 || lead == 0xE2 || lead == 0xE3 || lead == 0xEF {
                guard i + length <= bytes.count else { return false }   // cut-off sequence: let `fold` see it
                let second = bytes[i + 1]
                let third: UInt8 = length == 3 ? bytes[i + 2] : 0
                if foldsSequence(lead, second, third) { return false }
            }
            i += length
        }
        return !previousIsSpace || bytes.isEmpty   // a trailing space is trimmed
    }

    /// Whether the scalar encoded as `lead second third` (third is 0 for a two-byte sequence) is one that
    /// `fold` rewrites.
    @inline(__always)
    private static func foldsSequence(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch (lead, second, third) {
        case (0xC2, 0xA0, _),                                              // U+00A0 no-break space
             (0xE3, 0x80, 0x80),                                           // U+3000 ideographic space
             (0xE2, 0x80, 0x82...0x8B),                                    // U+2002…U+200B spaces
             (0xEF, 0xBB, 0xBF),                                           // U+FEFF
             (0xE2, 0x89, 0xA6...0xA7),                                    // ≦ ≧
             (0xE2, 0xA9, 0xBD...0xBE),                                    // ⩽ ⩾
             (0xEF, 0xBC, 0x85), (0xEF, 0xBC, 0x8B), (0xEF, 0xBC, 0x8D...0x99),
             (0xEF, 0xBC, 0x9C...0x9E), (0xEF, 0xBC, 0xA1...0xBA),          // ％ ＋ －．／０…９ ＜＝＞ Ａ…Ｚ
             (0xEF, 0xBD, 0x81...0x9A):                                    // ａ…ｚ
            return true
        default:
            return false
        }
    }

    /// The full fold, scalar by scalar. The result is built as UTF-8 bytes: appending scalars to a
    /// `String` costs several times more.
    static func fold(_ raw: String) -> String {
        if raw.isEmpty { return raw }
        guard raw.contains(word: "[bookmark:") else { return foldScalars(raw) }
        let stripped = removeBookmarks(raw)
        // A heading behind a Word bookmark is usually normal once the marker is gone (and then holds no "[",
        // so folding it again would change nothing).
        return isAlreadyNormal(stripped) ? stripped : foldScalars(stripped)
    }

    /// The fold after the bookmark markers are removed.
    private static func foldScalars(_ stripped: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(stripped.utf8.count)
        var pendingSpace = false
        var pendingBreak = false
        var previous: Unicode.Scalar? = nil   // the last scalar in `out`
        for scalar in stripped.unicodeScalars {
            var s = scalar
            switch s.value {
            case 0x0A:
                // A line break inside a cell is where Word wrapped the text ("高\n素质党员"): between two
                // Chinese characters it disappears, elsewhere it reads as a space.
                pendingBreak = !out.isEmpty
                continue
            case _ where isSpace(s):
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
                out.removeLast(min(UTF8.width(p), out.count))
                let merged: Unicode.Scalar = p == ">" || p == "≥" ? "≥" : "≤"
                UTF8.encode(merged) { out.append($0) }
                previous = merged
                pendingSpace = false
                continue
            }
            if pendingBreak && !pendingSpace, let p = previous, p.value >= 0x2E80, s.value >= 0x2E80 {
                pendingBreak = false
            }
            if pendingSpace || pendingBreak {
                out.append(0x20)
                pendingSpace = false
                pendingBreak = false
            }
            UTF8.encode(s) { out.append($0) }
            previous = s
        }
        return out.withUnsafeBufferPointer(String.init(cutFromValidUTF8:))   // encoded above: valid
    }

    /// Whether `fold` reads `s` as a space (collapsed with its neighbours, trimmed at the ends). A line break
    /// is not among them: `fold` treats it apart.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x2002...0x200B, 0xFEFF: return true
        default: return false
        }
    }

    /// `raw` without `[bookmark: …]` markers.
    public static func removeBookmarks(_ raw: String) -> String {
        var result = ""
        var rest = Substring(raw)
        while let start = rest.firstRange(ofWord: "[bookmark:") {
            result += rest[rest.startIndex..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstRange(ofWord: "]") else {
                rest = rest[start.lowerBound...]
                break
            }
            rest = rest[end.upperBound...]
        }
        result += rest
        return result
    }

    /// A `CellText` for `raw`.
    public static func cell(_ raw: String) -> CellText {
        CellText(raw: raw, text: normalize(raw))
    }
}
