import ClaimKit
import Testing
@testable import ClaimStore

/// The medians computed for every item in one pass equal each item's own, before and after a decision.
@Suite struct ItemMedianTests {
    @Test func theOnePassMediansEqualEachItemsOwn() throws {
        let province = DemoProvince(catalog: try BundledData.catalog("national-2020"), schools: 60, seed: 9)
        var ledger = Ledger(campaign: province.campaign, schools: province.schools)
        for e in province.events() { ledger.apply(e) }
        func own(_ item: String) -> (Money?, Int) {
            let v = ledger.schools.compactMap { ledger.claim(ClaimKey(school: $0.code, item: item)) }.filter(\.isActive).map(\.funds.total)
            return (OutlierRule.median(v), v.count)
        }
        let items = ledger.catalog.items.map(\.code)
        _ = ledger.itemMedian(items[items.count / 2])
        for item in items {
            let (m, n) = ledger.itemMedian(item)
            let (wm, wn) = own(item)
            #expect(m == wm && n == wn, "\(item)")
        }
        // A new submission changes one item's tally: that item alone is recomputed, and right.
        let school = ledger.schools.first { ledger.claim(ClaimKey(school: $0.code, item: "1")) == nil }!
        let d = Decision(.submitted, ClaimKey(school: school.code, item: "1"), funds: Funds(wan: 999, 0, 0, 0))
        guard case .success = ledger.apply(d.event(seq: ledger.lastSeq + 1, time: Timestamp(seconds: 1_700_000_000), actor: school.code)) else {
            Issue.record("submission refused"); return
        }
        let (m, n) = ledger.itemMedian("1")
        let (wm, wn) = own("1")
        #expect(m == wm && n == wn)
    }
}
