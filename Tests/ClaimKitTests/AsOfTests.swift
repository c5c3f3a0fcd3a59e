import Testing
@testable import ClaimKit

/// The time the exports' 数据截至 line shows: the journal's last event, in Beijing time.
@Suite struct AsOfTests {
    static func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Timestamp {
        Timestamp(seconds: Day(year: y, month: mo, day: d).daysSinceEpoch * 86400 + Int64(h * 3600 + mi * 60 + s))
    }

    @Test func beijingTimeIsUTCPlusEightHours() {
        #expect(Self.at(2026, 11, 30, 16, 30).beijing == "2026-12-01 00:30")
        #expect(Self.at(2026, 12, 1, 10, 5, 59).beijing == "2026-12-01 18:05")
        #expect(Self.at(2026, 12, 31, 15, 59, 59).beijing == "2026-12-31 23:59")
        #expect(Self.at(2026, 12, 31, 16, 0).beijing == "2027-01-01 00:00")
        #expect(Self.at(2028, 2, 28, 20, 0).beijing == "2028-02-29 04:00")
        #expect(Timestamp(seconds: 0).beijing == "1970-01-01 08:00")
        #expect(Timestamp(seconds: -8 * 3600 - 60).beijing == "1969-12-31 23:59")
    }

    @Test func theLedgerKeepsTheTimeOfTheLastEventAppliedOrSkipped() {
        var ledger = Ledger(campaign: Fixtures.campaign, schools: [Fixtures.school()])
        #expect(ledger.lastEventTime == nil)
        var first = Fixtures.submit("1", nil, Funds(wan: 1, 0, 0, 0))
        first.time = Self.at(2020, 10, 20, 1, 0)
        ledger.apply(first)
        #expect(ledger.lastEventTime == first.time)
        // A refused event changes nothing.
        var refused = Fixtures.submit("1", nil, Funds(wan: 2, 0, 0, 0), seq: 2)
        refused.kind = .approved
        refused.basis = 99
        refused.time = Self.at(2020, 10, 21, 1, 0)
        if case .success = ledger.apply(refused) { Issue.record("a stale decision was applied") }
        #expect(ledger.lastEventTime == first.time)
        // An event about a school this view does not hold still moves the journal's time on.
        var other = Fixtures.submit("1", nil, Funds(wan: 1, 0, 0, 0), school: "3702000001", seq: 2)
        other.time = Self.at(2020, 10, 22, 1, 0)
        #expect(ledger.skip(other) == nil)
        #expect(ledger.lastEventTime == other.time)
    }
}
