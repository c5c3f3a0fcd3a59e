import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole

/// School mode: the reducer's steps and the three screens, over the small province.
@Suite struct SchoolModeTests {
    static let today = Day(year: 2020, month: 11, day: 2)

    /// The small province's schools with nothing claimed yet.
    static func fresh() -> Ledger { Ledger(campaign: Mini.campaign, schools: Mini.schools) }

    /// As `fresh`, with the campaign open until 2099 (the test store stamps 2023 on what it writes).
    static func stillOpen(cityReview: Bool = false) -> Ledger {
        let c = Mini.campaign
        return Ledger(campaign: Campaign(province: c.province, catalog: c.catalog, openItems: c.openItems, start: c.start,
                                         end: Day(year: 2099, month: 12, day: 31), instructions: "", contacts: [],
                                         cityReview: cityReview), schools: Mini.schools)
    }

    /// A console in school mode for `school` over `ledger`, with `keys` pressed.
    static func console(_ school: String, _ ledger: Ledger, keys: [Key] = [], today: Day = SchoolModeTests.today) -> Console {
        var c = Console(ledger: ledger) { state in
            state.desk = SchoolDesk(school: school, ledger: ledger, today: today, onBehalf: false)
        }
        for k in keys { c.send(.key(k)) }
        return c
    }

    static func type(_ text: String) -> [Key] { text.map { .char($0) } }

    static func funds(_ parts: Int64...) -> [Money?] { parts.map { Money(wan: $0) } }

    @Test func tickingAndTheInlineFormFillTheFormAndSAsksForOneWrite() throws {
        var c = Self.console(Mini.jinan, Self.fresh(), keys: [.char(" "), .enter] + Self.type("1") + [.tab] + Self.type("0") + [.tab]
            + Self.type("0") + [.tab] + Self.type("0") + [.enter])
        let entry = DraftEntry(ticked: true, funds: Self.funds(1, 0, 0, 0))
        #expect(c.state.desk?.form == ["1": entry])
        #expect(c.state.desk?.editor == nil)
        var state = c.state
        let effects = state.reduce(.key(.char("s")), ledger: c.ledger)
        let key = ClaimKey(school: Mini.jinan, item: "1")
        #expect(effects == [.save(SchoolWrite(school: Mini.jinan, decisions: [.save(entry, key)], contacts: nil)), .follow])
        #expect(state.saving == 1 && state.message == .saving)
        c.send(.key(.char("s")))
        #expect(c.ledger.drafts.entry(school: Mini.jinan, item: "1") == entry)
        #expect(c.ledger.claims.isEmpty)
        #expect(c.state.message == .draftSaved(items: 1, contacts: false))
        c.send(.key(.char("s")))
        #expect(c.state.message == .nothingToSave)
    }

    @Test func aFieldThatDoesNotParseKeepsTheFormOpenAndSaysSo() {
        let c = Self.console(Mini.jinan, Self.fresh(), keys: [.enter] + Self.type("abc") + [.enter])
        guard case .fieldInvalid(let e)? = c.state.message else { Issue.record("no field error: \(String(describing: c.state.message))"); return }
        #expect(e.field == "学校自筹" && e.found == "abc")
        #expect(c.grid.text(row: 23).hasPrefix("学校自筹：应为不小于0、最多4位小数"))
        #expect(c.grid.text(row: 19).contains("如果无投入，请填写0"), "the form's own line says it")
        #expect(c.state.desk?.editor?.focus == 0)
        #expect(c.state.desk?.form.isEmpty == true)
    }

    @Test func submitNamesEveryProblem() {
        let late = Day(year: 2020, month: 12, day: 1)
        let c = Self.console(Mini.qingdao, Self.fresh(), keys: [.char(" "), .char("j"), .char("j"), .char(" "), .char("S")], today: late)
        #expect(c.state.desk?.problems == [
            .outsideDates(start: Mini.campaign.start, end: Mini.campaign.end, today: late), .contactsMissing,
            .incomplete(item: "1", fields: ["学校自筹", "行业企业投入", "举办方投入", "地市县投入"]),
            .incomplete(item: "3.1", fields: ["承接数量", "学校自筹", "行业企业投入", "举办方投入", "地市县投入"]),
        ])
        #expect(c.state.message == .submitRefused(4))
        #expect(c.state.overlay == nil)
        let nothing = Self.console(Mini.jinan, Self.fresh(), keys: [.char("S")])
        #expect(nothing.state.desk?.problems == [.nothingTicked])
    }

    /// After 结束日期 a province reviewer acting for the school is not bound by the dates (nor is the store).
    @Test func aReviewerActingForASchoolIsNotHeldToTheDates() {
        let late = Day(year: 2020, month: 12, day: 1)
        var c = Console(ledger: Self.fresh()) { state in
            state.desk = SchoolDesk(school: Mini.qingdao, ledger: Self.fresh(), today: late, onBehalf: true)
        }
        for k: Key in [.char(" "), .char("S")] { c.send(.key(k)) }
        #expect(c.state.desk?.problems.contains(.outsideDates(start: Mini.campaign.start, end: Mini.campaign.end, today: late)) == false)
        #expect(c.state.desk?.problems.isEmpty == false, "the other checks still hold")
    }

    @Test func contactsTypedFullWidthAreNormalisedAndSubmittedWithTheClaims() throws {
        var c = Self.console(Mini.qingdao, Self.fresh(), keys: [.char("c")] + Self.type("李雷") + [.tab] + Self.type("０５３２－８８８８８８８")
            + [.tab] + Self.type("１３９００００００００") + [.enter, .char(" "), .enter] + Self.type("8") + [.tab] + Self.type("0") + [.tab]
            + Self.type("2") + [.tab] + Self.type("0") + [.enter, .char("S")])
        let contacts = try SchoolContacts(manager: "李雷", officePhone: "0532-8888888", mobile: "13900000000")
        let key = ClaimKey(school: Mini.qingdao, item: "1")
        let write = SchoolWrite(school: Mini.qingdao, decisions: [Decision(.submitted, key, quantity: nil, funds: Funds(wan: 8, 0, 2, 0))],
                                contacts: contacts)
        #expect(c.state.overlay == .confirm(Confirmation(.submit(write))))
        c.send(.key(.char("y")))
        #expect(c.ledger.claim(key)?.state == .pending)
        #expect(c.ledger.school(Mini.qingdao)?.contacts == contacts)
        #expect(c.state.desk?.screen == .preview)
        #expect(c.state.message == .submitted(1))
    }

    @Test func continueEditingWithdrawsAndPutsTheFiguresBackOnTheForm() throws {
        var c = Self.console(Mini.jinan, Self.stillOpen(), keys: [.char(" "), .enter] + Self.type("1") + [.tab] + Self.type("2") + [.tab]
            + Self.type("3") + [.tab] + Self.type("4") + [.enter, .char("s"), .char("S"), .char("y")])
        let key = ClaimKey(school: Mini.jinan, item: "1")
        #expect(c.ledger.claim(key)?.state == .pending)
        #expect(c.ledger.drafts.hasDraft(Mini.jinan) == false)
        c.send(.key(.char("w")))
        guard case .confirm(let ask)? = c.state.overlay, case .withdraw(let decisions) = ask.purpose else { Issue.record("no question"); return }
        #expect(decisions.map(\.kind) == [.withdrawn, .drafted])
        c.send(.key(.char("n")))
        #expect(c.state.message == .cancelled && c.ledger.claim(key)?.state == .pending)
        c.send(.key(.char("w")))
        c.send(.key(.char("y")))
        #expect(c.ledger.claim(key)?.state == .withdrawn)
        let entry = DraftEntry(ticked: true, funds: Self.funds(1, 2, 3, 4))
        #expect(c.ledger.drafts.entry(school: Mini.jinan, item: "1") == entry)
        #expect(c.state.desk?.screen == .claiming && c.state.desk?.form == ["1": entry])
        #expect(c.state.message == .withdrawn(1))
        // Submitted again from the form, over the withdrawn claim.
        c.send(.key(.char("S")))
        c.send(.key(.char("y")))
        #expect(c.ledger.claim(key)?.state == .pending && c.ledger.claim(key)?.round == 1)
        #expect(c.ledger.drafts.hasDraft(Mini.jinan) == false)
    }

    @Test func continueEditingWithdrawsClaimsStillWaitingForTheCity() throws {
        var ledger = Self.stillOpen(cityReview: true)
        let key = ClaimKey(school: Mini.qingdao, item: "1")
        _ = try ledger.apply(ReviewEvent(seq: 1, time: Timestamp(seconds: 1_604_280_600), actor: "qingdao", school: Mini.qingdao,
                                         item: "1", kind: .submitted, funds: Funds(wan: 1, 2, 3, 4))).get()
        #expect(ledger.claim(key)?.state == .cityPending, "a 中职学校's claim waits for its city")
        var c = Self.console(Mini.qingdao, ledger, keys: [.char("w")])
        guard case .confirm(let ask)? = c.state.overlay, case .withdraw(let decisions) = ask.purpose else { Issue.record("no question"); return }
        #expect(decisions.map(\.kind) == [.withdrawn, .drafted])
        c.send(.key(.char("y")))
        #expect(c.ledger.claim(key)?.state == .withdrawn)
    }

    @Test func continueEditingIsRefusedOnceReviewStarted() {
        let c = Self.console(Mini.jinan, Mini.ledger(), keys: [.char("w")])
        #expect(c.state.message == .withdrawRefused(reviewStarted: true, end: Mini.campaign.end))
        #expect(c.state.overlay == nil)
    }

    @Test func aCorrectedReturnIsResubmittedInANewRound() throws {
        var c = Self.console(Mini.qingdao, Mini.ledger(), keys: [.char("m"), .enter, .tab, .ctrl("u")] + Self.type("3") + [.enter])
        let key = ClaimKey(school: Mini.qingdao, item: "1")
        #expect(c.state.desk?.form["1"] == DraftEntry(ticked: true, funds: Self.funds(8, 3, 2, 0)))
        #expect(c.state.desk?.resubmit == ["1"])
        let before = try #require(c.ledger.claim(key))
        c.send(.key(.char("S")))
        let write = SchoolWrite(school: Mini.qingdao, decisions: [Decision(.resubmitted, key, seen: before.state, basis: before.version,
                                                                           funds: Funds(wan: 8, 3, 2, 0))], contacts: nil)
        #expect(c.state.overlay == .confirm(Confirmation(.submit(write))))
        c.send(.key(.char("y")))
        #expect(c.ledger.claim(key)?.state == .pending && c.ledger.claim(key)?.round == 2)
        #expect(c.state.desk?.screen == .preview)
    }

    @Test func theHelpListsTheSchoolKeys() {
        let c = Self.console(Mini.jinan, Self.fresh(), keys: [.char("?")])
        let text = (0..<24).map { c.grid.text(row: $0) }.joined(separator: "\n")
        #expect(text.contains("保存（草稿，可稍后继续填写）") && text.contains("提交（先确认）"))
        #expect(!text.contains("通过光标所在的承接任务"))
    }

    @Test func aWideTerminalShowsTheCommentAsAColumn() {
        var c = Console(rows: 24, cols: 140, ledger: Mini.ledger()) { state in
            state.desk = SchoolDesk(school: Mini.qingdao, ledger: Mini.ledger(), today: Self.today, onBehalf: false)
        }
        let header = c.grid.text(row: 6), row = c.grid.text(row: 7)
        #expect(header.contains("行业企业投入 举办方投入 地市县投入 省厅审核情况 修改意见"))
        #expect(row.contains("退回修改     经费预算填写不完整，请补充举…"))
        let narrow = Self.console(Mini.qingdao, Mini.ledger())
        #expect(!narrow.grid.text(row: 6).contains("修改意见"))
    }

    @Test func keysOfAnotherScreenSayWhereTheyWork() {
        let c = Self.console(Mini.jinan, Mini.ledger(), keys: [.char(" ")])
        #expect(c.state.message == .notOnScreen(.tick))
    }

    // MARK: golden screens (80×24, literal lines)

    @Test func claimingWithTheInlineFormOpenShowsTheTotalsAsTyped() {
        let c = Self.console(Mini.jinan, Self.fresh(), keys: [.char(" "), .char("j"), .enter] + Self.type("2") + [.tab] + Self.type("6"))
        GoldenScreenTests.expectLines((0..<24).map { c.grid.text(row: $0) }, [
            " tzpy 提质培优任务填报 · 济南职业学院（3701000001） · 承接任务           ? 帮助 ",
            "本省申报要求  开始日期：2020-10-19  结束日期：2020-11-30                        ",
            "说明：                                                                          ",
            "省厅联系人：-                                                                   ",
            "平台管理联系人：王芳  办公电话：0531-86001234  手机号：13905310001              ",
            "任务数量：2个；汇总金额：8万元；学校自筹：2万元                                 ",
            "行业企业投入：6万元；举办方投入：0万元；地市县投入：0万元                       ",
            "序号 工作任务                承接  数量    汇总    自筹 行业企业  举办方  地市县",
            "1    加强职业教育研究，构建… [x]      -                                         ",
            "2    按照师生比不低于1:350…  [ ]                                                ",
            "3.1  培育200所左右“三全育人… [ ]                                                ",
            "3.2  培育遴选100个左右名师…  [ ]                                                ",
            "3.3  遴选100个左右德育特色…  [ ]                                                ",
            "4.1  培训10000名左右德育骨…  [ ]                                                ",
            "4.2  遴选100个左右思政教师…  [ ]                                                ",
            "4.3  分级培育遴选1000个左右… [ ]                                                ",
            "4.4  分级培育遴选10000个左…  [ ]                                                ",
            "4.5  分级培育遴选10000个左…  [ ]                                                ",
            "6    中职学校教学条件基本达… [ ]                                                ",
            "填写任务 2（不计数量；预计投入经费（单位：万元））如果无投入，请填写0           ",
            "学校自筹：2               行业企业投入：6           举办方投入：                ",
            "地市县投入：                                                                    ",
            " Tab/↑/↓ 换栏 · Enter 确定 · Esc 放弃                                           ",
            "                                                                                ",
        ], "承接任务 with the form")
    }

    @Test func previewListsEveryCatalogItemWithItsReview() {
        let c = Self.console(Mini.jinan, Mini.ledger())
        GoldenScreenTests.expectLines((0..<24).map { c.grid.text(row: $0) }, [
            " tzpy 提质培优任务填报 · 济南职业学院（3701000001） · 本校任务情况预览   ? 帮助 ",
            "状态：已提交                                                                    ",
            "平台管理联系人：王芳  办公电话：0531-86001234  手机号：13905310001              ",
            "           任务数量   汇总金额   学校自筹 行业企业投入 举办方投入 地市级投入    ",
            "意向承接：        3         71         36           20          7          8    ",
            "已通过：          1         16          6            5          4          1    ",
            "序号 工作任务       承接  数量    汇总    自筹 行业企业  举办方  地市县 审核情况",
            "1    加强职业教育…  是       -      20      10        5       3       2 待审核  ",
            "2    按照师生比不…                                                              ",
            "3.1  培育200所左右… 是       2      16       6        5       4       1 已通过  ",
            "3.2  培育遴选100个…                                                             ",
            "3.3  遴选100个左右…                                                             ",
            "4.1  培训10000名左… 是     120      35      20       10       0       5 待审核  ",
            "4.2  遴选100个左右…                                                             ",
            "4.3  分级培育遴选1…                                                             ",
            "4.4  分级培育遴选1…                                                             ",
            "4.5  分级培育遴选1…                                                             ",
            "5    支持集中连片…                                                              ",
            "6    中职学校教学…                                                              ",
            "7.1  遴选1000所左…                                                              ",
            "7.2  遴选3000个左…                                                              ",
            "1 加强职业教育研究，构建中国特色职业教育的思想体系、话语体系、政策体系和实践体系",
            " w 继续修改 · m 需修改的任务 · t 承接任务 · ? 帮助 · q 退出                     ",
            "                                                                                ",
        ], "本校任务情况预览")
    }

    @Test func returnsShowTheCommentAndNoTotal() {
        let c = Self.console(Mini.qingdao, Mini.ledger(), keys: [.char("m")])
        GoldenScreenTests.expectLines((0..<24).map { c.grid.text(row: $0) }, [
            " tzpy 提质培优任务填报 · 青岛市城阳区职业中等专业学校（3702000003） · …  ? 帮助 ",
            "需修改的任务（1 项）：如果无投入，请填写0                                       ",
            "提交 序号 工作任务                数量    自筹 行业企业  举办方  地市县 审核情况",
            "[ ]  1    加强职业教育研究，构…      -       8        0       2       0 退回修改",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "                                                                                ",
            "修改意见：经费预算填写不完整，请补充举办方投入 · 1 加强职业教育研究，构建中国特…",
            " Enter 修改 · 空格 勾选提交 · s 保存 · S 提交 · q 返回 · ? 帮助                 ",
            "                                                                                ",
        ], "需修改的任务")
    }

    @Test func aRefusedSubmissionListsEveryProblem() {
        let c = Self.console(Mini.qingdao, Self.fresh(), keys: [.char(" "), .char("S")])
        GoldenScreenTests.expectLines((0..<24).map { c.grid.text(row: $0) }, [
            " tzpy 提质培优任务填报 · 青岛市城阳区职业中等专业学校（3702000003） · …  ? 帮助 ",
            "本省申报要求  开始日期：2020-10-19  结束日期：2020-11-30                        ",
            "说明：                                                                          ",
            "省厅联系人：-                                                                   ",
            "平台管理联系人：  办公电话：  手机号：                                          ",
            "任务数量：1个；汇总金额：0万元；学校自筹：0万元                                 ",
            "行业企业投入：0万元；举办方投入：0万元；地市县投入：0万元                       ",
            "序号 工作任务                承接  数量    汇总    自筹 行业企业  举办方  地市县",
            "1    加强职业教育研究，构建… [x]      -                                         ",
            "2 ┌─ 不能提交 ───────────────────────────────────────────────────────────────┐  ",
            "3.│ 1. 平台管理联系人、办公电话、手机号必须填写（c 填写）                    │  ",
            "3.│ 2. 任务 1 未填写完整：学校自筹、行业企业投入、举办方投入、地市县投入（如 │  ",
            "3.│ 果无投入，请填写0）                                                      │  ",
            "4.└──────────────────────────────────────────────────────────────────────────┘  ",
            "4.2  遴选100个左右思政教师…  [ ]                                                ",
            "4.3  分级培育遴选1000个左右… [ ]                                                ",
            "4.4  分级培育遴选10000个左…  [ ]                                                ",
            "4.5  分级培育遴选10000个左…  [ ]                                                ",
            "6    中职学校教学条件基本达… [ ]                                                ",
            "7.1  遴选1000所左右优质中职… [ ]                                                ",
            "7.2  遴选3000个左右优质专业  [ ]                                                ",
            "1 加强职业教育研究，构建中国特色职业教育的思想体系、话语体系、政策体系和实践体系",
            " 空格 勾选 · Enter 填写 · c 联系人 · s 保存 · S 提交 · p 预览 · ? 帮助          ",
            "不能提交：有 2 个问题（见上），改正后再按 S                                     ",
        ], "不能提交")
    }
}
