import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// Opening a store replays the journal with the totals computed once at the end (`Ledger.beginReplay`);
/// they must equal the totals kept event by event, and stay incremental for what follows.
@Suite struct ReplayTotalsTests {
    @Test(arguments: [2020, 9] as [UInt64])
    func openedTotalsEqualTotalsKeptEventByEvent(seed: UInt64) throws {
        try withTemporaryDirectory { root in
            try StoreSetup.demo(at: root, schools: 40, seed: seed)
            let store = try TestData.open(root, actor: "zhangwei")
            let opened = store.ledger
            #expect(opened.claims.count > 500)

            var incremental = Ledger(campaign: opened.campaign, schools: opened.schools)
            let events = opened.claims.flatMap { opened.history(of: $0.key) }.sorted { $0.seq < $1.seq }
            #expect(events.count == opened.lastSeq)
            for e in events { _ = incremental.apply(e) }
            #expect(incremental.lastSeq == opened.lastSeq)
            #expect(opened.totals.sameFigures(as: incremental.totals))
            #expect(opened.totals.province == incremental.totals.province)
            #expect(opened.totals.province.intended.claims > 0 && opened.totals.province.approved.claims > 0)

            // After the open, a decision updates the totals at once (not deferred).
            let pending = try #require(opened.claims.filter { $0.state == .pending }.min { $0.key.description < $1.key.description })
            let before = store.ledger.totals.province.approved.claims
            try store.record(TestData.decision(.approved, on: pending))
            #expect(store.ledger.totals.province.approved.claims == before + 1)
            #expect(store.ledger.totals.bySchool[pending.school]?.approved.claims
                    == (opened.totals.bySchool[pending.school]?.approved.claims ?? 0) + 1)
        }
    }
}
