import Crypto
import Foundation

/// Verifies the journal's hash chain over bytes in place, and over a large buffer on two threads.
///
/// Each line's hash covers the previous line's hash, a TAB and the line up to its last TAB; the previous
/// hash is written at the end of the previous line, so the lines after any newline can be verified without
/// the ones before it. Opening a national store checks 600,000 links: split in two, the second half runs
/// on the other core while this one parses and replays.
enum ChainCheck {
    /// True when `stored` (16 hex digits) is the chain hash of `body` after `previous` (16 hex digits).
    static func holds(previous: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, stored: UnsafeRawBufferPointer) -> Bool {
        var hasher = SHA256()
        hasher.update(bufferPointer: previous)
        withUnsafeBytes(of: UInt8(0x09)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: body)
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { raw in
            for i in 0..<8 {
                if stored[2 * i] != hexDigits[Int(raw[i] >> 4)] || stored[2 * i + 1] != hexDigits[Int(raw[i] & 0xF)] { return false }
            }
            return true
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

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

    /// Verifies the complete lines of `buffer[from...]` in two halves at once, the second half on a
    /// thread of its own while `meanwhile` runs on this one; returns the offset of the first broken link
    /// (or nil) and what `meanwhile` returned.
    static func verify<T>(_ buffer: UnsafeRawBufferPointer, from: Int, previous: UnsafeRawBufferPointer,
                          meanwhile: () -> T) -> (broken: Int?, result: T) {
        // The split: the line start nearest the middle; the first half's last line holds the second's previous hash.
        let middle = from + (buffer.count - from) / 2
        var split = buffer.count
        if let base = buffer.baseAddress, middle < buffer.count,
           let nl = memchr(base + middle, 0x0A, buffer.count - middle) {
            split = base.distance(to: UnsafeRawPointer(nl)) + 1
        }
        let second = SecondHalf(buffer: buffer, from: split)
        let done = DispatchSemaphore(value: 0)
        if split < buffer.count, split - from >= 17 {
            let thread = Thread {
                second.broken = firstBreak(second.buffer, from: second.from, to: second.buffer.count,
                                           previous: UnsafeRawBufferPointer(rebasing: second.buffer[(second.from - 17)..<(second.from - 1)]))
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        } else {
            second.from = buffer.count
            done.signal()
        }
        let result = meanwhile()
        let firstBroken = firstBreak(buffer, from: from, to: min(split, buffer.count), previous: previous)
        done.wait()
        return (firstBroken ?? second.broken, result)
    }

    /// The second half's bounds and outcome, shared with its thread (which alone writes `broken`, before it signals).
    private final class SecondHalf: @unchecked Sendable {
        let buffer: UnsafeRawBufferPointer
        var from: Int
        var broken: Int?

        init(buffer: UnsafeRawBufferPointer, from: Int) {
            self.buffer = buffer
            self.from = from
        }
    }
}
