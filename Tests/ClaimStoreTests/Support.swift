import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// Shared test data for the store: the bundled national catalog, a few Shandong schools, a campaign,
/// and helpers for temporary data dirs.
enum TestData {
    static let catalogText: String = try! BundledData.catalogText("national-2020").text
    static let catalog: Catalog = try! CatalogFormat.parse(catalogText, file: "national-2020.tsv")

    /// The fixed clock of the tests: 2023-11-14T22:13:20Z.
    static let now = Timestamp(seconds: 1_700_000_000)
    static let clock: @Sendable () -> Timestamp = { Timestamp(seconds: 1_700_000_000) }
    /// A clock inside the test campaign's dates (2020-11-02T01:30:00Z): a school account's submissions are taken.
    static let campaignClock: @Sendable () -> Timestamp = { Timestamp(seconds: 1_604_280_600) }
    /// A second, later clock for a second reviewer.
    static let later = Timestamp(seconds: 1_700_000_600)
    static let laterClock: @Sendable () -> Timestamp = { Timestamp(seconds: 1_700_000_600) }

    static func school(_ code: String, _ name: String, _ type: SchoolType, _ city: String,
                       manager: String, office: String, mobile: String) -> School {
        try! School(code: code, name: name, type: type, city: city,
                    contacts: SchoolContacts(manager: manager, officePhone: office, mobile: mobile))
    }

    static let jinan = school("3701000001", "济南市历城职业中等专业学校", .secondary, "济南市",
                              manager: "王芳", office: "0531-88112233", mobile: "13805310001")
    static let qingdao = school("3702000003", "青岛酒店管理职业技术学院", .higher, "青岛市",
                                manager: "李强", office: "0532-86051234", mobile: "13905320002")
    static let weifang = school("3707000012", "山东潍坊信息工程职业技术大学", .undergraduate, "潍坊市",
                                manager: "欧阳秀英", office: "0536-8512345", mobile: "18653600003")
    static let schools = [jinan, qingdao, weifang]

    static func campaign(open: Set<String>? = nil, instructions: String = "1.填写平台管理联系人及办公电话、手机号\n2.勾选任务并填写有关信息\n3.提交",
                         contacts: [ProvinceContact]? = nil, cityReview: Bool = false) -> Campaign {
        Campaign(province: "山东省", catalog: catalog, openItems: open ?? Campaign.defaultOpenItems(of: catalog),
                 start: Day(year: 2020, month: 10, day: 19), end: Day(year: 2020, month: 11, day: 30),
                 instructions: instructions,
                 contacts: contacts ?? [try! ProvinceContact(name: "王老师", phone: "0531-81916526"),
                                        try! ProvinceContact(name: "李老师", phone: "13811111111", field: "联系电话2")],
                 cityReview: cityReview)
    }

    /// The province reviewers the tests act as (the creating user is one too).
    static let reviewers = ["zhangsan", "lisi", "wangwu", "zhaoliu", "zhangsa"].map { try! Account(name: $0, role: .province) }

    /// Creates a data dir with the national catalog, the campaign, `schools` and the test reviewers.
    static func create(at url: URL, schools: [School] = TestData.schools, cityReview: Bool = false,
                       accounts: [Account] = TestData.reviewers) throws {
        try StoreSetup.create(at: url, catalogText: catalogText, campaign: campaign(cityReview: cityReview), schools: schools,
                              accounts: accounts)
    }

    static func open(_ url: URL, actor: String = "zhangsan",
                     clock: @escaping @Sendable () -> Timestamp = TestData.clock) throws -> Store {
        try Store(url, actor: actor, clock: clock)
    }

    /// A school's submission draft (the store stamps seq, time and actor).
    static func submission(_ school: String, _ item: String, quantity: Int?, funds: Funds,
                           kind: ReviewEvent.Kind = .submitted, basis: Int = 0) -> Decision {
        Decision(kind, ClaimKey(school: school, item: item), basis: basis, quantity: quantity, funds: funds)
    }

    /// A reviewer's decision draft on the claim as the reviewer sees it.
    static func decision(_ kind: ReviewEvent.Kind, on claim: Claim, comment: String? = nil) -> Decision {
        decision(kind, school: claim.school, item: claim.item, basis: claim.version, comment: comment)
    }

    static func decision(_ kind: ReviewEvent.Kind, school: String, item: String, basis: Int,
                         comment: String? = nil) -> Decision {
        Decision(kind, ClaimKey(school: school, item: item), basis: basis, comment: comment)
    }

    /// The three submissions most tests start from: 3.1 (所) and 1 (no quantity) of 济南, 4.1 (名) of 青岛.
    static let firstSubmissions: [Decision] = [
        submission("3701000001", "3.1", quantity: 2, funds: Funds(wan: 6, 5, 4, 1)),
        submission("3701000001", "1", quantity: nil,
                   funds: Funds(selfFunded: Money(units: 125_000), industry: .zero, sponsor: Money(units: 1), local: Money(wan: 3))),
        submission("3702000003", "4.1", quantity: 120, funds: Funds(wan: 20, 10, 0, 5)),
    ]

    static func key(_ school: String, _ item: String) -> ClaimKey { ClaimKey(school: school, item: item) }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func lines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func fileSize(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? -1
    }

    /// Copies the reference files of `source` into a new data dir `target` (without the journal).
    static func copyReference(from source: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in [DataDirectory.catalogName, DataDirectory.campaignName, DataDirectory.schoolsName, DataDirectory.reasonsName,
                     DataDirectory.accountsName] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
    }
}

/// Runs `body` with a fresh folder under the temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("claimstore-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Decodes one journal line (without its newline).
func decodeLine(_ line: String) throws -> JournalCodec.Decoded {
    let bytes = Array(line.utf8)
    return try bytes.withUnsafeBufferPointer { buffer in try JournalCodec.decode(buffer) }
}

/// Compares what people see of two ledgers: every claim with its history, the last seq and the totals.
func sameLedger(_ a: Ledger, _ b: Ledger) -> Bool {
    a.claims == b.claims && a.lastSeq == b.lastSeq && a.totals.sameFigures(as: b.totals) && a.drafts == b.drafts
        && a.schools == b.schools && a.reviewedSchools == b.reviewedSchools
        && a.claims.allSatisfy { a.history(of: $0.key) == b.history(of: $0.key) }
}
