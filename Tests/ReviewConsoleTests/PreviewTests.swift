import ClaimKit
import Testing
@testable import ReviewConsole

/// The preview pane and the detail show a resubmission's changes against the round before.
@Suite struct PreviewTests {
    /// 青岛 1 was returned asking for 举办方投入; the school resubmits with only 学校自筹 changed.
    static func resubmitted() -> Ledger {
        var ledger = Mini.ledger()
        let claim = ledger.claim(Mini.key(Mini.qingdao, "1"))!
        let d = Decision(.resubmitted, claim.key, seen: claim.state, basis: claim.version, funds: Funds(wan: 9, 0, 2, 0))
        guard case .success = ledger.apply(d.event(seq: ledger.lastSeq + 1, time: Mini.at(60), actor: Mini.qingdao)) else {
            fatalError("resubmission refused")
        }
        return ledger
    }

    @Test func theRoundChangeListsBothRoundsAndTheNamedFigureLeftAsItWas() throws {
        let ledger = Self.resubmitted()
        let history = ledger.history(of: Mini.key(Mini.qingdao, "1"))
        let change = try #require(RoundChange(history: history))
        #expect(change.round == 2)
        #expect(change.comment == "经费预算填写不完整，请补充举办方投入")
        #expect(change.fields.filter(\.changed).map { "\($0.label) \($0.before)→\($0.after)" } == ["汇总 10→11", "学校自筹 8→9"])
        #expect(change.unchangedNamed == ["举办方投入"])
        #expect(RoundChange(history: Array(history.prefix(2))) == nil, "round 1 has no change to show")
    }

    @Test func thePaneUnderTheTableShowsTheChangeAndTheUnchangedFigure() {
        var c = Console(rows: 34, cols: 80, ledger: Self.resubmitted())
        c.press(.char("j"), .enter)   // 青岛: lands on 1, pending again in round 2
        let text = c.grid.text
        #expect(text.contains("── 预览"))
        #expect(text.contains("第 2 轮与上一轮相比："))
        #expect(text.contains("上轮修改意见：经费预算填写不完整，请补充举办方投入"))
        #expect(text.contains("学校自筹 8 → 9"))
        #expect(text.contains("! 举办方投入 未修改"))
        c.press(.char("v"))
        #expect(c.grid.text.contains("! 举办方投入 未修改"), "the detail shows it too")
    }

    @Test func aReturnedClaimsCommentIsBesideTheTableWhenWide() {
        var c = Console(rows: 50, cols: 160, ledger: Mini.ledger())
        c.press(.char("j"), .enter, .char("k"))
        let row = c.grid.row(containing: "修改意见：经费预算填写不完整")
        #expect(row != nil)
        #expect(row.map { c.grid.column(of: "修改意见：", row: $0)! > 100 } == true, "in the pane on the right")
        var narrow = Console(rows: 24, cols: 80, ledger: Mini.ledger())
        narrow.press(.char("j"), .enter, .char("k"))
        #expect(!narrow.grid.text.contains("修改意见：经费"), "no room at 80×24: the detail shows it")
    }
}

/// Who else is here: the console announces the school it shows and shows who else has it open.
@Suite struct PresenceTests {
    @Test func theStatusLineNamesOthersOnTheSameSchoolAndTheConsoleAnnouncesItsOwn() {
        var c = Console(rows: 24, cols: 100, ledger: Mini.ledger()) { $0.names = ["lisi": "李四"] }
        c.others = [Mini.jinan: ["lisi"], Mini.zibo: ["wangwu"]]
        c.send(.tick)
        #expect(c.state.present == [Mini.jinan: ["lisi"], Mini.zibo: ["wangwu"]])
        #expect(!c.grid.text.contains("同时在审"), "the school list shows no school")
        c.press(.enter)
        #expect(c.grid.text(row: 22).contains("同时在审 李四"))
        #expect(!c.grid.text.contains("wangwu"))
        c.press(.char("q"))
        #expect(c.announced == [nil, Mini.jinan, nil])
    }
}

/// A claim whose item does not fit the school's type is marked `!` and says why in the preview.
@Suite struct TypeWarningTests {
    @Test func aSecondarySchoolClaimingAHigherVocationalItemIsMarked() {
        var ledger = Mini.ledger()
        let d = Decision(.submitted, Mini.key(Mini.qingdao, "11.1"), quantity: 1, funds: Funds(wan: 50, 0, 0, 0))
        guard case .success = ledger.apply(d.event(seq: ledger.lastSeq + 1, time: Mini.at(70), actor: Mini.qingdao)) else {
            Issue.record("submission refused"); return
        }
        var c = Console(rows: 34, cols: 80, ledger: ledger)
        c.press(.char("j"), .enter, .char("G"))
        let row = c.grid.row(containing: " 11.1 ")
        #expect(row.map { c.grid.text(row: $0).hasPrefix(" !") } == true, "the ! mark")
        #expect(c.grid.text.contains("! 任务 11.1 面向高职学校，中职学校承接需核实"))
    }
}
