extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place. `withUTF8` is mutating, so calling it meant
    /// copying the string into a `var` first, a retain and a release on every call: on the short cells the
    /// rules and reporters read (a label, a name), those cost as much as the scan itself. A string that does
    /// not hold its bytes contiguously (bridged) is copied, as before. Shared by the stages that scan cell
    /// bytes (rules, reports); inlined where it is called.
    @inlinable @inline(__always)
    package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
