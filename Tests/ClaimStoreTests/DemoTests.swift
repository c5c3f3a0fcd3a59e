import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct DemoTests {
    static func isChinese(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedDiffers() throws {
        try withTemporaryDirectory { root in
            let one = root.appendingPathComponent("one"), two = root.appendingPathComponent("two"), other = root.appendingPathComponent("other")
            try StoreSetup.demo(at: one, schools: 30, seed: 2020)
            try StoreSetup.demo(at: two, schools: 30, seed: 2020)
            try StoreSetup.demo(at: other, schools: 30, seed: 7)
            for name in [DataDirectory.journalName, DataDirectory.schoolsName, DataDirectory.campaignName, DataDirectory.catalogName] {
                let a = try TestData.bytes(one.appendingPathComponent(name))
                #expect(!a.isEmpty)
                #expect(a == (try TestData.bytes(two.appendingPathComponent(name))), "\(name)")
            }
            #expect(try TestData.bytes(DataDirectory(one).journal) != (try TestData.bytes(DataDirectory(other).journal)))
            #expect(try TestData.bytes(DataDirectory(one).schools) != (try TestData.bytes(DataDirectory(other).schools)))
        }
    }

    @Test(arguments: [2020, 1, 42] as [UInt64])
    func thirtySchoolsLookLikeAProvinceUnderReview(seed: UInt64) throws {
        try withTemporaryDirectory { root in
            let store = try StoreSetup.demo(at: root, schools: 30, seed: seed)
            let ledger = store.ledger
            #expect(ledger.schools.count == 30)
            #expect(ledger.campaign.province == "山东省")
            #expect(Set(ledger.schools.map(\.city)) == Set(DemoProvince.cities.map(\.name)))
            #expect(Set(ledger.schools.map(\.city)).count == 16)
            for school in ledger.schools {
                let city = try #require(DemoProvince.cities.first { $0.name == school.city })
                #expect(school.code.hasPrefix(city.code))
                #expect(school.contacts.officePhone.hasPrefix(city.area + "-"))
                #expect(Self.isChinese(school.name))
                #expect(Self.isChinese(school.contacts.manager))
                let claims = ledger.claims(ofSchool: school.code)
                #expect((20...60).contains(claims.count), "\(school.code) \(school.name): \(claims.count) claims")
                for claim in claims {
                    #expect(ledger.campaign.openItems.contains(claim.item))
                    #expect(Workflow.quantityProblem(claim.quantity, item: ledger.catalog.item(claim.item)!) == nil)
                }
            }
            #expect(Set(ledger.schools.map(\.code)).count == 30)
            #expect(Set(ledger.schools.map(\.name)).count == 30)

            let states = ledger.claims.map(\.state)
            #expect(states.contains(.approved))
            #expect(states.contains(.pending))
            let returned = ledger.claims.compactMap { claim -> String? in
                if case .returned(let comment) = claim.state { return comment }
                return nil
            }
            #expect(!returned.isEmpty)
            #expect(returned.allSatisfy { Self.isChinese($0) && DemoProvince.comments.contains($0) })
            #expect(ledger.claims.contains { $0.round == 2 })
            let actors = Set(ledger.claims.flatMap { ledger.history(of: $0.key) }.map(\.actor))
            #expect(actors.isSuperset(of: ["demo"]))
            #expect(actors.count > 1)

            #expect(StoreCheck.run(store.directory) == nil)
            let catalog = ledger.catalog
            let recomputed = Totals.recompute(ledger.claims, task: { catalog.item($0.item)!.task },
                                              school: { ledger.school($0.school)! })
            #expect(recomputed.sameFigures(as: ledger.totals))
            #expect(ledger.totals.province.intended.claims == ledger.claims.count)

            let reopened = try Store(root, actor: "zhangwei")
            #expect(sameLedger(reopened.ledger, ledger))
            #expect(reopened.readOnlyReason == nil)
            #expect(reopened.tornTail == nil)
        }
    }

    @Test(arguments: [2020, 1, 42] as [UInt64])
    func sixtySchoolsHaveAllFourTypes(seed: UInt64) throws {
        try withTemporaryDirectory { root in
            let store = try StoreSetup.demo(at: root, schools: 60, seed: seed)
            #expect(Set(store.ledger.schools.map(\.type)) == Set(SchoolType.allCases))
            #expect(StoreCheck.run(store.directory) == nil)
        }
    }

    /// `DemoProvince.funds` promises "Funds of 2–200 万元": no demo claim should budget nothing at all
    /// (the console flags such a claim with 四项经费均为0).
    @Test(arguments: [2020, 1, 42] as [UInt64])
    func everyDemoClaimBudgetsSomething(seed: UInt64) throws {
        try withTemporaryDirectory { root in
            let store = try StoreSetup.demo(at: root, schools: 30, seed: seed)
            let empty = store.ledger.claims.filter { $0.funds.isZero }.map(\.key.description).sorted()
            #expect(empty == [], "\(empty.count) of \(store.ledger.claims.count) claims have all four funds 0")
        }
    }

    @Test func fewerSchoolsThanCities() throws {
        try withTemporaryDirectory { root in
            let store = try StoreSetup.demo(at: root, schools: 5, seed: 2020)
            #expect(store.ledger.schools.map(\.city) == DemoProvince.cities.prefix(5).map(\.name))
            #expect(StoreCheck.run(store.directory) == nil)
        }
    }

    @Test func demoRefusesAnExistingDataDir() throws {
        try withTemporaryDirectory { root in
            try StoreSetup.demo(at: root, schools: 3, seed: 2020)
            let before = try TestData.bytes(DataDirectory(root).journal)
            #expect(throws: StoreError.io(path: DataDirectory(root).journal.path, operation: "init",
                                          message: "a data dir already exists here; choose an empty folder")) {
                try StoreSetup.demo(at: root, schools: 3, seed: 2020)
            }
            #expect(try TestData.bytes(DataDirectory(root).journal) == before)
        }
    }
}
