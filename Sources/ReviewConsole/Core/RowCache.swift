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
    private var itemSchools: (version: Int, item: String, rows: [String])?
    private var cities: (version: Int, rows: [String])?
    private let lock = NSLock()

    static func == (a: RowCache, b: RowCache) -> Bool { true }

    func schoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] {
        let key = SchoolKey(version: ledger.version, filter: state.filter, sort: state.sort, descending: state.sortDescending)
        lock.lock()
        defer { lock.unlock() }
        if let (k, rows) = schools, k == key { return rows }
        let rows = PageRows.computeSchoolRows(state, ledger)
        schools = (key, rows)
        return rows
    }

    func itemSchoolRows(_ item: String, _ ledger: Ledger) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let c = itemSchools, c.version == ledger.version, c.item == item { return c.rows }
        let rows = PageRows.computeItemSchoolRows(item, ledger)
        itemSchools = (ledger.version, item, rows)
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
