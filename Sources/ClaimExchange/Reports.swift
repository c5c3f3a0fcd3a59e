import ClaimKit
import Foundation
import Sheets
import TerminalText

/// Builds each report from a ledger. Column lists are tables here; widths are in Excel's character
/// units, about 2 per Chinese character.
public enum Reports {
    /// Why a report cannot be made.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The report `kind`, for one school when `school` is given (required for `.school`). `names` gives the
    /// name people know for an actor (accounts.tsv's display names) in the 审核人 and 退回人 columns.
    /// `now` is the as-of time when the journal is empty (otherwise its last event's time is).
    public static func make(_ kind: ReportKind, ledger: Ledger, school: String? = nil, item: String? = nil,
                            names: [String: String] = [:], now: Timestamp = .now) throws(Problem) -> Report {
        if let school, ledger.school(school) == nil {
            throw Problem(message: "--school：应为已登记的学校代码，实际为「\(Sanitizer.echo(school))」")
        }
        let report: Report
        switch kind {
        case .school:
            guard let code = school, let s = ledger.school(code) else {
                throw Problem(message: "--report school 需要 --school 学校代码")
            }
            report = schoolReport(s, ledger)
        case .schools: report = schoolsReport(ledger, schools: ledger.schools, total: ledger.totals.province)
        case .items: report = itemsReport(ledger)
        case .claims: report = claimsReport(ledger, claims: claimList(ledger, school: school, item: item) { _ in true },
                                            subject: subject(ledger, school: school, item: item), names: names)
        case .returns: report = returnsReport(ledger, school: school, names: names)
        case .cities: report = citiesReport(ledger)
        }
        return headed(report, ledger, filter: nil, now: now)
    }

    /// 分校承接任务数量汇总表 of exactly the schools `codes`, in that order (the console's school list as
    /// filtered and sorted on screen), with a 合计 row of those schools. `filterLabel` is written after the
    /// title in brackets as given, e.g. `筛选：地市=济南市；排序：待审↓`.
    public static func schools(ledger: Ledger, codes: [String], filterLabel: String?, now: Timestamp = .now) throws(Problem) -> Report {
        let schools = try known(codes, ledger)
        let report = schoolsReport(ledger, schools: schools, total: tally(ledger, schools: schools))
        return headed(report, ledger, filter: filterLabel, now: now)
    }

    /// 承接任务明细 of one item's claims by the schools `codes`, in that order (the console's list of an
    /// item's schools as on screen); a school without an active claim on the item has no row. The flat
    /// layout, as `--report claims --item`, so it imports again.
    public static func claims(ledger: Ledger, item: String, codes: [String], filterLabel: String?,
                              names: [String: String] = [:], now: Timestamp = .now) throws(Problem) -> Report {
        guard ledger.catalog.item(item) != nil else {
            throw Problem(message: "任务序号：应为目录中的序号，实际为「\(Sanitizer.echo(item))」")
        }
        let claims = try known(codes, ledger).compactMap { s in
            ledger.claim(ClaimKey(school: s.code, item: item)).flatMap { $0.isActive ? $0 : nil }
        }
        let report = claimsReport(ledger, claims: claims, subject: subject(ledger, school: nil, item: item), names: names)
        return headed(report, ledger, filter: filterLabel, now: now)
    }

    /// The schools of `codes`, each of which must be registered.
    static func known(_ codes: [String], _ ledger: Ledger) throws(Problem) -> [School] {
        var out: [School] = []
        for code in codes {
            guard let s = ledger.school(code) else {
                throw Problem(message: "学校代码：应为已登记的学校代码，实际为「\(Sanitizer.echo(code))」")
            }
            out.append(s)
        }
        return out
    }

    /// The tally of the claims of `schools` (each school counted once): the same figures, 任务数量 included,
    /// as the ledger keeps for the province (Totals counts active claims only).
    static func tally(_ ledger: Ledger, schools: [School]) -> Tally {
        var seen = Set<String>()
        var claims: [Claim] = []
        for s in schools where seen.insert(s.code).inserted { claims += ledger.claims(ofSchool: s.code) }
        let catalog = ledger.catalog
        return Totals.recompute(claims, task: { catalog.item($0.item)!.task }, school: { ledger.school($0.school)! }).province
    }

    static func subject(_ ledger: Ledger, school: String?, item: String?) -> String? {
        let parts = [school.map { ledger.school($0)?.name ?? $0 }, item.map { "任务 \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The report with its title and notes lines: `山东省 TITLE　SUBJECT（FILTER）` and
    /// `单位：万元　数据截至 YYYY-MM-DD HH:MM（北京时间）`, as of the journal's last event (or `now` when the
    /// journal is empty), in Beijing time whatever the machine's time zone.
    static func headed(_ report: Report, _ ledger: Ledger, filter: String?, now: Timestamp) -> Report {
        var r = report
        var title = "\(ledger.campaign.province) \(report.kind.title)"
        if let subject = report.subject { title += "　\(subject)" }
        // The caller's label may quote cities or names from files: kept to one line, controls shown as escapes.
        if let filter, !filter.isEmpty { title += "（\(Sanitizer.line(filter))）" }
        r.title = title
        let asOf = "数据截至 \((ledger.lastEventTime ?? now).beijing)（北京时间）"
        r.notes = report.kind == .returns ? asOf : "单位：万元　\(asOf)"
        return r
    }

    static let fundColumns = [OutputColumn("汇总", width: 12)] + Funds.partLabels.map { OutputColumn($0, width: 13) }

    static func fundCells(_ f: Funds) -> [OutputCell] {
        [f.total.cell] + f.parts.map(\.cell)
    }

    // MARK: one school, the platform's layout

    static func schoolReport(_ s: School, _ ledger: Ledger) -> Report {
        let columns = [OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 60, wrap: true), OutputColumn("是否承接", width: 9),
                       OutputColumn("承接数量", width: 9)] + fundColumns
            + [OutputColumn("省厅审核情况", width: 13), OutputColumn("修改意见", width: 40, wrap: true)]
        let tally = ledger.totals.bySchool[s.code] ?? Tally()
        func figures(_ label: String, _ f: Figures) -> [OutputCell] {
            [.text(label, bold: true), .text("任务数量"), .integer(f.tasks), .text("汇总金额（万元）"), f.funds.total.cell]
                + zip(Funds.partLabels, f.funds.parts).flatMap { [OutputCell.text("\($0)（万元）"), $1.cell] }
        }
        let c = s.contacts
        let top: [[OutputCell]] = [
            [.text("学校代码", bold: true), .text(s.code), .text("学校名称", bold: true), .text(s.name),
             .text("学校类型", bold: true), .text(s.type.rawValue), .text("所在市", bold: true), .text(s.city)],
            [.text("平台管理联系人", bold: true), .text(c.manager), .text("办公电话", bold: true), .text(c.officePhone),
             .text("手机号", bold: true), .text(c.mobile)],
            figures("意向承接", tally.intended),
            figures("已通过", tally.approved),
            [.text("序号", bold: true), .text("工作任务", bold: true), .text("是否承接", bold: true), .text("承接数量", bold: true),
             .text("预计投入经费（单位：万元）", bold: true), .empty, .empty, .empty, .empty,
             .text("省厅审核情况", bold: true), .text("修改意见", bold: true)],
            [.empty, .empty, .empty, .empty] + fundColumns.map { .text($0.header, bold: true) } + [.empty, .empty],
        ]
        var merges = [CellRange(CellAddress(column: 4, row: 5), CellAddress(column: 8, row: 5))]
        for col in [0, 1, 2, 3, 9, 10] { merges.append(CellRange(CellAddress(column: col, row: 5), CellAddress(column: col, row: 6))) }
        // The campaign's open items (which may include catalog `no` items), and any other the school claimed:
        // its own export must hold every claim it has, or submitting it back would withdraw the missing ones.
        let items = ledger.catalog.items.filter { ledger.campaign.openItems.contains($0.code)
            || ledger.claim(ClaimKey(school: s.code, item: $0.code))?.isActive == true }
        return Report(kind: .school, sheetName: s.name, columns: columns, topRows: top, headerRows: 2, merges: merges,
                      subject: s.name, rowCount: items.count) { i in
            let item = items[i]
            guard let claim = ledger.claim(ClaimKey(school: s.code, item: item.code)), claim.isActive else {
                return [.text(item.code), .text(item.text)]
            }
            var comment = OutputCell.empty
            if case .returned(let text) = claim.state { comment = .text(text) }
            return [.text(item.code), .text(item.text), .text("是"), quantityCell(claim)] + fundCells(claim.funds)
                + [.text(claim.state.label), comment]
        }
    }

    static func quantityCell(_ claim: Claim) -> OutputCell {
        claim.quantity.map(OutputCell.integer) ?? .text("-")
    }

    // MARK: summaries

    static let schoolColumns = [
        OutputColumn("学校代码", width: 12), OutputColumn("学校名称", width: 30), OutputColumn("学校类型", width: 13),
        OutputColumn("所在市", width: 9), OutputColumn("审核状态", width: 9), OutputColumn("待审核", width: 7),
        OutputColumn("已通过", width: 7), OutputColumn("退回修改", width: 9), OutputColumn("意向承接任务数量", width: 9),
        OutputColumn("意向承接条数", width: 9),
    ] + fundColumns + [OutputColumn("已通过任务数量", width: 9), OutputColumn("已通过汇总", width: 12)]

    static func tallyCells(_ t: Tally) -> [OutputCell] {
        [.integer(t.pending), .integer(t.approved.claims), .integer(t.returned), .integer(t.intended.tasks),
         .integer(t.intended.claims)] + fundCells(t.intended.funds) + [.integer(t.approved.tasks), t.approved.funds.total.cell]
    }

    /// A row per school of `schools`, then 合计 with `total`.
    static func schoolsReport(_ ledger: Ledger, schools: [School], total: Tally) -> Report {
        let columns = CityStep.columns(schoolColumns, ledger)
        func cells(_ t: Tally) -> [OutputCell] { CityStep.cells(tallyCells(t), t, ledger) }
        return Report(kind: .schools, sheetName: ReportKind.schools.title, columns: columns,
                      topRows: [Report.header(columns)], rowCount: schools.count + 1) { i in
            guard i < schools.count else {
                return [.text("合计", bold: true), .text("\(schools.count) 所学校"), .empty, .empty, .empty] + cells(total)
            }
            let s = schools[i]
            let t = ledger.totals.bySchool[s.code]
            return [.text(s.code), .text(s.name), .text(s.type.rawValue), .text(s.city),
                    .text(SchoolReviewStatus(t).label)] + cells(t ?? Tally())
        }
    }

    /// With the city step (campaign.tsv `city-review on`) the count reports carry 待市级审核 beside 待审核;
    /// without it they keep their columns.
    enum CityStep {
        static let column = OutputColumn("待市级审核", width: 10)

        /// `columns` with 待市级审核 after 待审核 when the campaign has the city step.
        static func columns(_ columns: [OutputColumn], _ ledger: Ledger) -> [OutputColumn] {
            guard ledger.campaign.cityReview, let at = columns.firstIndex(where: { $0.header == "待审核" }) else { return columns }
            var out = columns
            out.insert(column, at: at + 1)
            return out
        }

        /// `cells`, which start with the 待审核 count, with the 待市级审核 count after it when the campaign has the step.
        static func cells(_ cells: [OutputCell], _ t: Tally, _ ledger: Ledger) -> [OutputCell] {
            guard ledger.campaign.cityReview, !cells.isEmpty else { return cells }
            var out = cells
            out.insert(.integer(t.cityPending), at: 1)
            return out
        }
    }

    static let itemColumns = [
        OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 60, wrap: true), OutputColumn("承接学校数", width: 9),
        OutputColumn("待审核", width: 7), OutputColumn("已通过", width: 7), OutputColumn("退回修改", width: 9),
    ] + fundColumns + [OutputColumn("已通过汇总", width: 12), OutputColumn("承接数量合计", width: 9),
                       OutputColumn("已通过数量", width: 9), OutputColumn("目标", width: 9)]

    /// 承接数量合计 (active claims), 已通过数量 and 目标 (the plan's target, `ItemTarget`) of one item:
    /// `-` on an item without a unit, and 目标 `-` when the text names no target.
    static func quantityCells(_ item: TaskItem, _ t: Tally) -> [OutputCell] {
        guard item.isCountable else { return [.text("-"), .text("-"), .text("-")] }
        return [.integer(Int(t.intended.quantity)), .integer(Int(t.approved.quantity)),
                ItemTarget.parse(item).map { .integer($0.count) } ?? .text("-")]
    }

    static func itemsReport(_ ledger: Ledger) -> Report {
        // The items the campaign opens, and any other that has claims.
        let items = ledger.catalog.items.filter { ledger.campaign.openItems.contains($0.code)
            || (ledger.totals.byItem[$0.code]?.intended.claims ?? 0) > 0 }
        let province = ledger.totals.province
        func cells(_ t: Tally) -> [OutputCell] {
            [.integer(t.intended.claims)]
                + CityStep.cells([.integer(t.pending), .integer(t.approved.claims), .integer(t.returned)], t, ledger)
                + fundCells(t.intended.funds) + [t.approved.funds.total.cell]
        }
        let columns = CityStep.columns(itemColumns, ledger)
        return Report(kind: .items, sheetName: ReportKind.items.title, columns: columns,
                      topRows: [Report.header(columns)], rowCount: items.count + 1) { i in
            // 合计 adds no 承接数量: items count different things (所, 个, 名).
            guard i < items.count else { return [.text("合计", bold: true), .text("\(items.count) 项任务")] + cells(province) }
            let item = items[i]
            let t = ledger.totals.byItem[item.code] ?? Tally()
            return [.text(item.code), .text(item.text)] + cells(t) + quantityCells(item, t)
        }
    }

    // MARK: claims and returns

    static let claimColumns = [
        OutputColumn("学校代码", width: 12), OutputColumn("学校名称", width: 30), OutputColumn("学校类型", width: 13),
        OutputColumn("所在市", width: 9), OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 50, wrap: true),
        OutputColumn("承接数量", width: 9),
    ] + fundColumns + [
        OutputColumn("省厅审核情况", width: 13), OutputColumn("轮次", width: 6), OutputColumn("修改意见", width: 40, wrap: true),
        OutputColumn("审核人", width: 10), OutputColumn("审核时间", width: 20),
    ]

    /// Active claims in school order, then catalog order; optionally one school's or one item's.
    static func claimList(_ ledger: Ledger, school: String?, item: String?, where keep: (Claim) -> Bool) -> [Claim] {
        let schools = school.flatMap(ledger.school).map { [$0] } ?? ledger.schools
        let items = item.flatMap(ledger.catalog.item).map { [$0] } ?? ledger.catalog.items
        var out: [Claim] = []
        for s in schools {
            for it in items {
                if let c = ledger.claim(ClaimKey(school: s.code, item: it.code)), c.isActive, keep(c) { out.append(c) }
            }
        }
        return out
    }

    static func claimsReport(_ ledger: Ledger, claims: [Claim], subject: String?, names: [String: String]) -> Report {
        Report(kind: .claims, sheetName: ReportKind.claims.title, columns: claimColumns,
               topRows: [Report.header(claimColumns)], subject: subject, rowCount: claims.count) { i in
            let c = claims[i]
            let s = ledger.school(c.school)!
            let item = ledger.catalog.item(c.item)!
            var comment = OutputCell.empty
            if case .returned(let text) = c.state { comment = .text(text) }
            let decision = c.lastDecision
            return [.text(s.code), .text(s.name), .text(s.type.rawValue), .text(s.city), .text(item.code), .text(item.text),
                    quantityCell(c)] + fundCells(c.funds)
                + [.text(c.state.label), .integer(c.round), comment,
                   decision.map { .text(names[$0.actor] ?? $0.actor) } ?? .empty, decision.map { .text($0.time.description) } ?? .empty]
        }
    }

    static let returnColumns = [
        OutputColumn("所在市", width: 9), OutputColumn("学校代码", width: 12), OutputColumn("学校名称", width: 30),
        OutputColumn("平台管理联系人", width: 12), OutputColumn("手机号", width: 13), OutputColumn("序号", width: 7),
        OutputColumn("工作任务", width: 50, wrap: true), OutputColumn("轮次", width: 6), OutputColumn("修改意见", width: 40, wrap: true),
        OutputColumn("退回人", width: 10), OutputColumn("退回时间", width: 20),
    ]

    static func returnsReport(_ ledger: Ledger, school: String?, names: [String: String]) -> Report {
        var claims = claimList(ledger, school: school, item: nil) {
            if case .returned = $0.state { return true } else { return false }
        }
        let order = Dictionary(uniqueKeysWithValues: ledger.schools.enumerated().map { ($1.code, $0) })
        claims.sort { a, b in
            let (sa, sb) = (ledger.school(a.school)!, ledger.school(b.school)!)
            if sa.city != sb.city { return sa.city < sb.city }
            return order[a.school]! < order[b.school]!
        }
        return Report(kind: .returns, sheetName: ReportKind.returns.title, columns: returnColumns,
                      topRows: [Report.header(returnColumns)], subject: subject(ledger, school: school, item: nil),
                      rowCount: claims.count) { i in
            let c = claims[i]
            let s = ledger.school(c.school)!
            let item = ledger.catalog.item(c.item)!
            guard case .returned(let comment) = c.state, let decision = c.lastDecision else { return [] }
            return [.text(s.city), .text(s.code), .text(s.name), .text(s.contacts.manager), .text(s.contacts.mobile),
                    .text(item.code), .text(item.text), .integer(c.round), .text(comment),
                    .text(names[decision.actor] ?? decision.actor), .text(decision.time.description)]
        }
    }

    // MARK: 全省汇总

    /// The figures of one row of 全省汇总, after its label: those of the console's page, with the number of
    /// schools registered in the group before them.
    static let cityColumns = [
        OutputColumn("地市", width: 16), OutputColumn("学校数", width: 8), OutputColumn("承接条目", width: 9),
        OutputColumn("任务数量", width: 9), OutputColumn("待审核", width: 8), OutputColumn("已通过", width: 8),
        OutputColumn("退回修改", width: 9), OutputColumn("审核进度", width: 9), OutputColumn("意向承接汇总", width: 14),
        OutputColumn("已通过汇总", width: 14), OutputColumn("学校任务数合计", width: 9),
    ]

    /// 进度 as the console shows it: decided claims as a whole percentage of submitted ones, `-` when none.
    static func progress(_ t: Tally) -> String {
        t.intended.claims == 0 ? "-" : "\(t.decided * 100 / t.intended.claims)%"
    }

    static func cityCells(_ label: OutputCell, schools: Int, _ t: Tally, _ ledger: Ledger) -> [OutputCell] {
        [label, .integer(schools), .integer(t.intended.claims), .integer(t.intended.tasks)]
            + CityStep.cells([.integer(t.pending), .integer(t.approved.claims), .integer(t.returned)], t, ledger)
            + [.text(progress(t)), t.intended.funds.total.cell, t.approved.funds.total.cell, .integer(t.intended.schoolTasks)]
    }

    /// One sheet, two tables as on the console's 全省汇总 page: cities in schools-file order and 全省合计;
    /// a blank row; then a header row headed 学校类型, the school types and 全省合计 again.
    static func citiesReport(_ ledger: Ledger) -> Report {
        var cities: [String] = []
        var schoolsIn: [String: Int] = [:]
        var schoolsOf: [SchoolType: Int] = [:]
        for s in ledger.schools {
            if schoolsIn[s.city] == nil { cities.append(s.city) }
            schoolsIn[s.city, default: 0] += 1
            schoolsOf[s.type, default: 0] += 1
        }
        let types = SchoolType.allCases
        let province = ledger.totals.province
        let total = cityCells(.text("全省合计", bold: true), schools: ledger.schools.count, province, ledger)
        let columns = CityStep.columns(cityColumns, ledger)
        let typeHeader = [OutputCell.text("学校类型", bold: true)] + Report.header(Array(columns.dropFirst()))
        // rows: cities, 合计, blank, type header, types, 合计
        let typeStart = cities.count + 3
        return Report(kind: .cities, sheetName: ReportKind.cities.title, columns: columns,
                      topRows: [Report.header(columns)], rowCount: typeStart + types.count + 1) { i in
            switch i {
            case ..<cities.count:
                let city = cities[i]
                return cityCells(.text(city), schools: schoolsIn[city] ?? 0, ledger.totals.byCity[city] ?? Tally(), ledger)
            case cities.count: return total
            case cities.count + 1: return []
            case cities.count + 2: return typeHeader
            case typeStart..<(typeStart + types.count):
                let type = types[i - typeStart]
                return cityCells(.text(type.rawValue), schools: schoolsOf[type] ?? 0, ledger.totals.byType[type] ?? Tally(), ledger)
            default: return total
            }
        }
    }
}

extension Timestamp {
    /// This moment, to the second.
    public static var now: Timestamp { Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}
