import ClaimKit
import ClaimStore
import Foundation
import Testing
@testable import tzpy

/// `tzpy totals --json`: `quantity` inside `intended` and `approved` of `--by item` rows, `unit` and
/// `target` beside them, `schoolTasks` in every figures object (docs/formats.md §9).
@Suite struct TotalsJSONTests {
    static func ledger() -> Ledger {
        let catalog = try! BundledData.catalog("national-2020")
        let province = DemoProvince(catalog: catalog, schools: 20, seed: 3)
        var ledger = Ledger(campaign: province.campaign, schools: province.schools)
        for e in province.events() { ledger.apply(e) }
        return ledger
    }

    static func decode(_ json: JSONText) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
    }

    @Test func itemRowsCarryQuantityUnitAndTarget() throws {
        let ledger = Self.ledger()
        for row in TotalsCommand.rows(ledger, by: .item) {
            let item = try #require(ledger.catalog.item(row.key))
            let object = try Self.decode(TotalsCommand.json(row, item: item))
            let intended = try #require(object["intended"] as? [String: Any])
            let approved = try #require(object["approved"] as? [String: Any])
            let claims = ledger.claims.filter { $0.item == item.code && $0.isActive }
            if item.isCountable {
                #expect(intended["quantity"] as? Int == claims.reduce(0) { $0 + ($1.quantity ?? 0) }, "\(item.code)")
                #expect(approved["quantity"] as? Int
                        == claims.filter { $0.state == .approved }.reduce(0) { $0 + ($1.quantity ?? 0) }, "\(item.code)")
                #expect(object["unit"] as? String == item.unit)
            } else {
                #expect(intended["quantity"] is NSNull && approved["quantity"] is NSNull, "\(item.code): not countable")
                #expect(object["unit"] is NSNull)
            }
            #expect((object["target"] as? Int) == ItemTarget.parse(item)?.count)
            #expect(intended["schoolTasks"] as? Int == row.tally.intended.schoolTasks)
        }
        let threeOne = try Self.decode(TotalsCommand.json(TotalsCommand.rows(ledger, by: .item).first { $0.key == "3.1" }!,
                                                          item: ledger.catalog.item("3.1")))
        #expect(threeOne["target"] as? Int == 200 && threeOne["unit"] as? String == "所")
        #expect(((threeOne["intended"] as? [String: Any])?["quantity"] as? Int ?? 0) > 0, "the demo claims 3.1")
    }

    @Test func provinceAndCitiesCarrySchoolTasksAndNoQuantity() throws {
        let ledger = Self.ledger()
        let province = try Self.decode(TotalsCommand.json(ledger.totals.province))
        let intended = try #require(province["intended"] as? [String: Any])
        #expect(intended["quantity"] == nil, "承接数量 adds up only per item")
        let sumOverSchools = ledger.schools.reduce(0) { $0 + (ledger.totals.bySchool[$1.code]?.intended.tasks ?? 0) }
        #expect(intended["schoolTasks"] as? Int == sumOverSchools)
        #expect(sumOverSchools > intended["tasks"] as! Int)
        for row in TotalsCommand.rows(ledger, by: .city) {
            let object = try Self.decode(TotalsCommand.json(row, item: nil))
            let schools = ledger.schools.filter { $0.city == row.key }
            #expect((object["intended"] as? [String: Any])?["schoolTasks"] as? Int
                    == schools.reduce(0) { $0 + (ledger.totals.bySchool[$1.code]?.intended.tasks ?? 0) }, "\(row.key)")
            #expect(object["unit"] == nil && object["target"] == nil)
        }
    }

    /// Every tally ends with `cityPending` (docs/formats.md §9), 0 without the city step.
    @Test func tallyEndsWithTheCityPendingCount() throws {
        let ledger = Self.ledger()
        let text = TotalsCommand.json(ledger.totals.province).text
        #expect(text.hasSuffix("\"pending\": \(ledger.totals.province.pending), \"returned\": \(ledger.totals.province.returned), \"cityPending\": 0}"))
    }
}
