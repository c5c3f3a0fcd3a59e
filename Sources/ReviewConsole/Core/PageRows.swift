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
        case .province: provinceRows(ledger).count
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

    /// Where a school's review stands.
    public static func status(_ t: Tally?) -> SchoolStatus {
        guard let t, t.intended.claims > 0 else { return .notSubmitted }
        if t.pending > 0 { return t.decided > 0 ? .inReview : .pending }
        return t.returned > 0 ? .hasReturns : .done
    }

    /// The school list rows for the filter and sort: O(schools log schools), run only when they change.
    public static func schoolRows(_ state: ConsoleState, _ ledger: Ledger) -> [String] {
        let totals = ledger.totals.bySchool
        let f = state.filter
        var list = ledger.schools.filter { s in
            (f.city == nil || s.city == f.city) && (f.type == nil || s.type == f.type)
                && (f.status == nil || status(totals[s.code]) == f.status)
        }
        func tally(_ s: School) -> Tally { totals[s.code] ?? Tally() }
        let order: (School, School) -> Bool
        switch state.sort {
        case .code: order = { $0.code < $1.code }
        case .name: order = { $0.name < $1.name }
        case .type: order = { ($0.type.rawValue, $0.code) < ($1.type.rawValue, $1.code) }
        case .city: order = { ($0.city, $0.code) < ($1.city, $1.code) }
        case .status:
            let rank = Dictionary(uniqueKeysWithValues: SchoolStatus.allCases.enumerated().map { ($1, $0) })
            order = { (rank[status(totals[$0.code])]!, $0.code) < (rank[status(totals[$1.code])]!, $1.code) }
        case .pending: order = { (tally($0).pending, $1.code) > (tally($1).pending, $0.code) }
        case .approved: order = { (tally($0).approved.claims, $1.code) > (tally($1).approved.claims, $0.code) }
        case .returned: order = { (tally($0).returned, $1.code) > (tally($1).returned, $0.code) }
        case .intended: order = { (tally($0).intended.funds.total, $1.code) > (tally($1).intended.funds.total, $0.code) }
        case .approvedMoney: order = { (tally($0).approved.funds.total, $1.code) > (tally($1).approved.funds.total, $0.code) }
        }
        list.sort(by: order)
        if state.sortDescending { list.reverse() }
        return list.map(\.code)
    }

    /// Schools that claimed `item`, in school-file order: O(schools), run when the drill-down opens.
    public static func itemSchoolRows(_ item: String, _ ledger: Ledger) -> [String] {
        ledger.schools.compactMap { s in
            ledger.claim(ClaimKey(school: s.code, item: item)).flatMap { $0.isActive ? s.code : nil }
        }
    }

    /// The province page's rows: cities (in school-file order), then school types.
    public static func provinceRows(_ ledger: Ledger) -> [(label: String, tally: Tally)] {
        var cities: [String] = []
        var seen = Set<String>()
        for s in ledger.schools where seen.insert(s.city).inserted { cities.append(s.city) }
        return cities.map { ($0, ledger.totals.byCity[$0] ?? Tally()) }
            + SchoolType.allCases.map { ($0.rawValue, ledger.totals.byType[$0] ?? Tally()) }
    }
}
