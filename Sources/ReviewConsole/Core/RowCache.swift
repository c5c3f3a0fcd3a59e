import ClaimKit
import Foundation

/// Memoised row lists of the pages: each entry is keyed by the ledger's version and the inputs it was
/// computed from, so a stale list can never be read and nobody has to remember to refresh one.
///
/// Not state: two states are equal whatever their caches hold, and copies share one cache (guarded by a
/// lock, as tests run in parallel).
final class RowCache: Equatable, @unchecked Sendable {
    private struct SchoolKey: Equatable {
        let version: Int
        let filter: SchoolFilter
        let sort: SchoolSort
        let descending: Bool
    }

    private var schools: (SchoolKey, [String])?
    private var keys: (version: Int, keys: SchoolKeys)?
    private var ranks: (schoolsVersion: Int, ranks: SchoolRanks)?
    private var itemSchools: (version: Int, item: String, order: TableSort, reversed: Bool, rows: [String])?
    private var cities: (version: Int, rows: [String])?
    private let lock = NSLock()

    static func == (a: RowCache, b: RowCache) -> Bool { true }

    func schoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] {
        let key = SchoolKey(version: ledger.version, filter: state.filter, sort: state.sort, descending: state.sortDescending)
        lock.lock()
        defer { lock.unlock() }
        if let (k, rows) = schools, k == key { return rows }
        let sortKeys: SchoolKeys
        if let k = keys, k.version == ledger.version { sortKeys = k.keys } else {
            sortKeys = SchoolKeys(ledger)
            keys = (ledger.version, sortKeys)
        }
        // The name and city order only when a sort asks for it, and once per school list, not per decision.
        let rows = PageRows.computeSchoolRows(state, ledger, sortKeys) { () -> SchoolRanks in
            if let r = ranks, r.schoolsVersion == ledger.schoolsVersion { return r.ranks }
            let fresh = SchoolRanks(ledger)
            ranks = (ledger.schoolsVersion, fresh)
            return fresh
        }
        schools = (key, rows)
        return rows
    }

    func itemSchoolRows(_ item: String, order: TableSort, reversed: Bool, _ ledger: Ledger) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let c = itemSchools, c.version == ledger.version, c.item == item, c.order == order, c.reversed == reversed { return c.rows }
        var rows = PageRows.computeItemSchoolRows(item, ledger)
        if order != .natural || reversed {
            let claims = rows.compactMap { ledger.claim(ClaimKey(school: $0, item: item)) }
            rows = order.ordered(claims, reversed: reversed).map(\.school)
        }
        itemSchools = (ledger.version, item, order, reversed, rows)
        return rows
    }

    func cities(_ ledger: Ledger) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let c = cities, c.version == ledger.version { return c.rows }
        let rows = PageRows.computeCities(ledger)
        cities = (ledger.version, rows)
        return rows
    }
}

/// What filtering and sorting the school list reads per school, taken once per ledger version: the tally
/// and the code as a number (codes are ten digits).
struct SchoolKeys {
    let tallies: [Tally]
    let codes: [UInt64]

    init(_ ledger: Ledger) {
        let schools = ledger.schools
        tallies = schools.map { ledger.totals.bySchool[$0.code] ?? Tally() }
        codes = schools.map { UInt64($0.code) ?? .max }
    }
}

/// Each school's rank in name and in city order, so that a sort compares integers, not Chinese text
/// (sorting 10,000 names as Strings took ~16 ms, as byte arrays ~6 ms with their reference counting). Built
/// on the first sort by name or city and kept while the school list stays the same: neither the first frame
/// nor the first key after a decision pays for them.
struct SchoolRanks {
    let name: [Int32]
    let city: [Int32]

    init(_ ledger: Ledger) {
        name = SchoolRanks.ranks(ledger.schools.map(\.name))
        city = SchoolRanks.ranks(ledger.schools.map(\.city))
    }

    /// Each text's position when the texts are sorted by their UTF-8 bytes (String's order for NFC text);
    /// texts with the same bytes share a rank. Sorted as plain integer tuples — the first 16 bytes as two
    /// big-endian words and the length, which orders any two texts of up to 16 bytes completely (zero-padded,
    /// the shorter first) — and then, only within a run of longer texts that share their first 16 bytes, by
    /// their bytes: no array per text, and a city name is never walked.
    static func ranks(_ texts: [String]) -> [Int32] {
        typealias Key = (head: UInt64, next: UInt64, length: Int, index: Int)
        var keys: [Key] = texts.indices.map { i in
            var text = texts[i]
            return text.withUTF8 { bytes in
                func word(_ from: Int) -> UInt64 {
                    var v: UInt64 = 0
                    for k in from..<(from + 8) { v = v << 8 | UInt64(k < bytes.count ? bytes[k] : 0) }
                    return v
                }
                return (word(0), word(8), bytes.count, i)
            }
        }
        keys.sort { ($0.head, $0.next, $0.length) < ($1.head, $1.next, $1.length) }
        func samePrefix(_ a: Key, _ b: Key) -> Bool { a.head == b.head && a.next == b.next }
        // Runs that share 16 bytes and hold a longer text: their order is the bytes' after the 16th.
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, samePrefix(keys[start], keys[end]) { end += 1 }
            if end - start > 1, keys[end - 1].length > 16 {
                keys[start..<end].sort { texts[$0.index].utf8.lexicographicallyPrecedes(texts[$1.index].utf8) }
            }
            start = end
        }
        var rank = [Int32](repeating: 0, count: texts.count)
        var current: Int32 = 0
        for n in keys.indices {
            let a = keys[n]
            if n > 0 {
                let b = keys[n - 1]
                let same = samePrefix(a, b) && a.length == b.length
                    && (a.length <= 16 || texts[a.index].utf8.elementsEqual(texts[b.index].utf8))
                if !same { current = Int32(n) }
            }
            rank[a.index] = current
        }
        return rank
    }
}
