import ClaimKit

/// The rows each page lists, derived from the ledger and the state (shared by reducer and renderer).
public enum PageRows {
    /// How many rows the page has.
    public static func count(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> Int {
        switch page.kind {
        case .schools: schoolRows(state, ledger).count
        case .school: pageClaims(page, ledger).count
        case .items: ledger.catalog.items.count
        case .itemSchools(let item): itemSchoolRows(item, state, ledger).count
        case .province: cities(state, ledger).count + SchoolType.allCases.count
        }
    }

    /// A school's active claims in catalog order.
    public static func claims(ofSchool code: String, _ ledger: Ledger) -> [Claim] {
        ledger.claims(ofSchool: code).filter(\.isActive)
    }

    /// A school page's claims in the page's order.
    public static func pageClaims(_ page: Page, _ ledger: Ledger) -> [Claim] {
        guard case .school(let code) = page.kind else { return [] }
        return page.order.ordered(claims(ofSchool: code, ledger), reversed: page.reversed)
    }

    /// The items page's rows in the page's order (`waiting`: what 待审 counts for this reviewer).
    public static func itemRows(_ page: Page, _ ledger: Ledger, waiting: (Tally) -> Int = { $0.pending }) -> [TaskItem] {
        page.order.ordered(ledger.catalog.items, tally: { ledger.totals.byItem[$0.code] ?? Tally() }, reversed: page.reversed,
                           waiting: waiting)
    }

    /// The claim under the cursor, on the pages that list claims.
    public static func claimKey(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> ClaimKey? {
        switch page.kind {
        case .school:
            let list = pageClaims(page, ledger)
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
        case .school:
            let claims = pageClaims(page, ledger)
            return claims.indices.contains(i) ? claims[i].item : nil
        case .items:
            let items = itemRows(page, ledger, waiting: state.waiting)
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
        case .school: pageClaims(page, ledger).firstIndex { $0.item == id }
        case .items: itemRows(page, ledger, waiting: state.waiting).firstIndex { $0.code == id }
        case .itemSchools(let item): itemSchoolRows(item, state, ledger).firstIndex(of: id)
        case .province: provinceRows(state, ledger).firstIndex { $0.label == id }
        }
    }

    /// Every claim key the page lists (for bulk actions).
    public static func claimKeys(_ page: Page, _ state: ConsoleState, _ ledger: Ledger) -> [ClaimKey] {
        switch page.kind {
        case .school: pageClaims(page, ledger).map(\.key)
        case .itemSchools(let item): itemSchoolRows(item, state, ledger).map { ClaimKey(school: $0, item: item) }
        default: []
        }
    }

    /// The school list's rows (codes) for the state's filter and sort, memoised.
    public static func schoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] { state.rowCache.schoolRows(state, ledger) }

    /// The schools that claimed `item` (codes), memoised: in school-file order, or in the order of the page
    /// showing them when that is the current one.
    public static func itemSchoolRows(_ item: String, _ state: ConsoleState, _ ledger: Ledger) -> [String] {
        let page = state.page
        let (order, reversed) = page.kind == .itemSchools(item) ? (page.order, page.reversed) : (.natural, false)
        return state.rowCache.itemSchoolRows(item, order: order, reversed: reversed, ledger)
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

    /// The school list rows for the filter and sort: O(schools log schools), run only when they or the data
    /// change, on keys taken once per ledger version (`SchoolKeys`); `order` gives the name and city order, asked
    /// for only by those sorts.
    static func computeSchoolRows(_ state: ConsoleState, _ ledger: Ledger, _ keys: SchoolKeys, order: () -> SchoolRanks) -> [String] {
        let schools = ledger.schools
        let f = state.filter
        let tallies = keys.tallies, codes = keys.codes
        var rows = schools.indices.filter { i in
            (f.city == nil || schools[i].city == f.city) && (f.type == nil || schools[i].type == f.type)
                && (f.status == nil || SchoolReviewStatus(tallies[i]) == f.status)
                && f.flags.allSatisfy { has($0, schools[i].code, tallies[i], state, ledger) }
        }
        func before(_ a: Int, _ b: Int) -> Bool { codes[a] < codes[b] }
        /// Ascending on a rank, then on the code.
        func ascending(rank: [Int32]) {
            rows.sort { rank[$0] != rank[$1] ? rank[$0] < rank[$1] : before($0, $1) }
        }
        /// Ascending on `key`, then on the code.
        func ascending<K: Comparable>(_ key: (Int) -> K) {
            let keys = schools.indices.map(key)
            rows.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : before($0, $1) }
        }
        /// Largest `key` first, then ascending on the code.
        func descending<K: Comparable>(_ key: (Int) -> K) {
            rows.sort { a, b in
                let x = key(a), y = key(b)
                return x != y ? x > y : before(a, b)
            }
        }
        switch state.sort {
        case .code: rows.sort(by: before)
        case .name: ascending(rank: order().name)
        case .type:
            let byLabel = SchoolType.allCases.sorted { Array($0.rawValue.utf8).lexicographicallyPrecedes(Array($1.rawValue.utf8)) }
            let typeRank = Dictionary(uniqueKeysWithValues: byLabel.enumerated().map { ($1, $0) })
            ascending { typeRank[schools[$0].type]! }
        case .city: ascending(rank: order().city)
        case .status:
            let rank = Dictionary(uniqueKeysWithValues: SchoolReviewStatus.allCases.enumerated().map { ($1, $0) })
            ascending { rank[SchoolReviewStatus(tallies[$0])]! }
        case .pending: descending { state.waiting(tallies[$0]) }
        case .approved: descending { tallies[$0].approved.claims }
        case .returned: descending { tallies[$0].returned }
        case .intended: descending { tallies[$0].intended.funds.total }
        case .approvedMoney: descending { tallies[$0].approved.funds.total }
        }
        if state.sortDescending { rows.reverse() }
        return rows.map { schools[$0].code }
    }

    /// True when the school's claims have `flag` (`t` its tally); "pending" is what waits for this reviewer.
    static func has(_ flag: SchoolFlag, _ code: String, _ t: Tally, _ state: ConsoleState, _ ledger: Ledger) -> Bool {
        let work = state.workState
        switch flag {
        case .hasPending: return state.waiting(t) > 0
        case .hasReturns: return t.returned > 0
        case .hasResubmitted: return state.waiting(t) > 0 && claims(ofSchool: code, ledger).contains { $0.state == work && $0.round > 1 }
        case .hasWarnings: return claims(ofSchool: code, ledger).contains { !ledger.warnings(for: $0).isEmpty }
        }
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

    /// The province page's rows: cities (in school-file order, or the page's), then school types (the same).
    public static func provinceRows(_ state: ConsoleState, _ ledger: Ledger) -> [(label: String, tally: Tally)] {
        let page = state.page
        let (order, reversed) = page.kind == .province ? (page.order, page.reversed) : (.natural, false)
        let cities = cities(state, ledger).map { (label: $0, tally: ledger.totals.byCity[$0] ?? Tally()) }
        let types = SchoolType.allCases.map { (label: $0.rawValue, tally: ledger.totals.byType[$0] ?? Tally()) }
        return order.ordered(cities, tally: \.tally, reversed: reversed, waiting: state.waiting)
            + order.ordered(types, tally: \.tally, reversed: reversed, waiting: state.waiting)
    }
}
