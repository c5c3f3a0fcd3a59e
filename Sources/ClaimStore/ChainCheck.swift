import CChainDigest
import Foundation

/// Verifies the journal's hash chain over bytes in place, and over a large buffer on two threads.
///
/// Each line's hash covers the previous line's hash, a TAB and the line up to its last TAB; the previous
/// hash is written at the end of the previous line, so the chain can be verified apart from the parse.
/// Opening a national store checks 600,000 links: on the other core, while this one parses and replays.
enum ChainCheck {
    /// True when `stored` (16 hex digits) is the chain hash of `body` after `previous` (16 hex digits).
    /// The input (previous hash, TAB, body) is copied into one buffer on the stack and digested in one
    /// call that allocates nothing (`tzpy_sha256`).
    static func holds(previous: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, stored: UnsafeRawBufferPointer) -> Bool {
        let length = 17 + body.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length + 32) { space in
            let input = space.baseAddress!
            UnsafeMutableRawPointer(input).copyMemory(from: previous.baseAddress!, byteCount: 16)
            input[16] = 0x09
            if !body.isEmpty { UnsafeMutableRawPointer(input + 17).copyMemory(from: body.baseAddress!, byteCount: body.count) }
            let digest = input + length
            tzpy_sha256(input, length, digest)
            for i in 0..<8 {
                let byte = digest[i]
                if stored[2 * i] != hex(byte >> 4) || stored[2 * i + 1] != hex(byte & 0xF) { return false }
            }
            return true
        }
    }

    @inline(__always) private static func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// The offset of the first complete line in `buffer[from..<to]` whose hash does not follow from the
    /// line before, or nil when all do. `previous` is the hash before `from`; `from` is a line start.
    static func firstBreak(_ buffer: UnsafeRawBufferPointer, from: Int, to: Int, previous: UnsafeRawBufferPointer) -> Int? {
        var start = from
        var prev = previous
        guard let base = buffer.baseAddress else { return nil }
        while start < to {
            guard let nl = memchr(base + start, 0x0A, to - start) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(nl))
            let length = end - start
            guard length >= 17, buffer[end - 17] == 0x09 else { return start }
            let hashAt = end - 16
            if !holds(previous: prev, body: UnsafeRawBufferPointer(rebasing: buffer[start..<hashAt]),
                      stored: UnsafeRawBufferPointer(rebasing: buffer[hashAt..<end])) {
                return start
            }
            prev = UnsafeRawBufferPointer(rebasing: buffer[hashAt..<end])
            start = end + 1
        }
        return nil
    }

    /// Verifies the complete lines of `buffer[from...]` on a thread of its own while `meanwhile` runs on
    /// this one; returns the offset of the first broken link (or nil) and what `meanwhile` returned.
    ///
    /// All of the chain goes to the other thread: with the CPU's SHA instructions a digest costs less than
    /// parsing and applying its line, so the replay on this thread is the longer of the two.
    static func verify<T>(_ buffer: UnsafeRawBufferPointer, from: Int, previous: UnsafeRawBufferPointer,
                          meanwhile: () -> T) -> (broken: Int?, result: T) {
        let work = Verification(buffer: buffer, from: from, previous: previous)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            work.broken = firstBreak(work.buffer, from: work.from, to: work.buffer.count, previous: work.previous)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        let result = meanwhile()
        done.wait()
        return (work.broken, result)
    }

    /// The bytes to verify and the outcome, shared with the verifying thread (which alone writes
    /// `broken`, before it signals).
    private final class Verification: @unchecked Sendable {
        let buffer: UnsafeRawBufferPointer
        let from: Int
        let previous: UnsafeRawBufferPointer
        var broken: Int?

        init(buffer: UnsafeRawBufferPointer, from: Int, previous: UnsafeRawBufferPointer) {
            self.buffer = buffer
            self.from = from
            self.previous = previous
        }
    }
}
