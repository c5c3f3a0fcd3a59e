import Foundation
@testable import ClaimKit

/// Shared test data: the bundled catalogs and the manual's example school.
enum Fixtures {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func catalogText(_ id: String) throws -> String {
        try String(contentsOf: repo.appendingPathComponent("Data/catalogs/\(id).tsv"), encoding: .utf8)
    }

    static let national: Catalog = try! CatalogFormat.parse(catalogText("national-2020"), file: "national-2020.tsv")
    static let shandong: Catalog = try! CatalogFormat.parse(catalogText("shandong-2020"), file: "shandong-2020.tsv")

    static let campaign = Campaign(
        province: "山东省", catalog: national, openItems: Campaign.defaultOpenItems(of: national),
        start: Day(year: 2020, month: 10, day: 19), end: Day(year: 2020, month: 11, day: 30),
        instructions: "1.填写平台管理联系人及办公电话、手机号 2.勾选任务并填写有关信息 3.提交", contacts: [])

    /// The same campaign with `city-review on`: 中职学校 claims wait for their city first.
    static let cityReviewCampaign = Campaign(
        province: campaign.province, catalog: national, openItems: campaign.openItems, start: campaign.start, end: campaign.end,
        instructions: campaign.instructions, contacts: [], cityReview: true)

    static func school(_ code: String = "3701000001", city: String = "济南市", type: SchoolType = .secondary) -> School {
        try! School(code: code, name: "济南市历城职业中等专业学校", type: type, city: city,
                    contacts: SchoolContacts(manager: "本校联系人1", officePhone: "0310-8888888", mobile: "13000000001"))
    }

    static let t0 = Timestamp(seconds: 1_603_000_000)

    static func submit(_ item: String, _ q: Int?, _ f: Funds, school: String = "3701000001", basis: Int = 0, seq: Int = 1) -> ReviewEvent {
        ReviewEvent(seq: seq, time: t0, actor: "school", school: school, item: item, kind: .submitted, basis: basis,
                    quantity: q, funds: f)
    }
}
