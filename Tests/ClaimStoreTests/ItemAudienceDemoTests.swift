import ClaimKit
import Testing
@testable import ClaimStore

/// How many of the demo province's claims the item-audience warning flags. The demo picks items for a school
/// at random from every open item, whatever its type, so it assigns many items to the wrong kind of school;
/// these figures pin that down (the generator is not changed here).
@Suite struct ItemAudienceDemoTests {
    struct Count: Equatable, CustomStringConvertible {
        var claims = 0, flagged = 0
        var byAudience: [ItemAudience: Int] = [:]
        var byType: [SchoolType: Int] = [:]
        var description: String {
            "\(flagged)/\(claims); " + ItemAudience.allCases.map { "\($0): \(byAudience[$0] ?? 0)" }.joined(separator: ", ")
                + "; " + SchoolType.allCases.map { "\($0.rawValue): \(byType[$0] ?? 0)" }.joined(separator: ", ")
        }
    }

    /// The warnings the demo's active claims get, counted as a reviewer would see them.
    static func count(schools: Int, seed: UInt64) throws -> Count {
        let province = DemoProvince(catalog: try BundledData.catalog("national-2020"), schools: schools, seed: seed)
        var ledger = Ledger(campaign: province.campaign, schools: province.schools)
        for event in province.events() { _ = try ledger.apply(event).get() }
        var count = Count()
        for school in ledger.schools {
            for claim in ledger.claims(ofSchool: school.code) where claim.isActive {
                count.claims += 1
                let item = ledger.catalog.item(claim.item)!
                for case .itemNotForSchool(_, let audience, let type) in ClaimChecks.warnings(
                    for: claim, item: item, campaign: ledger.campaign, school: school) {
                    count.flagged += 1
                    count.byAudience[audience, default: 0] += 1
                    count.byType[type, default: 0] += 1
                }
            }
        }
        return count
    }

    @Test func theDefaultDemoAssignsItemsToTheWrongKindOfSchool() throws {
        let count = try Self.count(schools: 600, seed: 2020)
        // tzpy's default demo (600 schools, seed 2020): a quarter of its claims are on items meant for another
        // kind of body. No demo school has 技工 or 技师 in its name, so every claim on 8.1, 8.2, 24 and 38 is flagged.
        #expect(count.claims == 24497)
        #expect(count.flagged == 5716, "\(count)")
        #expect(count.byAudience == [.secondary: 553, .higherVocational: 1518, .undergraduate: 323, .technical: 1560,
                                     .government: 1762], "\(count)")
        #expect(count.byType == [.secondary: 3367, .higher: 1484, .undergraduate: 380, .other: 485], "\(count)")
    }
}
