/// Something a reviewer should see beside a claim: not an error, but worth a second look.
public enum ClaimWarning: Hashable, Sendable, CustomStringConvertible {
    /// A countable item without 承接数量.
    case quantityMissing(unit: String)
    /// A 承接数量 on an item that counts nothing.
    case quantityOnUncountable
    /// All four funds are zero.
    case noFunds
    /// The 汇总 a file carried differs from the sum of the parts.
    case totalMismatch(carried: Money, sum: Money)
    /// The campaign does not open the item to schools.
    case itemNotOpen
    /// 汇总 far above what other schools budget for the same item (see `OutlierRule`).
    case outlier(total: Money, median: Money)
    /// The item is meant for another kind of body than this school (see `ItemAudience`).
    case itemNotForSchool(item: String, audience: ItemAudience, type: SchoolType)

    public var description: String {
        switch self {
        case .quantityMissing(let unit): "可计数任务缺少承接数量（\(unit)）"
        case .quantityOnUncountable: "此任务不计数量，却填写了承接数量"
        case .noFunds: "四项经费均为0"
        case .totalMismatch(let carried, let sum): "汇总 \(carried) 与四项之和 \(sum) 不符"
        case .itemNotOpen: "本次申报未开放此任务"
        case .outlier(let total, let median): "汇总 \(total) 万元远高于同任务各校中位数 \(median) 万元"
        case .itemNotForSchool(let item, .technical, _): "任务 \(item) 面向技工院校，校名不含技工、技师，承接需核实"
        case .itemNotForSchool(let item, let audience, let type): "任务 \(item) 面向\(audience.label)，\(type.rawValue)承接需核实"
        }
    }
}

/// The outlier rule: a claim's 汇总 is flagged when at least `minimumPeers` other schools claimed the
/// same item, and it is more than `factor` times the median 汇总 of the item's claims and at least
/// `margin` 万元 above it. (`Ledger` takes the median over all of the item's active claims.)
///
/// The median resists a few large budgets among the peers; the margin keeps small items (median 2 万元,
/// claim 11 万元) from being flagged for amounts nobody would question.
public struct OutlierRule: Sendable {
    public var minimumPeers = 5
    public var factor: Int64 = 5
    public var margin = Money(wan: 50)

    public init() {}

    /// The median of `totals` (the lower middle value for an even count), or nil when empty.
    public static func median(_ totals: [Money]) -> Money? {
        guard !totals.isEmpty else { return nil }
        return totals.sorted()[(totals.count - 1) / 2]
    }

    /// True when `total` stands out against `median` of `peers` other claims.
    public func flags(_ total: Money, median: Money, peers: Int) -> Bool {
        peers >= minimumPeers && total.units > median.units * factor && (total - median) >= margin
    }
}

/// Computes the warnings for one claim.
public enum ClaimChecks {
    /// The warnings for `claim` on `item` in `campaign`. `carriedTotal` is a 汇总 read from a file, if any;
    /// `peerMedian` and `peers` describe the other schools' 汇总 for the same item. `school` is the claiming
    /// school, for the item-audience check (`ItemAudience`, by the campaign's catalog id); without it the
    /// check is skipped.
    public static func warnings(for claim: Claim, item: TaskItem, campaign: Campaign?, school: School? = nil,
                                carriedTotal: Money? = nil, peerMedian: Money? = nil, peers: Int = 0,
                                rule: OutlierRule = OutlierRule()) -> [ClaimWarning] {
        var found: [ClaimWarning] = []
        switch (claim.quantity, item.unit) {
        case (nil, let unit?): found.append(.quantityMissing(unit: unit))
        case (_?, nil): found.append(.quantityOnUncountable)
        default: break
        }
        if claim.funds.isZero { found.append(.noFunds) }
        if let carriedTotal, carriedTotal != claim.funds.total {
            found.append(.totalMismatch(carried: carriedTotal, sum: claim.funds.total))
        }
        if let campaign, !campaign.openItems.contains(item.code) { found.append(.itemNotOpen) }
        if let peerMedian, rule.flags(claim.funds.total, median: peerMedian, peers: peers) {
            found.append(.outlier(total: claim.funds.total, median: peerMedian))
        }
        if let school, let warning = itemFit(item: item, school: school, catalog: campaign?.catalog.id) {
            found.append(warning)
        }
        return found
    }

    /// The item-audience warning for `school` claiming `item` of the catalog `catalog`, if the item is
    /// meant for another kind of body.
    public static func itemFit(item: TaskItem, school: School, catalog: String?) -> ClaimWarning? {
        guard let audience = ItemAudience.of(item, catalog: catalog), !audience.fits(school) else { return nil }
        return .itemNotForSchool(item: item.code, audience: audience, type: school.type)
    }
}
