import Foundation
import JXReport

/// A file in `$TMPDIR` for what a run sets aside (an overview report's documents, parsed documents between
/// `check`'s passes), removed from its folder as soon as it is open: nothing is left behind however the run
/// ends, and its room is given back when the object goes and closes it.
final class TemporaryFile: @unchecked Sendable {
    private let descriptor: Int32

    /// Nil when no file can be made in the temporary folder (the caller then keeps things otherwise).
    init?(prefix: String) {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-XXXXXX").path
        var path = Array(template.utf8CString)
        let descriptor = mkstemp(&path)
        guard descriptor >= 0 else { return nil }
        unlink(path)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes` at `offset`, in as many calls as it takes; the system's error when it refuses
    /// (a full disk), nil when all is written.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> SystemError? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, base + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return SystemError(code: n < 0 ? errno : EIO) }
            done += n
        }
        return nil
    }

    /// Fills `buffer` with the bytes from `offset` on: how many were read (fewer only at the end of the
    /// file), or nil when reading fails.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int? {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            done += n
        }
        return done
    }
}
