/// The fields of a value type kept in one shared immutable object: copying the value (sorting findings,
/// handing rows from stage to stage) then costs one retain instead of one per string field. A change makes
/// a new object (`updated`), since the old one may be shared; reading stays in place through the inlinable
/// getters of `IndicatorRow` and `Finding`, which compare, hash and encode as their fields do.
@usableFromInline
final class SharedFields<Fields: Sendable>: Sendable {
    @usableFromInline let fields: Fields

    @usableFromInline
    init(_ fields: Fields) { self.fields = fields }

    /// A new object holding the fields with `change` applied.
    func updated(_ change: (inout Fields) -> Void) -> SharedFields {
        var fields = self.fields
        change(&fields)
        return SharedFields(fields)
    }
}
