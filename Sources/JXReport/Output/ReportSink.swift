import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reporter writes its bytes.
///
/// Reporters write many small pieces (a key, a quote, an escaped run of a cell); a sink receives them as
/// UTF-8 byte runs so that a large report is streamed out instead of being assembled into one giant
/// `String` first. `String` conforms for tests and small outputs; `ByteBuffer` collects bytes in memory;
/// `FileSink` buffers and writes to a file descriptor.
public protocol ReportSink {
    /// Appends UTF-8 bytes.
    mutating func write(bytes: UnsafeBufferPointer<UInt8>)
    /// Appends one byte (an ASCII quote or bracket: reporters write millions of them).
    mutating func write(byte: UInt8)
    /// Appends `bytes` between two copies of `mark` (a JSON string that needs no escape: every cell).
    mutating func write(bytes: UnsafeBufferPointer<UInt8>, between mark: UInt8)
}

extension ReportSink {
    public mutating func write(byte: UInt8) {
        withUnsafePointer(to: byte) { write(bytes: UnsafeBufferPointer(start: $0, count: 1)) }
    }

    public mutating func write(bytes: UnsafeBufferPointer<UInt8>, between mark: UInt8) {
        write(byte: mark)
        write(bytes: bytes)
        write(byte: mark)
    }

    /// Appends a literal (a JSON key, a bracket) as UTF-8, read straight from the binary: a `String`
    /// literal would first be asked whether it is small, native or bridged, which costs more than copying
    /// a key of a few bytes.
    @inline(__always)
    mutating func write(literal: StaticString) {
        literal.withUTF8Buffer { write(bytes: $0) }
    }

    /// Appends a string as UTF-8.
    @inlinable
    public mutating func write(_ string: String) {
        // Native and literal strings are contiguous UTF-8: no copy (only bridged ones take the slow path).
        if string.utf8.withContiguousStorageIfAvailable({ self.write(bytes: $0) }) == nil {
            var copy = string
            copy.withUTF8 { self.write(bytes: $0) }
        }
    }
}

extension String: ReportSink {
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        // Reporters only ever hand over whole UTF-8 sequences, so decoding never splits a character.
        self += String(decoding: bytes, as: UTF8.self)
    }
}

/// An in-memory sink collecting the report's UTF-8 bytes.
///
/// Reporters append a key, a quote or a cell at a time, millions of pieces for a large report, so the
/// bytes live in one growable block appended to with a copy and a count, rather than in an `[UInt8]`
/// whose generic `append(contentsOf:)` cost more than the copying itself. A value with copy-on-write, like
/// an array.
public struct ByteBuffer: ReportSink, @unchecked Sendable {
    /// The block; replaced (never resized in place) when it is full or shared. Its address and size are
    /// constants of the block, so reading them needs no exclusivity check; the count is the value's own.
    private var block = Block(capacity: 0)
    private var used = 0

    public init() {}

    /// A buffer with room for `capacity` bytes before it first grows.
    init(capacity: Int) {
        block = Block(capacity: capacity)
    }

    /// The collected bytes.
    public var bytes: [UInt8] { withBytes { Array($0) } }
    /// The collected bytes as text.
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }
    public var data: Data { withBytes { Data(buffer: $0) } }
    public var count: Int { used }

    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if used + bytes.count > block.capacity || !isKnownUniquelyReferenced(&block) { reserve(used + bytes.count) }
        (block.base + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    public mutating func write(byte: UInt8) {
        if used == block.capacity || !isKnownUniquelyReferenced(&block) { reserve(used + 1) }
        block.base[used] = byte
        used += 1
    }

    /// One check of room and ownership for the three pieces, not three.
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>, between mark: UInt8) {
        let needed = used + bytes.count + 2
        if needed > block.capacity || !isKnownUniquelyReferenced(&block) { reserve(needed) }
        block.base[used] = mark
        if let source = bytes.baseAddress { (block.base + used + 1).update(from: source, count: bytes.count) }
        block.base[needed - 1] = mark
        used = needed
    }

    /// Makes the block hold at least `needed` bytes and be this value's own.
    private mutating func reserve(_ needed: Int) {
        let replacement = Block(capacity: max(needed, block.capacity * 2, 256))
        replacement.base.update(from: block.base, count: used)
        block = replacement
    }

    /// Calls `body` with the collected bytes (valid only during the call).
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: block.base, count: used))
    }

    private final class Block {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity, 1))
        }
        deinit { base.deallocate() }
    }
}

/// A buffered sink writing to a file descriptor (a file opened for `-o FILE`, or standard output).
///
/// Bytes are collected up to `capacity` and then written in one call, so a report of many small pieces
/// costs few system calls. Call `flush()` when done; the first write error is kept in `error` rather than
/// thrown from every small write, and later writes are dropped. Writes go through `write(2)` so that every
/// output (files, standard output) fails the same way and says why as the system says it ("No space left on
/// device", "Permission denied").
public final class FileSink: ReportSink {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// Keeps a handle the sink was given alive (its descriptor closes with it).
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// The first error met while writing, if any.
    public private(set) var error: Error?

    private init(descriptor: Int32, closesDescriptor: Bool, handle: FileHandle?, capacity: Int) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Writes to an open file handle (kept open by the sink while it lives).
    public convenience init(handle: FileHandle, capacity: Int = 1 << 16) {
        self.init(descriptor: handle.fileDescriptor, closesDescriptor: false, handle: handle, capacity: capacity)
    }

    /// Creates (or truncates) the file at `url` and writes to it. The error names the reason the system gives
    /// ("No such file or directory", "Permission denied").
    public convenience init(creating url: URL, capacity: Int = 1 << 16) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemError(code: errno) }
        self.init(descriptor: descriptor, closesDescriptor: true, handle: nil, capacity: capacity)
    }

    /// A sink on standard output.
    public static func standardOutput() -> FileSink {
        FileSink(descriptor: STDOUT_FILENO, closesDescriptor: false, handle: nil, capacity: 1 << 16)
    }

    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count >= capacity {
            // A whole document's output: written as it is rather than copied through the buffer.
            flush()
            writeOut(UnsafeRawBufferPointer(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Writes out whatever is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeOut($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// All of `bytes`, in as many `write(2)` calls as it takes; the first failure is kept and ends writing.
    private func writeOut(_ bytes: UnsafeRawBufferPointer) {
        guard error == nil, var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                error = SystemError(code: errno)
                return
            }
            left -= written
            next += written
        }
    }

    deinit {
        flush()
        if closesDescriptor { close(descriptor) }
    }
}

/// An error of the operating system, described as it describes it (`strerror`).
public struct SystemError: LocalizedError, Sendable {
    public let code: Int32
    public init(code: Int32) { self.code = code }
    public var errorDescription: String? { String(cString: strerror(code)) }
}

extension ReportSink {
    /// Runs `body` against a concrete in-memory buffer and hands its bytes to this sink in one piece.
    ///
    /// Reporters are generic over the sink, and a caller in another module (or one holding
    /// `any ReportWriter`) gets the unspecialised code, where every small write goes through a witness
    /// table. Writing each document into a `ByteBuffer` first lets the compiler specialise the hot path,
    /// while memory stays bounded by one document's output.
    mutating func writeBuffered(_ body: (inout ByteBuffer) -> Void) {
        // Room for a typical table's JSON (about 6 KB) from the start: growing from nothing doubles and
        // copies the buffer five times or more.
        var buffer = ByteBuffer(capacity: 8192)
        body(&buffer)
        buffer.withBytes { write(bytes: $0) }
    }
}
