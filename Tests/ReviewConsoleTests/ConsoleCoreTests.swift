import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole
import TerminalText

/// Reducer and renderer on a generated province, without a terminal.
@Suite struct ConsoleCoreTests {
    static func ledger() throws -> Ledger {
        let catalog = try BundledData.catalog("national-2020")
        let province = DemoProvince(catalog: catalog, schools: 20, seed: 3)
        var ledger = Ledger(campaign: province.campaign, schools: province.schools)
        for e in province.events() { ledger.apply(e) }
        return ledger
    }

    static func state(_ ledger: Ledger, rows: Int = 24, cols: Int = 80) -> ConsoleState {
        var s = ConsoleState(rows: rows, cols: cols, reviewer: "zhangsan", reasons: ["经费预算填写不完整"])
        s.refreshRows(ledger)
        return s
    }

    /// Opens the first school with a pending claim and puts the cursor on that claim.
    static func onPendingClaim(_ ledger: Ledger, rows: Int = 24, cols: Int = 80) -> (ConsoleState, Claim) {
        var s = state(ledger, rows: rows, cols: cols)
        let i = s.schoolRows.firstIndex { (ledger.totals.bySchool[$0]?.pending ?? 0) > 0 }!
        s.page.cursor = i
        _ = s.reduce(.key(.enter), ledger: ledger)
        guard case .school(let code) = s.page.kind else { fatalError("not on a school page") }
        let claims = PageRows.claims(ofSchool: code, ledger)
        let j = claims.firstIndex { $0.state == .pending }!
        s.page.cursor = j
        s.scrollToCursor()
        return (s, claims[j])
    }

    static func row(_ grid: Grid, containing text: String) -> String? {
        (0..<grid.rows).map { grid.text(row: $0) }.first { $0.contains(text) }
    }

    @Test func approvalShowsOnlyOnceDurable() throws {
        var ledger = try Self.ledger()
        var (s, claim) = Self.onPendingClaim(ledger)
        let effects = s.reduce(.key(.char("a")), ledger: ledger)
        guard case .record(let drafts)? = effects.first else { Issue.record("no record effect: \(effects)"); return }
        #expect(drafts.count == 1 && drafts[0].kind == .approved && drafts[0].basis == claim.version)
        let before = Renderer.render(s, ledger).grid
        let marker = " \(claim.item) "
        #expect(Self.row(before, containing: marker)?.contains("待审核") == true, "not shown as done before the store answers")
        var event = drafts[0]
        event.seq = ledger.lastSeq + 1
        guard case .success(let after) = ledger.apply(event) else { Issue.record("apply failed"); return }
        _ = s.reduce(.recorded([after]), ledger: ledger)
        let grid = Renderer.render(s, ledger).grid
        #expect(Self.row(grid, containing: marker)?.contains("已通过") == true)
        #expect(grid.text.contains("已保存：通过"))
    }

    @Test func returnNeedsACommentAndCarriesIt() throws {
        let ledger = try Self.ledger()
        var (s, _) = Self.onPendingClaim(ledger)
        _ = s.reduce(.key(.char("r")), ledger: ledger)
        #expect(s.reduce(.key(.enter), ledger: ledger).isEmpty)
        #expect(s.message?.text == UIStrings.emptyComment)
        for c in "请补充依据" { _ = s.reduce(.key(.char(c)), ledger: ledger) }
        let effects = s.reduce(.key(.enter), ledger: ledger)
        guard case .record(let drafts)? = effects.first else { Issue.record("no record effect"); return }
        #expect(drafts[0].kind == .returned && drafts[0].comment == "请补充依据")
    }

    @Test func conflictMessageIsShown() throws {
        let ledger = try Self.ledger()
        var (s, _) = Self.onPendingClaim(ledger)
        _ = s.reduce(.refused("冲突：lisi 已于 2026-11-23T08:00:00Z 通过此任务"), ledger: ledger)
        #expect(Renderer.render(s, ledger).grid.text.contains("lisi 已于"))
    }

    @Test(arguments: [(24, 80), (50, 160)])
    func everyScreenFitsItsSize(rows: Int, cols: Int) throws {
        let ledger = try Self.ledger()
        var (s, claim) = Self.onPendingClaim(ledger, rows: rows, cols: cols)
        var screens: [(String, ConsoleState)] = [("school", s)]
        var detail = s; detail.overlay = .detail(claim.key); screens.append(("detail", detail))
        var editor = s; editor.overlay = .comment(LineEditor("经费预算填写不完整"), claim.key); screens.append(("editor", editor))
        var help = s; help.overlay = .help; screens.append(("help", help))
        _ = s.reduce(.key(.char("q")), ledger: ledger); screens.append(("schools", s))
        _ = s.reduce(.key(.tab), ledger: ledger); screens.append(("items", s))
        _ = s.reduce(.key(.tab), ledger: ledger); screens.append(("province", s))
        for (name, state) in screens {
            let grid = Renderer.render(state, ledger).grid
            #expect(grid.rows == rows && grid.cols == cols)
            for r in 0..<rows {
                #expect(DisplayWidth.of(grid.text(row: r)) == cols, "\(name) row \(r) is not \(cols) columns")
            }
        }
        #expect(Renderer.render(screens[0].1, ledger).grid.text.contains("省厅审核情况"))
        #expect(Renderer.render(screens[4].1, ledger).grid.text.contains("学校列表"))
    }

    @Test func narrowScreensDropLowPriorityColumns() throws {
        let ledger = try Self.ledger()
        let (narrow, _) = Self.onPendingClaim(ledger, rows: 24, cols: 80)
        let (wide, _) = Self.onPendingClaim(ledger, rows: 50, cols: 160)
        #expect(!Renderer.render(narrow, ledger).grid.text.contains("地市县投入  "))
        #expect(Renderer.render(wide, ledger).grid.text(row: 5).contains("地市县投入"))
    }

    @Test func tooSmallShowsAMessage() throws {
        let ledger = try Self.ledger()
        let s = Self.state(ledger, rows: 10, cols: 40)
        #expect(Renderer.render(s, ledger).grid.text.contains(UIStrings.tooSmall))
    }

    @Test func quitAsksFirst() throws {
        let ledger = try Self.ledger()
        var s = Self.state(ledger)
        #expect(!s.reduce(.key(.char("q")), ledger: ledger).contains(.quit))
        #expect(s.overlay == .quitAsk)
        #expect(s.reduce(.key(.char("y")), ledger: ledger) == [.quit])
    }

    @Test func wideCharactersAreNeverSplit() {
        var g = Grid(rows: 1, cols: 5)
        g.put("职业教育", row: 0, col: 0)
        #expect(g.text(row: 0) == "职业 ")
        #expect(TextFit.truncate("职业教育提质培优", to: 7) == "职业教…")
        #expect(DisplayWidth.of(TextFit.truncate("职业教育提质培优", to: 6)) <= 6)
        #expect(AmbiguousWidth.screenText("“三全育人”", wide: true) == "「三全育人」")
    }
}
