import ClaimKit

/// The rows each page lists, derived from the ledger and the state (shared by reducer and renderer).
public enum PageRows {
    /// How many rows the page has.
    public static func count(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> Int {
        switch page.kind {
        case .schools: state.schoolRows.count
        case .school(let code): claims(ofSchool: code, ledger).count
        case .items: ledger.catalog.items.count
        case .itemSchools: state.itemSchoolRows.count
        case .province: state.cities.count + SchoolType.allCases.count
        }
    }

    /// A school's active claims in catalog order.
    public static func claims(ofSchool code: String, _ ledger: Ledger) -> [Claim] {
        ledger.claims(ofSchool: code).filter(\.isActive)
    }

    /// The claim under the cursor, on the pages that list claims.
    public static func claimKey(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> ClaimKey? {
        switch page.kind {
        case .school(let code):
            let list = claims(ofSchool: code, ledger)
            return list.indices.contains(page.cursor) ? list[page.cursor].key : nil
        case .itemSchools(let item):
            return state.itemSchoolRows.indices.contains(page.cursor) ? ClaimKey(school: state.itemSchoolRows[page.cursor], item: item) : nil
        default:
            return nil
        }
    }

    /// Every claim key the page lists (for bulk actions).
    public static func claimKeys(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> [ClaimKey] {
        switch page.kind {
        case .school(let code): claims(ofSchool: code, ledger).map(\.key)
        case .itemSchools(let item): state.itemSchoolRows.map { ClaimKey(school: $0, item: item) }
        default: []
        }
    }

    /// The school a page is about (the school page, or the school under the cursor).
    public static func schoolCode(_ page: Page, _ state: ConsoleState) -> String? {
        switch page.kind {
        case .school(let code): code
        case .schools: state.schoolRows.indices.contains(page.cursor) ? state.schoolRows[page.cursor] : nil
        case .itemSchools: state.itemSchoolRows.indices.contains(page.cursor) ? state.itemSchoolRows[page.cursor] : nil
        default: nil
        }
    }

    /// The school list rows for the filter and sort: O(schools log schools), run only when they change.
    /// Sorts indices on keys taken once per school (moving whole `School` values and hashing a code per
    /// comparison made this ~30 ms at 10,000 schools).
    public static func schoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] {
        let schools = ledger.schools
        let f = state.filter
        let byTally: Set<SchoolSort> = [.status, .pending, .approved, .returned, .intended, .approvedMoney]
        let tallies = f.status != nil || byTally.contains(state.sort)
            ? schools.map { ledger.totals.bySchool[$0.code] ?? Tally() } : []
        let codes = schools.map(\.code)
        var rows = schools.indices.filter { i in
            (f.city == nil || schools[i].city == f.city) && (f.type == nil || schools[i].type == f.type)
                && (f.status == nil || SchoolReviewStatus(tallies[i]) == f.status)
        }
        /// Ascending on `key`, then on the code.
        func ascending<K: Comparable>(_ key: (Int) -> K) {
            let keys = schools.indices.map(key)
            rows.sort { (keys[$0], codes[$0]) < (keys[$1], codes[$1]) }
        }
        /// Largest `key` first, then ascending on the code.
        func descending<K: Comparable>(_ key: (Int) -> K) {
            rows.sort { a, b in
                let x = key(a), y = key(b)
                return x != y ? x > y : codes[a] < codes[b]
            }
        }
        switch state.sort {
        case .code: rows.sort { codes[$0] < codes[$1] }
        case .name: ascending { schools[$0].name }
        case .type: ascending { schools[$0].type.rawValue }
        case .city: ascending { schools[$0].city }
        case .status:
            let rank = Dictionary(uniqueKeysWithValues: SchoolReviewStatus.allCases.enumerated().map { ($1, $0) })
            ascending { rank[SchoolReviewStatus(tallies[$0])]! }
        case .pending: descending { tallies[$0].pending }
        case .approved: descending { tallies[$0].approved.claims }
        case .returned: descending { tallies[$0].returned }
        case .intended: descending { tallies[$0].intended.funds.total }
        case .approvedMoney: descending { tallies[$0].approved.funds.total }
        }
        if state.sortDescending { rows.reverse() }
        return rows.map { codes[$0] }
    }

    /// Schools that claimed `item`, in school-file order: O(schools), run when the drill-down opens.
    public static func itemSchoolRows(_ item: String, _ ledger: Ledger) -> [String] {
        ledger.schools.compactMap { s in
            ledger.claim(ClaimKey(school: s.code, item: item)).flatMap { $0.isActive ? s.code : nil }
        }
    }

    /// The cities of the schools, in school-file order: O(schools), cached in `ConsoleState.cities`.
    public static func cities(_ ledger: Ledger) -> [String] {
        var cities: [String] = []
        var seen = Set<String>()
        for s in ledger.schools where seen.insert(s.city).inserted { cities.append(s.city) }
        return cities
    }

    /// The province page's rows: cities (in school-file order), then school types.
    public static func provinceRows(_ state: ConsoleState, _ ledger: Ledger) -> [(label: String, tally: Tally)] {
        state.cities.map { ($0, ledger.totals.byCity[$0] ?? Tally()) }
            + SchoolType.allCases.map { ($0.rawValue, ledger.totals.byType[$0] ?? Tally()) }
    }
}
