import Testing
@testable import ClaimKit

/// Drafts (保存) fold apart from the claims: no claim, no total, cleared by a submission of the item.
@Suite struct DraftTests {
    static func ledger() -> Ledger { Ledger(campaign: Fixtures.campaign, schools: [Fixtures.school()]) }

    static func draft(_ item: String, _ entry: DraftEntry, seq: Int) -> ReviewEvent {
        ReviewEvent(seq: seq, time: Fixtures.t0, actor: "school", school: "3701000001", item: item, kind: .drafted, draft: entry)
    }

    @Test func aDraftIsNoClaimAndInNoTotal() throws {
        var ledger = Self.ledger()
        let entry = DraftEntry(ticked: true, quantity: 1, funds: [Money(wan: 6), nil, nil, nil])
        let recorded = try ledger.apply(Self.draft("3.1", entry, seq: 1)).get()
        #expect(recorded.round == 1 && recorded.seen == nil && recorded.funds == nil)
        #expect(ledger.drafts.entry(school: "3701000001", item: "3.1") == entry)
        #expect(ledger.claims.isEmpty)
        #expect(ledger.totals.province == Self.ledger().totals.province)
        #expect(ledger.lastSeq == 1)
        #expect(ledger.history(of: ClaimKey(school: "3701000001", item: "3.1")).isEmpty)
    }

    @Test func submittingTheItemClearsItsDraftOnly() throws {
        var ledger = Self.ledger()
        _ = try ledger.apply(Self.draft("3.1", DraftEntry(ticked: true, quantity: 1), seq: 1)).get()
        _ = try ledger.apply(Self.draft("1", DraftEntry(ticked: true), seq: 2)).get()
        _ = try ledger.apply(Fixtures.submit("3.1", 1, Funds(wan: 1, 2, 3, 4), seq: 3)).get()
        #expect(ledger.drafts.entry(school: "3701000001", item: "3.1") == nil)
        #expect(ledger.drafts.entry(school: "3701000001", item: "1") == DraftEntry(ticked: true))
        #expect(ledger.totals.province.intended.claims == 1)
    }

    @Test func untickingForgetsAndAnUntickedDraftHoldsNothing() throws {
        var ledger = Self.ledger()
        _ = try ledger.apply(Self.draft("1", DraftEntry(ticked: true), seq: 1)).get()
        _ = try ledger.apply(Self.draft("1", .cleared, seq: 2)).get()
        #expect(ledger.drafts.isEmpty)
        #expect(Ledger.draftProblem(DraftEntry(ticked: false, quantity: 2), item: Fixtures.national.item("3.1")!)
            == "未勾选的任务不保存承接数量或经费")
        #expect(Ledger.draftProblem(DraftEntry(ticked: true, quantity: 0), item: Fixtures.national.item("3.1")!) == "承接数量应为正整数")
        #expect(Ledger.draftProblem(nil, item: Fixtures.national.item("3.1")!) == "缺少保存的内容")
    }

    @Test func whatAnEntryLacksNamesEachField() {
        let item = Fixtures.national.item("3.1")!
        let entry = DraftEntry(ticked: true, quantity: nil, funds: [Money(wan: 1), nil, .zero, nil])
        #expect(entry.missing(for: item) == ["承接数量", "行业企业投入", "地市县投入"])
        #expect(entry.completeFunds == nil)
        #expect(entry.typedTotal == Money(wan: 1))
        let full = DraftEntry(ticked: true, quantity: 2, funds: [Money(wan: 1), .zero, .zero, Money(wan: 2)])
        #expect(full.missing(for: item).isEmpty && full.completeFunds == Funds(wan: 1, 0, 0, 2))
    }

    @Test func theDatesBindFromStartToEndInBeijingTime() {
        let campaign = Fixtures.campaign
        #expect(campaign.submissionRefusal(at: Timestamp(seconds: 1_606_751_999)) == nil)   // 11-30 23:59:59 in Beijing
        #expect(campaign.submissionRefusal(at: Timestamp(seconds: 1_606_752_000))
            == "本省申报已结束：开始日期 2020-10-19，结束日期 2020-11-30（今天是 2020-12-01，北京时间）；请联系省厅")
        #expect(campaign.submissionRefusal(at: Timestamp(seconds: 1_603_036_800)) == nil)   // 10-19 00:00 in Beijing
        #expect(campaign.submissionRefusal(at: Timestamp(seconds: 1_603_036_799)) != nil)
    }
}
