import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// On a demo province (returns, resubmissions, withdrawals), opened from disk (the replay's roll-up) and
/// kept event by event: 承接数量合计 per item and 学校任务数合计 per city equal sums written out over the claims.
@Suite struct QuantityReplayTests {
    static func check(_ ledger: Ledger) {
        var quantity: [String: (Int64, Int64)] = [:]
        var tasks: [String: Set<Int>] = [:]
        for c in ledger.claims where c.isActive {
            var q = quantity[c.item] ?? (0, 0)
            q.0 += Int64(c.quantity ?? 0)
            if c.state == .approved { q.1 += Int64(c.quantity ?? 0) }
            quantity[c.item] = q
            tasks[c.school, default: []].insert(ledger.catalog.item(c.item)!.task)
        }
        for item in ledger.catalog.items {
            let t = ledger.totals.byItem[item.code] ?? Tally()
            let q = quantity[item.code] ?? (0, 0)
            #expect(t.intended.quantity == q.0 && t.approved.quantity == q.1, "\(item.code)")
        }
        var byCity: [String: Int] = [:]
        for s in ledger.schools { byCity[s.city, default: 0] += tasks[s.code]?.count ?? 0 }
        for (city, n) in byCity { #expect(ledger.totals.byCity[city]?.intended.schoolTasks ?? 0 == n, "\(city)") }
        #expect(ledger.totals.province.intended.schoolTasks == byCity.values.reduce(0, +))
    }

    @Test(arguments: [2020, 5] as [UInt64])
    func demoQuantitiesEqualStraightSums(seed: UInt64) throws {
        try withTemporaryDirectory { root in
            try StoreSetup.demo(at: root, schools: 40, seed: seed)
            let store = try TestData.open(root, actor: "zhangwei")
            let opened = store.ledger
            #expect(opened.claims.contains { $0.state == .withdrawn } || opened.claims.contains { $0.round > 1 })
            #expect(opened.catalog.items.contains { (opened.totals.byItem[$0.code]?.approved.quantity ?? 0) > 0 })
            Self.check(opened)
            var incremental = Ledger(campaign: opened.campaign, schools: opened.schools)
            for e in opened.claims.flatMap({ opened.history(of: $0.key) }).sorted(by: { $0.seq < $1.seq }) { _ = incremental.apply(e) }
            Self.check(incremental)
            #expect(incremental.totals.sameFigures(as: opened.totals))
        }
    }
}
