import ClaimKit
import TerminalText

/// A rendered screen: the grid and where the terminal cursor should be (when editing text).
public struct Frame: Equatable, Sendable {
    public var grid: Grid
    public var cursor: (row: Int, col: Int)?

    public static func == (a: Frame, b: Frame) -> Bool {
        a.grid == b.grid && a.cursor?.row == b.cursor?.row && a.cursor?.col == b.cursor?.col
    }
}

/// Draws the console state into a grid: pure, and proportional to what is visible, not to the store.
public struct Renderer {
    let state: ConsoleState
    let ledger: Ledger
    var grid: Grid
    var cursor: (row: Int, col: Int)?

    /// The frame for `state` over `ledger`.
    public static func render(_ state: ConsoleState, _ ledger: Ledger) -> Frame {
        var r = Renderer(state: state, ledger: ledger, grid: Grid(rows: state.rows, cols: state.cols))
        r.draw()
        return Frame(grid: r.grid, cursor: r.cursor)
    }

    /// Text made safe and fitted for the terminal's width conventions: control characters and bidi
    /// overrides removed, and with `ambiguousWide` every East Asian Ambiguous character that has a substitute
    /// replaced. Everything the renderer draws passes here — data, labels, separators and box borders alike.
    func show(_ text: String) -> String { Renderer.show(text, state) }

    static func show(_ text: String, _ state: ConsoleState) -> String {
        AmbiguousWidth.screenText(TextFit.sanitize(text), wide: state.ambiguousWide)
    }

    /// The ellipsis that marks cut text: … is ambiguous, so wide-symbols mode uses ⋯.
    var ellipsis: Character { state.ambiguousWide ? AmbiguousWidth.ellipsis : TextFit.ellipsis }

    /// `text` shown, cut to `width` columns.
    func cut(_ text: String, _ width: Int) -> String { TextFit.truncate(show(text), to: width, ellipsis: ellipsis) }

    /// `text` shown, cut and padded to exactly `width` columns.
    func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        TextFit.pad(show(text), to: width, right: right, ellipsis: ellipsis)
    }

    /// Columns a character takes once shown (its substitute's width in wide-symbols mode): for text
    /// being edited, whose window and cursor are measured before it is drawn.
    func screenWidth(_ c: Character) -> Int { DisplayWidth.of(state.ambiguousWide ? show(String(c)) : String(c)) }

    /// Draws `text` (shown, and cut to `width` columns, by default to the right edge) at (row, col); returns
    /// the column after it.
    @discardableResult
    mutating func put(_ text: String, row: Int, col: Int, style: Style = .plain, width: Int? = nil) -> Int {
        grid.put(cut(text, width ?? state.cols - col), row: row, col: col, style: style)
    }

    mutating func draw() {
        if state.isTooSmall {
            let lines = ["\(UIStrings.tooSmall)：至少需要 \(Geometry.minCols)×\(Geometry.minRows)，当前 \(state.cols)×\(state.rows)", "请放大窗口，或按 q 退出"]
            for (i, line) in lines.enumerated() {
                put(line, row: state.rows / 2 - 1 + i, col: 0, style: Style(.warning, bold: true))
            }
            if case .confirm(let c)? = state.overlay, c.purpose == .quit {
                put(UIStrings.quitAsk, row: max(0, state.rows - 1), col: 0, style: Style(.message, bold: true))
            }
            return
        }
        if let desk = state.desk {
            drawDesk(desk)
            drawMessage()
            drawOverlay()
            return
        }
        drawTitle()
        switch state.page.kind {
        case .schools: drawSchools()
        case .school(let code): drawSchool(code)
        case .items: drawItems()
        case .itemSchools(let item): drawItemSchools(item)
        case .province: drawProvince()
        }
        drawStatus()
        drawMessage()
        drawOverlay()
    }

    // MARK: frame parts

    mutating func drawTitle() {
        grid.fill(row: 0, style: Style(.title, reverse: true))
        let titles: [String] = state.stack.map { page in
            switch page.kind {
            case .schools: UIStrings.schoolsTitle
            case .school(let code): ledger.school(code).map { show($0.name) } ?? code
            case .items: UIStrings.itemsTitle
            case .itemSchools(let item): "\(UIStrings.itemSchoolsTitle) \(item)"
            case .province: UIStrings.provinceTitle
            }
        }
        let left = " \(UIStrings.appTitle) · \(show(ledger.campaign.province)) · \(titles.joined(separator: " › "))"
        let marks = [state.demo ? UIStrings.demoData : nil, state.readOnly ? UIStrings.readOnly : nil].compactMap { $0 }
        let right = show(marks.map { " [\($0)]" }.joined() + " ? 帮助 ")
        put(left, row: 0, col: 0, style: Style(.title, bold: true, reverse: true), width: state.cols - DisplayWidth.of(right))
        put(right, row: 0, col: state.cols - DisplayWidth.of(right), style: Style(.title, reverse: true))
    }

    /// The status line: its parts by priority, so at 80 columns the lowest drop out whole — first the
    /// reviewer (drawn last, so nothing shifts when it goes) — and the saving indicator, the tag count, the
    /// school's 意向 vs 通过, the progress and the province's 已通过 stay.
    mutating func drawStatus() {
        let row = state.rows - 2
        grid.fill(row: row, style: Style(.status, reverse: true))
        let p = ledger.totals.province
        var parts: [(text: String, priority: Int)] = [
            ("\(UIStrings.progress) \(p.decided)/\(p.intended.claims)", 3),
            ("\(UIStrings.provinceApproved) \(p.approved.funds.total)", 2),
        ]
        if let code = PageRows.schoolCode(state.page, state, ledger), let t = ledger.totals.bySchool[code] {
            parts.append(("本校 \(UIStrings.intendedShort) \(t.intended.funds.total) / \(UIStrings.approvedShort) \(t.approved.funds.total)", 4))
        }
        if let code = state.schoolShown, let others = state.present[code], !others.isEmpty {
            let names = others.map { state.shown($0) }.sorted().joined(separator: "、")
            parts.append(("\(UIStrings.alsoHere) \(names)", 5))
        }
        if !state.tags.isEmpty { parts.append(("\(UIStrings.tagged) \(state.tags.count)", 5)) }
        if state.saving > 0 { parts.append((UIStrings.saving, 6)) }
        // Last, so that when it gives way at 80 columns nothing before it moves.
        parts.append(("\(UIStrings.reviewer) \(state.reviewerShown)", 1))
        let line = TextFit.join(parts.map { (show($0.text), $0.priority) }, separator: show(" │ "), width: state.cols - 1)
        put(" " + line, row: row, col: 0, style: Style(.status, reverse: true))
    }

    mutating func drawMessage() {
        guard let m = state.message else { return }
        let tone = m.tone
        let role: Style.Role = tone == .error ? .warning : tone == .success ? .approved : tone == .notice ? .pending : .message
        put(MessageText.text(m, state, ledger), row: state.rows - 1, col: 0, style: Style(role, bold: tone == .error))
    }

    /// Draws a table header and the visible body rows from `top`, `cell(row, columnID)` giving each value.
    mutating func drawTable(_ columns: [Column], at headerRow: Int, count: Int, width: Int? = nil, cell: (Int, ColumnID) -> String,
                            rowStyle: (Int) -> Style = { _ in .plain }) {
        let tableWidth = width ?? state.cols
        let fitted = Layout.fit(columns, width: tableWidth)
        let sorted = sortedColumn
        var x = 0
        for (c, w) in fitted {
            let title = c.title + (sorted?.id == c.id ? (sorted!.descending ? "↓" : "↑") : "")
            grid.put(fit(title, w, right: c.rightAligned), row: headerRow, col: x, style: Style(.header, bold: true))
            x += w + Layout.gap
        }
        let page = state.page
        let height = state.bodyRows
        for line in 0..<height {
            let i = page.top + line
            guard i < count else { break }
            let row = headerRow + 1 + line
            // The cursor is a light mark: the row's leading cells up to its first real column in reverse video,
            // the rest drawn as any row. A one-row move then rewrites a dozen cells, not two whole rows.
            let selected = i == page.cursor
            let style = rowStyle(i)
            var x = 0
            var marked = false
            for (c, w) in fitted {
                let cellStyle = selected && !marked ? Style(.selected, bold: true, reverse: true) : style
                grid.put(fit(cell(i, c.id), w, right: c.rightAligned), row: row, col: x, style: cellStyle)
                if selected && !marked && c.id != .mark { grid.fill(row: row, col: x + w, count: Layout.gap, style: cellStyle) }
                if c.id != .mark { marked = true }
                x += w + Layout.gap
            }
        }
    }

    /// The column the current table is sorted on and its direction (none for a table in its natural order,
    /// the school list's by code included).
    var sortedColumn: (id: ColumnID, descending: Bool)? {
        let page = state.page
        if page.kind == .schools {
            guard state.sort != .code || state.sortDescending else { return nil }
            return (Layout.column(state.sort), state.sort.isDescending(reversed: state.sortDescending))
        }
        guard let id = Layout.column(page.order) else { return nil }
        return (id, page.order.isDescending(reversed: page.reversed))
    }

    static func stateStyle(_ s: ReviewState) -> Style {
        switch s {
        case .approved: Style(.approved)
        case .returned: Style(.returned, bold: true)
        case .pending: Style(.pending)
        case .cityPending: Style(.dim)
        case .withdrawn: Style(.dim)
        }
    }

    // MARK: pages

    mutating func drawSchools() {
        let ledger = self.ledger, state = self.state
        let f = state.filter
        let rows = PageRows.schoolRows(state, ledger)
        var info: [String] = ["共 \(rows.count) 所"]
        if let text = MessageText.filterText(f) { info.append(text) }
        info.append("排序=\(Layout.sortLabel(state.sort))\(state.sort.isDescending(reversed: state.sortDescending) ? "↓" : "↑")")
        put(" " + info.joined(separator: "  ") + "   Enter 进入 · f 筛选 · s 排序 · / 搜索 · ] 下一所待审", row: 1, col: 0, style: Style(.dim))
        drawTable(Layout.schoolList, at: 2, count: rows.count) { i, id in
            guard let s = ledger.school(rows[i]) else { return "" }
            let t = ledger.totals.bySchool[s.code] ?? Tally()
            switch id {
            case .code: return s.code
            case .name: return s.name
            case .type: return s.type.rawValue
            case .city: return s.city
            case .status: return UIStrings.statusCell(SchoolReviewStatus(t))
            default: return Renderer.tallyCell(id, t, state)
            }
        }
    }

    /// The cells the school list, the items page and the province page share: 待审, 通过, 退回 and the two
    /// money totals of a tally ("" for any other column).
    static func tallyCell(_ id: ColumnID, _ t: Tally, _ state: ConsoleState) -> String {
        switch id {
        case .pending: "\(state.waiting(t))"
        case .approved: "\(t.approved.claims)"
        case .returned: "\(t.returned)"
        case .intended: "\(t.intended.funds.total)"
        case .approvedMoney: "\(t.approved.funds.total)"
        default: ""
        }
    }

    func figuresLine(_ label: String, _ f: Figures) -> String {
        let parts = zip(Funds.partLabels, f.funds.parts).map { "\($0) \($1)" }.joined(separator: "  ")
        return " \(label)：\(UIStrings.tasks) \(f.tasks)（\(f.claims) 条）  \(UIStrings.total) \(f.funds.total)  \(parts)"
    }

    mutating func drawSchool(_ code: String) {
        guard let school = ledger.school(code) else { return }
        let t = ledger.totals.bySchool[code] ?? Tally()
        put(" \(school.name)  \(school.code)  \(school.type.rawValue)  \(school.city)  \(SchoolReviewStatus(t).label)", row: 1, col: 0, style: Style(.normal, bold: true))
        let c = school.contacts
        put(" \(UIStrings.manager)：\(c.manager)  \(UIStrings.office)：\(c.officePhone)  \(UIStrings.mobile)：\(c.mobile)", row: 2, col: 0)
        put(figuresLine(UIStrings.intended, t.intended), row: 3, col: 0)
        put(figuresLine(UIStrings.approved, t.approved), row: 4, col: 0, style: Style(.approved))
        let claims = PageRows.pageClaims(state.page, ledger)
        drawClaimTable(Layout.schoolClaims, at: 5, count: claims.count) { claims[$0] }
    }

    /// A table of claims: `claim(i)` is asked only for the visible rows, so a drill-down over thousands of
    /// schools costs what one screen does.
    mutating func drawClaimTable(_ columns: [Column], at row: Int, count: Int, claim: (Int) -> Claim?) {
        let ledger = self.ledger, state = self.state
        let page = state.page
        var claims: [Int: Claim] = [:]
        var marks: [Int: Bool] = [:]
        for i in page.top..<max(page.top, min(count, page.top + state.bodyRows)) {
            guard let c = claim(i) else { continue }
            claims[i] = c
            marks[i] = !ledger.warnings(for: c).isEmpty
        }
        let beside = Geometry.previewColumns(page.kind, rows: state.rows, cols: state.cols)
        drawTable(columns, at: row, count: count, width: state.cols - beside - (beside > 0 ? 1 : 0), cell: { i, id in
            guard let claim = claims[i] else { return "" }
            let item = ledger.catalog.item(claim.item)
            switch id {
            case .mark: return (state.tags.contains(claim.key) ? UIStrings.tagMark : " ") + (marks[i] == true ? UIStrings.warningMark : " ")
            case .code: return claim.item
            case .school: return claim.school
            case .text: return item?.text ?? UIStrings.missingItem
            case .name: return ledger.school(claim.school)?.name ?? claim.school
            case .quantity: return claim.quantity.map(String.init) ?? "-"
            case .total: return "\(claim.funds.total)"
            case .selfFunded: return "\(claim.funds.selfFunded)"
            case .industry: return "\(claim.funds.industry)"
            case .sponsor: return "\(claim.funds.sponsor)"
            case .local: return "\(claim.funds.local)"
            case .state:
                if claim.round > 1, claim.state == .pending || claim.state == .cityPending { return "\(claim.state.label)(第\(claim.round)\(UIStrings.round))" }
                return claim.state.label
            case .comment:
                if case .returned(let comment) = claim.state { return comment }
                return ""
            default: return ""
            }
        }, rowStyle: { i in claims[i].map { Renderer.stateStyle($0.state) } ?? .plain })
        drawPreview(below: row + 1 + state.bodyRows)
    }

    mutating func drawItems() {
        let ledger = self.ledger, state = self.state
        let items = PageRows.itemRows(state.page, ledger, waiting: state.waiting)
        drawTable(Layout.items, at: 1, count: items.count) { i, id in
            let item = items[i]
            let t = ledger.totals.byItem[item.code] ?? Tally()
            switch id {
            case .code: return item.code
            case .text: return item.text
            case .schools: return "\(t.intended.claims)"
            case .quantityTarget: return Renderer.quantityCell(item, t)
            default: return Renderer.tallyCell(id, t, state)
            }
        }
    }

    /// 承接数量 of an item's active claims beside the plan's target: `156/200`, `156` when the text names no
    /// target, `-` for an item without a unit.
    static func quantityCell(_ item: TaskItem, _ t: Tally) -> String {
        guard item.isCountable else { return "-" }
        guard let target = ItemTarget.parse(item) else { return "\(t.intended.quantity)" }
        return "\(t.intended.quantity)/\(target.count)"
    }

    mutating func drawItemSchools(_ code: String) {
        let t = ledger.totals.byItem[code] ?? Tally()
        let text = ledger.catalog.item(code)?.text ?? ""
        put(" \(code) \(text)  承接 \(t.intended.claims) 所 · 待审 \(state.waiting(t)) · 通过 \(t.approved.claims) · 退回 \(t.returned)", row: 1, col: 0, style: Style(.normal, bold: true))
        let ledger = self.ledger, rows = PageRows.itemSchoolRows(code, state, ledger)
        drawClaimTable(Layout.itemSchools, at: 2, count: rows.count) { ledger.claim(ClaimKey(school: rows[$0], item: code)) }
    }

    mutating func drawProvince() {
        let ledger = self.ledger, state = self.state
        let p = ledger.totals.province
        let pct = p.intended.claims == 0 ? 0 : p.decided * 100 / p.intended.claims
        put(" \(ledger.campaign.province)：\(ledger.schools.count) 所学校 · 审核进度 \(p.decided)/\(p.intended.claims)（\(pct)%） · 意向承接 \(p.intended.funds.total) 万元 · 已通过 \(p.approved.funds.total) 万元", row: 1, col: 0, style: Style(.normal, bold: true))
        let rows = PageRows.provinceRows(state, ledger)
        let cityCount = rows.count - SchoolType.allCases.count
        drawTable(Layout.province, at: 2, count: rows.count, cell: { i, id in
            let (label, t) = rows[i]
            switch id {
            case .label: return (i < cityCount ? "" : "· ") + label
            case .schools: return "\(t.intended.claims)"
            case .tasks: return "\(t.intended.tasks)"
            case .schoolTasks: return "\(t.intended.schoolTasks)"
            case .progress: return t.intended.claims == 0 ? "-" : "\(t.decided * 100 / t.intended.claims)%"
            default: return Renderer.tallyCell(id, t, state)
            }
        }, rowStyle: { i in i < cityCount ? .plain : Style(.dim) })
    }

    // MARK: overlays

    /// Draws a bordered box and returns its inner rectangle (top row, left column, width, height).
    mutating func box(title: String, width: Int, height: Int) -> (top: Int, left: Int, width: Int, height: Int) {
        let w = min(width, state.cols - 2), h = min(height, state.rows - 2)
        let top = max(1, (state.rows - h) / 2), left = max(1, (state.cols - w) / 2)
        let style = Style(.normal)
        for r in top..<(top + h) { grid.fill(row: r, col: left, count: w, style: style) }
        put("┌" + String(repeating: "─", count: w - 2) + "┐", row: top, col: left, style: Style(.header, bold: true))
        put(" \(title) ", row: top, col: left + 2, style: Style(.header, bold: true), width: w - 4)
        for r in (top + 1)..<(top + h - 1) {
            put("│", row: r, col: left, style: Style(.header))
            put("│", row: r, col: left + w - 1, style: Style(.header))
        }
        put("└" + String(repeating: "─", count: w - 2) + "┘", row: top + h - 1, col: left, style: Style(.header, bold: true))
        return (top + 1, left + 2, w - 4, h - 2)
    }

    mutating func lines(_ lines: [(String, Style)], in area: (top: Int, left: Int, width: Int, height: Int)) {
        for (i, line) in lines.prefix(area.height).enumerated() {
            put(line.0, row: area.top + i, col: area.left, style: line.1, width: area.width)
        }
    }

    mutating func drawOverlay() {
        guard let overlay = state.overlay else { return }
        switch overlay {
        case .help(let scroller):
            drawScrolling(Renderer.helpLines(state), title: UIStrings.helpTitle, top: scroller.top)
        case .detail(let key, let scroller):
            drawDetail(key, top: scroller.top)
        case .comment(let comment):
            drawComment(comment)
        case .confirm(let confirmation):
            switch confirmation.purpose {
            case .quit:
                grid.fill(row: state.rows - 1, style: .plain)
                put(UIStrings.quitAsk, row: state.rows - 1, col: 0, style: Style(.message, bold: true))
            case .approve(let bulk):
                drawBulkApproval(bulk)
            case .submit(let write):
                grid.fill(row: state.rows - 1, style: .plain)
                put(UIStrings.submitAsk(write.decisions.count, resubmit: write.decisions.first?.kind == .resubmitted),
                    row: state.rows - 1, col: 0, style: Style(.message, bold: true))
            case .withdraw(let decisions):
                grid.fill(row: state.rows - 1, style: .plain)
                put(UIStrings.withdrawAsk(decisions.filter { $0.kind == .withdrawn }.count), row: state.rows - 1, col: 0,
                    style: Style(.message, bold: true))
            }
        case .search(let prompt):
            let row = state.rows - 1
            grid.fill(row: row, style: .plain)
            let end = put(UIStrings.searchPrompt, row: row, col: 0, style: Style(.message, bold: true))
            let (visible, col) = prompt.editor.window(width: state.cols - end - 1, widthOf: screenWidth)
            put(visible, row: row, col: end)
            cursor = (row, end + col)
        case .picker(let picker):
            let title = picker.purpose == .filter ? UIStrings.filterTitle : UIStrings.sortTitle
            let area = box(title: title, width: 30, height: min(state.rows - 2, picker.options.count + 2))
            let first = max(0, picker.cursor - area.height + 1)
            for (i, option) in picker.options.enumerated().dropFirst(first).prefix(area.height) {
                let selected = i == picker.cursor
                if selected { grid.fill(row: area.top + i - first, col: area.left, count: area.width, style: Style(.selected, reverse: true)) }
                let mark = Renderer.isActive(option, state) ? UIStrings.activeMark : "  "
                put(mark + UIStrings.choice(option), row: area.top + i - first, col: area.left,
                    style: selected ? Style(.selected, bold: true, reverse: true) : .plain, width: area.width)
            }
        }
    }

    /// True when a picker entry is what the list shows now (a flag on, the filter's city, the sort order).
    static func isActive(_ choice: PickerChoice, _ state: ConsoleState) -> Bool {
        let f = state.filter
        switch choice {
        case .allSchools: return f.isEmpty
        case .status(let s): return f.status == s
        case .city(let c): return f.city == c
        case .type(let t): return f.type == t
        case .flag(let flag): return f.flags.contains(flag)
        case .sort(let sort): return state.sort == sort
        case .order(let order): return state.page.order == order
        }
    }

    mutating func drawComment(_ comment: CommentEditor) {
        let key = comment.key
        let reasons = state.reasons.prefix(9).enumerated().map { ("\($0.offset + 1). \(show($0.element))", Style(.dim)) }
        let school = ledger.school(key.school)?.name ?? key.school
        let area = box(title: "\(UIStrings.returnTitle) \(school) 的任务 \(key.item)", width: min(state.cols - 2, 76), height: 5 + reasons.count)
        lines([(UIStrings.returnPrompt, Style(.normal, bold: true))], in: area)
        let (visible, col) = comment.editor.window(width: area.width, widthOf: screenWidth)
        put(visible, row: area.top + 1, col: area.left, style: Style(.normal, bold: true), width: area.width)
        lines(reasons, in: (area.top + 2, area.left, area.width, area.height - 2))
        if comment.askingDiscard {
            grid.fill(row: state.rows - 1, style: .plain)
            put(UIStrings.discardComment, row: state.rows - 1, col: 0, style: Style(.warning, bold: true))
        } else {
            cursor = (area.top + 1, area.left + col)
        }
    }

    /// The bulk approval's question: how many claims, how much money, how many carry warnings and which.
    mutating func drawBulkApproval(_ bulk: BulkApproval) {
        let scope = bulk.tagged ? UIStrings.tagged : "本校全部待审核"
        var text: [(String, Style)] = [
            ("批量通过\(scope)的 \(bulk.claims.count) 条承接任务，汇总 \(bulk.money) \(UIStrings.wan)？", Style(.normal, bold: true)),
        ]
        if !bulk.warned.isEmpty {
            text.append(("其中 \(bulk.warned.count) 条有提示：", Style(.warning, bold: true)))
            let shown = bulk.warned.prefix(5).map { key in
                "  ! \(ledger.school(key.school)?.name ?? key.school) \(key.item) \(ledger.catalog.item(key.item)?.text ?? "")"
            }
            text += shown.map { ($0, Style(.warning)) }
            if bulk.warned.count > 5 { text.append(("  …另有 \(bulk.warned.count - 5) 条", Style(.warning))) }
        }
        text.append((UIStrings.confirmYesNo, Style(.dim)))
        let area = box(title: UIStrings.bulkTitle, width: min(state.cols - 2, 72), height: text.count + 2)
        lines(text, in: area)
    }

    mutating func drawDetail(_ key: ClaimKey, top: Int) {
        guard ledger.claim(key) != nil else { return }
        drawScrolling(Renderer.detailLines(key, state, ledger),
                      title: "\(UIStrings.detailTitle)：\(ledger.school(key.school)?.name ?? key.school) · \(key.item)", top: top)
    }

    static func stateStyleFor(_ kind: ReviewEvent.Kind) -> Style {
        switch kind {
        case .approved: Style(.approved)
        case .returned: Style(.returned)
        default: .plain
        }
    }
}
