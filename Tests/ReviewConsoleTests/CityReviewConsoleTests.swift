import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole

/// The console with `city-review on`, for both roles: a city reviewer's queue is its 中职 schools' 待市级审核
/// claims and its `a` records 市级审核通过; the province's queue holds only what the cities passed.
@Suite struct CityReviewConsoleTests {
    static let qingdao = Mini.qingdao
    static let q1 = Mini.key(Mini.qingdao, "1"), q31 = Mini.key(Mini.qingdao, "3.1"), q41 = Mini.key(Mini.qingdao, "4.1")
    static let jinan1 = Mini.key(Mini.jinan, "1")

    /// Mini's schools under a campaign with the city step: 青岛's 中职 school claims 1, 3.1 and 4.1 (all 待市级审核);
    /// 济南职业学院 (专科) claims 1, which goes to the province directly (待审核).
    static func ledger() -> Ledger {
        let c = Mini.campaign
        let campaign = Campaign(province: c.province, catalog: c.catalog, openItems: c.openItems, start: c.start, end: c.end,
                                instructions: "", contacts: [], cityReview: true)
        var ledger = Ledger(campaign: campaign, schools: Mini.schools)
        let submissions: [(String, String, Int?)] = [(Mini.qingdao, "1", nil), (Mini.qingdao, "3.1", 1), (Mini.qingdao, "4.1", 60),
                                                     (Mini.jinan, "1", nil)]
        for (i, (school, item, quantity)) in submissions.enumerated() {
            let d = Decision(.submitted, Mini.key(school, item), quantity: quantity, funds: Funds(wan: Int64(i + 1), 0, 0, 0))
            guard case .success = ledger.apply(d.event(seq: ledger.lastSeq + 1, time: Mini.at(Int64(i)), actor: school)) else {
                fatalError("not a legal step: \(d)")
            }
        }
        return ledger
    }

    static func state(_ role: Role) -> ConsoleState {
        var s = ConsoleState(rows: 24, cols: 100, reviewer: role == .province ? "zhangsan" : "qingdao-city")
        s.role = role
        return s
    }

    /// The state after opening 青岛's school page.
    static func onQingdao(_ role: Role, _ ledger: Ledger) -> ConsoleState {
        var s = state(role)
        s.stack.append(Page(.school(Mini.qingdao)))
        s.landOnWork(after: nil, ledger)
        return s
    }

    /// The help says what `a`, `A` and `u` do in the reviewer's role.
    @Test func theHelpSaysWhatTheKeysMeanInTheRole() {
        func line(_ role: Role, _ key: String) -> String? {
            Renderer.helpLines(Self.state(role)).map { $0.0 }.first { $0.hasPrefix(key + " ") }
        }
        #expect(line(.city("青岛市"), "a")?.hasSuffix("市级审核通过光标所在的承接任务（交省厅审核）") == true)
        #expect(line(.city("青岛市"), "A")?.contains("批量市级审核通过已标记的任务") == true)
        #expect(line(.city("青岛市"), "u")?.contains("撤销审核由省厅进行") == true)
        #expect(line(.province, "a")?.hasSuffix("通过光标所在的承接任务") == true && line(.province, "a")?.contains("市级") == false)
        #expect(line(.province, "A")?.contains("本页全部待审核") == true)
    }

    @Test func aCityReviewersApprovalIsAPass() {
        let ledger = Self.ledger()
        var s = Self.onQingdao(.city("青岛市"), ledger)
        #expect(s.page.cursor == 0 && s.page.anchor == "1", "lands on the first claim waiting for the city")
        let claim = ledger.claim(Self.q1)!
        #expect(s.reduce(.key(.char("a")), ledger: ledger) == [.record([Decision(.passed, Self.q1, seen: .cityPending, basis: claim.version)]), .follow])
        var after = ledger
        guard case .success(let passed) = after.apply(Decision.on(claim, .passed).event(seq: after.lastSeq + 1, time: Mini.at(50), actor: "qingdao-city")) else {
            Issue.record("the pass is a legal step"); return
        }
        _ = s.reduce(.recorded([passed]), ledger: after)
        #expect(s.message == .saved([passed], schoolDone: false))
        #expect(MessageText.text(s.message!, s, after) == "已保存：市级审核通过 青岛市城阳区职业中等专业学校 的任务 1")
        #expect(s.page.anchor == "3.1", "on to the next claim waiting for the city")
        #expect(s.myDecisions.isEmpty, "a city does not reopen: nothing for u")

        // The passed claim is the province's now: the city's a and r say so.
        s.move(to: 0, after)
        #expect(s.reduce(.key(.char("a")), ledger: after) == [.follow])
        #expect(s.message == .notPending(.pending, after.claim(Self.q1)!.last))
        #expect(MessageText.text(s.message!, s, after).hasPrefix("只能审核待市级审核的任务：当前为「待审核」（qingdao-city 于 "))
        #expect(MessageText.text(s.message!, s, after).hasSuffix("市级审核通过）"))
        #expect(s.reduce(.key(.char("r")), ledger: after) == [.follow])
        #expect(s.overlay == nil)
    }

    @Test func aCityReviewersBulkApprovalPassesWhatWaitsForIt() {
        let ledger = Self.ledger()
        var s = Self.onQingdao(.city("青岛市"), ledger)
        _ = s.reduce(.key(.char("A")), ledger: ledger)
        guard case .confirm(let c)? = s.overlay, case .approve(let bulk) = c.purpose else { Issue.record("A asks first"); return }
        #expect(bulk.claims == [Self.q1, Self.q31, Self.q41])
        #expect(s.approveAll(bulk, ledger) == [.record([Self.q1, Self.q31, Self.q41].map { Decision.on(ledger.claim($0)!, .passed) })])
    }

    @Test func theProvincesQueueHoldsOnlyWhatTheCityPassed() {
        let ledger = Self.ledger()
        var s = Self.onQingdao(.province, ledger)
        #expect(s.page.cursor == 0, "nothing of 青岛's is the province's yet")
        #expect(s.reduce(.key(.char("a")), ledger: ledger) == [.follow])
        #expect(s.message == .notPending(.cityPending, nil))
        #expect(MessageText.text(s.message!, s, ledger) == "只能审核待审核的任务：当前为「待市级审核」")
        _ = s.reduce(.key(.char("A")), ledger: ledger)
        #expect(s.overlay == nil && s.message == .nothingToApprove)
        // `]` from the school list skips 青岛 (only 待市级审核) for 济南 (待审核).
        var list = Self.state(.province)
        list.nextPendingSchool(forward: true, ledger)
        #expect(PageRows.schoolCode(list.page, list, ledger) == Mini.jinan)
        var city = Self.state(.city("青岛市"))
        city.nextPendingSchool(forward: true, ledger)
        #expect(PageRows.schoolCode(city.page, city, ledger) == Mini.qingdao)
    }

    @Test func screensShowTheExtraStep() {
        let ledger = Self.ledger()
        var province = Console(cols: 100, ledger: ledger) { $0.role = .province }
        let row = province.grid.row(containing: "青岛市城阳区")!
        #expect(province.grid.text(row: row).contains("待市审"), "the school list's 状态 of 青岛, in its 6 columns")
        province.openSchool(at: province.schoolRows.firstIndex(of: Mini.qingdao)!)
        #expect(province.grid.row(containing: "待市级审核") != nil)
        // The status filter offers 待市级审核, and picks 青岛 alone.
        #expect(Self.state(.province).filterChoices(ledger).contains(.status(.cityPending)))
        #expect(!Self.state(.province).filterChoices(Mini.ledger()).contains(.status(.cityPending)), "only with the city step")
        var filtered = Self.state(.province)
        filtered.filter.status = .cityPending
        #expect(PageRows.schoolRows(filtered, ledger) == [Mini.qingdao])
        // The 待审 column counts the viewer's own queue.
        let t = ledger.totals.bySchool[Mini.qingdao]!
        #expect(Renderer.tallyCell(.pending, t, Self.state(.province)) == "0")
        #expect(Renderer.tallyCell(.pending, t, Self.state(.city("青岛市"))) == "3")
    }
}
