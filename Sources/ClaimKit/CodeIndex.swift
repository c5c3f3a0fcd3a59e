#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Short byte strings — school codes, item codes, account names — numbered 0, 1, 2 … in the order added.
///
/// An open-addressed table over the UTF-8 bytes themselves, so the journal's replay finds a code's number
/// from the bytes where they lie, without building a `String` or hashing one (String hashing normalises
/// Unicode first). Two codes are the same when their bytes are.
struct CodeIndex: Sendable {
    private var bytes: [UInt8] = []
    /// Where code i ends in `bytes` (it starts where code i - 1 ends).
    private var ends: [Int] = []
    /// Code numbers by hash slot, -1 for an empty slot; the capacity is a power of two, at most half full.
    private var slots: [Int32] = [Int32](repeating: -1, count: 16)

    var count: Int { ends.count }

    init() {}

    init<S: Sequence>(_ codes: S) where S.Element == String {
        for code in codes { _ = insert(code) }
    }

    /// The code numbered `i`, as bytes.
    func code(_ i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

    /// The number of `key`, trying `guess` first (the journal names the same school or actor many lines
    /// in a row, and comparing ten bytes is cheaper than hashing them).
    func find(_ key: UnsafeRawBufferPointer, guess: Int) -> Int? {
        if guess >= 0, guess < ends.count, matches(guess, key) { return guess }
        return find(key)
    }

    /// The number of `key`, or nil when it was never added.
    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: CodeIndex.hash(key)) & mask
        while true {
            let n = Int(slots[slot])
            if n < 0 { return nil }
            if matches(n, key) { return n }
            slot = (slot + 1) & mask
        }
    }

    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// The number of `key`, added at the end when new.
    mutating func insert(_ key: UnsafeRawBufferPointer) -> Int {
        if let n = find(key) { return n }
        if (ends.count + 1) * 2 > slots.count { grow() }
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        place(ends.count - 1, hash: CodeIndex.hash(key))
        return ends.count - 1
    }

    mutating func insert(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    /// True when code `n` is `key`.
    func matches(_ n: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = n == 0 ? 0 : ends[n - 1]
        guard ends[n] - start == key.count else { return false }
        return bytes.withUnsafeBytes { all in
            key.isEmpty || memcmp(all.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func place(_ n: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(n)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for n in 0..<ends.count {
            let h = bytes.withUnsafeBytes { all in
                let start = n == 0 ? 0 : ends[n - 1]
                return CodeIndex.hash(UnsafeRawBufferPointer(rebasing: all[start..<ends[n]]))
            }
            place(n, hash: h)
        }
    }

    /// FNV-1a, 64 bits: codes are a few bytes long, so a byte loop is as fast as anything.
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return h ^ (h >> 29)
    }
}
