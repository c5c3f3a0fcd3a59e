/// A fast 64-bit checksum of bytes, for finding damage in ledger.checkpoint (not tampering: only the data
/// dir's owner can write the file, and the owner could as well write the journal).
///
/// Four lanes of 8-byte words, each `(lane ^ word) &* odd` — a bijection of the lane for a fixed word and of
/// the word for a fixed lane — so changing any one word, or any tail byte, always changes its lane; the lanes
/// and the length are then folded through a bijective finaliser. About one instruction a byte, against ~30 for
/// SHA-256 without SHA instructions.
struct Checksum64 {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15, b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var c: UInt64 = 0x1656_67B1_9E37_79F9, d: UInt64 = 0x27D4_EB2F_1656_67C5
    private var length: UInt64 = 0
    private static let prime: UInt64 = 0x100_0000_01B3 | 1 << 40 | 1

    /// Adds `bytes` (each call a section of its own: its length is folded in).
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count, p = Checksum64.prime
        var i = 0
        while i + 32 <= n {
            a = (a ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* p
            b = (b ^ bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* p
            c = (c ^ bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* p
            d = (d ^ bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* p
            i += 32
        }
        while i + 8 <= n {
            a = (a ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* p
            i += 8
        }
        var tail: UInt64 = 0
        for k in i..<n { tail |= UInt64(bytes[k]) << (8 * UInt64(k - i)) }
        b = (b ^ tail) &* p
        c = (c ^ UInt64(n)) &* p
        length &+= UInt64(n)
    }

    func finalize() -> UInt64 {
        Checksum64.mix(a &+ Checksum64.mix(b &+ Checksum64.mix(c &+ Checksum64.mix(d ^ length))))
    }

    /// MurmurHash3's 64-bit finaliser: a bijection that spreads every bit.
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
