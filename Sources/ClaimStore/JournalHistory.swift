import ClaimKit
import Foundation

/// Reads journal events back by seq with `pread`: where a store's ledger finds a claim's history.
///
/// The store records where each event's line starts as it reads or writes it (8 bytes an event);
/// the history itself stays on disk until the detail view, `log` or an undo asks for it.
final class JournalHistory: EventSource, @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    /// The byte offset of each event's line, by seq - 1.
    private var offsets: [Int] = []

    /// Reads through its own duplicate of `fd`, so it may outlive the store.
    init(fd: Int32, offsets: [Int] = []) {
        self.fd = dup(fd)
        self.offsets = offsets
    }

    /// The offsets known so far, by seq - 1 (what a checkpoint stores).
    var known: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return offsets
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Adds the offsets of the next events, in seq order.
    func append(_ starts: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        offsets += starts
    }

    func event(seq: Int) -> ReviewEvent? {
        lock.lock()
        let offset = seq >= 1 && seq <= offsets.count ? offsets[seq - 1] : nil
        lock.unlock()
        guard let offset, fd >= 0 else { return nil }
        var size = 4096
        while true {
            var buffer = [UInt8](repeating: 0, count: size)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, size, off_t(offset)) }
            guard n > 0 else { return nil }
            if let end = buffer[0..<n].firstIndex(of: 0x0A) {
                return buffer.withUnsafeBufferPointer { b in
                    guard let parsed = try? JournalCodec.parse(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[0..<end]))) else { return nil }
                    return parsed.event.event
                }
            }
            guard n == size else { return nil }
            size *= 4
        }
    }
}
