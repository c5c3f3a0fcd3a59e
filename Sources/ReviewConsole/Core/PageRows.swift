import ClaimKit

/// The rows each page lists, derived from the ledger and the state (shared by reducer and renderer).
public enum PageRows {
    /// How many rows the page has.
    public static func count(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> Int {
        switch page.kind {
        case .schools: schoolRows(state, ledger).count
        case .school(let code): claims(ofSchool: code, ledger).count
        case .items: ledger.catalog.items.count
        case .itemSchools(let item): itemSchoolRows(item, state, ledger).count
        case .province: cities(state, ledger).count + SchoolType.allCases.count
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
            let rows = itemSchoolRows(item, state, ledger)
            return rows.indices.contains(page.cursor) ? ClaimKey(school: rows[page.cursor], item: item) : nil
        default:
            return nil
        }
    }

    /// The identity of row `i` of the page (what `Page.anchor` holds): a school code, an item code, a label.
    public static func rowID(_ i: Int, _ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> String? {
        switch page.kind {
        case .schools:
            let rows = schoolRows(state, ledger)
            return rows.indices.contains(i) ? rows[i] : nil
        case .school(let code):
            let claims = claims(ofSchool: code, ledger)
            return claims.indices.contains(i) ? claims[i].item : nil
        case .items:
            let items = ledger.catalog.items
            return items.indices.contains(i) ? items[i].code : nil
        case .itemSchools(let item):
            let rows = itemSchoolRows(item, state, ledger)
            return rows.indices.contains(i) ? rows[i] : nil
        case .province:
            let rows = provinceRows(state, ledger)
            return rows.indices.contains(i) ? rows[i].label : nil
        }
    }

    /// The row whose identity is `id`, if the page still lists it.
    public static func row(of id: String, _ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> Int? {
        switch page.kind {
        case .schools: schoolRows(state, ledger).firstIndex(of: id)
        case .school(let code): claims(ofSchool: code, ledger).firstIndex { $0.item == id }
        case .items: ledger.catalog.items.firstIndex { $0.code == id }
        case .itemSchools(let item): itemSchoolRows(item, state, ledger).firstIndex(of: id)
        case .province: provinceRows(state, ledger).firstIndex { $0.label == id }
        }
    }

    /// Every claim key the page lists (for bulk actions).
    public static func claimKeys(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> [ClaimKey] {
        switch page.kind {
        case .school(let code): claims(ofSchool: code, ledger).map(\.key)
        case .itemSchools(let item): itemSchoolRows(item, state, ledger).map { ClaimKey(school: $0, item: item) }
        default: []
        }
    }

    /// The school list's rows (codes) for the state's filter and sort, memoised.
    public static func schoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] { state.rowCache.schoolRows(state, ledger) }

    /// The schools that claimed `item` (codes, in school-file order), memoised.
    public static func itemSchoolRows(_ item: String, _ state: ConsoleState, _ ledger: Ledger) -> [String] {
        state.rowCache.itemSchoolRows(item, ledger)
    }

    /// The cities of the schools, in school-file order, memoised.
    public static func cities(_ state: ConsoleState, _ ledger: Ledger) -> [String] { state.rowCache.cities(ledger) }

    /// The school a page is about (the school page, or the school under the cursor).
    public static func schoolCode(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> String? {
        switch page.kind {
        case .school(let code): code
        case .schools, .itemSchools: rowID(page.cursor, page, state, ledger)
        default: nil
        }
    }

    /// The school list rows for the filter and sort: O(schools log schools), run only when they or the data change.
    /// Sorts indices on keys taken once per school (moving whole `School` values and hashing a code per
    /// comparison made this ~30 ms at 10,000 schools).
    static func computeSchoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] {
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
    static func computeItemSchoolRows(_ item: String, _ ledger: Ledger) -> [String] {
        ledger.schools.compactMap { s in
            ledger.claim(ClaimKey(school: s.code, item: item)).flatMap { $0.isActive ? s.code : nil }
        }
    }

    /// The cities of the schools, in school-file order: O(schools).
    static func computeCities(_ ledger: Ledger) -> [String] {
        var cities: [String] = []
        var seen = Set<String>()
        for s in ledger.schools where seen.insert(s.city).inserted { cities.append(s.city) }
        return cities
    }

    /// The province page's rows: cities (in school-file order), then school types.
    public static func provinceRows(_ state: ConsoleState, _ ledger: Ledger) -> [(label: String, tally: Tally)] {
        cities(state, ledger).map { ($0, ledger.totals.byCity[$0] ?? Tally()) }
            + SchoolType.allCases.map { ($0.rawValue, ledger.totals.byType[$0] ?? Tally()) }
    }
}
