import Testing
@testable import ClaimKit

/// The dense ledger against `ReferenceLedger`, a straightforward fold of the same events: thousands of
/// random journals with submissions, replacements, returns and new rounds, withdrawals (before and after
/// the campaign's end), reopens, stale bases and refusals of every kind.
@Suite struct LedgerOracleTests {
    static let schools = (0..<6).map { i in
        Fixtures.school("370\(i)00000\(i)", city: ["济南市", "青岛市", "淄博市"][i % 3], type: SchoolType.allCases[i % 4])
    }
    static let items = ["1", "3.1", "3.2", "4.1", "2", "no-such-item"]

    /// One random journal of `length` events drawn near legal steps, applied to both; every result, claim,
    /// history and total must agree. Returns how many events both accepted.
    static func compare(seed: UInt64, length: Int, replay: Bool, cityReview: Bool = false) -> Int {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let campaign = cityReview ? Fixtures.cityReviewCampaign : Fixtures.campaign
        var ledger = Ledger(campaign: campaign, schools: schools)
        var oracle = ReferenceLedger(campaign: campaign, schools: schools)
        if replay { ledger.beginReplay() }
        var accepted = 0
        for _ in 0..<length {
            // Mostly a next step that fits an existing claim's state, sometimes anything at all.
            var key = ClaimKey(school: rng.next() % 40 == 0 ? "3799999999" : pick(schools).code, item: pick(items))
            var kind = pick(ReviewEvent.Kind.claimSteps)
            let known = oracle.claims.keys.sorted { $0.description < $1.description }   // a seed gives one journal
            if rng.next() % 10 < 7, !known.isEmpty {
                key = known[Int(rng.next() % UInt64(known.count))]
                switch oracle.claims[key]!.state {
                case .pending: kind = pick([.approved, .approved, .returned, .withdrawn, .submitted, .passed])
                case .cityPending: kind = pick([.passed, .passed, .returned, .approved, .withdrawn, .submitted])
                case .approved: kind = pick([.reopened, .approved])
                case .returned: kind = pick([.resubmitted, .resubmitted, .reopened])
                case .withdrawn: kind = .submitted
                }
            }
            let (school, item) = (key.school, key.item)
            let version = oracle.claims[key]?.version ?? 0
            let basis = rng.next() % 12 == 0 ? Int(rng.next() % 5) : version
            let countable = Fixtures.campaign.catalog.item(item)?.isCountable ?? false
            let quantity: Int? = rng.next() % 10 == 0 ? (countable ? nil : 3) : (countable ? Int(rng.next() % 5) + (rng.next() % 8 == 0 ? 0 : 1) : nil)
            let funds: Funds? = rng.next() % 15 == 0 ? nil
                : Funds(selfFunded: Money(units: Int64(rng.next() % 900_000)), industry: Money(units: Int64(rng.next() % 9)),
                        sponsor: .zero, local: Money(units: Int64(rng.next() % 50_000)))
            let comment = pick([nil, "", "  \u{3000}", "经费预算填写不完整", "请补充\t说明\\n"])
            let seq = rng.next() % 50 == 0 ? oracle.lastSeq + 2 : oracle.lastSeq + 1
            let time = Timestamp(seconds: Fixtures.t0.seconds + Int64(rng.next() % (60 * 86400)))
            let event = ReviewEvent(seq: seq, time: time, actor: pick(["zhangsan", "lisi", "3701000001", "w\\ang"]),
                                    school: school, item: item, kind: kind, basis: basis,
                                    quantity: kind.bySchool ? quantity : nil, funds: kind.bySchool ? funds : nil, comment: comment)
            let expected = oracle.apply(event)
            let got = ledger.apply(event)
            guard expected == got else {
                Issue.record("seed \(seed): event \(event) gave \(got), the reference \(expected)")
                return accepted
            }
            if case .success = got { accepted += 1 }
        }
        if replay { ledger.endReplay() }
        #expect(ledger.lastSeq == oracle.lastSeq)
        #expect(ledger.reviewedSchools == oracle.reviewedSchools)
        #expect(ledger.claims.count == oracle.claims.count)
        for (key, entry) in oracle.claims {
            guard let claim = ledger.claim(key) else { Issue.record("seed \(seed): \(key) missing"); continue }
            #expect(claim.quantity == entry.quantity && claim.funds == entry.funds && claim.state == entry.state
                    && claim.round == entry.round && claim.version == entry.version, "seed \(seed): \(key)")
            let last = entry.history.last!
            #expect(claim.last == Claim.LastEvent(seq: last.seq, time: last.time, actor: last.actor, kind: last.kind))
            #expect(claim.lastDecision?.seq == entry.lastDecision?.seq)
            #expect(ledger.history(of: key) == entry.history, "seed \(seed): history of \(key)")
        }
        #expect(ledger.totals.sameFigures(as: oracle.totals), "seed \(seed): totals")
        return accepted
    }

    @Test func agreesWithTheReferenceFoldEventByEvent() {
        var accepted = 0
        for seed in UInt64(0)..<1500 { accepted += Self.compare(seed: seed, length: 40, replay: false) }
        #expect(accepted > 15_000, "the random journals exercised the workflow (\(accepted) events accepted)")
    }

    @Test func aReplayWithDeferredTotalsEndsWithTheSameTotals() {
        for seed in UInt64(5000)..<6500 { _ = Self.compare(seed: seed, length: 40, replay: true) }
    }

    /// With `city-review on` the 中职 schools' claims take the city step (passes, city returns and their
    /// reopens); the other types' do not, in the same journals.
    @Test func agreesWithTheReferenceFoldWithCityReview() {
        var accepted = 0
        for seed in UInt64(9000)..<10500 { accepted += Self.compare(seed: seed, length: 40, replay: seed % 2 == 0, cityReview: true) }
        #expect(accepted > 15_000, "the random journals exercised the workflow (\(accepted) events accepted)")
    }
}
