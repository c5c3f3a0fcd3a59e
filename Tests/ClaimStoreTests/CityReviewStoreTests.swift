import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// The city pre-review step through the store: the cycle school → city → province on disk, and a city
/// account trying every step its role does not allow (each refused before anything is written).
@Suite struct CityReviewStoreTests {
    static let jinanCollege = TestData.school("3701000009", "济南职业学院", .higher, "济南市",
                                              manager: "赵敏", office: "0531-86901234", mobile: "13805310009")
    static let qingdaoSchool = TestData.school("3702000021", "青岛市城阳区职业中等专业学校", .secondary, "青岛市",
                                               manager: "孙丽", office: "0532-87701234", mobile: "13905320021")
    static let schools = TestData.schools + [jinanCollege, qingdaoSchool]
    static let people: [Account] = [
        try! Account(name: "zhangsan", role: .province, display: "张三"),
        try! Account(name: "jinan-city", role: .city("济南市"), display: "济南市教育局"),
        try! Account(name: "jinan-city2", role: .city("济南市")),
        try! Account(name: "jinan-school", role: .school("3701000001")),
    ]
    static let key = TestData.key("3701000001", "3.1")

    /// A data dir with city-review on, these accounts and submissions of 济南's 中职 (3.1, 1), 济南职业学院 (3.1),
    /// 青岛's 中职 (3.1) and 青岛酒店管理 (4.1).
    static func make(_ root: URL, cityReview: Bool = true) throws {
        try TestData.create(at: root, schools: schools, cityReview: cityReview, accounts: people)
        try TestData.open(root).record(TestData.firstSubmissions + [
            TestData.submission("3701000009", "3.1", quantity: 1, funds: Funds(wan: 3, 0, 0, 0)),
            TestData.submission("3702000021", "3.1", quantity: 1, funds: Funds(wan: 2, 0, 0, 0)),
        ])
    }

    @Test func aClaimGoesFromTheSchoolThroughTheCityToTheProvince() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let province = try TestData.open(root)
            #expect(province.ledger.claim(Self.key)?.state == .cityPending)
            #expect(province.ledger.claim(TestData.key("3701000009", "3.1"))?.state == .pending, "a 专科 college goes to the province directly")
            #expect(province.ledger.claim(TestData.key("3702000003", "4.1"))?.state == .pending)
            #expect(province.ledger.totals.province.cityPending == 3)

            // The province may not approve what the city has not passed.
            #expect(throws: StoreError.refused(.workflow(WorkflowError(kind: .approved, key: Self.key, reason: .wrongState(.cityPending))))) {
                try province.record(.on(province.ledger.claim(Self.key)!, .approved))
            }
            let city = try TestData.open(root, actor: "jinan-city", clock: TestData.laterClock)
            #expect(city.readOnlyReason == nil)
            #expect(city.ledger.schools.map(\.code) == ["3701000001", "3701000009"])
            let passed = try city.record(.on(city.ledger.claim(Self.key)!, .passed))
            #expect(passed.kind == .passed && passed.seen == .cityPending && passed.actor == "jinan-city")
            #expect(city.ledger.claim(Self.key)?.state == .pending)

            try province.follow()
            #expect(province.ledger.claim(Self.key)?.state == .pending)
            #expect(try province.record(.on(province.ledger.claim(Self.key)!, .approved)).kind == .approved)
            let lines = try TestData.lines(DataDirectory(root).journal)
            #expect(lines.contains { $0.contains("\tjinan-city\t3701000001\t3.1\t1\tpassed\tcity-pending\t") })
            #expect(lines.contains { $0.contains("\tzhangsan\t3701000001\t3.1\t1\tapproved\tpending\t") })

            let fresh = try TestData.open(root)
            #expect(fresh.ledger.claim(Self.key)?.state == .approved)
            #expect(fresh.ledger.totals.province.cityPending == 2)
            #expect(StoreCheck.run(DataDirectory(root)) == nil)
        }
    }

    /// A school with claims cannot change type into or out of the city step by an import: its passed claims'
    /// journal lines would no longer replay (the store would open read-only); other changes still go through.
    @Test func anImportCannotMoveASchoolWithClaimsOutOfTheCityStep() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let city = try TestData.open(root, actor: "jinan-city")
            try city.record(.on(city.ledger.claim(Self.key)!, .passed))
            let province = try TestData.open(root)
            let old = province.ledger.school("3701000001")!
            let retyped = try School(code: old.code, name: old.name, type: .higher, city: old.city, contacts: old.contacts)
            let size = try TestData.fileSize(DataDirectory(root).journal)
            let schoolsBefore = try TestData.bytes(DataDirectory(root).schools)
            #expect(throws: StoreError.invalid(FieldError(field: "学校类型（3701000001 \(old.name)）",
                                                          expected: "「中职学校」：本省开启市级预审（city-review on），该校已有承接任务，改变类型会改变这些任务的审核流程",
                                                          found: "专科高职院校"))) {
                try province.record([], schools: [retyped])
            }
            #expect(try TestData.fileSize(DataDirectory(root).journal) == size)
            #expect(try TestData.bytes(DataDirectory(root).schools) == schoolsBefore)
            let reopened = try TestData.open(root)
            #expect(reopened.readOnlyReason == nil && reopened.ledger.claim(Self.key)?.state == .pending)
            // A change of type that keeps the step (专科 → 本科) and a school without claims are taken.
            let college = province.ledger.school("3701000009")!
            try province.record([], schools: [try School(code: college.code, name: college.name, type: .undergraduate,
                                                         city: college.city, contacts: college.contacts)])
            #expect(try TestData.open(root).ledger.school("3701000009")?.type == .undergraduate)
        }
    }

    @Test func aCityReturnGoesToTheSchoolAndComesBackToTheCity() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let city = try TestData.open(root, actor: "jinan-city")
            try city.record(.on(city.ledger.claim(Self.key)!, .returned, comment: "经费预算填写不完整"))
            #expect(city.ledger.claim(Self.key)?.state == .returned(comment: "经费预算填写不完整"))
            let province = try TestData.open(root)
            try province.record(.on(province.ledger.claim(Self.key)!, .reopened))
            #expect(province.ledger.claim(Self.key)?.state == .cityPending, "the city's return is reopened to the city")
            try city.follow()
            try city.record(.on(city.ledger.claim(Self.key)!, .returned, comment: "请补充"))
            let school = try TestData.open(root, actor: "jinan-school")
            try school.record(TestData.submission("3701000001", "3.1", quantity: 3, funds: Funds(wan: 7, 5, 4, 1), kind: .resubmitted,
                                                  basis: school.ledger.claim(Self.key)!.version))
            #expect(school.ledger.claim(Self.key)?.state == .cityPending && school.ledger.claim(Self.key)?.round == 2)
            #expect(try TestData.open(root).ledger.claim(Self.key)?.state == .cityPending)
        }
    }

    @Test func aCityAccountCanDoNothingElse() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let size = try TestData.fileSize(DataDirectory(root).journal)
            let city = try TestData.open(root, actor: "jinan-city")
            let claim = city.ledger.claim(Self.key)!
            let who = "city 角色（市级审核人（济南市））"
            let onlyPassOrReturn = "市级审核人只能对本市中职学校的任务市级审核通过或退回修改"
            #expect(throws: StoreError.denied("\(who)不能通过：\(onlyPassOrReturn)")) { try city.record(.on(claim, .approved)) }
            #expect(throws: StoreError.denied("\(who)不能撤销审核：\(onlyPassOrReturn)")) { try city.record(.on(claim, .reopened)) }
            #expect(throws: StoreError.denied("\(who)不能撤回：\(onlyPassOrReturn)")) { try city.record(.on(claim, .withdrawn)) }
            #expect(throws: StoreError.denied("\(who)不能提交：\(onlyPassOrReturn)")) {
                try city.record(TestData.submission("3701000001", "4.2", quantity: 1, funds: Funds(wan: 1, 0, 0, 0)))
            }
            // A higher vocational college of its own city: the province's alone.
            let college = city.ledger.claim(TestData.key("3701000009", "3.1"))!
            #expect(throws: StoreError.denied("\(who)只审核中职学校：学校 3701000009 是专科高职院校，由省厅直接审核")) {
                try city.record(.on(college, .returned, comment: "不行"))
            }
            // Another city's 中职 school, which this store does not even hold.
            #expect(throws: StoreError.denied("\(who)只能审核济南市的学校，不能操作学校 3702000021")) {
                try city.record(TestData.decision(.passed, school: "3702000021", item: "3.1", basis: 5))
            }
            // Imports, generated history and accounts are the province's.
            #expect(throws: StoreError.denied("city 角色（市级审核人（济南市））不能导入或管理账户：只有 province 角色可以")) {
                try city.record([], schools: [Self.jinanCollege])
            }
            #expect(throws: StoreError.self) { try city.setAccounts(Self.people) }
            #expect(try TestData.fileSize(DataDirectory(root).journal) == size, "nothing was written")

            // Once passed, the claim is the province's: the city can neither return it nor pass it again.
            let passed = try city.record(.on(claim, .passed))
            let now = city.ledger.claim(Self.key)!
            #expect(throws: StoreError.denied("\(who)只能审核待市级审核的任务：学校 3701000001 的任务 3.1 当前为「待审核」")) {
                try city.record(.on(now, .returned, comment: "再看看"))
            }
            #expect(throws: StoreError.conflict(.workflow(WorkflowError(kind: .passed, key: Self.key,
                                                                        reason: .alreadyDecided(by: "jinan-city", at: TestData.now, kind: .passed))))) {
                try city.record(.on(now, .passed))
            }
            #expect(passed.seq == 6)
        }
    }

    @Test func aSecondCityReviewerWhoSawTheClaimBeforeThePassGetsAConflict() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let first = try TestData.open(root, actor: "jinan-city")
            let second = try TestData.open(root, actor: "jinan-city2")
            try first.record(.on(first.ledger.claim(Self.key)!, .passed))
            let stale = second.ledger.claim(Self.key)!
            #expect(stale.state == .cityPending)
            #expect(throws: StoreError.conflict(.workflow(WorkflowError(kind: .returned, key: Self.key,
                                                                        reason: .stale(by: "jinan-city", at: TestData.now, kind: .passed))))) {
                try second.record(.on(stale, .returned, comment: "补充"))
            }
        }
    }

    @Test func theProvinceDoesNotPassAndACityWritesNothingWhenTheStepIsOff() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let province = try TestData.open(root)
            #expect(throws: StoreError.denied("province 角色（省厅审核人）不能市级审核通过：市级预审由 city 角色进行，省厅通过待审核的任务")) {
                try province.record(.on(province.ledger.claim(Self.key)!, .passed))
            }
        }
        try withTemporaryDirectory { root in
            try Self.make(root, cityReview: false)
            let city = try TestData.open(root, actor: "jinan-city")
            #expect(city.ledger.claim(Self.key)?.state == .pending)
            #expect(city.readOnlyReason == .denied("jinan-city 是 city 角色（济南市）：campaign.tsv 未开启市级预审（city-review off），不能写入"))
        }
    }

    @Test func theCampaignFileSaysOnOrOff() throws {
        let text = ReferenceFiles.formatCampaign(TestData.campaign(cityReview: true))
        #expect(text.hasSuffix("open\tdefault\ncity-review\ton\n"))
        #expect(try ReferenceFiles.parseCampaign(text, file: "/x/campaign.tsv", catalog: TestData.catalog).cityReview)
        #expect(!ReferenceFiles.formatCampaign(TestData.campaign()).contains("city-review"))
        #expect(try !ReferenceFiles.parseCampaign(text.replacingOccurrences(of: "\ton", with: "\toff"), file: "/x/campaign.tsv",
                                                  catalog: TestData.catalog).cityReview)
        #expect(throws: StoreError.reference(file: "/x/campaign.tsv", line: 9, field: "city-review", problem: "expected on or off, found \"yes\"")) {
            try ReferenceFiles.parseCampaign(text.replacingOccurrences(of: "\ton", with: "\tyes"), file: "/x/campaign.tsv", catalog: TestData.catalog)
        }
    }
}
