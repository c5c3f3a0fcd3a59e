import ArgumentParser
import ClaimKit
import ClaimStore
import TerminalText

/// `tzpy claims [--school] [--item] [--status] [--json]`: claims with their current state.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims", abstract: "List claims with their review state.")

    enum Status: String, ExpressibleByArgument, CaseIterable {
        case pending, approved, returned
        case cityPending = "city-pending"
    }

    @OptionGroup var options: DataOptions
    @Option(help: "Only this school (10-digit code).") var school: String?
    @Option(help: "Only this item (e.g. 3.1).") var item: String?
    @Option(help: "Only claims in this state.") var status: Status?
    @Flag(help: "One JSON object a line.") var json = false

    func run() throws {
        let store = try reporting { try options.open() }
        let ledger = store.ledger
        let schools = school.map { code in ledger.schools.filter { $0.code == code } } ?? ledger.schools
        let items = item.map { code in ledger.catalog.items.filter { $0.code == code } } ?? ledger.catalog.items
        if let school, schools.isEmpty { warn("未知学校代码 \(school)"); throw ExitCode(1) }
        if let item, items.isEmpty { warn("未知任务序号 \(item)"); throw ExitCode(1) }
        var table = TextTable(headers: ["学校代码", "学校名称", "序号", "轮次", "承接数量", "汇总", "学校自筹", "行业企业投入", "举办方投入", "地市县投入", "省厅审核情况"],
                              rightAligned: Set(3...9))
        table.maxWidth[1] = 20
        for s in schools {
            for i in items {
                guard let claim = ledger.claim(ClaimKey(school: s.code, item: i.code)), claim.isActive,
                      status == nil || claim.state.word == status?.rawValue else { continue }
                if json {
                    print(ClaimsCommand.json(claim).text)
                } else {
                    var state = claim.state.label
                    if case .returned(let comment) = claim.state { state += "：\(comment)" }
                    table.add([s.code, s.name, i.code, "\(claim.round)", claim.quantity.map(String.init) ?? "-",
                               "\(claim.funds.total)"] + claim.funds.parts.map(\.description) + [state])
                }
            }
        }
        if !json { print(table.render(), terminator: "") }
    }

    static func funds(_ f: Funds) -> JSONText {
        .object([("total", .string(f.total.description)), ("self", .string(f.selfFunded.description)),
                 ("industry", .string(f.industry.description)), ("sponsor", .string(f.sponsor.description)),
                 ("local", .string(f.local.description))])
    }

    static func json(_ c: Claim) -> JSONText {
        var comment: String?
        if case .returned(let text) = c.state { comment = text }
        return .object([("school", .string(c.school)), ("item", .string(c.item)), ("round", .number(c.round)),
                        ("status", .string(c.state.word)), ("quantity", JSONText.optional(c.quantity)),
                        ("funds", funds(c.funds)), ("comment", JSONText.optional(comment))])
    }
}
