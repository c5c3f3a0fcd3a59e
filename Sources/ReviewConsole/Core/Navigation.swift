import ClaimKit

/// Moving between rows, pages and screens; searching; choosing filters and sort orders.
extension ConsoleState {
    mutating func move(by delta: Int, _ ledger: Ledger) {
        move(to: page.cursor + delta, ledger)
    }

    /// Puts the cursor on row `row` (clamped to the page's rows), scrolls it into view, remembers its row.
    mutating func move(to row: Int, _ ledger: Ledger) {
        let count = PageRows.count(page, self, ledger)
        page.cursor = max(0, min(count - 1, row))
        page.top = Geometry.scrolled(top: page.top, cursor: page.cursor, count: count, height: bodyRows)
        page.anchor = PageRows.rowID(page.cursor, page, self, ledger)
    }

    /// After the rows changed under the cursor (new data, a new size): back on the anchored row if the page
    /// still lists it, else on the same position, clamped.
    mutating func reanchor(_ ledger: Ledger) {
        if let anchor = page.anchor, let row = PageRows.row(of: anchor, page, self, ledger) {
            move(to: row, ledger)
        } else {
            move(to: page.cursor, ledger)
        }
    }

    /// Pushes `kind` and lands on its first pending claim when it lists claims (the work), else its first row.
    mutating func push(_ kind: Page.Kind, _ ledger: Ledger) {
        stack.append(Page(kind))
        landOnWork(after: nil, ledger)
    }

    /// Moves to the first claim waiting for this reviewer (`workState`) of a claims page after row `row` (from
    /// the top when nil), wrapping round; true when there is one.
    @discardableResult
    mutating func landOnWork(after row: Int?, _ ledger: Ledger) -> Bool {
        let keys = PageRows.claimKeys(page, self, ledger)
        let start = row.map { $0 + 1 } ?? 0
        let order = Array(keys.indices.dropFirst(start)) + Array(keys.indices.prefix(start))
        let work = workState
        guard let next = order.first(where: { ledger.claim(keys[$0])?.state == work }) else {
            move(to: row ?? 0, ledger)
            return false
        }
        move(to: next, ledger)
        return true
    }

    mutating func open(_ ledger: Ledger) {
        switch page.kind {
        case .schools:
            guard let code = PageRows.schoolCode(page, self, ledger) else { return }
            push(.school(code), ledger)
        case .items:
            guard let item = PageRows.rowID(page.cursor, page, self, ledger) else { return }
            push(.itemSchools(item), ledger)
        case .school, .itemSchools:
            if let key = PageRows.claimKey(page, self, ledger) { overlay = .detail(key, Scroller()) }
        case .province:
            // A city row (or a school-type row) opens the school list filtered to it.
            guard let label = PageRows.rowID(page.cursor, page, self, ledger) else { return }
            if let type = SchoolType(rawValue: label) {
                filter = SchoolFilter(type: type)
            } else {
                filter = SchoolFilter(city: label)
            }
            stack = [Page(.schools)]
            message = .filtered(filter)
            move(to: 0, ledger)
        }
    }

    mutating func back(_ ledger: Ledger) {
        guard stack.count > 1 else {
            overlay = .confirm(Confirmation(.quit))
            return
        }
        stack.removeLast()
        reanchor(ledger)
    }

    mutating func cycleScreens(by step: Int, _ ledger: Ledger) {
        let list = ConsoleState.overviews
        let here = list.firstIndex(of: stack[0].kind) ?? 0
        stack = [Page(list[(here + step + list.count) % list.count])]
        move(to: 0, ledger)
    }

    /// A click on a table body row selects it (the first body row is under the page's header rows and the
    /// table's own header); a click elsewhere does nothing.
    mutating func click(screenRow: Int, _ ledger: Ledger) {
        let first = Geometry.headerRows(page.kind) + 1
        guard screenRow >= first, screenRow < first + bodyRows else { return }
        let row = page.top + screenRow - first
        guard row < PageRows.count(page, self, ledger) else { return }
        move(to: row, ledger)
    }

    mutating func toggleTag(_ ledger: Ledger) {
        guard let key = PageRows.claimKey(page, self, ledger) else {
            message = .noClaim
            return
        }
        if tags.remove(key) == nil { tags.insert(key) }
        move(by: 1, ledger)
    }

    /// In the claim detail, shows the next (`step` 1) or previous claim of the page beneath, moving its cursor too.
    mutating func stepDetail(from key: ClaimKey, by step: Int, _ ledger: Ledger) {
        let keys = PageRows.claimKeys(page, self, ledger)
        guard let here = keys.firstIndex(of: key), keys.indices.contains(here + step) else { return }
        move(to: here + step, ledger)
        overlay = .detail(keys[here + step], Scroller())
    }

    /// `i` wrapped into `0..<count` (either way round the end of a list).
    static func wrapped(_ i: Int, _ count: Int) -> Int { (i % count + count) % count }

    // MARK: search

    /// Moves the cursor to the next row (from the cursor, wrapping) whose code or name contains `query`.
    mutating func jump(to query: String, forward: Bool, skipCurrent: Bool, _ ledger: Ledger) -> Bool {
        let count = PageRows.count(page, self, ledger)
        guard count > 0 else { return false }
        for step in (skipCurrent ? 1 : 0)..<count + (skipCurrent ? 1 : 0) {
            let i = ConsoleState.wrapped(page.cursor + (forward ? step : -step), count)
            if rowText(i, ledger).contains(query) {
                move(to: i, ledger)
                return true
            }
        }
        return false
    }

    /// The text search looks in: a row's code and name (or item text).
    private func rowText(_ i: Int, _ ledger: Ledger) -> String {
        guard let id = PageRows.rowID(i, page, self, ledger) else { return "" }
        switch page.kind {
        case .schools, .itemSchools: return id + " " + (ledger.school(id)?.name ?? "")
        case .school, .items: return id + " " + (ledger.catalog.item(id)?.text ?? "")
        case .province: return id
        }
    }

    // MARK: pending schools

    /// `]`/`[`: the next school (in list order) that still has claims waiting for this reviewer, on the first of them.
    mutating func nextPendingSchool(forward: Bool, _ ledger: Ledger) {
        let onSchoolPage: Bool
        if case .school = page.kind { onSchoolPage = true } else { onSchoolPage = false }
        guard page.kind == .schools || onSchoolPage else {
            message = .notHere(forward ? .nextPending : .previousPending)
            return
        }
        let current = PageRows.schoolCode(page, self, ledger) ?? ""
        let rows = PageRows.schoolRows(self, ledger)
        guard !rows.isEmpty else { return }
        let start = rows.firstIndex(of: current) ?? (forward ? -1 : rows.count)
        for step in 1...rows.count {
            let i = ConsoleState.wrapped(start + (forward ? step : -step), rows.count)
            guard rows[i] != current, waiting(ledger.totals.bySchool[rows[i]] ?? Tally()) > 0 else { continue }
            if onSchoolPage {
                stack.removeLast()
                move(to: i, ledger)
                push(.school(rows[i]), ledger)
            } else {
                move(to: i, ledger)
            }
            return
        }
        message = .noPendingSchool
    }

    /// What `E` exports on this page: exactly the rows shown, in the order shown.
    func exportRequest(_ ledger: Ledger) -> ExportRequest {
        switch page.kind {
        case .schools:
            .schoolList(SchoolListExport(schools: PageRows.schoolRows(self, ledger), filter: filter, sort: sort, descending: sortDescending))
        case .school(let code): .school(code)
        case .items: .items
        case .itemSchools(let item): .itemClaims(item, schools: PageRows.itemSchoolRows(item, self, ledger))
        case .province: .cities
        }
    }

    // MARK: filter and sort

    /// The filter picker's entries: all, the flags, each status (待市级审核 only with the city step), each city
    /// (as the data has them now), each school type.
    func filterChoices(_ ledger: Ledger) -> [PickerChoice] {
        let statuses = SchoolReviewStatus.allCases.filter { $0 != .cityPending || ledger.campaign.cityReview }
        return [.allSchools] + SchoolFlag.allCases.map(PickerChoice.flag) + statuses.map(PickerChoice.status)
            + PageRows.cities(self, ledger).map(PickerChoice.city) + SchoolType.allCases.map(PickerChoice.type)
    }

    /// Applies a picker's choice: a filter dimension is set (the others kept), or the sort order changes
    /// (the same column again reverses it). The list starts again at its first row.
    mutating func choose(_ choice: PickerChoice, _ ledger: Ledger) {
        switch choice {
        case .allSchools: filter = SchoolFilter()
        case .status(let s): filter.status = s
        case .city(let c): filter.city = c
        case .type(let t): filter.type = t
        case .flag(let f): if filter.flags.remove(f) == nil { filter.flags.insert(f) }
        case .order(let chosen):
            page.reversed = chosen == page.order ? !page.reversed : false
            page.order = chosen
            message = .ordered(chosen, descending: chosen.isDescending(reversed: page.reversed))
            page.top = 0
            move(to: 0, ledger)
            return
        case .sort(let chosen):
            sortDescending = chosen == sort ? !sortDescending : false
            sort = chosen
            message = .sorted(sort, descending: sortDescending)
            page.top = 0
            move(to: 0, ledger)
            return
        }
        message = .filtered(filter)
        page.top = 0
        move(to: 0, ledger)
    }
}
