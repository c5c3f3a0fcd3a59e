import ClaimKit
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
    public static func make(_ kind: ReportKind, ledger: Ledger, school: String? = nil, item: String? = nil,
                            names: [String: String] = [:]) throws(Problem) -> Report {
        if let school, ledger.school(school) == nil {
            throw Problem(message: "--school：应为已登记的学校代码，实际为「\(Sanitizer.echo(school))」")
        }
        switch kind {
        case .school:
            guard let code = school, let s = ledger.school(code) else {
                throw Problem(message: "--report school 需要 --school 学校代码")
            }
            return schoolReport(s, ledger)
        case .schools: return schoolsReport(ledger)
        case .items: return itemsReport(ledger)
        case .claims: return claimsReport(ledger, school: school, item: item, names: names)
        case .returns: return returnsReport(ledger, school: school, names: names)
        }
    }

    static let fundColumns = [OutputColumn("汇总", width: 12)] + Funds.partLabels.map { OutputColumn($0, width: 13) }

    static func fundCells(_ f: Funds) -> [OutputCell] {
        [f.total.cell] + f.parts.map(\.cell)
    }

    // MARK: one school, the platform's layout

    static func schoolReport(_ s: School, _ ledger: Ledger) -> Report {
        let columns = [OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 60), OutputColumn("是否承接", width: 9),
                       OutputColumn("承接数量", width: 9)] + fundColumns
            + [OutputColumn("省厅审核情况", width: 13), OutputColumn("修改意见", width: 40)]
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
        let items = ledger.catalog.items.filter(\.claimable)
        return Report(kind: .school, sheetName: s.name, columns: columns, topRows: top, merges: merges, rowCount: items.count) { i in
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

    static func schoolsReport(_ ledger: Ledger) -> Report {
        let schools = ledger.schools
        let province = ledger.totals.province
        return Report(kind: .schools, sheetName: ReportKind.schools.title, columns: schoolColumns,
                      topRows: [Report.header(schoolColumns)], merges: [], rowCount: schools.count + 1) { i in
            guard i < schools.count else {
                return [.text("合计", bold: true), .text("\(schools.count) 所学校"), .empty, .empty, .empty] + tallyCells(province)
            }
            let s = schools[i]
            let t = ledger.totals.bySchool[s.code]
            return [.text(s.code), .text(s.name), .text(s.type.rawValue), .text(s.city),
                    .text(SchoolReviewStatus(t).label)] + tallyCells(t ?? Tally())
        }
    }

    static let itemColumns = [
        OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 60), OutputColumn("承接学校数", width: 9),
        OutputColumn("待审核", width: 7), OutputColumn("已通过", width: 7), OutputColumn("退回修改", width: 9),
    ] + fundColumns + [OutputColumn("已通过汇总", width: 12)]

    static func itemsReport(_ ledger: Ledger) -> Report {
        let items = ledger.catalog.items.filter(\.claimable)
        let province = ledger.totals.province
        func cells(_ t: Tally) -> [OutputCell] {
            [.integer(t.intended.claims), .integer(t.pending), .integer(t.approved.claims), .integer(t.returned)]
                + fundCells(t.intended.funds) + [t.approved.funds.total.cell]
        }
        return Report(kind: .items, sheetName: ReportKind.items.title, columns: itemColumns,
                      topRows: [Report.header(itemColumns)], merges: [], rowCount: items.count + 1) { i in
            guard i < items.count else { return [.text("合计", bold: true), .text("\(items.count) 项任务")] + cells(province) }
            let item = items[i]
            return [.text(item.code), .text(item.text)] + cells(ledger.totals.byItem[item.code] ?? Tally())
        }
    }

    // MARK: claims and returns

    static let claimColumns = [
        OutputColumn("学校代码", width: 12), OutputColumn("学校名称", width: 30), OutputColumn("学校类型", width: 13),
        OutputColumn("所在市", width: 9), OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 50),
        OutputColumn("承接数量", width: 9),
    ] + fundColumns + [
        OutputColumn("省厅审核情况", width: 13), OutputColumn("轮次", width: 6), OutputColumn("修改意见", width: 40),
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

    static func claimsReport(_ ledger: Ledger, school: String?, item: String?, names: [String: String]) -> Report {
        let claims = claimList(ledger, school: school, item: item) { _ in true }
        return Report(kind: .claims, sheetName: ReportKind.claims.title, columns: claimColumns,
                      topRows: [Report.header(claimColumns)], merges: [], rowCount: claims.count) { i in
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
        OutputColumn("工作任务", width: 50), OutputColumn("轮次", width: 6), OutputColumn("修改意见", width: 40),
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
                      topRows: [Report.header(returnColumns)], merges: [], rowCount: claims.count) { i in
            let c = claims[i]
            let s = ledger.school(c.school)!
            let item = ledger.catalog.item(c.item)!
            guard case .returned(let comment) = c.state, let decision = c.lastDecision else { return [] }
            return [.text(s.city), .text(s.code), .text(s.name), .text(s.contacts.manager), .text(s.contacts.mobile),
                    .text(item.code), .text(item.text), .integer(c.round), .text(comment),
                    .text(names[decision.actor] ?? decision.actor), .text(decision.time.description)]
        }
    }
}
