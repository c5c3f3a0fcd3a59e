import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole

/// The reducer, exhaustively in The Composable Architecture's sense: each step sends one action to a known
/// state and states the whole expected state and the exact effects; anything unasserted fails.
@Suite struct ReducerTests {
    let ledger = Mini.ledger()
    let jinan1 = Mini.key(Mini.jinan, "1"), jinan41 = Mini.key(Mini.jinan, "4.1"), jinan31 = Mini.key(Mini.jinan, "3.1")

    func start(rows: Int = 24, cols: Int = 80) -> ConsoleState {
        var s = ConsoleState(rows: rows, cols: cols, reviewer: "zhangsan", reasons: ["经费预算填写不完整", "承接数量与学校实际不符"])
        s.page.anchor = Mini.jinan
        return s
    }

    /// Sends `action` to `state`; expects exactly `effects`, and the new state to equal the old one changed by `change`.
    func step(_ state: inout ConsoleState, _ action: Action, on ledger: Ledger? = nil, effects: [Effect] = [],
              sourceLocation: SourceLocation = #_sourceLocation, _ change: (inout ConsoleState) -> Void = { _ in }) {
        var expected = state
        change(&expected)
        let got = state.reduce(action, ledger: ledger ?? self.ledger)
        #expect(got == effects, "effects of \(action)", sourceLocation: sourceLocation)
        #expect(state == expected, "state after \(action)", sourceLocation: sourceLocation)
        if state != expected {
            Issue.record("differs: stack \(state.stack) vs \(expected.stack); overlay \(String(describing: state.overlay)) vs \(String(describing: expected.overlay)); message \(String(describing: state.message)) vs \(String(describing: expected.message))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The event the store would write for `decision` next.
    func written(_ decision: Decision, on ledger: inout Ledger, by actor: String = "zhangsan") -> ReviewEvent {
        guard case .success(let recorded) = ledger.apply(decision.event(seq: ledger.lastSeq + 1, time: Mini.at(100), actor: actor)) else {
            fatalError("not a legal step: \(decision)")
        }
        return recorded
    }

    // MARK: land on the work

    @Test func openingASchoolLandsOnItsFirstPendingClaim() {
        var s = start()
        step(&s, .key(.enter), effects: [.follow]) {
            $0.stack.append(Page(.school(Mini.jinan), cursor: 0, anchor: "1"))
        }
        step(&s, .key(.char("j")), effects: [.follow]) { $0.page.cursor = 1; $0.page.anchor = "3.1" }
        step(&s, .key(.char("q")), effects: [.follow]) { $0.stack.removeLast() }
        // 青岛's first claim is returned, its pending one is 4.1 (row 1).
        step(&s, .key(.char("j")), effects: [.follow]) { $0.page.cursor = 1; $0.page.anchor = Mini.qingdao }
        step(&s, .key(.enter), effects: [.follow]) { $0.stack.append(Page(.school(Mini.qingdao), cursor: 1, anchor: "4.1")) }
    }

    @Test func approvingMovesToTheNextPendingClaimAndSaysWhenTheSchoolIsDone() {
        var ledger = self.ledger
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        let claim = ledger.claim(jinan1)!
        step(&s, .key(.char("a")), on: ledger, effects: [.record([Decision(.approved, jinan1, seen: .pending, basis: claim.version)]), .follow]) {
            $0.saving = 1
            $0.message = .saving
        }
        #expect(s.page.cursor == 0, "not moved before the store answers")
        let first = written(.on(claim, .approved), on: &ledger)
        step(&s, .recorded([first]), on: ledger) {
            $0.saving = 0
            $0.myDecisions = [[jinan1]]
            $0.message = .saved([first], schoolDone: false)
            $0.page.cursor = 2
            $0.page.anchor = "4.1"
        }
        let second = written(.on(ledger.claim(jinan41)!, .approved), on: &ledger)
        s.saving = 1
        step(&s, .recorded([second]), on: ledger) {
            $0.saving = 0
            $0.myDecisions = [[jinan1], [jinan41]]
            $0.message = .saved([second], schoolDone: true)
        }
        // `]` goes on to the next school with pending claims, on its first pending claim.
        step(&s, .key(.char("]")), on: ledger, effects: [.follow]) {
            $0.message = nil
            $0.stack = [Page(.schools, cursor: 1, anchor: Mini.qingdao), Page(.school(Mini.qingdao), cursor: 1, anchor: "4.1")]
        }
        // `u` takes back the newest decision and puts the cursor back on it.
        _ = s.reduce(.key(.char("q")), ledger: ledger)
        _ = s.reduce(.key(.char("k")), ledger: ledger)
        _ = s.reduce(.key(.enter), ledger: ledger)
        #expect(s.page == Page(.school(Mini.jinan), cursor: 0, anchor: "1"), "a school with nothing pending opens on its first row")
        let approved = ledger.claim(jinan41)!
        step(&s, .key(.char("u")), on: ledger, effects: [.record([Decision(.reopened, jinan41, seen: .approved, basis: approved.version)]), .follow]) {
            $0.saving = 1
            $0.message = .saving
        }
        let reopened = written(.on(approved, .reopened), on: &ledger)
        step(&s, .recorded([reopened]), on: ledger) {
            $0.saving = 0
            $0.myDecisions = [[jinan1]]
            $0.message = .saved([reopened], schoolDone: false)
            $0.page.cursor = 2
            $0.page.anchor = "4.1"
        }
    }

    @Test func aDecidedClaimIsNotDecidedAgainAndTheMessageNamesTheDecision() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        _ = s.reduce(.key(.char("j")), ledger: ledger)
        step(&s, .key(.char("a")), effects: [.follow]) {
            $0.message = .notPending(.approved, ledger.claim(jinan31)!.lastDecision)
        }
        step(&s, .key(.char("r")), effects: [.follow]) {
            $0.message = .notPending(.approved, ledger.claim(jinan31)!.lastDecision)
        }
    }

    // MARK: returns

    @Test func returningTakesACommentAndEscWithTextAsks() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        step(&s, .key(.char("r")), effects: [.follow]) { $0.overlay = .comment(CommentEditor(jinan1)) }
        step(&s, .key(.enter)) { $0.message = .emptyComment }
        step(&s, .key(.char("1"))) { $0.overlay = .comment(CommentEditor(jinan1, text: "经费预算填写不完整")) }
        step(&s, .key(.escape)) {
            var editor = CommentEditor(jinan1, text: "经费预算填写不完整")
            editor.askingDiscard = true
            $0.overlay = .comment(editor)
        }
        step(&s, .key(.char("n"))) { $0.overlay = .comment(CommentEditor(jinan1, text: "经费预算填写不完整")) }
        step(&s, .key(.ctrl("c"))) {
            var editor = CommentEditor(jinan1, text: "经费预算填写不完整")
            editor.askingDiscard = true
            $0.overlay = .comment(editor)
        }
        step(&s, .key(.char("n"))) { $0.overlay = .comment(CommentEditor(jinan1, text: "经费预算填写不完整")) }
        let claim = ledger.claim(jinan1)!
        step(&s, .key(.enter), effects: [.record([Decision(.returned, jinan1, seen: .pending, basis: claim.version, comment: "经费预算填写不完整")])]) {
            $0.overlay = nil
            $0.saving = 1
            $0.message = .saving
        }
    }

    @Test func escOnAnEmptyEditorCancelsAndYDiscardsText() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        _ = s.reduce(.key(.char("r")), ledger: ledger)
        step(&s, .key(.escape)) { $0.overlay = nil; $0.message = .returnCancelled }
        _ = s.reduce(.key(.char("r")), ledger: ledger)
        _ = s.reduce(.key(.char("退")), ledger: ledger)
        _ = s.reduce(.key(.escape), ledger: ledger)
        step(&s, .key(.char("y"))) { $0.overlay = nil; $0.message = .returnCancelled }
    }

    // MARK: bulk approval

    @Test func bulkApprovalWithoutTagsTakesTheSchoolsPendingClaimsAfterShowingCountMoneyAndWarnings() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        let pending = [ledger.claim(jinan1)!, ledger.claim(jinan41)!]
        let warned = pending.filter { !ledger.warnings(for: $0).isEmpty }.map(\.key)
        let bulk = BulkApproval(claims: [jinan1, jinan41], tagged: false, money: Money(wan: 55), warned: warned)
        step(&s, .key(.char("A")), effects: [.follow]) { $0.overlay = .confirm(Confirmation(.approve(bulk))) }
        step(&s, .key(.enter)) { $0.overlay = nil; $0.message = .bulkCancelled }
        _ = s.reduce(.key(.char("A")), ledger: ledger)
        step(&s, .key(.char("y")), effects: [.record(pending.map { Decision.on($0, .approved) })]) {
            $0.overlay = nil
            $0.saving = 1
            $0.message = .saving
        }
    }

    @Test func bulkApprovalOnAnItemsListNeedsTags() {
        var s = start()
        _ = s.reduce(.key(.tab), ledger: ledger)
        _ = s.reduce(.key(.enter), ledger: ledger)   // item 1: three schools
        step(&s, .key(.char("A")), effects: [.follow]) { $0.message = .notHere(.approveAll) }
        step(&s, .key(.char(" ")), effects: [.follow]) {
            $0.message = nil
            $0.tags = [jinan1]
            $0.page.cursor = 1
            $0.page.anchor = Mini.qingdao
        }
        let bulk = BulkApproval(claims: [jinan1], tagged: true, money: Money(wan: 20),
                                warned: ledger.warnings(for: ledger.claim(jinan1)!).isEmpty ? [] : [jinan1])
        step(&s, .key(.char("A")), effects: [.follow]) { $0.overlay = .confirm(Confirmation(.approve(bulk))) }
    }

    @Test func undoAfterABulkApprovalTakesTheWholeBatchBack() {
        var ledger = self.ledger
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        let a = written(.on(ledger.claim(jinan1)!, .approved), on: &ledger)
        let b = written(.on(ledger.claim(jinan41)!, .approved), on: &ledger)
        s.saving = 1
        _ = s.reduce(.recorded([a, b]), ledger: ledger)
        #expect(s.myDecisions == [[jinan1, jinan41]])
        let reopen = [ledger.claim(jinan1)!, ledger.claim(jinan41)!].map { Decision.on($0, .reopened) }
        step(&s, .key(.char("u")), on: ledger, effects: [.record(reopen), .follow]) {
            $0.saving = 1
            $0.message = .saving
        }
    }

    // MARK: refusals and others' events

    @Test func aConflictIsANoticeADiskErrorAnErrorAndNeitherMovesTheCursor() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        s.saving = 1
        let conflict = StoreError.conflict(.workflow(WorkflowError(kind: .approved, key: jinan1,
                                                                  reason: .alreadyDecided(by: "lisi", at: Mini.at(9), kind: .approved))))
        step(&s, .refused(conflict)) { $0.saving = 0; $0.message = .refused(conflict) }
        #expect(s.message?.tone == .notice)
        s.saving = 1
        let disk = StoreError.io(path: "/data/journal.tsv", operation: "fsync", message: "No space left on device")
        step(&s, .refused(disk)) { $0.saving = 0; $0.message = .refused(disk) }
        #expect(s.message?.tone == .error)
    }

    @Test func othersEventsAreANoticeAndTheCursorStaysOnItsRow() {
        var ledger = self.ledger
        var s = start()
        _ = s.reduce(.key(.char("j")), ledger: ledger)   // on 青岛
        s.sort = .pending
        s.sortDescending = false
        _ = s.reduce(.resize(rows: 24, cols: 80), ledger: ledger)
        let before = s.page.cursor
        let e = written(.on(ledger.claim(jinan1)!, .approved), on: &ledger, by: "lisi")
        step(&s, .followed([e]), on: ledger) {
            $0.message = .othersActed(e, more: 0)
            $0.page.cursor = PageRows.schoolRows($0, ledger).firstIndex(of: Mini.qingdao)!
        }
        #expect(PageRows.schoolRows(s, ledger)[s.page.cursor] == Mini.qingdao, "from row \(before)")
        step(&s, .followFailed("schools.tsv:3: 学校类型：…")) { $0.message = .followFailed("schools.tsv:3: 学校类型：…") }
        step(&s, .tick, effects: [.follow])
    }

    // MARK: quitting

    @Test func quitAsksAndOnlyYQuitsSoEscThenEnterDoesNot() {
        var s = start()
        step(&s, .key(.escape), effects: [.follow]) { $0.overlay = .confirm(Confirmation(.quit)) }
        step(&s, .key(.enter)) { $0.overlay = nil }
        step(&s, .key(.ctrl("c"))) { $0.overlay = .confirm(Confirmation(.quit)) }
        step(&s, .key(.char("y")), effects: [.quit]) { $0.overlay = nil; $0.quitting = true }
    }

    // MARK: the detail

    @Test func theDetailDecidesThroughTheKeymapAndStepsBetweenClaims() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)
        step(&s, .key(.char("v")), effects: [.follow]) { $0.overlay = .detail(jinan1, Scroller()) }
        step(&s, .key(.char("j"))) {
            $0.overlay = .detail(jinan31, Scroller())
            $0.page.cursor = 1
            $0.page.anchor = "3.1"
        }
        step(&s, .key(.char("k"))) {
            $0.overlay = .detail(jinan1, Scroller())
            $0.page.cursor = 0
            $0.page.anchor = "1"
        }
        var table = s
        table.overlay = nil
        let fromTable = table.reduce(.key(.char("a")), ledger: ledger)
        step(&s, .key(.char("a")), effects: fromTable.filter { $0 != .follow }) {
            $0.overlay = nil
            $0.saving = 1
            $0.message = .saving
        }
    }

    @Test func theDetailScrollsWithinItsMeasuredLines() {
        var s = start(rows: 16, cols: 80)
        _ = s.reduce(.key(.enter), ledger: ledger)
        _ = s.reduce(.key(.char("v")), ledger: ledger)
        s.measureOverlay(lines: 20)   // a 12-line box over 20 lines
        step(&s, .key(.end)) {
            var sc = Scroller(top: 8); sc.lines = 20; sc.height = 12
            $0.overlay = .detail(jinan1, sc)
        }
        step(&s, .key(.down)) { _ in }
        step(&s, .key(.pageUp)) {
            var sc = Scroller(top: 0); sc.lines = 20; sc.height = 12
            $0.overlay = .detail(jinan1, sc)
        }
        step(&s, .key(.char("x"))) { $0.overlay = nil }
    }

    // MARK: pickers

    @Test func aPickerAppliesTheValueHighlightedEvenIfTheListChangedMeanwhile() throws {
        var ledger = self.ledger
        var s = start()
        // Mini's campaign has no city step, so 待市级审核 is not offered.
        let statuses = SchoolReviewStatus.allCases.filter { $0 != .cityPending }
        step(&s, .key(.char("f")), on: ledger, effects: [.follow]) {
            $0.overlay = .picker(Picker(.filter, options: [.allSchools] + SchoolFlag.allCases.map(PickerChoice.flag)
                + statuses.map(PickerChoice.status)
                + ["济南市", "青岛市", "淄博市"].map(PickerChoice.city) + SchoolType.allCases.map(PickerChoice.type)))
        }
        let typeRow = 1 + SchoolFlag.allCases.count + statuses.count + 3   // 类型：中职学校
        for _ in 0..<typeRow { _ = s.reduce(.key(.char("j")), ledger: ledger) }
        // A follow adds a school in a new city while the picker is open.
        ledger.add(try School(code: "3705000001", name: "东营职业学院", type: .higher, city: "东营市", contacts: .unfilled))
        _ = s.reduce(.followed([]), ledger: ledger)
        step(&s, .key(.enter), on: ledger) {
            $0.overlay = nil
            $0.filter = SchoolFilter(type: .secondary)
            $0.message = .filtered(SchoolFilter(type: .secondary))
            $0.page = Page(.schools, cursor: 0, anchor: Mini.qingdao)
        }
        // Filters combine: a city as well.
        _ = s.reduce(.key(.char("f")), ledger: ledger)
        for _ in 0..<(1 + SchoolFlag.allCases.count + statuses.count + 1) { _ = s.reduce(.key(.char("j")), ledger: ledger) }
        step(&s, .key(.enter), on: ledger) {
            $0.overlay = nil
            $0.filter = SchoolFilter(city: "青岛市", type: .secondary)
            $0.message = .filtered(SchoolFilter(city: "青岛市", type: .secondary))
        }
    }

    @Test func aPickerIgnoresNavigationKeysAndClosesOnEsc() {
        var s = start()
        _ = s.reduce(.key(.char("s")), ledger: ledger)
        let open = s.overlay
        step(&s, .key(.left)) { _ in }
        step(&s, .key(.char("l"))) { _ in }
        #expect(s.overlay == open)
        step(&s, .key(.escape)) { $0.overlay = nil }
    }

    @Test func sortingTheSameColumnAgainReverses() {
        var s = start()
        _ = s.reduce(.key(.char("s")), ledger: ledger)
        _ = s.reduce(.key(.char("j")), ledger: ledger)
        step(&s, .key(.enter)) {
            $0.overlay = nil
            $0.sort = .name
            $0.message = .sorted(.name, descending: false)
            $0.page = Page(.schools, cursor: 0, anchor: PageRows.schoolRows($0, ledger)[0])
        }
        _ = s.reduce(.key(.char("s")), ledger: ledger)   // opens on the current order
        step(&s, .key(.enter)) {
            $0.overlay = nil
            $0.sortDescending = true
            $0.message = .sorted(.name, descending: true)
            $0.page = Page(.schools, cursor: 0, anchor: PageRows.schoolRows($0, ledger)[0])
        }
    }

    // MARK: moving

    @Test func theListScrollsBeforeTheCursorReachesTheBottomRow() {
        var ledger = Ledger(campaign: Mini.campaign, schools: [])
        for i in 0..<30 {
            ledger.add(try! School(code: "37010000\(10 + i)", name: "学校\(i)", type: .higher, city: "济南市", contacts: .unfilled))
        }
        var s = start()
        s.page.anchor = nil
        let body = s.bodyRows   // 24 − 2 − 1 − 2 = 19
        for _ in 0..<(body - Geometry.scrollMargin - 1) { _ = s.reduce(.key(.char("j")), ledger: ledger) }
        #expect(s.page.top == 0)
        _ = s.reduce(.key(.char("j")), ledger: ledger)
        #expect(s.page.top == 1, "scrolled with \(Geometry.scrollMargin) rows still below the cursor")
        _ = s.reduce(.key(.char("G")), ledger: ledger)
        #expect(s.page.cursor == 29 && s.page.top == 30 - body)
        _ = s.reduce(.key(.char("g")), ledger: ledger)
        #expect(s.page.cursor == 0 && s.page.top == 0)
    }

    @Test func searchFindsByChineseNameAndWraps() {
        var s = start()
        step(&s, .key(.char("/")), effects: [.follow]) { $0.overlay = .search(SearchPrompt()) }
        for c in "淄博" { _ = s.reduce(.key(.char(c)), ledger: ledger) }
        #expect(s.page.cursor == 2)
        _ = s.reduce(.key(.enter), ledger: ledger)
        #expect(s.lastSearch == "淄博" && s.overlay == nil)
        step(&s, .key(.char("n")), effects: [.follow]) { _ in }
        step(&s, .key(.char("N")), effects: [.follow]) { _ in }
        var fresh = start()
        step(&fresh, .key(.char("n")), effects: [.follow]) { $0.message = .searchFirst }
    }

    @Test func aReadOnlyStoreOffersNoDecision() {
        var s = start()
        s.readOnly = true
        _ = s.reduce(.key(.enter), ledger: ledger)
        step(&s, .key(.char("a")), effects: [.follow]) { $0.message = .readOnly(nil) }
        step(&s, .key(.char("A")), effects: [.follow]) { $0.message = .readOnly(nil) }
        step(&s, .key(.char("u")), effects: [.follow]) { $0.message = .readOnly(nil) }
    }

    @Test func unknownKeysExplainThemselvesAndTheTinyTerminalOnlyQuits() {
        var s = start()
        step(&s, .key(.char("Z")), effects: [.follow]) { $0.message = .unknownKey(.char("Z")) }
        step(&s, .resize(rows: 10, cols: 40)) { $0.rows = 10; $0.cols = 40 }
        step(&s, .key(.char("j"))) { _ in }
        step(&s, .key(.char("q"))) { $0.overlay = .confirm(Confirmation(.quit)) }
    }

    @Test func eExportsWhatThePageShowsAndRTheReturnsNotice() {
        var s = start()
        let all = SchoolListExport(schools: [Mini.jinan, Mini.qingdao, Mini.zibo], filter: SchoolFilter(), sort: .code, descending: false)
        step(&s, .key(.char("E")), effects: [.export(.schoolList(all)), .follow]) { $0.message = .exporting }
        s.filter = SchoolFilter(flags: [.hasPending])
        s.sort = .pending
        let shown = SchoolListExport(schools: [Mini.jinan, Mini.qingdao], filter: SchoolFilter(flags: [.hasPending]), sort: .pending, descending: false)
        #expect(s.reduce(.key(.char("E")), ledger: ledger) == [.export(.schoolList(shown)), .follow], "the filtered and sorted rows, in screen order")
        #expect(s.reduce(.key(.char("R")), ledger: ledger) == [.export(.returns(school: nil)), .follow])
        _ = s.reduce(.key(.enter), ledger: ledger)
        #expect(s.reduce(.key(.char("E")), ledger: ledger) == [.export(.school(Mini.jinan)), .follow])
        #expect(s.reduce(.key(.char("R")), ledger: ledger) == [.export(.returns(school: Mini.jinan)), .follow])
        _ = s.reduce(.key(.char("q")), ledger: ledger)
        _ = s.reduce(.key(.tab), ledger: ledger)
        #expect(s.reduce(.key(.char("E")), ledger: ledger) == [.export(.items), .follow])
        _ = s.reduce(.key(.enter), ledger: ledger)
        #expect(s.reduce(.key(.char("E")), ledger: ledger) == [.export(.itemClaims("1", schools: [Mini.jinan, Mini.qingdao, Mini.zibo])), .follow])
        _ = s.reduce(.key(.char("q")), ledger: ledger)
        _ = s.reduce(.key(.tab), ledger: ledger)
        #expect(s.reduce(.key(.char("E")), ledger: ledger) == [.export(.cities), .follow], "全省汇总 exports its city and type tables")
        step(&s, .exported(path: "/tmp/a.xlsx", rows: 3)) { $0.message = .exported(path: "/tmp/a.xlsx", rows: 3) }
        step(&s, .exportFailed("磁盘已满")) { $0.message = .exportFailed("磁盘已满") }
    }

    // MARK: filters

    @Test func flagsCombineWithCitiesAndFClearsThemAll() {
        var s = start()
        _ = s.reduce(.key(.char("f")), ledger: ledger)
        _ = s.reduce(.key(.char("j")), ledger: ledger)   // 条件：有待审核
        step(&s, .key(.enter)) {
            $0.overlay = nil
            $0.filter = SchoolFilter(flags: [.hasPending])
            $0.message = .filtered(SchoolFilter(flags: [.hasPending]))
        }
        #expect(PageRows.schoolRows(s, ledger) == [Mini.jinan, Mini.qingdao])
        _ = s.reduce(.key(.char("f")), ledger: ledger)
        for _ in 0..<4 { _ = s.reduce(.key(.char("j")), ledger: ledger) }   // 条件：有退回
        step(&s, .key(.enter)) {
            $0.overlay = nil
            $0.filter = SchoolFilter(flags: [.hasPending, .hasReturns])
            $0.message = .filtered(SchoolFilter(flags: [.hasPending, .hasReturns]))
            $0.page = Page(.schools, cursor: 0, anchor: Mini.qingdao)
        }
        #expect(PageRows.schoolRows(s, ledger) == [Mini.qingdao])
        step(&s, .key(.char("F")), effects: [.follow]) {
            $0.filter = SchoolFilter()
            $0.message = .filtered(SchoolFilter())
            $0.page = Page(.schools, cursor: 0, anchor: Mini.jinan)
        }
    }

    @Test func aResubmissionIsFoundByItsFlag() {
        var ledger = self.ledger
        let returned = ledger.claim(Mini.key(Mini.qingdao, "1"))!
        _ = written(Decision(.resubmitted, returned.key, seen: returned.state, basis: returned.version, funds: Funds(wan: 8, 0, 4, 0)), on: &ledger, by: Mini.qingdao)
        var s = start()
        s.filter = SchoolFilter(flags: [.hasResubmitted])
        #expect(PageRows.schoolRows(s, ledger) == [Mini.qingdao])
    }

    @Test func enterOnACityRowOpensItsSchools() {
        var s = start()
        _ = s.reduce(.key(.tab), ledger: ledger)
        _ = s.reduce(.key(.tab), ledger: ledger)
        _ = s.reduce(.key(.char("j")), ledger: ledger)   // 青岛市
        step(&s, .key(.enter), effects: [.follow]) {
            $0.stack = [Page(.schools, cursor: 0, anchor: Mini.qingdao)]
            $0.filter = SchoolFilter(city: "青岛市")
            $0.message = .filtered(SchoolFilter(city: "青岛市"))
        }
    }

    /// Every sort order, both directions, on the 20-school demo, against a plain sort with String `<`.
    @Test func everySortOrderMatchesAPlainSort() {
        let ledger = Fixture.makeLedger()
        func tally(_ code: String) -> Tally { ledger.totals.bySchool[code] ?? Tally() }
        let rank = Dictionary(uniqueKeysWithValues: SchoolReviewStatus.allCases.enumerated().map { ($1, $0) })
        for sort in SchoolSort.allCases {
            for reversed in [false, true] {
                var s = start()
                s.sort = sort
                s.sortDescending = reversed
                let got = PageRows.schoolRows(s, ledger)
                var want = ledger.schools.sorted { a, b in
                    let (ta, tb) = (tally(a.code), tally(b.code))
                    func by<K: Comparable>(_ x: K, _ y: K, largest: Bool = false) -> Bool { x != y ? (largest ? x > y : x < y) : a.code < b.code }
                    switch sort {
                    case .code: return a.code < b.code
                    case .name: return by(a.name, b.name)
                    case .type: return by(a.type.rawValue, b.type.rawValue)
                    case .city: return by(a.city, b.city)
                    case .status: return by(rank[SchoolReviewStatus(ta)]!, rank[SchoolReviewStatus(tb)]!)
                    case .pending: return by(ta.pending, tb.pending, largest: true)
                    case .approved: return by(ta.approved.claims, tb.approved.claims, largest: true)
                    case .returned: return by(ta.returned, tb.returned, largest: true)
                    case .intended: return by(ta.intended.funds.total, tb.intended.funds.total, largest: true)
                    case .approvedMoney: return by(ta.approved.funds.total, tb.approved.funds.total, largest: true)
                    }
                }.map(\.code)
                if reversed { want.reverse() }
                #expect(got == want, "\(sort) reversed \(reversed)")
            }
        }
    }

    @Test func aClickSelectsTheRowUnderItAndTheWheelMoves() {
        var s = start()
        // The school list's first body row is screen row 3 (title, info line, header).
        step(&s, .key(.click(row: 5, col: 20))) { $0.page.cursor = 2; $0.page.anchor = Mini.zibo }
        step(&s, .key(.click(row: 9, col: 20))) { _ in }
        step(&s, .key(.click(row: 1, col: 0))) { _ in }
        step(&s, .key(.wheelUp)) { $0.page.cursor = 0; $0.page.anchor = Mini.jinan }
        step(&s, .key(.wheelDown)) { $0.page.cursor = 2; $0.page.anchor = Mini.zibo }
    }

    @Test func everyTableSortsAndTheHeaderShowsTheDirection() {
        var s = start()
        _ = s.reduce(.key(.enter), ledger: ledger)   // 济南: 1 (20), 3.1 (16), 4.1 (35)
        step(&s, .key(.char("s")), effects: [.follow]) {
            $0.overlay = .picker(Picker(.sort, options: TableSort.choices(.school(Mini.jinan)).map(PickerChoice.order)))
        }
        _ = s.reduce(.key(.char("j")), ledger: ledger)   // 汇总
        step(&s, .key(.enter)) {
            $0.overlay = nil
            $0.message = .ordered(.total, descending: true)
            $0.page.order = .total
            $0.page.cursor = 0
            $0.page.anchor = "4.1"
        }
        #expect(PageRows.pageClaims(s.page, ledger).map(\.item) == ["4.1", "1", "3.1"])
        #expect(Renderer.render(s, ledger).grid.text(row: 5).contains("汇总↓"))
        _ = s.reduce(.key(.char("s")), ledger: ledger)
        _ = s.reduce(.key(.enter), ledger: ledger)       // the same order again: reversed
        #expect(s.page.reversed && PageRows.pageClaims(s.page, ledger).map(\.item) == ["3.1", "1", "4.1"])
        #expect(Renderer.render(s, ledger).grid.text(row: 5).contains("汇总↑"))
        // The items page by 待审; the province page by 意向汇总, where Enter still opens the city under the cursor.
        _ = s.reduce(.key(.char("q")), ledger: ledger)
        _ = s.reduce(.key(.tab), ledger: ledger)
        s.page.order = .pending
        #expect(PageRows.itemRows(s.page, ledger).prefix(2).map(\.code) == ["4.1", "1"])
        _ = s.reduce(.key(.tab), ledger: ledger)
        s.page.order = .intended
        #expect(PageRows.provinceRows(s, ledger).prefix(3).map(\.label) == ["济南市", "淄博市", "青岛市"])
        _ = s.reduce(.key(.char("j")), ledger: ledger)
        _ = s.reduce(.key(.enter), ledger: ledger)
        #expect(s.filter == SchoolFilter(city: "淄博市"))
    }
}
