#if canImport(Glibc)
import Glibc
#endif
import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// Roles are enforced by the store for every write and scope every read, whatever the caller's UI does.
@Suite struct RoleTests {
    static let people: [Account] = [
        try! Account(name: "zhangsan", role: .province, display: "张三"),
        try! Account(name: "wang", role: .viewer, display: "王五"),
        try! Account(name: "jinan-school", role: .school("3701000001")),
        try! Account(name: "jinan-city", role: .city("济南市")),
        try! Account(name: "qingdao-city", role: .city("青岛市")),
    ]

    /// A data dir with these accounts and the three first submissions (济南 3.1 and 1, 青岛 4.1).
    static func make(_ root: URL) throws {
        try StoreSetup.create(at: root, catalogText: TestData.catalogText, campaign: TestData.campaign(),
                              schools: TestData.schools, accounts: people)
        try TestData.open(root).record(TestData.firstSubmissions)
    }

    @Test func aViewerReadsEverythingAndWritesNothing() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let size = try TestData.fileSize(DataDirectory(root).journal)
            let viewer = try TestData.open(root, actor: "wang")
            #expect(viewer.ledger.claims.count == 3)
            #expect(viewer.readOnlyReason == .denied("wang 是 viewer 角色（只读用户）：只能查看，不能写入"))
            let claim = try #require(viewer.ledger.claim(TestData.key("3701000001", "3.1")))
            #expect(throws: StoreError.denied("wang 是 viewer 角色（只读用户）：只能查看，不能写入")) {
                try viewer.record(TestData.decision(.approved, on: claim))
            }
            #expect(throws: StoreError.denied("wang 是 viewer 角色（只读用户）：只能查看，不能写入")) {
                try viewer.setAccounts(Self.people)
            }
            #expect(try TestData.fileSize(DataDirectory(root).journal) == size)
        }
    }

    @Test func aNameNotInAccountsReadsButEveryWriteNamesAccountsTSV() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let stranger = try TestData.open(root, actor: "mallory")
            #expect(stranger.ledger.claims.count == 3)
            let claim = try #require(stranger.ledger.claim(TestData.key("3701000001", "3.1")))
            let path = DataDirectory(root).accounts.path
            #expect(throws: StoreError.denied("mallory 不在 \(path) 中：只能查看，不能写入；请管理员运行 tzpy accounts add mallory --role …")) {
                try stranger.record(TestData.decision(.approved, on: claim))
            }
        }
    }

    @Test func aSchoolSeesOnlyItsOwnClaimsAndMaySubmitOnlyForItself() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let school = try TestData.open(root, actor: "jinan-school", clock: TestData.campaignClock)
            #expect(school.readOnlyReason == nil)
            #expect(school.ledger.schools.map(\.code) == ["3701000001"])
            #expect(Set(school.ledger.claims.map(\.key).map(\.school)) == ["3701000001"])
            #expect(school.ledger.totals.province.intended.claims == 2)
            #expect(school.canSee(school: "3702000003") == false)

            let own = try #require(school.ledger.claim(TestData.key("3701000001", "3.1")))
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）不能通过：审核由省厅或市级审核人进行")) {
                try school.record(TestData.decision(.approved, on: own))
            }
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）只能提交或撤回本校的任务，不能操作学校 3702000003")) {
                try school.record(TestData.submission("3702000003", "3.1", quantity: 1, funds: Funds(wan: 1, 1, 1, 1)))
            }
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）不能导入或管理账户：只有 province 角色可以")) {
                try school.record([], schools: [TestData.weifang])
            }
            let written = try school.record(TestData.submission("3701000001", "4.1", quantity: 50, funds: Funds(wan: 2, 0, 0, 0)))
            #expect(written.actor == "jinan-school")
            #expect(written.seq == 4)

            // Events of other schools still advance the numbering: a later province decision elsewhere,
            // followed by the school, leaves its view intact and its next submission correctly numbered.
            let province = try TestData.open(root)
            try province.record(TestData.decision(.approved, on: try #require(province.ledger.claim(TestData.key("3702000003", "4.1")))))
            #expect(try school.follow() == [])
            #expect(school.ledger.lastSeq == 5)
            #expect(try school.record(TestData.submission("3701000001", "4.2", quantity: 1, funds: Funds(wan: 1, 0, 0, 0))).seq == 6)
            #expect(StoreCheck.run(DataDirectory(root)) == nil)
        }
    }

    @Test func aCityAccountSeesItsCityAndCannotDecideYet() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let city = try TestData.open(root, actor: "qingdao-city")
            #expect(city.ledger.schools.map(\.code) == ["3702000003"])
            #expect(city.ledger.claims.count == 1)
            #expect(city.readOnlyReason == .denied("qingdao-city 是 city 角色（青岛市）：campaign.tsv 未开启市级预审（city-review off），不能写入"))
        }
    }

    @Test func withoutAccountsTheOwnerIsTheOnlyProvinceReviewer() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            try FileManager.default.removeItem(at: DataDirectory(root).accounts)
            let owner = try TestData.open(root, actor: UnixUser.effective)
            #expect(owner.readOnlyReason == nil)
            #expect(owner.account?.role == .province)
            let other = try TestData.open(root, actor: "zhangsan")
            #expect(other.readOnlyReason == .denied("数据目录还没有 \(DataDirectory(root).accounts.path)，只有其所有者 \(UnixUser.effective) 可以写入；zhangsan 只能查看"))
        }
    }

    @Test func accountsChangeOnlyThroughAProvinceReviewerAndKeepOne() throws {
        try withTemporaryDirectory { root in
            try Self.make(root)
            let reviewer = try TestData.open(root)
            let added = Self.people + [try Account(name: "li", role: .province, display: "李四")]
            try reviewer.setAccounts(added)
            #expect(try TestData.open(root, actor: "li").account == added.last)
            #expect(try TestData.open(root, actor: "li").displayName(of: "zhangsan") == "张三")
            #expect(throws: StoreError.denied("至少要保留一个 province 角色的账户，否则无人能管理此数据目录")) {
                try reviewer.setAccounts(Self.people.filter { $0.role != .province })
            }
            let school = try TestData.open(root, actor: "jinan-school")
            #expect(throws: StoreError.denied("school 角色（学校 3701000001）不能导入或管理账户：只有 province 角色可以")) {
                try school.setAccounts(added)
            }
        }
    }

    /// A person who may read the folder but is not its owner (a colleague's account with group read, or
    /// a read-only mount) opens every read, takes the shared lock, and is told why writes are refused.
    @Test(.enabled(if: getuid() == 0, "acts as another user (nobody): needs root, as CI runs"))
    func aUserWhoMayOnlyReadOpensAndIsToldWhy() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("claimstore-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.make(root)
        #expect(chmod(root.path, 0o755) == 0)
        for name in DataDirectory.allNames where FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) {
            #expect(chmod(root.appendingPathComponent(name).path, 0o644) == 0)
        }
        let path = root.path
        await #expect(processExitsWith: .success) { [path = path as String] in
            guard setgid(65534) == 0, setuid(65534) == 0 else { exit(10) }
            let store = try Store(URL(fileURLWithPath: path), actor: "zhangsan")
            guard store.ledger.claims.count == 3 else { exit(11) }
            guard case .denied(let why)? = store.readOnlyReason, why.contains("只读") else { exit(12) }
            let claim = store.ledger.claim(TestData.key("3701000001", "3.1"))!
            do { try store.record(TestData.decision(.approved, on: claim)); exit(13) } catch {}
            guard try store.follow() == [] else { exit(14) }
        }
    }
}
