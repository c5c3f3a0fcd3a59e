import ArgumentParser
import ClaimKit
import ClaimStore

/// `tzpy review` (and `tzpy` alone): the full-screen console.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Open the review console (default).")

    @OptionGroup var options: DataOptions

    func run() throws {
        let store = try reporting { try options.open() }
        let l = store.ledger
        print("\(l.campaign.province) · \(l.catalog.title) · \(l.schools.count) 所学校 · \(l.totals.province.intended.claims) 条承接")
        print("审核台尚未完成；可用 tzpy totals / claims / decide / log / check。")
    }
}
