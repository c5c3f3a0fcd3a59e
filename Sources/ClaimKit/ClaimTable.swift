/// A claim as the ledger holds it: current figures and state, and who did what last, in 72 bytes.
///
/// Strings stay out: the school, item and actor are numbers into the ledger's lists, and a return's
/// comment sits in a side table (only returned claims have one). The history stays in the journal.
struct ClaimRecord: Sendable {
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

    /// Room for one more school's row.
    mutating func addSchool() { slots.append(contentsOf: repeatElement(0, count: items)) }

    mutating func reserveCapacity(_ count: Int) { records.reserveCapacity(count) }

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
