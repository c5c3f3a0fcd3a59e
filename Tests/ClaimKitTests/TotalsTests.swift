import Testing
@testable import ClaimKit

@Suite struct TotalsTests {
    /// The platform manual's own example: items 1, 2, 3.1, 3.2, 3.3 → 任务数量 3, 汇总 57, parts 17/15/11/14.
    @Test func manualExampleCountsTasksNotItems() {
        let school = Fixtures.school()
        let rows: [(String, Int?, Funds)] = [("1", nil, Funds(wan: 1, 2, 3, 4)), ("2", nil, Funds(wan: 5, 6, 1, 2)),
                                             ("3.1", 1, Funds(wan: 6, 5, 4, 1)), ("3.2", 2, Funds(wan: 2, 1, 2, 6)),
                                             ("3.3", 2, Funds(wan: 3, 1, 1, 1))]
        var totals = Totals()
        for (code, q, f) in rows {
            let claim = Claim(school: school.code, item: code, quantity: q, funds: f)
            totals.replace(nil, with: claim, task: Fixtures.national.item(code)!.task, school: school)
        }
        let t = totals.bySchool[school.code]!
        #expect(t.intended.tasks == 3)
        #expect(t.intended.claims == 5)
        #expect(t.intended.funds.total.description == "57")
        #expect(t.intended.funds.parts.map(\.description) == ["17", "15", "11", "14"])
        #expect(t.approved == Figures())
        #expect(t.pending == 5)
        #expect(totals.province == t)
        #expect(totals.byItem["3.2"]?.intended.tasks == 1)
    }

    @Test func approvedRowFollowsDecisions() {
        let school = Fixtures.school()
        var totals = Totals()
        let a = Claim(school: school.code, item: "3.1", quantity: 1, funds: Funds(wan: 6, 5, 4, 1))
        let b = Claim(school: school.code, item: "3.2", quantity: 2, funds: Funds(wan: 2, 1, 2, 6))
        totals.replace(nil, with: a, task: 3, school: school)
        totals.replace(nil, with: b, task: 3, school: school)
        var a2 = a; a2.state = .approved
        totals.replace(a, with: a2, task: 3, school: school)
        #expect(totals.province.approved.tasks == 1)
        #expect(totals.province.approved.funds.total.description == "16")
        var b2 = b; b2.state = .returned(comment: "补充")
        totals.replace(b, with: b2, task: 3, school: school)
        #expect(totals.province.returned == 1 && totals.province.pending == 0 && totals.province.decided == 2)
        #expect(totals.province.intended.tasks == 1 && totals.province.intended.claims == 2)
        var b3 = b2; b3.state = .withdrawn
        totals.replace(b2, with: b3, task: 3, school: school)
        #expect(totals.province.intended.claims == 1)
    }

    /// Thousands of random legal events: the incremental totals always equal a from-scratch recount.
    @Test func incrementalTotalsMatchRecomputation() {
        var rng = SplitMix64(seed: 42)
        let catalog = Fixtures.national
        let items = catalog.items.filter(\.claimable)
        let schools = (0..<12).map { i in
            Fixtures.school("37\(String(format: "%02d", i % 16))00000\(i % 10)", city: ["济南市", "青岛市", "淄博市"][i % 3],
                            type: SchoolType.allCases[i % 4])
        }
        let byCode = Dictionary(uniqueKeysWithValues: schools.map { ($0.code, $0) })
        var claims: [ClaimKey: Claim] = [:]
        var totals = Totals()
        var seq = 0
        var applied = 0
        for step in 0..<8000 {
            let school = schools[Int(rng.next() % UInt64(schools.count))]
            let item = items[Int(rng.next() % UInt64(items.count))]
            let key = ClaimKey(school: school.code, item: item.code)
            let old = claims[key]
            let kind = ReviewEvent.Kind.claimSteps[Int(rng.next() % UInt64(ReviewEvent.Kind.claimSteps.count))]
            let funds = Funds(selfFunded: Money(units: Int64(rng.next() % 1_000_000)), industry: Money(units: Int64(rng.next() % 90_000)),
                              sponsor: Money(units: Int64(rng.next() % 5)), local: .zero)
            seq += 1
            let e = ReviewEvent(seq: seq, time: Fixtures.t0, actor: "r\(step % 3)", school: school.code, item: item.code,
                                kind: kind, basis: old?.version ?? 0, quantity: item.isCountable ? Int(rng.next() % 9) + 1 : nil,
                                funds: funds, comment: "修改意见\(step)")
            let reviewed = claims.values.contains { $0.school == school.code && $0.state.isDecided }
            // The 中职 schools take the city step, so city-pending claims and passes are in the walk too.
            let ctx = WorkflowContext(item: item, end: Fixtures.campaign.end, schoolReviewed: reviewed, cityStep: school.type == .secondary)
            guard case .success(let new) = Workflow.apply(e, to: old, context: ctx) else { seq -= 1; continue }
            applied += 1
            claims[key] = new
            totals.replace(old, with: new, task: item.task, school: school)
            if step % 500 == 0 {
                #expect(totals.sameFigures(as: Totals.recompute(claims.values, task: { catalog.item($0.item)!.task },
                                                                 school: { byCode[$0.school]! })))
            }
        }
        #expect(applied > 1500, "the random walk exercised the workflow")
        let fresh = Totals.recompute(claims.values, task: { catalog.item($0.item)!.task }, school: { byCode[$0.school]! })
        #expect(totals.sameFigures(as: fresh))
        #expect(totals.province.intended.claims == claims.values.filter(\.isActive).count)
    }
}
