import JXModel

/// Parses a 指标值 cell into comparator, number, unit and kind (DESIGN.md, "Indicator values").
public enum ValueParser {
    /// The parsed value of a cell as printed. Never fails: what cannot be read is `.qualitative`.
    public static func parse(_ raw: String) -> IndicatorValue {
        let text = Normalizer.normalize(raw)
        return IndicatorValue(raw: raw, text: text, kind: text.isEmpty ? .empty : .qualitative)
    }
}
