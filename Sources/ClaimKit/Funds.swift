/// The four parts of a claim's 预计投入经费 in 万元; 汇总 is always their sum, never stored apart.
public struct Funds: Hashable, Sendable {
    /// 学校自筹: the school's own money.
    public var selfFunded: Money
    /// 行业企业投入: money from industry and enterprises.
    public var industry: Money
    /// 举办方投入: the sponsor's non-fiscal money.
    public var sponsor: Money
    /// 地市县投入 (地市级投入 on the platform's preview): city and county fiscal money.
    public var local: Money

    public static let zero = Funds(selfFunded: .zero, industry: .zero, sponsor: .zero, local: .zero)

    public init(selfFunded: Money, industry: Money, sponsor: Money, local: Money) {
        self.selfFunded = selfFunded
        self.industry = industry
        self.sponsor = sponsor
        self.local = local
    }

    /// Whole 万元 amounts, for tests and the demo generator.
    public init(wan selfFunded: Int64, _ industry: Int64, _ sponsor: Int64, _ local: Int64) {
        self.init(selfFunded: Money(wan: selfFunded), industry: Money(wan: industry),
                  sponsor: Money(wan: sponsor), local: Money(wan: local))
    }

    /// 汇总: the sum of the four parts.
    public var total: Money { selfFunded + industry + sponsor + local }

    /// True when all four parts are zero.
    public var isZero: Bool { total == .zero }

    /// The platform's labels for the four parts, in column order.
    public static let partLabels = ["学校自筹", "行业企业投入", "举办方投入", "地市县投入"]

    /// The four parts in column order.
    public var parts: [Money] { [selfFunded, industry, sponsor, local] }

    /// Parses the four parts, each with its own label in any error.
    public static func parse(_ texts: [String]) throws(FieldError) -> Funds {
        precondition(texts.count == 4, "four parts")
        return Funds(selfFunded: try Money.parse(texts[0], field: partLabels[0]),
                     industry: try Money.parse(texts[1], field: partLabels[1]),
                     sponsor: try Money.parse(texts[2], field: partLabels[2]),
                     local: try Money.parse(texts[3], field: partLabels[3]))
    }

    public static func + (a: Funds, b: Funds) -> Funds {
        Funds(selfFunded: a.selfFunded + b.selfFunded, industry: a.industry + b.industry,
              sponsor: a.sponsor + b.sponsor, local: a.local + b.local)
    }

    public static func - (a: Funds, b: Funds) -> Funds {
        Funds(selfFunded: a.selfFunded - b.selfFunded, industry: a.industry - b.industry,
              sponsor: a.sponsor - b.sponsor, local: a.local - b.local)
    }
}
