/// A piece of document text as printed, next to its normalised form.
///
/// `raw` is exactly what the document says (continuation lines joined with "\n"); `text` has Word bookmark
/// markers removed, full-width digits and comparators folded to their usual forms, U+3000 and stray tabs
/// dropped, and whitespace runs collapsed. Rules read `text`; messages quote `raw`.
public struct CellText: Sendable, Hashable, Codable {
    public var raw: String
    public var text: String

    public init(raw: String, text: String) {
        self.raw = raw
        self.text = text
    }

    public static let empty = CellText(raw: "", text: "")
    public var isEmpty: Bool { text.isEmpty }
}
