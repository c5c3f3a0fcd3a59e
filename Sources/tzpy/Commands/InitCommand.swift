import ArgumentParser
import ClaimKit
import ClaimStore
import Foundation

/// `tzpy init DIR --catalog … --province … --start … --end …`: an empty data dir for a real campaign.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty data dir for a campaign.")

    @Argument(help: "The folder to create.") var dir: String
    @Option(help: "national-2020 or shandong-2020.") var catalog: String
    @Option(help: "The province, e.g. 山东省.") var province: String
    @Option(help: "开始日期, YYYY-MM-DD.") var start: String
    @Option(help: "结束日期, YYYY-MM-DD.") var end: String

    func run() throws {
        try reporting {
            let (text, _) = try BundledData.catalogText(catalog)
            let parsed = try BundledData.catalog(catalog)
            let startDay: Day, endDay: Day
            do {
                startDay = try Day.parse(start, field: "--start")
                endDay = try Day.parse(end, field: "--end")
            } catch { throw ValidationError("\(error)") }
            guard startDay <= endDay else { throw ValidationError("--end \(end) is before --start \(start)") }
            let campaign = Campaign(province: province, catalog: parsed, openItems: Campaign.defaultOpenItems(of: parsed),
                                    start: startDay, end: endDay, instructions: "", contacts: [])
            try StoreSetup.create(at: URL(fileURLWithPath: dir), catalogText: text, campaign: campaign)
            print("已创建数据目录 \(dir)：\(parsed.id)，\(province)，\(startDay) 至 \(endDay)。编辑 schools.tsv 和 campaign.tsv 的联系人后即可使用。")
        }
    }
}

/// `tzpy demo DIR [--schools N] [--seed S]`: a generated province to try tzpy on.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Generate a realistic demo province.")
    static let defaultSchools = 600
    static let defaultSeed: UInt64 = 2020

    @Argument(help: "The folder to create.") var dir: String
    @Option(help: "How many schools (10000 makes a national-size store).") var schools = DemoCommand.defaultSchools
    @Option(help: "The random seed; the same seed gives the same files.") var seed = DemoCommand.defaultSeed

    func validate() throws {
        guard schools >= 1 && schools <= 100_000 else { throw ValidationError("--schools must be between 1 and 100000") }
    }

    func run() throws {
        try reporting {
            let store = try StoreSetup.demo(at: URL(fileURLWithPath: dir), schools: schools, seed: seed)
            let p = store.ledger.totals.province
            print("已生成演示数据 \(dir)：\(store.ledger.schools.count) 所学校，\(p.intended.claims) 条承接，\(store.ledger.lastSeq) 条日志。")
        }
    }
}
