/// A claim as the ledger holds it: current figures and state, and who did what last, in 72 bytes.
///
/// Strings stay out: the school, item and actor are numbers into the ledger's lists, and a return's
/// comment sits in a side table (only returned claims have one). The history stays in the journal.
/// Package-visible with a fixed layout (`ClaimRecord.layoutIsAsDocumented`): a checkpoint stores these
/// records as their bytes (docs/formats.md, ledger.checkpoint).
package struct ClaimRecord: Sendable {
    var funds: Funds
    /// The last event's time, in seconds.
    var time: Int64
    /// 承接数量, or `ClaimRecord.noQuantity`.
    var quantity: Int
    /// The last event's seq.
    var seq: Int32
    var school: Int32
    /// The last event's actor.
    var actor: Int32
    var round: Int32
    var item: Int16
    var state: StateCode
    /// The last event's kind.
    var kind: ReviewEvent.Kind
    /// A city reviewer passed the current submission (`Claim.cityPassed`).
    var cityPassed = false

    static let noQuantity = Int.min

    /// True when the record's fields lie at the byte offsets docs/formats.md gives for a checkpoint's
    /// records (72 bytes, little-endian): only then may records be stored and loaded as raw bytes.
    package static var layoutIsAsDocumented: Bool {
        let L = MemoryLayout<ClaimRecord>.self
        return L.stride == 72 && L.offset(of: \.funds) == 0 && L.offset(of: \.time) == 32 && L.offset(of: \.quantity) == 40
            && L.offset(of: \.seq) == 48 && L.offset(of: \.school) == 52 && L.offset(of: \.actor) == 56
            && L.offset(of: \.round) == 60 && L.offset(of: \.item) == 64 && L.offset(of: \.state) == 66
            && L.offset(of: \.kind) == 67 && L.offset(of: \.cityPassed) == 68 && MemoryLayout<Funds>.stride == 32 && 1.littleEndian == 1
            && ReviewEvent.Kind.allCases.enumerated().allSatisfy { unsafeBitCast($1, to: UInt8.self) == $0 }
            && (0...255).compactMap { StateCode(rawValue: UInt8($0)) }.allSatisfy { unsafeBitCast($0, to: UInt8.self) == $0.rawValue }
    }

    /// Where the state, kind and city-passed bytes lie in a record: a loader checks them before the bytes
    /// become records (a Bool byte other than 0 or 1 is no Bool).
    package static let stateOffset = 66, kindOffset = 67, cityPassedOffset = 68

    /// 承接数量 as the totals add it: 0 for none.
    @inline(__always) var countedQuantity: Int64 { quantity == ClaimRecord.noQuantity ? 0 : Int64(quantity) }
}

/// Every claim, found by (school number, item number) in a flat table of record numbers: one 32-bit slot
/// per school and catalog item, so finding a claim is an array index, not a hash.
struct ClaimTable: Sendable {
    private(set) var records: [ClaimRecord] = []
    /// Record number + 1 by `school * items + item`; 0 for no claim.
    private var slots: [UInt32]
    let items: Int

    init(schools: Int, items: Int) {
        self.items = items
        slots = [UInt32](repeating: 0, count: schools * items)
    }

    /// A table holding `records` (a checkpoint's), or nil when one names a school or item outside the
    /// table or two are the same claim.
    init?(schools: Int, items: Int, records: [ClaimRecord]) {
        self.init(schools: schools, items: items)
        for (r, record) in records.enumerated() {
            let s = Int(record.school), i = Int(record.item)
            guard s >= 0, s < schools, i >= 0, i < items, slots[s * items + i] == 0 else { return nil }
            slots[s * items + i] = UInt32(r + 1)
        }
        self.records = records
    }

    /// Room for one more school's row.
    mutating func addSchool() { slots.append(contentsOf: repeatElement(0, count: items)) }

    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        let capacity = records.capacity
        records.withUnsafeMutableBufferPointer { adviseHugePages(UnsafeMutableRawPointer($0.baseAddress), count: capacity * MemoryLayout<ClaimRecord>.stride) }
    }

    /// The record number of the school's claim on the item, or nil.
    @inline(__always) func find(school: Int, item: Int) -> Int? {
        let n = Int(slots[school * items + item])
        return n == 0 ? nil : n - 1
    }

    /// Stores `record`, over record number `at` or as a new claim; returns its number.
    mutating func store(_ record: ClaimRecord, at: Int?) -> Int {
        if let at {
            records[at] = record
            return at
        }
        records.append(record)
        slots[Int(record.school) * items + Int(record.item)] = UInt32(records.count)
        return records.count - 1
    }
}
