import Testing
@testable import ClaimKit

@Suite struct WarningTests {
    let item31 = Fixtures.national.item("3.1")!
    let item1 = Fixtures.national.item("1")!

    @Test func quantityRules() {
        let missing = Claim(school: "3701000001", item: "3.1", quantity: nil, funds: Funds(wan: 1, 0, 0, 0))
        #expect(ClaimChecks.warnings(for: missing, item: item31, campaign: Fixtures.campaign) == [.quantityMissing(unit: "所")])
        let extra = Claim(school: "3701000001", item: "1", quantity: 3, funds: Funds(wan: 1, 0, 0, 0))
        #expect(ClaimChecks.warnings(for: extra, item: item1, campaign: Fixtures.campaign) == [.quantityOnUncountable])
    }

    @Test func zeroFundsMismatchAndClosedItem() {
        let claim = Claim(school: "3701000001", item: "29", quantity: nil, funds: .zero)
        let w = ClaimChecks.warnings(for: claim, item: Fixtures.national.item("29")!, campaign: Fixtures.campaign,
                                     carriedTotal: Money(wan: 5))
        #expect(w == [.noFunds, .totalMismatch(carried: Money(wan: 5), sum: .zero), .itemNotOpen])
        #expect(w.map(\.description).joined().contains("本次申报未开放"))
    }

    @Test func outlierRule() {
        let rule = OutlierRule()
        #expect(OutlierRule.median([Money(wan: 3), Money(wan: 1), Money(wan: 2), Money(wan: 100)]) == Money(wan: 2))
        #expect(rule.flags(Money(wan: 300), median: Money(wan: 20), peers: 5))
        #expect(!rule.flags(Money(wan: 300), median: Money(wan: 20), peers: 4), "too few peers")
        #expect(!rule.flags(Money(wan: 11), median: Money(wan: 2), peers: 50), "a small absolute gap")
        #expect(!rule.flags(Money(wan: 100), median: Money(wan: 20), peers: 50), "exactly 5× is not above")
        let claim = Claim(school: "3701000001", item: "3.1", quantity: 1, funds: Funds(wan: 300, 0, 0, 0))
        #expect(ClaimChecks.warnings(for: claim, item: item31, campaign: Fixtures.campaign, peerMedian: Money(wan: 20), peers: 9)
                == [.outlier(total: Money(wan: 300), median: Money(wan: 20))])
    }
}
