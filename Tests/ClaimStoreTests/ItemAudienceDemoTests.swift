import ClaimKit
import Testing
@testable import ClaimStore

/// How many of the demo province's claims the item-audience warning flags. The demo picks a school's items
/// among those meant for its kind of body, and one school in 25 adds one item that is not (so the warning has
/// something to show, as on the platform).
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

    @Test func theDemoClaimsItemsMeantForTheSchoolSaveAFewStrays() throws {
        for (schools, seed) in [(600, UInt64(2020)), (200, UInt64(7))] {
            let count = try Self.count(schools: schools, seed: seed)
            // At most one stray claim a school: one school in 25 on average, so a few dozen at province size.
            #expect(count.flagged > 0 && count.flagged <= schools / 10, "\(schools)/\(seed): \(count)")
            #expect(count.flagged * 200 < count.claims, "\(schools)/\(seed): under half a percent of the claims: \(count)")
        }
    }

    @Test func noDemoSchoolHasMoreThanOneStrayClaim() throws {
        let province = DemoProvince(catalog: try BundledData.catalog("national-2020"), schools: 600, seed: 2020)
        var strays: [String: Int] = [:]
        for event in province.events() where event.kind == .submitted {
            let school = province.schools.first { $0.code == event.school }!
            let item = province.campaign.catalog.item(event.item)!
            if ItemAudience.of(item, catalog: province.campaign.catalog.id)?.fits(school) == false { strays[school.code, default: 0] += 1 }
        }
        #expect(!strays.isEmpty && strays.values.allSatisfy { $0 == 1 }, "\(strays.filter { $0.value > 1 })")
    }
}
