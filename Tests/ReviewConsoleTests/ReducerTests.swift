import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole
import TerminalText

/// The reducer driven by keys over the 20-school demo province, with the store simulated by `Console`.
@Suite struct NavigationTests {
    @Test func cursorMovesWithinBounds() {
        var c = Console()
        let n = c.state.schoolRows.count
        #expect(n == 20)
        let body = Layout.bodyRows(c.state)
        #expect(body == 24 - 2 - 1 - 2)
        #expect(c.state.page.cursor == 0)
        c.press(.char("k"))
        #expect(c.state.page.cursor == 0)
        c.press(.up)
        #expect(c.state.page.cursor == 0)
        c.press(.char("j"))
        #expect(c.state.page.cursor == 1)
        c.press(.down)
        #expect(c.state.page.cursor == 2)
        c.press(.up)
        #expect(c.state.page.cursor == 1)
        c.press(.char("G"))
        #expect(c.state.page.cursor == n - 1)
        #expect(c.state.page.top == n - body, "the last row is the bottom visible row")
        c.press(.char("j"))
        #expect(c.state.page.cursor == n - 1)
        c.press(.down)
        #expect(c.state.page.cursor == n - 1)
        c.press(.char("g"))
        #expect(c.state.page.cursor == 0)
        #expect(c.state.page.top == 0)
        c.press(.end)
        #expect(c.state.page.cursor == n - 1)
        c.press(.home)
        #expect(c.state.page.cursor == 0)
        c.press(.pageDown)
        #expect(c.state.page.cursor == body - 1)
        c.press(.pageDown)
        #expect(c.state.page.cursor == n - 1)
        c.press(.pageUp)
        #expect(c.state.page.cursor == n - 1 - (body - 1))
        c.press(.pageUp)
        #expect(c.state.page.cursor == 0)
        c.press(.ctrl("f"))
        #expect(c.state.page.cursor == body - 1)
        c.press(.ctrl("b"))
        #expect(c.state.page.cursor == 0)
    }

    @Test func cursorStaysVisibleAndHighlighted() {
        var c = Console()
        for step in 0..<25 {
            let p = c.state.page
            let body = Layout.bodyRows(c.state)
            #expect(p.top <= p.cursor && p.cursor < p.top + body, "step \(step)")
            let grid = c.grid
            let row = c.screenRow(ofRow: p.cursor)
            #expect(grid[row, 0].style.reverse, "the cursor row is drawn reversed (step \(step))")
            #expect(grid.text(row: row).hasPrefix(c.state.schoolRows[p.cursor]))
            for r in (Layout.headerRows(.schools) + 1)..<(Layout.headerRows(.schools) + 1 + body) where r != row {
                #expect(!grid[r, 0].style.reverse, "only the cursor row is reversed (row \(r), step \(step))")
            }
            c.press(.char("j"))
        }
    }

    @Test func enterOpensSchoolAndQPopsBack() {
        var c = Console()
        c.press(.char("j"), .char("j"))
        let code = c.state.schoolRows[2]
        let name = c.ledger.school(code)!.name
        c.press(.enter)
        #expect(c.state.stack.count == 2)
        #expect(c.state.page.kind == .school(code))
        #expect(c.state.page.cursor == 0)
        #expect(c.grid.text(row: 0).contains(name))
        #expect(c.grid.text(row: 1).contains(code))
        c.press(.char("q"))
        #expect(c.state.stack.count == 1)
        #expect(c.state.page.kind == .schools)
        #expect(c.state.page.cursor == 2, "back on the school it came from")
        #expect(c.state.overlay == nil)
        // Esc and h and ← also go back.
        c.press(.enter)
        c.press(.escape)
        #expect(c.state.stack.count == 1)
        c.press(.right)
        #expect(c.state.page.kind == .school(code))
        c.press(.left)
        #expect(c.state.page.kind == .schools)
    }

    @Test func qOnTopPageAsksBeforeQuitting() {
        var c = Console()
        let effects = c.press(.char("q"))
        #expect(c.state.overlay == .quitAsk)
        #expect(!effects.contains(.quit))
        #expect(c.grid.text(row: 23).contains("确定退出 tzpy 吗？(y/n)"))
        // Anything but y/Enter keeps the console open.
        let effects1 = c.press(.char("n"))
        #expect(effects1.isEmpty)
        #expect(c.state.overlay == nil)
        #expect(!c.state.quitting)
        c.press(.char("q"))
        let quit = c.press(.char("y"))
        #expect(quit == [.quit])
        #expect(c.state.quitting)
    }

    @Test func tabCyclesTheOverviews() {
        var c = Console()
        #expect(c.state.page.kind == .schools)
        c.press(.tab)
        #expect(c.state.stack.map(\.kind) == [.items])
        #expect(c.grid.text(row: 0).contains("按任务汇总"))
        c.press(.tab)
        #expect(c.state.stack.map(\.kind) == [.province])
        #expect(c.grid.text(row: 0).contains("全省汇总"))
        c.press(.tab)
        #expect(c.state.stack.map(\.kind) == [.schools])
        #expect(c.grid.text(row: 0).contains("学校列表"))
        c.press(.backTab)
        #expect(c.state.stack.map(\.kind) == [.province])
        // From a drilled-down page Tab goes to the next overview, dropping the stack.
        var d = Console()
        d.press(.enter)
        d.press(.tab)
        #expect(d.state.stack.map(\.kind) == [.items])
    }

    @Test func itemsPageDrillsIntoItemSchools() {
        var c = Console()
        c.press(.tab)
        c.press(.char("j"), .char("j"))
        let item = c.ledger.catalog.items[2]
        c.press(.enter)
        #expect(c.state.page.kind == .itemSchools(item.code))
        let expected = c.ledger.schools.filter { c.ledger.claim(ClaimKey(school: $0.code, item: item.code))?.isActive == true }.map(\.code)
        #expect(!expected.isEmpty)
        #expect(c.state.itemSchoolRows == expected)
        // Deciding works there too: `a` approves the claim of the school under the cursor when it is pending.
        guard let i = expected.firstIndex(where: { c.ledger.claim(ClaimKey(school: $0, item: item.code))?.state == .pending }) else {
            Issue.record("no pending claim on item \(item.code)")
            return
        }
        c.repeatKey(.char("j"), i)
        let drafts = recordDrafts(c.press(.char("a")))
        #expect(drafts.count == 1)
        #expect(drafts.first?.map(\.key) == [ClaimKey(school: expected[i], item: item.code)])
    }

    @Test func nextPendingSchoolSkipsSchoolsWithNothingPending() throws {
        var c = Console()
        let rows = c.state.schoolRows
        let pending = rows.map { c.ledger.totals.bySchool[$0]?.pending ?? 0 }
        // A school whose next neighbour has nothing pending, so `]` must skip it.
        let start = try #require(rows.indices.first { $0 + 2 < rows.count && pending[$0 + 1] == 0 })
        let expected = try #require(((start + 1)..<rows.count).first { pending[$0] > 0 })
        #expect(expected > start + 1)
        c.repeatKey(.char("j"), start)
        c.press(.char("]"))
        #expect(c.state.page.cursor == expected)
        #expect(pending[c.state.page.cursor] > 0)
        c.press(.char("["))
        let back = try #require((0..<expected).reversed().first { pending[$0] > 0 })
        #expect(c.state.page.cursor == back)
        // On a school page `]` opens the next school with pending claims.
        c.press(.enter)
        let from = c.state.page.kind
        c.press(.char("]"))
        #expect(c.state.page.kind != from)
        if case .school(let code) = c.state.page.kind {
            #expect((c.ledger.totals.bySchool[code]?.pending ?? 0) > 0)
        } else {
            Issue.record("] left the school page: \(c.state.page.kind)")
        }
    }

    @Test func resizeBelowMinimumOnlyAcceptsQuit() {
        var c = Console()
        c.press(.char("j"))
        c.send(.resize(rows: 12, cols: 50))
        #expect(Layout.isTooSmall(c.state))
        let effects2 = c.press(.char("j"))
        #expect(effects2.isEmpty)
        #expect(c.state.page.cursor == 1)
        c.press(.char("q"))
        #expect(c.state.overlay == .quitAsk)
        let effects3 = c.press(.char("y"))
        #expect(effects3 == [.quit])
    }

    @Test func unknownKeyExplainsItself() {
        var c = Console()
        c.press(.char("z"))
        #expect(c.state.message?.text.contains("未定义的按键 z") == true)
    }
}

@Suite struct DecisionTests {
    /// `a` records a draft; the row only turns 已通过 once the ledger has the event and `.recorded` arrives.
    @Test func approveIsShownDoneOnlyOnceDurable() throws {
        var c = Console()
        let opened1 = c.openPendingClaim()
        let claim = try #require(opened1)
        let index = c.state.page.cursor
        let row = c.screenRow(ofRow: index)
        #expect(c.grid.text(row: row).contains(claim.item))
        #expect(c.grid.text(row: row).contains("待审核"))
        let schoolBefore = c.ledger.totals.bySchool[claim.school]!

        let effects = c.press(.char("a"))
        let records = recordDrafts(effects)
        #expect(records.count == 1, "exactly one .record effect: \(effects)")
        let drafts = try #require(records.first)
        #expect(drafts.count == 1)
        let d = try #require(drafts.first)
        #expect(d.kind == .approved)
        #expect(d.key == claim.key)
        #expect(d.basis == claim.version)
        #expect(d.actor == "zhangsan")
        #expect(d.seen == .pending)
        #expect(c.state.saving == 1)

        // Not durable yet: the screen must not claim success.
        let pendingGrid = c.grid
        #expect(pendingGrid.text(row: row).contains("待审核"))
        #expect(!pendingGrid.text(row: row).contains("已通过"))
        #expect(pendingGrid.text(row: 23).hasPrefix("正在保存…"), "the message line says it is saving")
        #expect(c.ledger.claim(claim.key)?.state == .pending)

        // The store writes it, then answers.
        let written = c.makeDurable(drafts)
        #expect(written.count == 1)
        c.send(.recorded(written))
        let done = c.grid
        #expect(done.text(row: row).contains(claim.item))
        #expect(done.text(row: row).contains("已通过"))
        #expect(!done.text(row: row).contains("待审核"))
        #expect(!done.text(row: 22).contains("正在保存…"))
        #expect(c.state.saving == 0)
        #expect(c.state.message?.kind == .success)
        #expect(c.state.page.cursor == index + 1, "after a single decision the cursor moves on")
        // The 已通过 line above the table is current.
        let after = c.ledger.totals.bySchool[claim.school]!
        #expect(after.approved.funds.total == schoolBefore.approved.funds.total + claim.funds.total)
        #expect(done.text(row: 4).contains("已通过：任务数量 \(after.approved.tasks)（\(after.approved.claims) 条）  汇总 \(after.approved.funds.total)"))
        #expect(done.text(row: 22).contains("\(c.ledger.totals.province.decided)/\(c.ledger.totals.province.intended.claims)"))
    }

    @Test func approvingADecidedClaimNamesTheDecider() throws {
        var c = Console()
        let i = try #require(c.schoolIndex { $0.contains { $0.state == .approved && $0.lastDecision != nil } })
        c.openSchool(at: i)
        let moved = c.moveToClaim { $0.state == .approved }
        let claim = try #require(moved)
        let decider = try #require(claim.lastDecision?.actor)
        let effects = c.press(.char("a"))
        #expect(recordDrafts(effects).isEmpty)
        #expect(c.state.saving == 0)
        let text = try #require(c.state.message?.text)
        #expect(text.contains(decider))
        #expect(text.contains("已通过"))
        #expect(c.grid.text(row: 23).contains(decider))
        // `r` on it is refused the same way, without opening the editor.
        c.press(.char("r"))
        #expect(c.state.overlay == nil)
        #expect(c.state.message?.text.contains(decider) == true)
    }

    @Test func returnWithChineseComment() throws {
        var c = Console()
        let opened2 = c.openPendingClaim()
        let claim = try #require(opened2)
        let effects4 = c.press(.char("r"))
        #expect(effects4.allSatisfy { recordDrafts([$0]).isEmpty })
        guard case .comment(let empty, let key) = c.state.overlay else {
            Issue.record("r did not open the editor: \(String(describing: c.state.overlay))")
            return
        }
        #expect(key == claim.key)
        #expect(empty.text.isEmpty)
        let comment = "经费预算偏高，请压缩"
        let typing = c.type(comment)
        #expect(recordDrafts(typing).isEmpty, "typing records nothing")
        guard case .comment(let editor, _) = c.state.overlay else {
            Issue.record("the editor closed while typing")
            return
        }
        #expect(editor.text == comment)
        #expect(editor.cursorColumn == 20)
        let effects = c.press(.enter)
        let drafts = recordDrafts(effects)
        #expect(drafts.count == 1)
        let d = try #require(drafts.first?.first)
        #expect(drafts.first?.count == 1)
        #expect(d.kind == .returned)
        #expect(d.comment == comment)
        #expect(d.basis == claim.version)
        #expect(d.key == claim.key)
        #expect(c.state.overlay == nil)
        let row = c.screenRow(ofRow: c.state.page.cursor)
        c.store(effects)
        #expect(c.ledger.claim(claim.key)?.state == .returned(comment: comment))
        #expect(c.grid.text(row: row).contains("退回修改"))
    }

    @Test func emptyCommentIsRefused() throws {
        var c = Console()
        let opened3 = c.openPendingClaim()
        let claim = try #require(opened3)
        c.press(.char("r"))
        c.type("   ")
        let effects = c.press(.enter)
        #expect(effects.isEmpty)
        #expect(c.state.message == Message(kind: .error, text: "修改意见不能为空"))
        guard case .comment = c.state.overlay else {
            Issue.record("the editor should stay open after a refused empty comment")
            return
        }
        // Ideographic spaces only are empty too.
        c.press(.ctrl("u"))
        c.type("\u{3000}\u{3000}")
        let effects5 = c.press(.enter)
        #expect(effects5.isEmpty)
        #expect(c.state.message?.text == "修改意见不能为空")
        #expect(c.ledger.claim(claim.key)?.state == .pending)
    }

    @Test func escCancelsTheEditor() throws {
        var c = Console()
        let opened4 = c.openPendingClaim()
        let claim = try #require(opened4)
        c.press(.char("r"))
        c.type("经费")
        let effects = c.press(.escape)
        #expect(effects.isEmpty)
        #expect(c.state.overlay == nil)
        #expect(c.state.message?.text == "已取消退回")
        #expect(c.state.saving == 0)
        #expect(c.ledger.claim(claim.key)?.state == .pending)
    }

    @Test func digitPicksAFrequentReason() throws {
        var c = Console()
        let opened5 = c.openPendingClaim()
        let claim = try #require(opened5)
        c.press(.char("r"))
        c.press(.char("2"))
        guard case .comment(let editor, _) = c.state.overlay else {
            Issue.record("editor closed")
            return
        }
        #expect(editor.text == Fixture.reasons[1])
        // The picked reason can be edited before Enter; digits now type.
        c.type("，见第3页")
        let drafts = recordDrafts(c.press(.enter))
        #expect(drafts.first?.first?.comment == Fixture.reasons[1] + "，见第3页")
        #expect(drafts.first?.first?.key == claim.key)

        var d = Console()
        d.openPendingClaim()
        d.press(.char("r"))
        d.press(.char("1"))
        if case .comment(let e, _) = d.state.overlay { #expect(e.text == Fixture.reasons[0]) } else { Issue.record("editor closed") }
        // A digit without a reason behind it picks nothing.
        d.press(.ctrl("u"))
        d.press(.char("9"))
        if case .comment(let e, _) = d.state.overlay { #expect(e.text.isEmpty) } else { Issue.record("editor closed") }
    }

    @Test func refusedWriteShowsTheErrorAndChangesNothing() throws {
        var c = Console()
        let opened6 = c.openPendingClaim()
        let claim = try #require(opened6)
        let cursor = c.state.page.cursor
        let row = c.screenRow(ofRow: cursor)
        let drafts = recordDrafts(c.press(.char("a")))
        #expect(drafts.count == 1)
        let why = "冲突：\(claim.school) 的任务 \(claim.item) 不能通过：lisi 已于 2023-11-14T22:13:20Z 通过此任务"
        c.send(.refused(why))
        #expect(c.state.message == Message(kind: .error, text: why))
        #expect(c.state.saving == 0)
        #expect(c.state.page.cursor == cursor)
        #expect(c.ledger.claim(claim.key) == claim)
        let grid = c.grid
        #expect(grid.text(row: 23).contains("lisi"))
        #expect(grid[23, 0].style.role == .warning)
        #expect(grid.text(row: row).contains("待审核"))
        #expect(!grid.text(row: 22).contains("正在保存…"))
    }

    /// A real conflict: lisi decides while our approval is on its way; the store refuses ours with the
    /// ledger's own message and the row shows lisi's decision.
    @Test func conflictShowsTheOtherDecision() throws {
        var c = Console()
        let opened7 = c.openPendingClaim()
        let claim = try #require(opened7)
        let row = c.screenRow(ofRow: c.state.page.cursor)
        let effects6 = c.press(.char("a"))
        let ours = try #require(recordDrafts(effects6).first?.first)
        _ = c.other(.returned, claim.key, by: "lisi", comment: "举办方投入过高")
        var stamped = ours
        stamped.seq = c.ledger.lastSeq + 1
        guard case .failure(let error) = c.ledger.preview(stamped) else {
            Issue.record("the ledger accepted a stale decision")
            return
        }
        #expect(error.isConflict)
        c.send(.refused(error.description))
        #expect(c.state.message?.kind == .error)
        #expect(c.state.message?.text.contains("lisi") == true)
        let grid = c.grid
        #expect(grid.text(row: 23).contains("lisi"))
        #expect(grid.text(row: row).contains("退回修改"))
    }

    /// Notices name the other reviewer as people know them (accounts.tsv's display name).
    @Test func noticesUseDisplayNames() throws {
        var c = Console()
        c.state.names = ["lisi": "李四"]
        let opened = c.openPendingClaim()
        let claim = try #require(opened)
        c.send(.followed([c.other(.approved, claim.key, by: "lisi")]))
        let m = try #require(c.state.message)
        #expect(m.text.hasPrefix("李四 通过了 "))
        #expect(!m.text.contains("lisi"))
    }

    /// A follow that fails (a schools.tsv someone broke, a damaged journal line) is said on the message line,
    /// in red, instead of the screen silently going stale.
    @Test func aFailedFollowIsShownNotSwallowed() throws {
        var c = Console()
        c.send(.followFailed("/srv/tzpy/schools.tsv:7: 学校代码：应为10位数字"))
        let m = try #require(c.state.message)
        #expect(m.kind == .error)
        #expect(m.text == "无法读取他人的新决定，画面可能不是最新：/srv/tzpy/schools.tsv:7: 学校代码：应为10位数字")
        #expect(c.grid.text(row: 23).contains("无法读取他人的新决定"))
    }

    @Test func followedDecisionsOfOthersShowANotice() throws {
        var c = Console()
        let opened8 = c.openPendingClaim()
        let claim = try #require(opened8)
        let row = c.screenRow(ofRow: c.state.page.cursor)
        let event = c.other(.approved, claim.key, by: "lisi")
        c.send(.followed([event]))
        let m = try #require(c.state.message)
        #expect(m.kind == .notice)
        #expect(m.text.contains("lisi"))
        #expect(m.text.contains(c.ledger.school(claim.school)!.name))
        #expect(m.text.contains(claim.item))
        let grid = c.grid
        #expect(grid.text(row: 23).contains("lisi"))
        #expect(grid.text(row: row).contains("已通过"))
        // Our own events coming back through the journal make no notice.
        var d = Console()
        let dOpened = d.openPendingClaim()
        let mine = try #require(dOpened)
        let own = d.other(.approved, mine.key, by: "zhangsan")
        d.send(.followed([own]))
        #expect(d.state.message == nil)
    }

    @Test func spaceTagsAndMovesDown() throws {
        var c = Console()
        let opened9 = c.openPendingClaim()
        try #require(opened9 != nil)
        let start = c.state.page.cursor
        let key = c.schoolClaims[start].key
        c.press(.char(" "))
        #expect(c.state.tags == [key])
        #expect(c.state.page.cursor == start + 1)
        let row = c.screenRow(ofRow: start)
        #expect(c.grid.text(row: row).hasPrefix("*"))
        c.press(.char("k"), .char(" "))
        #expect(c.state.tags.isEmpty, "space again untags")
    }

    @Test func approveTaggedAfterConfirmation() throws {
        var c = Console()
        let i = try #require(c.schoolIndex { cs in cs.filter { $0.state == .pending }.count >= 3 && cs.contains { $0.state == .approved } })
        c.openSchool(at: i)
        let claims = c.schoolClaims
        let pending = claims.indices.filter { claims[$0].state == .pending }
        let approved = try #require(claims.indices.first { claims[$0].state == .approved })
        let chosen = [pending[0], pending[2], approved]
        for j in chosen {
            c.press(.char("g"))
            c.repeatKey(.char("j"), j)
            c.press(.char(" "))
        }
        #expect(c.state.tags.count == 3)
        let effects = c.press(.char("A"))
        #expect(recordDrafts(effects).isEmpty, "nothing is recorded before the confirmation")
        guard case .confirmApprove(let keys, let text) = c.state.overlay else {
            Issue.record("A did not ask: \(String(describing: c.state.overlay))")
            return
        }
        let expectedKeys = [claims[pending[0]].key, claims[pending[2]].key]
        #expect(keys == expectedKeys, "only the tagged pending claims")
        let sum = claims[pending[0]].funds.total + claims[pending[2]].funds.total
        #expect(text.contains("2 条"))
        #expect(text.contains("\(sum) 万元"))
        #expect(text.contains("已标记"))
        let grid = c.grid
        #expect(grid.row(containing: "确认批量通过") != nil)
        #expect(grid.row(containing: "\(sum) 万元") != nil)

        let yes = c.press(.char("y"))
        let records = recordDrafts(yes)
        #expect(records.count == 1)
        let drafts = try #require(records.first)
        #expect(drafts.map(\.key) == expectedKeys)
        #expect(drafts.allSatisfy { $0.kind == .approved })
        #expect(drafts.map(\.basis) == [claims[pending[0]].version, claims[pending[2]].version])
        #expect(c.state.overlay == nil)
        c.store(yes)
        #expect(c.ledger.claim(expectedKeys[0])?.state == .approved)
        #expect(c.ledger.claim(expectedKeys[1])?.state == .approved)
        #expect(c.ledger.claim(claims[pending[1]].key)?.state == .pending, "untagged claims stay pending")
        #expect(!c.state.tags.contains(expectedKeys[0]) && !c.state.tags.contains(expectedKeys[1]))
    }

    @Test func confirmationCanBeDeclined() throws {
        var c = Console()
        let opened10 = c.openPendingClaim()
        try #require(opened10 != nil)
        c.press(.char(" "))
        c.press(.char("A"))
        guard case .confirmApprove = c.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        let effects = c.press(.char("n"))
        #expect(effects.isEmpty)
        #expect(c.state.overlay == nil)
        #expect(c.state.saving == 0)
        #expect(c.state.message?.text == "已取消批量通过")
    }

    @Test func approveAllWithoutTagsTakesEveryPendingClaim() throws {
        var c = Console()
        let i = try #require(c.schoolIndex { cs in cs.contains { $0.state == .pending } && cs.contains { $0.state != .pending } })
        c.openSchool(at: i)
        let pending = c.schoolClaims.filter { $0.state == .pending }
        c.press(.char("A"))
        guard case .confirmApprove(let keys, let text) = c.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(keys == pending.map(\.key))
        let sum = pending.reduce(Money.zero) { $0 + $1.funds.total }
        #expect(text.contains("\(pending.count) 条"))
        #expect(text.contains("\(sum) 万元"))
        #expect(text.contains("全部待审核"))
        let effects7 = c.press(.enter)
        let drafts = try #require(recordDrafts(effects7).first)
        #expect(drafts.count == pending.count)
        c.store([.record(drafts)])
        let code = try #require(pending.first?.school)
        #expect(c.ledger.totals.bySchool[code]?.pending == 0)
    }

    @Test func undoReopensOwnLastDecision() throws {
        var c = Console()
        let opened11 = c.openPendingClaim()
        let claim = try #require(opened11)
        c.store(c.press(.char("a")))
        let approved = try #require(c.ledger.claim(claim.key))
        #expect(approved.state == .approved)
        #expect(c.state.myDecisions == [claim.key])
        let effects = c.press(.char("u"))
        let drafts = recordDrafts(effects)
        #expect(drafts.count == 1)
        let d = try #require(drafts.first?.first)
        #expect(d.kind == .reopened)
        #expect(d.key == claim.key)
        #expect(d.basis == approved.version)
        #expect(d.actor == "zhangsan")
        c.store(effects)
        #expect(c.ledger.claim(claim.key)?.state == .pending)
        // Nothing left to undo.
        let again = c.press(.char("u"))
        #expect(recordDrafts(again).isEmpty)
        #expect(c.state.message?.text == "没有可撤销的本人决定")
    }

    @Test func undoWithNothingToUndo() {
        var c = Console()
        let effects = c.press(.char("u"))
        #expect(recordDrafts(effects).isEmpty)
        #expect(c.state.message?.text == "没有可撤销的本人决定")
        #expect(c.grid.text(row: 23).contains("没有可撤销的本人决定"))
    }

    @Test func undoSkipsADecisionSomeoneElseOverrode() throws {
        var c = Console()
        let opened12 = c.openPendingClaim()
        let claim = try #require(opened12)
        c.store(c.press(.char("a")))
        // lisi reopens it: the last event is no longer ours, so `u` has nothing to take back.
        let e = c.other(.reopened, claim.key, by: "lisi")
        c.send(.followed([e]))
        let effects8 = c.press(.char("u"))
        #expect(recordDrafts(effects8).isEmpty)
        #expect(c.state.message?.text == "没有可撤销的本人决定")
    }

    @Test func readOnlyStoreRefusesDecisions() throws {
        var c = Console()
        let opened13 = c.openPendingClaim()
        try #require(opened13 != nil)
        c.state.readOnly = true
        let effects9 = c.press(.char("a"))
        #expect(recordDrafts(effects9).isEmpty)
        #expect(c.state.message?.kind == .error)
        c.press(.char("r"))
        #expect(c.state.overlay == nil)
    }
}

@Suite struct SearchFilterSortTests {
    @Test func searchByCodeMovesTheCursor() {
        var c = Console()
        let target = c.state.schoolRows[7]
        c.press(.char("/"))
        guard case .search = c.state.overlay else {
            Issue.record("/ did not open the search line")
            return
        }
        c.type(target)
        #expect(c.state.page.cursor == 7)
        let frame = c.frame
        #expect(frame.grid.text(row: 23).hasPrefix("搜索（名称或代码）：" + target))
        #expect(frame.cursor?.row == 23)
        #expect(frame.cursor?.col == DisplayWidth.of("搜索（名称或代码）：") + target.count)
        c.press(.enter)
        #expect(c.state.overlay == nil)
        #expect(c.state.lastSearch == target)
        #expect(c.state.page.cursor == 7)
    }

    @Test func searchByChineseName() throws {
        var c = Console()
        let index = 9
        let code = c.state.schoolRows[index]
        let name = try #require(c.ledger.school(code)?.name)
        // A name unique among the schools.
        #expect(c.ledger.schools.filter { $0.name.contains(name) }.count == 1)
        c.press(.char("/"))
        c.type(name)
        c.press(.enter)
        #expect(c.state.page.cursor == index)
    }

    @Test func nextAndPreviousMatch() throws {
        var c = Console()
        let rows = c.state.schoolRows
        let query = "3702"
        let matches = rows.indices.filter { rows[$0].contains(query) || c.ledger.school(rows[$0])!.name.contains(query) }
        try #require(matches.count == 2)
        c.press(.char("/"))
        c.type(query)
        c.press(.enter)
        #expect(c.state.page.cursor == matches[0])
        c.press(.char("n"))
        #expect(c.state.page.cursor == matches[1])
        c.press(.char("n"))
        #expect(c.state.page.cursor == matches[0], "n wraps around")
        c.press(.char("N"))
        #expect(c.state.page.cursor == matches[1], "N goes back (wrapping)")
    }

    @Test func nWithoutSearchAsksForOne() {
        var c = Console()
        c.press(.char("n"))
        #expect(c.state.message?.text == "先按 / 输入搜索内容")
        #expect(c.state.page.cursor == 0)
    }

    @Test func filterByCity() throws {
        var c = Console()
        c.press(.char("f"))
        guard case .picker(let picker) = c.state.overlay else {
            Issue.record("f did not open the filter picker")
            return
        }
        #expect(picker.purpose == .filter)
        let city = "青岛市"
        let index = try #require(picker.options.firstIndex(of: "地市：\(city)"))
        #expect(c.grid.row(containing: "筛选学校") != nil)
        c.repeatKey(.char("j"), index)
        c.press(.enter)
        #expect(c.state.overlay == nil)
        #expect(c.state.filter.city == city)
        let expected = c.ledger.schools.filter { $0.city == city }.map(\.code).sorted()
        #expect(expected.count >= 2)
        #expect(c.state.schoolRows == expected)
        #expect(c.state.schoolRows.allSatisfy { c.ledger.school($0)?.city == city })
        let grid = c.grid
        #expect(grid.text(row: 1).contains("共 \(expected.count) 所"))
        #expect(grid.text(row: 1).contains("地市=\(city)"))
        for (k, code) in expected.enumerated() {
            let line = grid.text(row: 3 + k)
            #expect(line.hasPrefix(code))
            #expect(line.contains(city))
        }
        #expect(grid.text(row: 3 + expected.count).trimmingCharacters() == "", "no other school listed")
        // 全部 clears the filter.
        c.press(.char("f"), .enter)
        #expect(c.state.filter.isEmpty)
        #expect(c.state.schoolRows.count == 20)
    }

    @Test func sortByPendingDescending() throws {
        var c = Console()
        c.press(.char("s"))
        guard case .picker(let picker) = c.state.overlay else {
            Issue.record("s did not open the sort picker")
            return
        }
        #expect(picker.purpose == .sort)
        let index = try #require(picker.options.firstIndex(of: "待审"))
        c.repeatKey(.char("j"), index)
        c.press(.enter)
        #expect(c.state.sort == .pending)
        #expect(!c.state.sortDescending)
        let rows = c.state.schoolRows
        #expect(rows.count == 20)
        let pending = rows.map { c.ledger.totals.bySchool[$0]?.pending ?? 0 }
        for k in 1..<rows.count {
            #expect(pending[k - 1] > pending[k] || (pending[k - 1] == pending[k] && rows[k - 1] < rows[k]),
                    "row \(k): \(rows[k - 1]) (\(pending[k - 1])) before \(rows[k]) (\(pending[k]))")
        }
        #expect(pending.first == pending.max())
        // The screen lists them in that order.
        let grid = c.grid
        for k in 0..<Layout.bodyRows(c.state) { #expect(grid.text(row: 3 + k).hasPrefix(rows[k])) }
        #expect(grid.text(row: 1).contains("排序=待审"))
    }

    /// Every sort order, both ways, against a plain sort of the schools on the column (ties by code).
    @Test func everySortOrder() {
        let c = Console()
        let totals = c.ledger.totals.bySchool
        func t(_ s: School) -> Tally { totals[s.code] ?? Tally() }
        let rank = Dictionary(uniqueKeysWithValues: SchoolReviewStatus.allCases.enumerated().map { ($1, $0) })
        for sort in SchoolSort.allCases {
            let expected: [String] = c.ledger.schools.sorted { a, b in
                func up<K: Comparable>(_ x: K, _ y: K) -> Bool { x != y ? x < y : a.code < b.code }
                func down<K: Comparable>(_ x: K, _ y: K) -> Bool { x != y ? x > y : a.code < b.code }
                switch sort {
                case .code: return a.code < b.code
                case .name: return up(a.name, b.name)
                case .type: return up(a.type.rawValue, b.type.rawValue)
                case .city: return up(a.city, b.city)
                case .status: return up(rank[SchoolReviewStatus(t(a))]!, rank[SchoolReviewStatus(t(b))]!)
                case .pending: return down(t(a).pending, t(b).pending)
                case .approved: return down(t(a).approved.claims, t(b).approved.claims)
                case .returned: return down(t(a).returned, t(b).returned)
                case .intended: return down(t(a).intended.funds.total, t(b).intended.funds.total)
                case .approvedMoney: return down(t(a).approved.funds.total, t(b).approved.funds.total)
                }
            }.map(\.code)
            for reversed in [false, true] {
                var state = c.state
                state.sort = sort
                state.sortDescending = reversed
                #expect(PageRows.schoolRows(state, c.ledger) == (reversed ? expected.reversed() : expected), "\(sort) reversed: \(reversed)")
            }
        }
        // With a status filter too.
        var state = c.state
        state.filter = SchoolFilter(status: .inReview)
        state.sort = .intended
        let rows = PageRows.schoolRows(state, c.ledger)
        #expect(!rows.isEmpty && rows.allSatisfy { SchoolReviewStatus(totals[$0]) == .inReview })
        #expect(rows.count == c.ledger.schools.filter { SchoolReviewStatus(totals[$0.code]) == .inReview }.count)
    }

    /// Choosing a sort puts the cursor on the new first row, not back on the school it was on.
    @Test func sortMovesTheCursorToTheTop() throws {
        var c = Console(rows: 16, cols: 80)
        c.repeatKey(.char("j"), 15)
        let before = try #require(PageRows.schoolCode(c.state.page, c.state))
        #expect(c.state.page.top > 0, "the list scrolled")
        c.press(.char("s"))
        guard case .picker(let picker) = c.state.overlay else {
            Issue.record("s did not open the sort picker")
            return
        }
        let index = try #require(picker.options.firstIndex(of: "待审"))
        c.repeatKey(.char("j"), index)
        c.press(.enter)
        #expect(c.state.sort == .pending)
        #expect(c.state.page.cursor == 0 && c.state.page.top == 0)
        #expect(PageRows.schoolCode(c.state.page, c.state) == c.state.schoolRows[0])
        #expect(c.state.schoolRows[0] != before, "the test moved off the school that sorts first")
        // The highlighted row on screen is the first one.
        #expect(c.grid[3, 0].style.reverse)
        // The same for a filter.
        c.repeatKey(.char("j"), 5)
        c.press(.char("f"), .char("j"), .enter)
        #expect(c.state.page.cursor == 0 && c.state.page.top == 0)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        while s.hasPrefix(" ") { s.removeFirst() }
        return s
    }
}
