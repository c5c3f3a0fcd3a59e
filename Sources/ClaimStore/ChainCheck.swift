import CChainDigest
import Foundation

/// Verifies the journal's hash chain over bytes in place, and over a large buffer on two threads.
///
/// Each line's hash covers the previous line's hash, a TAB and the line up to its last TAB; the previous
/// hash is written at the end of the previous line, so the chain can be verified apart from the parse.
/// Opening a national store checks 600,000 links: on the other core (`Background`), while this one parses
/// the reference files and replays.
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

    /// A check of the whole chain on a thread of its own, started as soon as an open has read the journal
    /// (before the reference files are parsed); `wait` gives the offset of the first broken link, or nil.
    ///
    /// All of the chain goes to the other thread: with the CPU's SHA instructions a digest costs less than
    /// parsing and applying its line, so the replay on this thread is the longer of the two.
    final class Background: @unchecked Sendable {
        private let bytes: JournalBytes
        private let from: Int
        private let previous: [UInt8]
        /// Written by the checking thread alone, before it signals.
        private var broken: Int?
        private let done = DispatchSemaphore(value: 0)

        /// Starts checking the complete lines of `bytes` from `from` (a line start); `previous` is the
        /// hash before it.
        init(_ bytes: JournalBytes, from: Int, previous: String) {
            self.bytes = bytes
            self.from = from
            self.previous = Array(previous.utf8)
            let thread = Thread { self.run() }
            thread.stackSize = 1 << 20
            thread.start()
        }

        private func run() {
            broken = previous.withUnsafeBytes { prev in
                firstBreak(UnsafeRawBufferPointer(bytes.buffer), from: from, to: bytes.buffer.count, previous: prev)
            }
            done.signal()
        }

        /// Waits for the check; the offset of the first line whose hash does not follow, or nil.
        func wait() -> Int? {
            done.wait()
            done.signal()
            return broken
        }
    }
}
