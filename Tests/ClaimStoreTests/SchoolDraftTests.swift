import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// A school's own writes: drafts (保存), its contacts, and its submissions bound by the campaign's dates.
@Suite struct SchoolDraftTests {
    static let jinanKey = TestData.key("3701000001", "3.2")

    /// A half-filled draft: ticked, 承接数量 2, 学校自筹 3 and 地市县投入 0 typed, the other two not yet.
    static let halfFilled = DraftEntry(ticked: true, quantity: 2, funds: [Money(wan: 3), nil, nil, .zero])

    @Test func aDraftIsDurableAndSaysWhatIsNotTypedYet() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let school = try TestData.open(root, actor: "jinan-school")
            let written = try school.record(.save(Self.halfFilled, Self.jinanKey))
            #expect(written.kind == .drafted && written.round == 1 && written.draft == Self.halfFilled)
            let line = try #require(try TestData.lines(DataDirectory(root).journal).dropLast().last)
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(Array(fields[3...14]) == ["3701000001", "3.2", "1", "draft", "-", "0", "2", "3", "-", "-", "0", ""])

            // The connection drops: a new process finds the draft as it was saved.
            let again = try TestData.open(root, actor: "jinan-school")
            #expect(again.ledger.drafts.entry(school: "3701000001", item: "3.2") == Self.halfFilled)
            #expect(StoreCheck.run(DataDirectory(root)) == nil)
        }
    }

    @Test func reviewersNeverCountOrSeeADraft() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let before = try TestData.open(root).ledger
            try TestData.open(root, actor: "jinan-school").record(.save(Self.halfFilled, Self.jinanKey))
            let reviewer = try TestData.open(root).ledger
            #expect(reviewer.claims == before.claims)
            #expect(reviewer.claim(Self.jinanKey) == nil)
            #expect(reviewer.totals.sameFigures(as: before.totals))
            #expect(reviewer.totals.bySchool["3701000001"] == before.totals.bySchool["3701000001"])
        }
    }

    @Test func submittingAnItemClearsItsDraftAndUntickingForgetsIt() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let school = try TestData.open(root, actor: "jinan-school", clock: TestData.campaignClock)
            try school.record([.save(Self.halfFilled, Self.jinanKey),
                               .save(DraftEntry(ticked: true), TestData.key("3701000001", "4.1"))])
            try school.record(TestData.submission("3701000001", "3.2", quantity: 2, funds: Funds(wan: 3, 1, 0, 0)))
            #expect(school.ledger.drafts.entry(school: "3701000001", item: "3.2") == nil)
            try school.record(.save(.cleared, TestData.key("3701000001", "4.1")))
            let again = try TestData.open(root, actor: "jinan-school")
            #expect(again.ledger.drafts.hasDraft("3701000001") == false)
            #expect(again.ledger.claim(Self.jinanKey)?.funds == Funds(wan: 3, 1, 0, 0))
        }
    }

    @Test func aDraftsQuantityMustFitTheItem() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let school = try TestData.open(root, actor: "jinan-school")
            #expect(throws: StoreError.refused(.workflow(WorkflowError(kind: .drafted, key: TestData.key("3701000001", "1"),
                                                                       reason: .quantity("此任务不计数量，承接数量应为 -"))))) {
                try school.record(.save(DraftEntry(ticked: true, quantity: 3), TestData.key("3701000001", "1")))
            }
        }
    }

    /// The attack: a school account saves a draft or contacts for another school, by any door.
    @Test func aSchoolAccountCannotDraftOrChangeContactsForAnotherSchool() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let size = try TestData.fileSize(DataDirectory(root).journal)
            let schoolsFile = try TestData.bytes(DataDirectory(root).schools)
            let school = try TestData.open(root, actor: "jinan-school")
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）只能提交或撤回本校的任务，不能操作学校 3702000003")) {
                try school.record(.save(Self.halfFilled, TestData.key("3702000003", "3.2")))
            }
            let contacts = try SchoolContacts(manager: "冒名", officePhone: "0531-12345678", mobile: "13800000000")
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）只能修改本校的联系人，不能修改学校 3702000003 的")) {
                try school.setContacts(contacts, of: "3702000003")
            }
            // Nor through a submission's schools: another school's record, or its own with a new name.
            let other = try School(code: "3702000003", name: TestData.qingdao.name, type: .higher, city: "青岛市", contacts: contacts)
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）不能导入或管理账户：只有 province 角色可以")) {
                try school.record([], schools: [other])
            }
            let renamed = try School(code: "3701000001", name: "改名学校", type: .secondary, city: "济南市", contacts: contacts)
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）不能导入或管理账户：只有 province 角色可以")) {
                try school.record([], schools: [renamed])
            }
            let city = try TestData.open(root, actor: "qingdao-city")
            #expect(throws: StoreError.denied("qingdao-city 是 city 角色（青岛市）：campaign.tsv 未开启市级预审（city-review off），不能写入")) {
                try city.setContacts(contacts, of: "3702000003")
            }
            #expect(try TestData.fileSize(DataDirectory(root).journal) == size)
            #expect(try TestData.bytes(DataDirectory(root).schools) == schoolsFile)
        }
    }

    @Test func aSchoolChangesItsOwnContactsAndNothingElseOfTheFile() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let school = try TestData.open(root, actor: "jinan-school")
            let reviewer = try TestData.open(root)
            let contacts = try SchoolContacts(manager: " 赵敏 ", officePhone: "０５３１－８７６５４３２１", mobile: "１３９００００１１１１")
            let updated = try school.setContacts(contacts, of: "3701000001")
            #expect(updated.contacts.officePhone == "0531-87654321" && updated.contacts.mobile == "13900001111")
            #expect(school.ledger.school("3701000001")?.contacts.manager == "赵敏")
            let reread = try TestData.open(root)
            #expect(reread.ledger.schools.map(\.code) == TestData.schools.map(\.code))
            #expect(reread.ledger.school("3701000001") == updated)
            #expect(reread.ledger.school("3702000003") == TestData.qingdao)
            // An open console of a reviewer picks the new record up on its next follow.
            _ = try reviewer.follow()
            #expect(reviewer.ledger.school("3701000001") == updated)
        }
    }

    @Test func aSchoolSubmissionWithNewContactsIsAccepted() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let school = try TestData.open(root, actor: "jinan-school", clock: TestData.campaignClock)
            let contacts = try SchoolContacts(manager: "赵敏", officePhone: "0531-87654321", mobile: "13900001111")
            let updated = try School(code: "3701000001", name: TestData.jinan.name, type: .secondary, city: "济南市", contacts: contacts)
            try school.record([TestData.submission("3701000001", "3.2", quantity: 1, funds: Funds(wan: 1, 0, 0, 0))], schools: [updated])
            #expect(try TestData.open(root).ledger.school("3701000001") == updated)
        }
    }

    @Test func aSchoolSubmitsOnlyInsideTheCampaignDatesInBeijingTime() throws {
        try withTemporaryDirectory { root in
            try RoleTests.make(root)
            let refusal = StoreError.denied("本省申报已结束：开始日期 2020-10-19，结束日期 2020-11-30（今天是 2020-12-01，北京时间）；请联系省厅")
            // 2020-11-30T16:00:00Z is already 12-01 in Beijing.
            let late = try TestData.open(root, actor: "jinan-school", clock: { Timestamp(seconds: 1_606_752_000) })
            #expect(throws: refusal) {
                try late.record(TestData.submission("3701000001", "3.2", quantity: 1, funds: Funds(wan: 1, 0, 0, 0)))
            }
            let lastMinute = try TestData.open(root, actor: "jinan-school", clock: { Timestamp(seconds: 1_606_751_999) })
            #expect(try lastMinute.record(TestData.submission("3701000001", "3.2", quantity: 1, funds: Funds(wan: 1, 0, 0, 0))).seq == 4)
            let early = try TestData.open(root, actor: "jinan-school", clock: { Timestamp(seconds: 1_602_950_400) })   // 10-18 in Beijing
            #expect(throws: StoreError.denied("本省申报尚未开始：开始日期 2020-10-19，结束日期 2020-11-30（今天是 2020-10-18，北京时间）")) {
                try early.record(TestData.submission("3701000001", "4.1", quantity: 1, funds: Funds(wan: 1, 0, 0, 0)))
            }
            // A draft may be saved at any time, and a province reviewer's import of the platform's records is not bound.
            #expect(try late.record(.save(Self.halfFilled, TestData.key("3701000001", "4.1"))).kind == .drafted)
            #expect(try TestData.open(root).record(TestData.submission("3701000001", "4.1", quantity: 1, funds: Funds(wan: 1, 0, 0, 0))).seq == 6)
        }
    }

    @Test func aDraftLineRoundTripsAndABadOneIsNamed() throws {
        let event = ReviewEvent(seq: 7, time: TestData.later, actor: "jinan-school", school: "3701000001", item: "3.2", round: 1,
                                kind: .drafted, draft: Self.halfFilled)
        let (line, _) = JournalCodec.encode(event, previousHash: JournalCodec.genesis)
        let decoded = try decodeLine(String(line.dropLast()))
        #expect(decoded.event == event)
        #expect(decoded.event.funds == nil && decoded.event.quantity == nil)
        func problem(_ body: String) -> String? {
            guard case .failure(let error) = Result(catching: { try decodeLine(body + "0123456789abcdef") }) else { return nil }
            return "\(error)"
        }
        let prefix = "7\t2023-11-14T22:23:20Z\tjinan-school\t3701000001\t3.2\t"
        #expect(problem(prefix + "2\tdraft\t-\t0\t2\t3\t-\t-\t0\t\t")
            == "round: expected 1 (ticked) or 0 (unticked, with quantity and funds -) on a draft, found 2")
        #expect(problem(prefix + "0\tdraft\t-\t0\t-\t3\t-\t-\t-\t\t")
            == "round: expected 1 (ticked) or 0 (unticked, with quantity and funds -) on a draft, found 0")
        #expect(problem(prefix + "1\tdraft\tpending\t4\t-\t-\t-\t-\t-\t\t") == "seen and basis: expected - and 0 on a draft")
        #expect(problem(prefix + "1\tdraft\t-\t0\t-\t3x\t-\t-\t-\t\t") == "self: expected an amount in 万元, found \"3x\"")
        #expect(problem(prefix + "0\tdraft\t-\t0\t-\t-\t-\t-\t-\t\t") == nil)
    }
}
