import Testing
@testable import ClaimKit

/// 承接数量合计 and 学校任务数合计, checked against sums written out over the claims (no `Totals` code).
enum StraightSums {
    /// (intended, approved) 承接数量 per item; 任务数量 per school; Σ of the schools' 任务数量 per city and overall.
    struct Sums: Equatable {
        var quantity: [String: [Int64]] = [:]
        var schoolTasksByCity: [String: [Int]] = [:]
        var schoolTasks = [0, 0]
        var provinceTasks = [0, 0]
    }

    static func sums(_ ledger: Ledger) -> Sums {
        var out = Sums()
        var tasksOf: [String: [Set<Int>]] = [:]
        var province = [Set<Int>(), Set<Int>()]
        for item in ledger.catalog.items { out.quantity[item.code] = [0, 0] }
        for c in ledger.claims where c.isActive {
            let task = ledger.catalog.item(c.item)!.task
            let approved = c.state == .approved
            out.quantity[c.item]![0] += Int64(c.quantity ?? 0)
            if approved { out.quantity[c.item]![1] += Int64(c.quantity ?? 0) }
            tasksOf[c.school, default: [[], []]][0].insert(task)
            province[0].insert(task)
            if approved {
                tasksOf[c.school, default: [[], []]][1].insert(task)
                province[1].insert(task)
            }
        }
        for s in ledger.schools {
            let t = tasksOf[s.code] ?? [[], []]
            out.schoolTasksByCity[s.city, default: [0, 0]][0] += t[0].count
            out.schoolTasksByCity[s.city, default: [0, 0]][1] += t[1].count
            out.schoolTasks[0] += t[0].count
            out.schoolTasks[1] += t[1].count
        }
        out.provinceTasks = [province[0].count, province[1].count]
        return out
    }

    /// The same figures as the ledger's totals hold them.
    static func kept(_ ledger: Ledger) -> Sums {
        var out = Sums()
        let t = ledger.totals
        for item in ledger.catalog.items {
            let tally = t.byItem[item.code] ?? Tally()
            out.quantity[item.code] = [tally.intended.quantity, tally.approved.quantity]
        }
        for city in Set(ledger.schools.map(\.city)) {
            let tally = t.byCity[city] ?? Tally()
            out.schoolTasksByCity[city] = [tally.intended.schoolTasks, tally.approved.schoolTasks]
        }
        out.schoolTasks = [t.province.intended.schoolTasks, t.province.approved.schoolTasks]
        out.provinceTasks = [t.province.intended.tasks, t.province.approved.tasks]
        return out
    }
}

@Suite struct QuantityTotalsTests {
    /// A random walk of every kind of event (submissions, replacements, returns, resubmissions, withdrawals,
    /// reopens) through a ledger: at every checkpoint its totals equal the straight sums over its claims.
    @Test(arguments: [42, 7] as [UInt64])
    func ledgerTotalsEqualStraightSums(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let items = Fixtures.national.items.filter(\.claimable)
        let schools = (0..<10).map { i in
            Fixtures.school("37\(String(format: "%02d", i % 16))00000\(i)", city: ["济南市", "青岛市", "淄博市"][i % 3],
                            type: SchoolType.allCases[i % 4])
        }
        var ledger = Ledger(campaign: Fixtures.campaign, schools: schools)
        var applied = 0, withdrawals = 0, resubmissions = 0
        // The province's walk: no city step in this campaign, so no passes (CityReviewTests and the oracle have them).
        let kinds = ReviewEvent.Kind.claimSteps.filter { $0 != .passed }
        for step in 0..<6000 {
            let n = Int(rng.next() % UInt64(schools.count))
            let school = schools[n]
            let item = items[Int(rng.next() % UInt64(items.count))]
            let old = ledger.claim(ClaimKey(school: school.code, item: item.code))
            var kind = kinds[Int(rng.next() % UInt64(kinds.count))]
            // Half the schools are never reviewed, so they may withdraw (a reviewed school may not).
            if n >= 5, kind == .approved || kind == .returned { kind = .withdrawn }
            let funds = Funds(selfFunded: Money(units: Int64(rng.next() % 100_000)), industry: .zero, sponsor: .zero, local: .zero)
            let e = ReviewEvent(seq: ledger.lastSeq + 1, time: Fixtures.t0, actor: "r\(step % 3)", school: school.code, item: item.code,
                                kind: kind, basis: old?.version ?? 0, quantity: item.isCountable ? Int(rng.next() % 50) + 1 : nil,
                                funds: funds, comment: "请补充\(step)")
            guard case .success = ledger.apply(e) else { continue }
            applied += 1
            if kind == .withdrawn { withdrawals += 1 }
            if kind == .resubmitted { resubmissions += 1 }
            if step % 250 == 0 { #expect(StraightSums.kept(ledger) == StraightSums.sums(ledger), "step \(step)") }
        }
        #expect(applied > 1000 && withdrawals > 20 && resubmissions > 20, "the walk went through every kind: \(applied) \(withdrawals) \(resubmissions)")
        let sums = StraightSums.sums(ledger)
        #expect(StraightSums.kept(ledger) == sums)
        #expect(sums.quantity.values.contains { $0[0] > 0 && $0[1] > 0 })
        #expect(sums.schoolTasks[0] > sums.provinceTasks[0], "schools share tasks, so the sum over schools is larger")
        // Every group's figures also equal a from-scratch recount (quantity and schoolTasks included).
        let fresh = Totals.recompute(ledger.claims, task: { Fixtures.national.item($0.item)!.task },
                                     school: { ledger.school($0.school)! })
        #expect(ledger.totals.sameFigures(as: fresh))
    }

    /// One school's 任务数量 is its 学校任务数合计; two schools on one task: 任务数量 1, 学校任务数合计 2.
    @Test func schoolTasksAddUpOverSchools() {
        let a = Fixtures.school("3701000001"), b = Fixtures.school("3701000002")
        var totals = Totals()
        let claims = [Claim(school: a.code, item: "3.1", quantity: 120, funds: Funds(wan: 1, 0, 0, 0)),
                      Claim(school: a.code, item: "3.2", quantity: 2, funds: Funds(wan: 1, 0, 0, 0)),
                      Claim(school: b.code, item: "3.1", quantity: 36, funds: Funds(wan: 1, 0, 0, 0)),
                      Claim(school: b.code, item: "1", quantity: nil, funds: Funds(wan: 1, 0, 0, 0))]
        for c in claims { totals.replace(nil, with: c, task: Fixtures.national.item(c.item)!.task, school: c.school == a.code ? a : b) }
        #expect(totals.province.intended.tasks == 2)
        #expect(totals.province.intended.schoolTasks == 3)
        #expect(totals.byCity["济南市"]?.intended.schoolTasks == 3)
        #expect(totals.bySchool[a.code]?.intended.schoolTasks == 1)
        #expect(totals.byItem["3.1"]?.intended.quantity == 156)
        #expect(totals.byItem["3.1"]?.intended.schoolTasks == 2)
        #expect(totals.byItem["1"]?.intended.quantity == 0)
        var approved = claims[2]
        approved.state = .approved
        totals.replace(claims[2], with: approved, task: 3, school: b)
        #expect(totals.byItem["3.1"]?.approved.quantity == 36)
        #expect(totals.province.approved.schoolTasks == 1)
        var withdrawn = claims[0]
        withdrawn.state = .withdrawn
        totals.replace(claims[0], with: withdrawn, task: 3, school: a)
        #expect(totals.byItem["3.1"]?.intended.quantity == 36)
        #expect(totals.province.intended.schoolTasks == 3, "a still claims task 3 through 3.2")
    }
}

@Suite struct ItemTargetTests {
    /// Every countable item of both bundled catalogs, with the target its text names (nil: none).
    static let national: [String: Int?] = [
        "3.1": 200, "3.2": 100, "3.3": 100, "4.1": 10000, "4.2": 100, "4.3": 1000, "4.4": 10000, "4.5": 10000,
        "5": nil,  // 每个地市…至少…1所: a per-city minimum, not a total
        "7.1": 1000, "7.2": 3000, "8.1": 300, "8.2": 300, "11.1": 300, "11.2": 600, "17": 500, "18.1": 200, "18.2": 2000,
        "18.3": 500, "22": 1000, "23": 500, "24": 100, "25": 300, "26": 100, "34.1": 5000, "34.2": 1000, "42": 360,
        "43": 10000, "46": 1000, "49.1": 300, "49.2": 100, "50": 5000, "55.1": 5, "55.2": 10,
    ]

    @Test func everyItemOfTheNationalCatalog() {
        for item in Fixtures.national.items {
            let target = ItemTarget.parse(item)
            if let expected = Self.national[item.code] {
                #expect(target?.count == expected, "\(item.code) \(item.text)")
                if let target { #expect(target.unit == item.unit) }
            } else {
                #expect(!item.isCountable, "\(item.code) is countable but not in the table")
                #expect(target == nil, "\(item.code): an item without a unit has no target")
            }
        }
        #expect(Self.national.count == Fixtures.national.items.filter(\.isCountable).count)
    }

    /// The Shandong list has no countable item, so no targets (its texts name no counts in a unit).
    @Test func everyItemOfTheShandongCatalog() {
        #expect(Fixtures.shandong.items.count == 45)
        for item in Fixtures.shandong.items {
            #expect(!item.isCountable, "\(item.code)")
            #expect(ItemTarget.parse(item) == nil, "\(item.code)")
        }
    }

    @Test func texts() {
        #expect(ItemTarget.parse("培育200所左右“三全育人”典型学校", unit: "所") == ItemTarget(count: 200, unit: "所", approximate: true))
        #expect(ItemTarget.parse("建设100所乡村振兴人才培养优质校", unit: "所") == ItemTarget(count: 100, unit: "所", approximate: false))
        #expect(ItemTarget.parse("培训10000名左右德育骨干", unit: "名")?.count == 10000)
        #expect(ItemTarget.parse("遴选10000种左右教材；比例不低于50%", unit: "种")?.count == 10000)
        #expect(ItemTarget.parse("按照师生比不低于1:350的比例", unit: "个") == nil)
        #expect(ItemTarget.parse("每个地市至少建好1所", unit: "所") == nil)
        #expect(ItemTarget.parse("遴选一批示范校", unit: "所") == nil)
        #expect(ItemTarget.parse("2023年遴选300个左右", unit: "个")?.count == 300, "a year is not in the unit")
    }
}
