/// A province contact shown to schools (省厅联系人 and 联系电话).
public struct ProvinceContact: Hashable, Sendable {
    public let name: String
    public let phone: String

    public init(name: String, phone: String, field: String = "联系电话") throws(FieldError) {
        self.name = try ContactRules.name(name, field: "省厅联系人")
        self.phone = try ContactRules.anyPhone(phone, field: field)
    }
}

/// A province's claiming round (本省申报要求): which catalog, which items are open, when, and whom to ask.
public struct Campaign: Sendable {
    public let province: String
    public let catalog: Catalog
    /// Item codes schools may claim in this campaign.
    public let openItems: Set<String>
    public let start: Day
    public let end: Day
    /// 说明, as shown to schools.
    public let instructions: String
    /// 省厅联系人 and 省厅联系人2.
    public let contacts: [ProvinceContact]
    /// `city-review on`: 中职学校 claims go to their city's reviewer (待市级审核) before the province's queue.
    public let cityReview: Bool

    public init(province: String, catalog: Catalog, openItems: Set<String>, start: Day, end: Day,
                instructions: String, contacts: [ProvinceContact], cityReview: Bool = false) {
        self.province = province
        self.catalog = catalog
        self.openItems = openItems
        self.start = start
        self.end = end
        self.instructions = instructions
        self.contacts = contacts
        self.cityReview = cityReview
    }

    /// True when a claim of a school of `type` waits for its city first: the campaign's setting and a 中职学校.
    public func needsCityReview(_ type: SchoolType) -> Bool { cityReview && type == .secondary }

    /// The catalog's default: every item marked claimable is open.
    public static func defaultOpenItems(of catalog: Catalog) -> Set<String> {
        Set(catalog.items.filter(\.claimable).map(\.code))
    }

    /// Why a school may not submit at `time`, or nil: its own submissions are taken from 开始日期 to 结束日期
    /// inclusive, in Beijing time. A resubmission of a returned claim (需修改的任务) is not bound — the province
    /// returns claims after the deadline — nor is a province reviewer's import (it records what happened elsewhere).
    public func submissionRefusal(at time: Timestamp) -> String? {
        let today = time.beijingDay
        if today < start { return "本省申报尚未开始：开始日期 \(start)，结束日期 \(end)（今天是 \(today)，北京时间）" }
        if today > end { return "本省申报已结束：开始日期 \(start)，结束日期 \(end)（今天是 \(today)，北京时间）；请联系省厅" }
        return nil
    }

    /// The items open to schools, in catalog order.
    public var openItemsInOrder: [TaskItem] { catalog.items.filter { openItems.contains($0.code) } }
}
