import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole
import TerminalText

/// Every screen at 80×24 and 160×50, rendered into grids and checked for structure, labels and alignment.
@Suite struct RenderTests {
    static let sizes: [(rows: Int, cols: Int)] = [(24, 80), (50, 160)]

    /// A screen to render: how to reach it and what it must show.
    struct Screen {
        let name: String
        let console: Console
        let labels: [String]
    }

    /// The claim the detail test uses: several rounds with a comment, and item text longer than one line at 80.
    static func detailClaim(_ ledger: Ledger) -> Claim? {
        for s in ledger.schools {
            for claim in PageRows.claims(ofSchool: s.code, ledger)
            where ledger.history(of: claim.key).count >= 3 && ledger.history(of: claim.key).contains(where: { $0.kind == .returned && $0.comment != nil })
                && DisplayWidth.of(ledger.catalog.item(claim.item)!.text) > 80 - 6
                && DisplayWidth.of(ledger.catalog.item(claim.item)!.text) <= 2 * (80 - 6) {
                return claim
            }
        }
        return nil
    }

    static func screens(rows: Int, cols: Int) -> [Screen] {
        var out: [Screen] = []
        let base = Console(rows: rows, cols: cols)
        out.append(Screen(name: "school list", console: base, labels: ["学校列表", "学校代码", "学校名称", "所在市", "待审", "意向汇总", "全省已通过"]))

        var school = base
        school.openPendingClaim()
        out.append(Screen(name: "school page", console: school,
                          labels: ["平台管理联系人", "意向承接：", "已通过：", "序号", "工作任务", "承接数量", "汇总", "学校自筹", "省厅审核情况", "待审核"]))

        var items = base
        items.press(.tab)
        out.append(Screen(name: "items", console: items, labels: ["按任务汇总", "工作任务", "承接学校", "意向汇总"]))

        var itemSchools = items
        itemSchools.press(.char("j"), .char("j"), .enter)
        out.append(Screen(name: "item schools", console: itemSchools, labels: ["承接学校 3.1", "学校代码", "学校名称", "省厅审核情况"]))

        var province = items
        province.press(.tab)
        out.append(Screen(name: "province", console: province, labels: ["全省汇总", "审核进度", "济南市", "进度", "意向汇总"]))

        var detail = base
        if let claim = detailClaim(base.ledger), let i = base.schoolRows.firstIndex(of: claim.school) {
            detail.openSchool(at: i)
            detail.moveToClaim { $0.key == claim.key }
            detail.press(.char("v"))
        }
        out.append(Screen(name: "detail", console: detail, labels: ["承接任务详情", "审核记录：", "学校自筹", "行业企业投入", "举办方投入", "地市县投入"]))

        var help = base
        help.press(.char("?"))
        out.append(Screen(name: "help", console: help, labels: ["帮助：按键一览", "下移一行", "通过光标所在的承接任务"]))

        var editor = school
        editor.press(.char("r"))
        editor.type("经费预算偏高")
        out.append(Screen(name: "comment editor", console: editor, labels: ["退回修改", "修改意见（Enter 确认", "经费预算偏高", "1. 经费预算填写不完整", "2. 承接数量与学校实际不符"]))

        var confirm = school
        confirm.press(.char("A"))
        out.append(Screen(name: "confirmation", console: confirm, labels: ["确认批量通过", "条承接任务", "万元？", "按 y 确认"]))

        var conflict = school
        conflict.press(.char("a"))
        conflict.refuseNext = .conflict(.workflow(WorkflowError(kind: .approved, key: Mini.key(Mini.jinan, "1"),
            reason: .alreadyDecided(by: "lisi", at: Fixture.now, kind: .approved))))
        conflict.press(.char("a"))
        out.append(Screen(name: "conflict", console: conflict, labels: ["未保存，他人已先操作：冲突："]))

        var quit = base
        quit.press(.char("q"))
        out.append(Screen(name: "quit question", console: quit, labels: [UIStrings.quitAsk]))

        var picker = base
        picker.press(.char("f"))
        out.append(Screen(name: "filter picker", console: picker, labels: ["筛选学校", "全部", "地市：济南市"]))
        return out
    }

    @Test(arguments: [0, 1])
    func everyScreenIsWellFormed(size: Int) throws {
        let (rows, cols) = RenderTests.sizes[size]
        for screen in RenderTests.screens(rows: rows, cols: cols) {
            let grid = screen.console.grid
            checkScreen(grid, rows: rows, cols: cols, "\(screen.name) \(cols)×\(rows)")
            for label in screen.labels {
                #expect(grid.text.contains(label), "\(screen.name) \(cols)×\(rows) lacks \(label)\n\(grid.text)")
            }
            #expect(grid.text(row: 0).contains("tzpy 提质培优任务审核"), "\(screen.name): title")
            #expect(grid.text(row: 0).hasSuffix(" ? 帮助 "), "\(screen.name): help hint at the right edge")
            // The full-screen popups (help, detail) cover the status line with their bottom border.
            if !["help", "detail", "filter picker"].contains(screen.name) {
                #expect(grid.text(row: rows - 2).contains("全省已通过"), "\(screen.name): status line")
            }
            // Rendering is pure: the same state and data give the same grid.
            #expect(screen.console.grid == grid)
        }
    }

    @Test func tooSmallTerminal() {
        var c = Console(rows: 12, cols: 50)
        let grid = c.grid
        checkScreen(grid, rows: 12, cols: 50, "too small")
        #expect(grid.text(row: 5).hasPrefix("终端太小：至少需要 60×16，当前 50×12"))
        #expect(grid.text(row: 6).hasPrefix("请放大窗口，或按 q 退出"))
        #expect(!grid.text.contains("学校代码"), "no broken table")
        c.press(.char("q"))
        #expect(c.grid.text(row: 11).contains("确定退出"))
        // Just under the minimum either way.
        for (r, w) in [(15, 80), (24, 59)] {
            let g = Console(rows: r, cols: w).grid
            checkScreen(g, rows: r, cols: w, "too small \(w)×\(r)")
            #expect(g.text.contains("终端太小"))
        }
        // At the minimum the table is drawn.
        let ok = Console(rows: 16, cols: 60).grid
        checkScreen(ok, rows: 16, cols: 60, "minimum")
        #expect(!ok.text.contains("终端太小"))
        #expect(ok.text.contains("学校代码"))
    }

    // MARK: golden header rows, derived from Layout.fit

    /*
     School list at 80: the columns need 10+16+12+6+6+4+4+4+10+10 = 82 plus 9 gaps = 91 > 80 with the name at its
     minimum, so 已通过汇总 (priority 1) goes: 72 + 8 = 80 fits. Fixed 56 + 8 gaps = 64, the name gets 80 − 64 = 16.
     At 160 nothing is dropped; fixed 66 + 9 gaps = 75, the name gets 85.
     */
    /// 按任务汇总 shows each countable item's 承接数量 beside the plan's target, following the claims; 全省汇总
    /// shows 学校任务数 beside 任务数量 (two schools on one task: 任务数量 1, 学校任务数 2).
    @Test func itemsShowQuantityBesideTargetAndProvinceShowsSchoolTasks() {
        var c = Console(rows: 30, cols: 120, ledger: Mini.ledger())
        c.send(.key(.tab))
        let screen = (0..<30).map { c.grid.text(row: $0) }
        #expect(screen[1].contains("承接数量") && screen[1].contains("已通过汇总"))
        func row(_ code: String) -> String? { screen.first { $0.hasPrefix(code + " ") } }
        #expect(row("4.1")?.contains(" 180/10000 ") == true, "120 + 60 of 10000名")
        #expect(row("3.1")?.contains(" 2/200 ") == true)
        #expect(row("5")?.contains("/") == false, "a per-city minimum is no target")
        #expect(row("6")?.contains(" - ") == true, "not countable")
        c.send(.key(.tab))
        let province = (0..<30).map { c.grid.text(row: $0) }
        #expect(province[2].contains("任务数量 学校任务数"))
        let higher = province.first { $0.hasPrefix("· 专科高职院校") }
        #expect(higher?.split(separator: " ").dropFirst(2).prefix(3) == ["4", "3", "4"], "条目 4, 任务数量 3, 学校任务数 4")
    }

    @Test func schoolListHeaderGolden() {
        let h80 = "学校代码" + sp(2) + " " + "学校名称" + sp(8) + " " + "类型" + sp(8) + " " + "所在市" + " " + "状态" + sp(2)
            + " " + "待审" + " " + "通过" + " " + "退回" + " " + sp(2) + "意向汇总"
        #expect(DisplayWidth.of(h80) == 80)
        #expect(Console(rows: 24, cols: 80).grid.text(row: 2) == h80)
        let h160 = "学校代码" + sp(2) + " " + "学校名称" + sp(77) + " " + "类型" + sp(8) + " " + "所在市" + " " + "状态" + sp(2)
            + " " + "待审" + " " + "通过" + " " + "退回" + " " + sp(2) + "意向汇总" + " " + "已通过汇总"
        #expect(DisplayWidth.of(h160) == 160)
        #expect(Console(rows: 50, cols: 160).grid.text(row: 2) == h160)
    }

    /*
     School page at 80: minimum need 2+4+20+8+9+8+12+10+10+12 = 95 + 9 gaps = 104. Dropping by priority:
     地市县投入 (1) → 85+8 = 93, 举办方投入 (2) → 75+7 = 82, 行业企业投入 (3) → 63+6 = 69 ≤ 80. Kept: mark, 序号,
     工作任务, 承接数量, 汇总, 学校自筹, 省厅审核情况; fixed 43 + 6 gaps = 49, 工作任务 gets 31.
     At 160: nothing dropped; fixed 75 + 9 gaps = 84, 工作任务 gets 76.
     */
    @Test func schoolPageHeaderGolden() throws {
        var c80 = Console(rows: 24, cols: 80)
        let c80Opened = c80.openPendingClaim()
        try #require(c80Opened != nil)
        let h80 = sp(2) + " " + "序号" + " " + "工作任务" + sp(23) + " " + "承接数量" + " " + sp(5) + "汇总" + " " + "学校自筹"
            + " " + "省厅审核情况"
        #expect(DisplayWidth.of(h80) == 80)
        let g80 = c80.grid
        #expect(g80.text(row: 5) == h80)

        var c160 = Console(rows: 50, cols: 160)
        let c160Opened = c160.openPendingClaim()
        try #require(c160Opened != nil)
        // At 160 the preview pane takes the right 50 columns; the table fits the rest (109 + a gap).
        let g160 = c160.grid
        let header160 = g160.text(row: 5)
        #expect(header160.hasPrefix(sp(2) + " 序号 工作任务"))
        #expect(g160.column(of: "│ 预览", row: 5) == 110)
        #expect(DisplayWidth.of(String(header160.prefix { $0 != "│" })) == 110)

        // Low-priority money columns give way at 80 and are back at 160.
        for dropped in ["行业企业投入", "举办方投入"] {
            #expect(!g80.text(row: 5).contains(dropped))
            #expect(header160.contains(dropped))
        }
        // 工作任务 is what shrinks: its column (up to the next column) is narrower at 80.
        let w80 = try #require(g80.column(of: "承接数量", row: 5)) - (try #require(g80.column(of: "工作任务", row: 5)))
        #expect(w80 == 31 + 1)
    }

    /*
     Items at 80: minimum 4+20+8+10+6+6+6+12+12 = 84 + 8 gaps = 92 > 80, so 已通过汇总 (3) goes; fixed 52 + 7 gaps = 59,
     工作任务 gets 21. Province at 80: minimum 8+7+8+10+6+6+6+6+12+12 = 81 + 9 = 90 > 80, so 学校任务数 (1) goes and
     已通过汇总 (2) stays: fixed 63 + 8 = 71, the label column gets 9 (地市 / …); wider terminals show 学校任务数. Item schools at 80: minimum 106;
     举办方投入 and 地市县投入 (1) then 行业企业投入 (2) go: 65 + 6 = 71; fixed 49 + 6 = 55, 学校名称 gets 25.
     */
    @Test func otherHeadersGolden() {
        var items = Console(rows: 24, cols: 80)
        items.press(.tab)
        let hi = "序号" + " " + "工作任务" + sp(13) + " " + "承接学校" + " " + sp(2) + "承接数量" + " " + sp(2) + "待审" + " " + sp(2) + "通过"
            + " " + sp(2) + "退回" + " " + sp(4) + "意向汇总"
        #expect(DisplayWidth.of(hi) == 80)
        #expect(items.grid.text(row: 1) == hi)

        var province = items
        province.press(.tab)
        let hp = "地市 / … " + " " + sp(3) + "条目" + " " + "任务数量" + " " + sp(2) + "待审" + " " + sp(2) + "通过" + " " + sp(2) + "退回"
            + " " + sp(2) + "进度" + " " + sp(4) + "意向汇总" + " " + sp(2) + "已通过汇总"
        #expect(DisplayWidth.of(hp) == 80)
        #expect(province.grid.text(row: 2) == hp)

        var itemSchools = items
        itemSchools.press(.char("j"), .char("j"), .enter)
        let hs = sp(2) + " " + "学校代码" + sp(2) + " " + "学校名称" + sp(17) + " " + "承接数量" + " " + sp(5) + "汇总" + " " + "学校自筹"
            + " " + "省厅审核情况"
        #expect(DisplayWidth.of(hs) == 80)
        #expect(itemSchools.grid.text(row: 2) == hs)
    }

    @Test func layoutFitTakesTheWholeWidth() {
        for width in [60, 61, 79, 80, 81, 100, 120, 159, 160, 200] {
            for (name, table) in [("schoolList", Layout.schoolList), ("schoolClaims", Layout.schoolClaims),
                                  ("itemSchools", Layout.itemSchools), ("items", Layout.items), ("province", Layout.province)] {
                let fitted = Layout.fit(table, width: width)
                let used = fitted.reduce(0) { $0 + $1.width } + max(0, fitted.count - 1)
                #expect(used == width, "\(name) at \(width): \(used)")
                // Columns keep their table order, and every kept column has at least its minimum width.
                let ids = fitted.map(\.column.id)
                #expect(ids == table.map(\.id).filter { ids.contains($0) })
                #expect(fitted.allSatisfy { $0.width >= $0.column.minWidth })
                // Dropped columns all have lower priority than every kept fixed column of higher rank… at least
                // they are never higher than the highest-priority column kept.
                let dropped = table.filter { c in !ids.contains(c.id) }
                let keptFixed = fitted.map(\.column).filter { !$0.isFlexible }
                if let lowestKept = keptFixed.map(\.priority).min() {
                    #expect(dropped.allSatisfy { $0.priority <= lowestKept }, "\(name) at \(width) dropped \(dropped.map(\.id))")
                }
            }
        }
    }

    // MARK: alignment

    /// Money columns are right-aligned: every value ends in the column where its header ends.
    @Test(arguments: [0, 1])
    func moneyIsRightAligned(size: Int) throws {
        let (rows, cols) = RenderTests.sizes[size]
        var c = Console(rows: rows, cols: cols)
        let opened1 = c.openPendingClaim()
        try #require(opened1 != nil)
        c.press(.char("g"))
        let grid = c.grid
        let claims = c.schoolClaims
        let visible = min(claims.count, c.state.bodyRows)
        #expect(visible > 5)
        for (header, value, width) in [("汇总", { (x: Claim) in x.funds.total }, 9), ("学校自筹", { (x: Claim) in x.funds.selfFunded }, 8)] {
            let start = try #require(grid.column(of: header, row: 5))
            let end = start + DisplayWidth.of(header) - 1
            for i in 0..<visible {
                let row = c.screenRow(ofRow: i)
                let text = "\(value(claims[i]))"
                #expect(grid[row, end].character == text.last!, "\(header) row \(i) ends at column \(end)")
                #expect(end + 1 >= cols || grid[row, end + 1].character == " ")
                #expect(grid.text(row: row, from: end + 1 - width, to: end + 1) == sp(width - text.count) + text)
            }
        }
        // And on the school list: 意向汇总 ends under its header.
        let list = Console(rows: rows, cols: cols)
        let lg = list.grid
        let start = try #require(lg.column(of: "意向汇总", row: 2))
        let end = start + 7
        for i in 0..<list.state.bodyRows where i < list.schoolRows.count {
            let t = list.ledger.totals.bySchool[list.schoolRows[i]]!
            let text = "\(t.intended.funds.total)"
            #expect(lg.text(row: 3 + i, from: end + 1 - 10, to: end + 1) == sp(10 - text.count) + text)
        }
    }

    @Test func itemSchoolsPageListsSchoolCodes() throws {
        var c = Console()
        c.press(.tab, .char("j"), .char("j"), .enter)
        guard case .itemSchools(let item) = c.state.page.kind else {
            Issue.record("not on the item's schools page")
            return
        }
        let grid = c.grid
        let codeColumn = try #require(grid.column(of: "学校代码", row: 2))
        var wrong: [String] = []
        for (i, code) in PageRows.itemSchoolRows(item, c.state, c.ledger).prefix(c.state.bodyRows).enumerated() {
            let row = 3 + i
            let name = c.ledger.school(code)!.name
            #expect(grid.text(row: row).contains(String(name.prefix(4))))
            let shown = grid.text(row: row, from: codeColumn, to: codeColumn + 10)
            if shown != code { wrong.append("\(name): \(shown)") }
        }
        #expect(wrong.isEmpty, "the 学校代码 column shows the item code \(item) instead of the school code: \(wrong)")
    }

    // MARK: overlays

    @Test(arguments: [0, 1])
    func detailShowsTextFundsAndHistory(size: Int) throws {
        let (rows, cols) = RenderTests.sizes[size]
        var c = Console(rows: rows, cols: cols)
        let claim = try #require(RenderTests.detailClaim(c.ledger))
        let item = try #require(c.ledger.catalog.item(claim.item))
        let i = try #require(c.schoolRows.firstIndex(of: claim.school))
        c.openSchool(at: i)
        c.moveToClaim { $0.key == claim.key }
        c.press(.char("v"))
        #expect(c.detailKey == claim.key)
        let grid = c.grid
        checkScreen(grid, rows: rows, cols: cols, "detail")
        // The box fills the screen but the title row: inner area from row 2, column 3, cols − 6 wide.
        let inner = (2..<(rows - 2)).map { grid.text(row: $0, from: 3, to: cols - 3) }
        let trimmed = inner.map { line -> String in var l = line; while l.hasSuffix(" ") { l.removeLast() }; return l }
        #expect(grid.text(row: 1).hasPrefix(" ┌─ 承接任务详情：\(c.ledger.school(claim.school)!.name) · \(claim.item) "))
        #expect(grid[1, 1].character == "┌" && grid[1, cols - 2].character == "┐")
        #expect(grid[rows - 2, 1].character == "└" && grid[rows - 2, cols - 2].character == "┘")
        // The item text, wrapped to the width, opens the box.
        let wrapped = TextFit.wrap(item.text, to: cols - 6)
        #expect(wrapped.count == (cols == 80 ? 2 : 1))
        #expect(Array(trimmed.prefix(wrapped.count)) == wrapped)
        // Quantity, 汇总 and the four funds.
        let f = claim.funds
        #expect(trimmed.contains { $0.contains("汇总：\(f.total) 万元") })
        #expect(trimmed.contains("学校自筹 \(f.selfFunded)   行业企业投入 \(f.industry)   举办方投入 \(f.sponsor)   地市县投入 \(f.local)"))
        // Every round of the history, with who, when and the comment.
        let flat = trimmed.map { $0.trimmingCharacters() }.joined()
        #expect(trimmed.contains("审核记录："))
        for e in c.ledger.history(of: claim.key) {
            #expect(trimmed.contains { $0.contains("\(e.time.beijing)  \(e.actor)  第\(e.round)轮  \(e.kind.label)") },
                    "history event \(e.seq) \(e.kind) by \(e.actor) is shown")
            if let comment = e.comment { #expect(flat.contains("\(e.kind.label)：\(comment)")) }
        }
        #expect(trimmed.contains(UIStrings.detailKeys))
        // Any other key closes it.
        c.press(.char("x"))
        #expect(c.state.overlay == nil)
    }

    @Test func helpListsTheKeymapAt160() {
        var c = Console(rows: 50, cols: 160)
        c.press(.char("?"))
        #expect(c.helpOpen)
        let grid = c.grid
        for b in Keymap.bindings {
            let keys = b.keys.map(\.label).joined(separator: " ")
            let line = TextFit.pad(keys, to: 22) + b.help
            #expect(grid.row(containing: line) != nil, "help lists \(keys): \(b.help)")
        }
        #expect(grid.text.contains("Ctrl-U 清空"))
        #expect(grid.row(containing: "/50") == nil, "everything fits at 160: no position shown")
        c.press(.char("j"))
        #expect(c.helpOpen, "j scrolls (here: nowhere) instead of closing")
        #expect(c.state.page.cursor == 0, "and is not also taken as a command")
        #expect(c.grid == grid)
        c.press(.char("x"))
        #expect(c.state.overlay == nil, "any other key closes help")
        #expect(c.state.page.cursor == 0, "and is not also taken as a command")
    }

    @Test func helpAt80ShowsTheFirstBindings() {
        var c = Console(rows: 24, cols: 80)
        c.press(.char("?"))
        let grid = c.grid
        for b in Keymap.bindings.prefix(12) {
            #expect(grid.text.contains(String(b.help.prefix(8))), "help lists \(b.help)")
        }
        #expect(grid.text.contains("PgDn Ctrl-F"))
        #expect(grid.text.contains("空格"))
    }

    /// At 80×24 the help box has 20 lines for 30: it scrolls with the table keys, shows where it is on its
    /// bottom border, and every binding and the editor's keys can be reached.
    @Test func helpAt80ReachesEveryBinding() {
        var c = Console(rows: 24, cols: 80)
        c.press(.char("?"))
        let all = Renderer.helpLines(c.state)
        #expect(all.count > 20, "the help does not fit at 80×24 (else this test tests nothing)")
        var seen = Set<String>()
        func look(_ what: String) {
            let grid = c.grid
            checkScreen(grid, rows: 24, cols: 80, what)
            for r in 2..<22 { seen.insert(grid.text(row: r, from: 3, to: 77).trimmingCharacters()) }
        }
        look("help, top")
        #expect(c.grid.text(row: 22).contains(" 1-20/\(all.count) ↓ 更多 "), "position on the bottom border")
        let first = c.grid.text(row: 2, from: 3, to: 77)
        #expect(first.contains(UIStrings.helpScrollKeys), "\(first)")
        for _ in 0..<all.count {
            c.press(.char("j"))
            #expect(c.helpOpen)
            look("help, scrolled to \(c.overlayTop)")
        }
        #expect(c.overlayTop == all.count - 20, "j stops at the last line")
        #expect(c.grid.text(row: 22).contains(" \(all.count - 19)-\(all.count)/\(all.count) ↑ "))
        #expect(!c.grid.text(row: 22).contains("更多"))
        // Every line was on screen at some point, whole (long ones wrap, none is cut)…
        let unseen = all.map { $0.0.trimmingCharacters() }.filter { !seen.contains($0) }
        #expect(unseen.isEmpty, "not reachable at 80×24: \(unseen)")
        #expect(!seen.contains { $0.hasSuffix("…") })
        // …and those lines hold every binding, keys and help text, and the editor's keys.
        let text = all.map { $0.0 }.joined().filter { $0 != " " }
        for b in Keymap.bindings {
            let keys = b.keys.map(\.label).joined(separator: " ")
            #expect(all.contains { $0.0.hasPrefix(TextFit.pad(keys, to: 22)) }, "a line starts with \(keys)")
            #expect(text.contains(b.help.filter { $0 != " " }), "help lists \(b.help)")
        }
        #expect(text.contains("Ctrl-U清空"))
        // The other scroll keys, by the keymap's own table.
        c.press(.char("g"))
        #expect(c.overlayTop == 0)
        c.press(.end)
        #expect(c.overlayTop == all.count - 20)
        c.press(.pageUp)
        #expect(c.overlayTop == max(0, all.count - 20 - 19))
        c.press(.home, .pageDown)
        #expect(c.overlayTop == min(19, all.count - 20))
        c.press(.char("k"), .up)
        #expect(c.overlayTop == min(19, all.count - 20) - 2)
        c.press(.char("G"), .ctrl("b"), .ctrl("f"))
        #expect(c.overlayTop == all.count - 20)
        c.press(.char("x"))
        #expect(c.state.overlay == nil)
        // Opening it again starts at the top.
        c.press(.char("?"))
        #expect(c.overlayTop == 0)
    }

    /// A claim with a long history: the detail scrolls to its last round and the key line below it.
    @Test func detailScrollsToTheLastRound() throws {
        var c = Console(rows: 24, cols: 80)
        let opened = c.openPendingClaim()
        let claim = try #require(opened)
        for _ in 0..<10 {
            _ = c.other(.approved, claim.key)
            _ = c.other(.reopened, claim.key)
        }
        _ = c.other(.returned, claim.key, comment: "最后一轮的修改意见")
        c.send(.followed([]))
        c.press(.char("v"))
        #expect(c.detailKey == claim.key)
        let all = Renderer.detailLines(claim.key, c.state, c.ledger)
        #expect(all.count > 20)
        #expect(!c.grid.text.contains("最后一轮的修改意见"))
        #expect(c.grid.text(row: 22).contains(" 1-20/\(all.count) ↓ 更多 "))
        c.press(.char("G"))
        #expect(c.detailKey == claim.key, "G scrolls, it does not close")
        let grid = c.grid
        checkScreen(grid, rows: 24, cols: 80, "detail at the end")
        #expect(grid.text.contains("退回修改：最后一轮的修改意见"))
        #expect(grid.text(row: 21).contains(UIStrings.detailKeys))
        #expect(grid.text(row: 22).contains("/\(all.count) ↑ "))
        c.press(.up)
        #expect(!c.grid.text.contains(UIStrings.detailKeys))
        // a still acts on the claim from the detail, whatever the scroll.
        c.press(.char("q"))
        #expect(c.state.overlay == nil)
    }

    @Test(arguments: [0, 1])
    func commentEditorGeometry(size: Int) throws {
        let (rows, cols) = RenderTests.sizes[size]
        var c = Console(rows: rows, cols: cols)
        let opened2 = c.openPendingClaim()
        let claim = try #require(opened2)
        c.press(.char("r"))
        c.type("经费预算偏高")
        let frame = c.frame
        let grid = frame.grid
        checkScreen(grid, rows: rows, cols: cols, "editor")
        // box(width: min(cols − 2, 76), height: 5 + 2 reasons), centred.
        let w = min(cols - 2, 76), h = 7
        let top = (rows - h) / 2, left = (cols - w) / 2
        #expect(grid[top, left].character == "┌")
        #expect(grid[top, left + w - 1].character == "┐")
        #expect(grid[top + h - 1, left].character == "└")
        #expect(grid.text(row: top).contains("退回修改 \(c.ledger.school(claim.school)!.name) 的任务 \(claim.item)"))
        #expect(grid.text(row: top + 1, from: left + 2, to: left + w - 2).hasPrefix("修改意见（Enter 确认，Esc 取消，数字键选常用意见）："))
        #expect(grid.text(row: top + 2, from: left + 2, to: left + w - 2).hasPrefix("经费预算偏高 "))
        #expect(grid.text(row: top + 3, from: left + 2, to: left + w - 2).hasPrefix("1. 经费预算填写不完整"))
        #expect(grid.text(row: top + 4, from: left + 2, to: left + w - 2).hasPrefix("2. 承接数量与学校实际不符"))
        // The terminal cursor sits after the six CJK characters: 12 columns in.
        #expect(frame.cursor?.row == top + 2)
        #expect(frame.cursor?.col == left + 2 + 12)
        c.press(.left)
        #expect(c.frame.cursor?.col == left + 2 + 10)
    }

    @Test(arguments: [0, 1])
    func confirmationGeometry(size: Int) throws {
        let (rows, cols) = RenderTests.sizes[size]
        var c = Console(rows: rows, cols: cols)
        let opened3 = c.openPendingClaim()
        try #require(opened3 != nil)
        c.press(.char("A"))
        guard case .confirm(let confirmation) = c.state.overlay, case .approve(let bulk) = confirmation.purpose else {
            Issue.record("no confirmation")
            return
        }
        let grid = c.grid
        checkScreen(grid, rows: rows, cols: cols, "confirmation")
        let warnedLines = bulk.warned.isEmpty ? 0 : 1 + min(5, bulk.warned.count) + (bulk.warned.count > 5 ? 1 : 0)
        let w = min(cols - 2, 72), h = 4 + warnedLines
        let top = (rows - h) / 2, left = (cols - w) / 2
        #expect(grid[top, left].character == "┌")
        #expect(grid.text(row: top).contains("确认批量通过"))
        #expect(grid.text(row: top + 1, from: left + 2, to: left + w - 2).hasPrefix("批量通过本校全部待审核的 \(bulk.claims.count) 条承接任务，汇总 \(bulk.money) 万元？"))
        #expect(grid.text(row: top + h - 2, from: left + 2, to: left + w - 2).hasPrefix(UIStrings.confirmYesNo))
    }

    @Test func aDiskErrorIsAnErrorOnTheMessageLine() throws {
        var c = Console()
        let opened4 = c.openPendingClaim()
        try #require(opened4 != nil)
        c.press(.char("a"))
        let why = StoreError.io(path: "/srv/tzpy/journal.tsv", operation: "fsync", message: "No space left on device")
        c.send(.refused(why))
        let grid = c.grid
        checkScreen(grid, rows: 24, cols: 80, "disk error")
        #expect(grid.text(row: 23).hasPrefix("未保存：/srv/tzpy/journal.tsv: fsync 失败：No space left on device"))
        #expect(grid[23, 0].style == Style(.warning, bold: true))
        // A long message is cut with … within the width.
        c.send(.refused(.readOnly(String(repeating: "冲突", count: 50))))
        let long = c.grid
        checkScreen(long, rows: 24, cols: 80, "long conflict")
        #expect(long.text(row: 23).hasSuffix("…") || long.text(row: 23).trimmingCharacters().hasSuffix("…"))
    }

    /// The status line must show the school's 意向承接 vs 已通过 (it was once cut before the 已通过 figure at 80):
    /// when the parts do not fit, the lowest-priority ones drop out whole — the reviewer first, then the
    /// province's 已通过 — and the saving indicator, the tag count, the school's figures and the progress stay.
    @Test func statusLineShowsSchoolFigures() throws {
        var wide = Console(rows: 50, cols: 160)
        let wideOpened = wide.openPendingClaim()
        try #require(wideOpened != nil)
        guard case .school(let code) = wide.state.page.kind else { return }
        let t = try #require(wide.ledger.totals.bySchool[code])
        let p = wide.ledger.totals.province
        let figures = "本校 意向 \(t.intended.funds.total) / 通过 \(t.approved.funds.total)"
        let all = " 进度 \(p.decided)/\(p.intended.claims) │ 全省已通过 \(p.approved.funds.total) │ \(figures) │ 审核人 zhangsan"
        #expect(wide.grid.text(row: 48).hasPrefix(all + " "), "everything fits at 160")
        wide.state.saving = 1
        wide.press(.char(" "))
        #expect(wide.grid.text(row: 48).contains("通过 \(t.approved.funds.total) │ 已标记 1 │ 正在保存… │ 审核人 zhangsan"), "the status line shows the tags and the pending write")

        var narrow = Console(rows: 24, cols: 80)
        let narrowOpened = narrow.openPendingClaim()
        try #require(narrowOpened != nil)
        let status = narrow.grid.text(row: 22)
        let province = "全省已通过 \(p.approved.funds.total)"
        #expect(status.hasPrefix(" 进度 \(p.decided)/\(p.intended.claims) │ \(province) │ \(figures) "), "status at 80: \(status)")
        #expect(!status.contains("审核人") && !status.contains("…"), "the reviewer is left out whole: \(status)")
        narrow.state.saving = 1
        let saving = narrow.grid.text(row: 22)
        #expect(saving.contains("\(figures) │ 正在保存… "), "saving at 80: \(saving)")
        checkScreen(narrow.grid, rows: 24, cols: 80, "status while saving")
    }

    @Test func statusPartsDropByPriority() {
        let parts = [("甲甲甲", 1), ("乙乙", 3), ("丙丙丙丙", 2)]
        #expect(TextFit.join(parts, separator: " | ", width: 40) == "甲甲甲 | 乙乙 | 丙丙丙丙")
        #expect(TextFit.join(parts, separator: " | ", width: 24) == "甲甲甲 | 乙乙 | 丙丙丙丙")
        #expect(TextFit.join(parts, separator: " | ", width: 23) == "乙乙 | 丙丙丙丙")
        #expect(TextFit.join(parts, separator: " | ", width: 15) == "乙乙 | 丙丙丙丙")
        #expect(TextFit.join(parts, separator: " | ", width: 14) == "乙乙")
        #expect(TextFit.join(parts, separator: " | ", width: 3) == "乙…", "a single part that does not fit is cut, never split")
    }

    // MARK: East Asian Ambiguous characters

    @Test(arguments: [0, 1])
    func ambiguousWideSubstitutesOnTheItemsPage(size: Int) throws {
        let (rows, cols) = RenderTests.sizes[size]
        var plain = Console(rows: rows, cols: cols)
        plain.press(.tab)
        let p = plain.grid
        let row = try #require(p.row(containing: "“三全育"), "3.1 shows the catalog's quotes by default")

        var wide = Console(rows: rows, cols: cols, ambiguousWide: true)
        wide.press(.tab)
        let g = wide.grid
        checkScreen(g, rows: rows, cols: cols, "items, ambiguousWide")
        #expect(g.text(row: row).contains("「三全"))
        #expect(!g.text.contains("“") && !g.text.contains("”"))
        if cols == 80 {
            // 「」 are 2 wide: the 21-column text (beside 承接数量) is cut with the wide-safe ⋯.
            #expect(g.text(row: row).contains("培育200所左右「三全⋯"))
        } else {
            #expect(g.text(row: row).contains("「三全育人」"))
        }
        // Every line still fits once measured as such a terminal would after the substitution: body rows…
        for r in 1..<rows {
            let line = g.text(row: r)
            #expect(DisplayWidth.of(AmbiguousWidth.screenText(line, wide: true)) <= cols, "row \(r): \(line)")
        }
        // …and the title row, whose " · " separators were once left out of the substitution.
        let title = g.text(row: 0)
        #expect(DisplayWidth.of(AmbiguousWidth.screenText(title, wide: true)) <= cols, "title: \(title)")
        #expect(title.contains(" ・ 山东省 ・ "))
    }

    /// The width a terminal that draws East Asian Ambiguous characters two columns wide gives `line`.
    static func ambiguousWideWidth(_ line: String) -> Int {
        line.reduce(0) { sum, c in
            let w = DisplayWidth.of(c)
            return sum + (w == 1 && c.unicodeScalars.first.map(DisplayWidth.isAmbiguous) == true ? 2 : w)
        }
    }

    /// With wide symbols on, no screen draws an ambiguous character — data, labels, separators, arrows and box
    /// borders all go through the substitution — so every row is exactly as wide on a terminal that draws
    /// them two columns wide as on one that draws them one.
    @Test(arguments: [0, 1])
    func wideSymbolsLeaveNoAmbiguousCharacter(size: Int) {
        let (rows, cols) = RenderTests.sizes[size]
        var screens = RenderTests.screens(rows: rows, cols: cols)
        var sorted = Console(rows: rows, cols: cols)
        sorted.press(.char("s"), .char("j"), .enter, .char("s"), .char("j"), .enter)  // 学校名称, reversed: ↓
        screens.append(Screen(name: "sorted descending", console: sorted, labels: []))
        for screen in screens {
            var c = screen.console
            c.state.ambiguousWide = true
            let grid = c.grid
            checkScreen(grid, rows: rows, cols: cols, "\(screen.name), wide symbols")
            for r in 0..<rows {
                let line = grid.text(row: r)
                let ambiguous = line.filter { c in c.unicodeScalars.contains(where: DisplayWidth.isAmbiguous) }
                #expect(ambiguous.isEmpty, "\(screen.name) \(cols)×\(rows) row \(r) draws \(ambiguous): \(line)")
                #expect(RenderTests.ambiguousWideWidth(line) == cols, "\(screen.name) row \(r): \(line)")
            }
        }
    }

    @Test func wTogglesAmbiguousWide() {
        var c = Console()
        #expect(!c.state.ambiguousWide)
        let effects = c.press(.char("w"))
        #expect(c.state.ambiguousWide)
        #expect(effects.contains(.redraw))
        c.press(.tab)
        #expect(c.grid.text.contains("「三全"))
        c.press(.char("w"))
        #expect(!c.state.ambiguousWide)
        #expect(c.grid.text.contains("“三全育"))
    }

    /// The province page's cities are cached; a school from a new city (an import) shows up once the data
    /// changes.
    @Test func provincePageFollowsNewCities() throws {
        var c = Console(rows: 50, cols: 160)
        c.press(.tab, .tab)
        #expect(c.state.page.kind == .province)
        #expect(c.grid.row(containing: "烟台新区") == nil)
        let contacts = try SchoolContacts(manager: "王芳", officePhone: "0531-88112233", mobile: "13805310001")
        c.ledger.add(try School(code: "3799000002", name: "新区职业学院", type: .secondary, city: "烟台新区", contacts: contacts))
        c.send(.followed([]))
        let cities = PageRows.cities(c.state, c.ledger)
        #expect(cities.last == "烟台新区")
        #expect(c.grid.row(containing: "烟台新区") != nil)
        #expect(PageRows.count(c.state.page, c.state, c.ledger) == cities.count + SchoolType.allCases.count)
    }

    @Test func untrustedTextIsSanitizedOnScreen() throws {
        // A school name with an escape sequence and a bidi override must not reach the terminal.
        let contacts = try SchoolContacts(manager: "王芳", officePhone: "0531-88112233", mobile: "13805310001")
        let evil = try School(code: "3799000001", name: "济南\u{1B}[2J\u{202E}职业\u{9B}学院", type: .secondary, city: "济南市", contacts: contacts)
        var ledger = Fixture.makeLedger()
        ledger.add(evil)
        var c = Console(ledger: ledger)
        c.press(.char("G"))
        let grid = c.grid
        #expect(!grid.text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B || $0.value == 0x9B })
        #expect(grid.text.contains("济南[2J职业学院"))
    }
}
