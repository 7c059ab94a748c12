import Foundation

/// Where a reporter writes its bytes.
///
/// Reporters write many small pieces (a key, a quote, an escaped run of a cell); a sink receives them as
/// UTF-8 byte runs so that a large report is streamed out instead of being assembled into one giant
/// `String` first. `String` conforms for tests and small outputs; `ByteBuffer` collects bytes in memory;
/// `FileSink` buffers and writes to a file descriptor.
public protocol ReportSink {
    /// Appends UTF-8 bytes.
    mutating func write(bytes: UnsafeBufferPointer<UInt8>)
}

extension ReportSink {
    /// Appends a string as UTF-8.
    @inlinable
    public mutating func write(_ string: String) {
        var string = string
        // withUTF8 is O(1) for native and literal strings; it only copies bridged ones.
        string.withUTF8 { self.write(bytes: $0) }
    }
}

extension String: ReportSink {
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        // Reporters only ever hand over whole UTF-8 sequences, so decoding never splits a character.
        self += String(decoding: bytes, as: UTF8.self)
    }
}

/// An in-memory sink collecting the report's UTF-8 bytes.
public struct ByteBuffer: ReportSink, Sendable {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) { self.bytes.append(contentsOf: bytes) }
    /// The collected bytes as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var data: Data { Data(bytes) }
}

/// A buffered sink writing to a `FileHandle` (a file opened for `-o FILE`, or standard output).
///
/// Bytes are collected up to `capacity` and then written in one call, so a report of many small pieces
/// costs few system calls. Call `flush()` when done; the first write error is kept in `error` rather than
/// thrown from every small write, and later writes are dropped.
public final class FileSink: ReportSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// The first error met while writing, if any.
    public private(set) var error: Error?

    public init(handle: FileHandle, capacity: Int = 1 << 16) {
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Creates (or truncates) the file at `url` and writes to it.
    public convenience init(creating url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.init(handle: try FileHandle(forWritingTo: url))
    }

    /// A sink on standard output.
    public static func standardOutput() -> FileSink { FileSink(handle: .standardOutput) }

    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count >= capacity {
            // A whole document's output: written as it is rather than copied through the buffer.
            flush()
            guard error == nil else { return }
            do { try handle.write(contentsOf: UnsafeRawBufferPointer(bytes)) } catch { self.error = error }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Writes out whatever is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard error == nil else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            self.error = error
        }
    }

    deinit { flush() }
}

extension ReportSink {
    /// Runs `body` against a concrete in-memory buffer and hands its bytes to this sink in one piece.
    ///
    /// Reporters are generic over the sink, and a caller in another module (or one holding
    /// `any ReportWriter`) gets the unspecialised code, where every small write goes through a witness
    /// table. Writing each document into a `ByteBuffer` first lets the compiler specialise the hot path,
    /// while memory stays bounded by one document's output.
    mutating func writeBuffered(_ body: (inout ByteBuffer) -> Void) {
        var buffer = ByteBuffer()
        body(&buffer)
        buffer.bytes.withUnsafeBufferPointer { write(bytes: $0) }
    }
}
