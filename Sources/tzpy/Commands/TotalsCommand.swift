import ArgumentParser
import ClaimKit
import ClaimStore
import TerminalText

/// `tzpy totals [--by school|city|type|item] [--json]`: the platform's 意向承接 and 已通过 figures.
struct TotalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "totals", abstract: "Print 意向承接 and 已通过 totals.")

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case school, city, type, item }

    @OptionGroup var options: DataOptions
    @Option(help: "Also one row per school, city, type or item.") var by: Grouping?
    @Flag(help: "One JSON object (shape in docs/formats.md).") var json = false

    func run() throws {
        let store = try reporting { try options.open() }
        let ledger = store.ledger
        let rows = by.map { TotalsCommand.rows(ledger, by: $0) } ?? []
        if json {
            var object: [(String, JSONText)] = [("province", TotalsCommand.json(ledger.totals.province))]
            if by != nil {
                object.append(("rows", .array(rows.map { row in
                    TotalsCommand.json(row, item: by == .item ? ledger.catalog.item(row.key) : nil)
                })))
            }
            print(JSONText.object(object).text)
            return
        }
        let p = ledger.totals.province
        let cityStep = ledger.campaign.cityReview
        print("\(ledger.campaign.province) · \(ledger.catalog.id) · \(ledger.schools.count) 所学校 · "
              + (cityStep ? "待市级审核 \(p.cityPending) · " : "") + "待审核 \(p.pending) · 已通过 \(p.approved.claims) · 退回修改 \(p.returned)")
        var table = TextTable(headers: ["", "任务数量", "学校任务数合计", "条目", "汇总", "学校自筹", "行业企业投入", "举办方投入", "地市县投入"],
                              rightAligned: Set(1...8))
        table.add(["意向承接"] + TotalsCommand.cells(p.intended))
        table.add(["已通过"] + TotalsCommand.cells(p.approved))
        print(table.render(), terminator: "")
        guard !rows.isEmpty else { return }
        print("")
        if by == .item {
            var detail = TextTable(headers: ["序号", "工作任务", "意向条目", "意向数量", "通过数量", "目标", "意向汇总", "通过条目", "通过汇总", "待审核", "退回"]
                                   + (cityStep ? ["待市审"] : []),
                                   rightAligned: Set(2...(cityStep ? 11 : 10)))
            detail.maxWidth[1] = 24
            for row in rows {
                let t = row.tally
                let item = ledger.catalog.item(row.key)
                let countable = item?.isCountable == true
                let target = item.flatMap(ItemTarget.parse)
                detail.add([row.key, row.name, "\(t.intended.claims)", countable ? "\(t.intended.quantity)" : "-",
                            countable ? "\(t.approved.quantity)" : "-", target.map { "\($0.count)\($0.unit)" } ?? "-",
                            "\(t.intended.funds.total)", "\(t.approved.claims)", "\(t.approved.funds.total)", "\(t.pending)", "\(t.returned)"]
                           + (cityStep ? ["\(t.cityPending)"] : []))
            }
            print(detail.render(), terminator: "")
            return
        }
        let grouped = by == .city || by == .type
        var detail = TextTable(headers: ["代码", "名称", "意向任务"] + (grouped ? ["学校任务数合计"] : []) + ["意向条目", "意向汇总", "通过任务", "通过条目", "通过汇总", "待审核", "退回"]
                               + (cityStep ? ["待市审"] : []),
                               rightAligned: Set(2...((grouped ? 10 : 9) + (cityStep ? 1 : 0))))
        detail.maxWidth[1] = 24
        for row in rows {
            let t = row.tally
            detail.add([row.key, row.name, "\(t.intended.tasks)"] + (grouped ? ["\(t.intended.schoolTasks)"] : [])
                        + ["\(t.intended.claims)", "\(t.intended.funds.total)",
                           "\(t.approved.tasks)", "\(t.approved.claims)", "\(t.approved.funds.total)", "\(t.pending)", "\(t.returned)"]
                        + (cityStep ? ["\(t.cityPending)"] : []))
        }
        print(detail.render(), terminator: "")
    }

    static func cells(_ f: Figures) -> [String] {
        ["\(f.tasks)", "\(f.schoolTasks)", "\(f.claims)", "\(f.funds.total)"] + f.funds.parts.map(\.description)
    }

    /// A figures object; `item` (a `--by item` row) adds `quantity`, null when the item is not countable.
    static func figures(_ f: Figures, item: TaskItem? = nil) -> JSONText {
        var quantity: [(String, JSONText)] = []
        if let item { quantity = [("quantity", item.isCountable ? .number(Int(f.quantity)) : .null)] }
        return .object([("tasks", .number(f.tasks)), ("schoolTasks", .number(f.schoolTasks)), ("claims", .number(f.claims))] + quantity + [ ("total", .string(f.funds.total.description)),
                 ("self", .string(f.funds.selfFunded.description)), ("industry", .string(f.funds.industry.description)),
                 ("sponsor", .string(f.funds.sponsor.description)), ("local", .string(f.funds.local.description))])
    }

    static func json(_ t: Tally, item: TaskItem? = nil) -> JSONText {
        .object([("intended", figures(t.intended, item: item)), ("approved", figures(t.approved, item: item)),
                 ("pending", .number(t.pending)), ("returned", .number(t.returned)), ("cityPending", .number(t.cityPending))])
    }

    /// One `rows` entry: `key`, `name`, for an item its `unit` and `target` (null when none), then the tally.
    static func json(_ row: Row, item: TaskItem?) -> JSONText {
        guard case .object(let fields) = json(row.tally, item: item) else { return .null }
        var head: [(String, JSONText)] = [("key", .string(row.key)), ("name", .string(row.name))]
        if let item {
            head += [("unit", item.unit.map(JSONText.string) ?? .null),
                     ("target", ItemTarget.parse(item).map { .number($0.count) } ?? .null)]
        }
        return .object(head + fields)
    }

    struct Row { let key: String; let name: String; let tally: Tally }

    static func rows(_ ledger: Ledger, by grouping: Grouping) -> [Row] {
        let totals = ledger.totals
        switch grouping {
        case .school:
            return ledger.schools.map { Row(key: $0.code, name: $0.name, tally: totals.bySchool[$0.code] ?? Tally()) }
        case .city:
            var cities: [String] = []
            for s in ledger.schools where !cities.contains(s.city) { cities.append(s.city) }
            return cities.map { Row(key: $0, name: $0, tally: totals.byCity[$0] ?? Tally()) }
        case .type:
            return SchoolType.allCases.map { Row(key: $0.rawValue, name: $0.rawValue, tally: totals.byType[$0] ?? Tally()) }
        case .item:
            return ledger.catalog.items.map { Row(key: $0.code, name: $0.text, tally: totals.byItem[$0.code] ?? Tally()) }
        }
    }
}
