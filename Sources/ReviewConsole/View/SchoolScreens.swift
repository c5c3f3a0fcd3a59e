import ClaimKit
import TerminalText

/// A column of a school screen's table: its platform title, the short title it takes when the terminal is
/// too narrow for the full ones, and its width for values.
struct SchoolColumn {
    let title: String
    let short: String
    let values: Int
    let right: Bool
}

/// School mode's screens (承接任务, 本校任务情况预览, 需修改的任务), drawn from the desk and the ledger.
extension Renderer {
    static let numberColumn = SchoolColumn(title: "序号", short: "序号", values: 4, right: false)
    static let taskColumn = SchoolColumn(title: "工作任务", short: "工作任务", values: 0, right: false)
    static let tickColumn = SchoolColumn(title: "是否承接", short: "承接", values: 3, right: false)
    static let resubmitColumn = SchoolColumn(title: "本次提交", short: "提交", values: 3, right: false)
    static let quantityColumn = SchoolColumn(title: "承接数量", short: "数量", values: 5, right: true)
    static let totalColumn = SchoolColumn(title: "汇总", short: "汇总", values: 7, right: true)
    static let fundColumns = [SchoolColumn(title: "学校自筹", short: "自筹", values: 7, right: true),
                              SchoolColumn(title: "行业企业投入", short: "行业企业", values: 7, right: true),
                              SchoolColumn(title: "举办方投入", short: "举办方", values: 7, right: true),
                              SchoolColumn(title: "地市县投入", short: "地市县", values: 7, right: true)]
    static let reviewColumn = SchoolColumn(title: UIStrings.reviewColumn, short: "审核情况", values: 8, right: false)
    static let commentColumn = SchoolColumn(title: UIStrings.commentLabel, short: UIStrings.commentLabel, values: 30, right: false)

    /// The terminal width from which the preview and 需修改的任务 show 修改意见 as a column (below it, the line under
    /// the table shows the one of the claim under the cursor).
    static let commentColumnFromCols = 120

    /// The columns of a screen, in the platform's order (需修改的任务 shows no 汇总, as the platform).
    static func schoolColumns(_ screen: SchoolDesk.Screen, cols: Int) -> [SchoolColumn] {
        let comment = cols >= commentColumnFromCols ? [commentColumn] : []
        switch screen {
        case .claiming: return [numberColumn, taskColumn, tickColumn, quantityColumn, totalColumn] + fundColumns
        case .preview: return [numberColumn, taskColumn, tickColumn, quantityColumn, totalColumn] + fundColumns + [reviewColumn] + comment
        case .returns: return [resubmitColumn, numberColumn, taskColumn, quantityColumn] + fundColumns + [reviewColumn] + comment
        }
    }

    /// Titles and widths: the full titles when 工作任务 keeps 20 columns, else the short ones.
    func fitted(_ columns: [SchoolColumn]) -> [(title: String, width: Int, right: Bool)] {
        for useShort in [false, true] {
            let fixed = columns.map { c in c.values == 0 ? 0 : max(c.values, DisplayWidth.of(useShort ? c.short : c.title)) }
            let task = state.cols - fixed.reduce(0, +) - (columns.count - 1)
            if task >= 20 || useShort {
                return zip(columns, fixed).map { c, w in (useShort ? c.short : c.title, c.values == 0 ? max(4, task) : w, c.right) }
            }
        }
        return []
    }

    mutating func drawDesk(_ desk: SchoolDesk) {
        let name = ledger.school(desk.school).map { show($0.name) } ?? desk.school
        grid.fill(row: 0, style: Style(.title, reverse: true))
        let left = " \(UIStrings.schoolAppTitle) · \(name)（\(desk.school)） · \(UIStrings.screenTitle(desk.screen))"
        let marks = [state.demo ? UIStrings.demoData : nil, state.readOnly ? UIStrings.readOnly : nil].compactMap { $0 }
        let right = show(marks.map { " [\($0)]" }.joined() + " ? 帮助 ")
        put(left, row: 0, col: 0, style: Style(.title, bold: true, reverse: true), width: state.cols - DisplayWidth.of(right))
        put(right, row: 0, col: state.cols - DisplayWidth.of(right), style: Style(.title, reverse: true))

        let items = desk.items(ledger)
        var row = 1
        switch desk.screen {
        case .claiming:
            let c = ledger.campaign
            put("\(UIStrings.requirements)  \(UIStrings.startDate)：\(c.start)  \(UIStrings.endDate)：\(c.end)", row: row, col: 0, style: Style(.header, bold: true))
            put("\(UIStrings.instructions)：" + c.instructions.replacingOccurrences(of: "\n", with: " "), row: row + 1, col: 0)
            put(provinceContacts(c), row: row + 2, col: 0)
            put(contactsLine(desk), row: row + 3, col: 0)
            // The platform's header line, on two lines at 80 columns: it changes as values are typed.
            let (tasks, funds) = desk.typedTotals(ledger)
            let parts = zip(Funds.partLabels, funds).map { "\($0)：\($1)万元" }
            put("\(UIStrings.tasks)：\(tasks)个；汇总金额：\(funds.reduce(Money.zero, +))万元；" + parts[0], row: row + 4, col: 0, style: Style(.header))
            put(parts[1...].joined(separator: "；"), row: row + 5, col: 0, style: Style(.header))
            row += 6
        case .preview:
            let active = ledger.claims(ofSchool: desk.school).contains { $0.isActive }
            put(active ? UIStrings.statusSubmitted : UIStrings.statusNotSubmitted, row: row, col: 0, style: Style(.header, bold: true))
            put(contactsLine(desk), row: row + 1, col: 0)
            let t = ledger.totals.bySchool[desk.school] ?? Tally()
            drawFigures(["", UIStrings.tasks, "汇总金额"] + ["学校自筹", "行业企业投入", "举办方投入", "地市级投入"], row: row + 2, style: Style(.header))
            drawFigures(figures(UIStrings.intended, t.intended), row: row + 3, style: .plain)
            drawFigures(figures(UIStrings.approved, t.approved), row: row + 4, style: Style(.approved))
            row += 5
        case .returns:
            put(items.isEmpty ? UIStrings.noReturns : "\(UIStrings.screenTitle(.returns))（\(items.count) 项）：\(UIStrings.noFunding)",
                row: row, col: 0, style: Style(.header, bold: true))
            row += 1
        }
        drawDeskTable(desk, items, headerRow: row)
        drawDeskFooter(desk, items)
        if !desk.problems.isEmpty { drawProblems(desk.problems) }
    }

    private func provinceContacts(_ c: Campaign) -> String {
        let parts = c.contacts.prefix(2).enumerated().map { i, p in
            "\(UIStrings.provinceContact)\(i == 0 ? "" : "2")：\(p.name)  \(UIStrings.provincePhone)\(i == 0 ? "" : "2")：\(p.phone)"
        }
        let full = parts.joined(separator: "  ")
        guard DisplayWidth.of(full) > state.cols else { return parts.isEmpty ? "\(UIStrings.provinceContact)：-" : full }
        return c.contacts.prefix(2).enumerated().map { i, p in "\(UIStrings.provinceContact)\(i == 0 ? "" : "2")：\(p.name) \(p.phone)" }
            .joined(separator: "  ")
    }

    private func contactsLine(_ desk: SchoolDesk) -> String {
        let c = desk.contactsShown(ledger)
        let unsaved = desk.contacts != nil ? "（未保存）" : ""
        return "\(UIStrings.manager)：\(c.manager)  \(UIStrings.office)：\(c.officePhone)  \(UIStrings.mobile)：\(c.mobile)\(unsaved)"
    }

    /// 意向承接 or 已通过 as the preview's small table has it: 任务数量, 汇总金额 and the four parts (万元).
    private func figures(_ label: String, _ f: Figures) -> [String] {
        ["\(label)：", "\(f.tasks)", "\(f.funds.total)"] + f.funds.parts.map(\.description)
    }

    /// The widths of the preview's figures table: the label, then each figure under its title.
    static let figureWidths = [10, 8, 10, 10, 12, 10, 10]

    private mutating func drawFigures(_ cells: [String], row: Int, style: Style) {
        var x = 0
        for (i, (cell, w)) in zip(cells, Renderer.figureWidths).enumerated() {
            grid.put(fit(cell, w, right: i > 0), row: row, col: x, style: style)
            x += w + 1
        }
    }

    private mutating func drawDeskTable(_ desk: SchoolDesk, _ items: [TaskItem], headerRow: Int) {
        let columns = Renderer.schoolColumns(desk.screen, cols: state.cols)
        let layout = fitted(columns)
        var x = 0
        for c in layout {
            grid.put(fit(c.title, c.width, right: c.right), row: headerRow, col: x, style: Style(.header, bold: true))
            x += c.width + 1
        }
        let height = Geometry.schoolBodyRows(rows: state.rows, screen: desk.screen)
        for line in 0..<height {
            let i = desk.top + line
            guard i < items.count else { break }
            let item = items[i]
            let values = deskCells(desk, item, columns)
            let claim = ledger.claim(ClaimKey(school: desk.school, item: item.code))
            let style: Style
            switch claim?.state {
            case .approved?: style = Style(.approved)
            case .returned?: style = Style(.returned)
            default: style = .plain
            }
            var x = 0
            for (n, (c, value)) in zip(layout, values).enumerated() {
                let selected = i == desk.cursor && n == 1
                grid.put(fit(value, c.width, right: c.right), row: headerRow + 1 + line, col: x,
                         style: selected ? Style(.selected, bold: true, reverse: true) : style)
                x += c.width + 1
            }
        }
    }

    /// The cells of one item's row, by column.
    private func deskCells(_ desk: SchoolDesk, _ item: TaskItem, _ columns: [SchoolColumn]) -> [String] {
        let claim = ledger.claim(ClaimKey(school: desk.school, item: item.code))
        // The preview shows what is submitted (unclaimed items blank); the forms show what is typed.
        let shown: DraftEntry? = desk.screen == .preview
            ? claim.flatMap { $0.isActive ? DraftEntry(claim: $0) : nil }
            : desk.entry(item.code, ledger)
        let standing = desk.screen == .claiming ? Renderer.claimingLock(desk, item, ledger) : nil
        let entry = standing.map(DraftEntry.init(claim:)) ?? shown
        let ticked = entry?.ticked ?? false
        return columns.map { c in
            switch c.title {
            case "序号": return item.code
            case "工作任务": return item.text
            case "是否承接":
                if desk.screen == .preview { return ticked ? UIStrings.yes : "" }
                return ticked ? UIStrings.tickedMark : UIStrings.untickedMark
            case "本次提交": return desk.resubmit.contains(item.code) ? UIStrings.tickedMark : UIStrings.untickedMark
            case "承接数量":
                guard ticked else { return "" }
                return item.isCountable ? entry?.quantity.map(String.init) ?? "" : UIStrings.notCounted
            case "汇总":
                guard ticked, let entry, entry.funds.contains(where: { $0 != nil }) else { return "" }
                return "\(entry.typedTotal)"
            case UIStrings.reviewColumn:
                guard let claim, claim.isActive else { return "" }
                return claim.state.label
            case UIStrings.commentLabel:
                guard let claim, case .returned(let comment) = claim.state else { return "" }
                return comment
            default:
                guard ticked, let entry, let i = Renderer.fundColumns.firstIndex(where: { $0.title == c.title }) else { return "" }
                return entry.funds[i].map { "\($0)" } ?? ""
            }
        }
    }

    /// The claim that stands on an item of 承接任务 (pending, approved, returned), shown as submitted.
    static func claimingLock(_ desk: SchoolDesk, _ item: TaskItem, _ ledger: Ledger) -> Claim? {
        guard let claim = ledger.claim(ClaimKey(school: desk.school, item: item.code)), claim.isActive else { return nil }
        return claim
    }

    /// The three lines under the table: the item under the cursor (or the inline form), the keys, the message.
    private mutating func drawDeskFooter(_ desk: SchoolDesk, _ items: [TaskItem]) {
        let detailRow = state.rows - 3
        if let form = desk.editor {
            drawForm(form, desk, rows: (state.rows - 5)...(state.rows - 3))
        } else if items.indices.contains(desk.cursor) {
            let item = items[desk.cursor]
            var text = "\(item.code) \(item.text)" + (item.unit.map { "（单位：\($0)）" } ?? "")
            if let claim = ledger.claim(ClaimKey(school: desk.school, item: item.code)), case .returned(let comment) = claim.state {
                text = "\(UIStrings.commentLabel)：\(comment) · " + text
            }
            put(text, row: detailRow, col: 0, style: Style(.dim))
        }
        let keys: String
        if desk.editor != nil {
            keys = UIStrings.formKeys
        } else {
            switch desk.screen {
            case .claiming: keys = UIStrings.claimingKeys
            case .preview: keys = UIStrings.previewKeys
            case .returns: keys = UIStrings.returnsKeys
            }
        }
        grid.fill(row: state.rows - 2, style: Style(.status, reverse: true))
        put(" " + keys + (state.saving > 0 ? " │ \(UIStrings.saving)" : ""), row: state.rows - 2, col: 0, style: Style(.status, reverse: true))
    }

    /// The inline form over the last table rows: a title line with the platform's "如果无投入，请填写0", then
    /// the fields, three a line; the terminal cursor in the focused one.
    private mutating func drawForm(_ form: FieldForm, _ desk: SchoolDesk, rows: ClosedRange<Int>) {
        for r in rows { grid.fill(row: r, style: .plain) }
        let title: String
        switch form.target {
        case .contacts: title = "填写联系人：\(UIStrings.manager)、\(UIStrings.office)（区号-号码，如 010-87654321）、\(UIStrings.mobile)（11位）"
        case .item(let code):
            let unit = ledger.catalog.item(code)?.unit.map { "单位：\($0)；" } ?? "不计数量；"
            title = "填写任务 \(code)（\(unit)\(UIStrings.fundsUnit)）\(UIStrings.noFunding)"
        }
        put(title, row: rows.lowerBound, col: 0, style: Style(.header, bold: true))
        let boxWidth = form.target == .contacts ? 14 : 9
        for (n, field) in form.fields.enumerated() {
            let row = rows.lowerBound + 1 + n / 3
            guard row <= rows.upperBound else { break }
            var col = (n % 3) * (state.cols / 3)
            col = put("\(field.label)：", row: row, col: col, style: n == form.focus ? Style(.selected, bold: true) : .plain)
            let (visible, at) = field.editor.window(width: boxWidth, widthOf: screenWidth)
            grid.put(fit(visible, boxWidth), row: row, col: col, style: Style(.selected, reverse: true))
            if n == form.focus { cursor = (row, col + at) }
        }
    }

    /// Why 提交 was refused: every problem, in a box over the table until the next key.
    private mutating func drawProblems(_ problems: [SubmitProblem]) {
        let width = min(state.cols - 4, 76) - 4
        let lines = problems.enumerated().flatMap { i, p in TextFit.wrap(show("\(i + 1). " + UIStrings.problem(p)), to: width) }
        let area = box(title: UIStrings.cannotSubmit, width: width + 4, height: min(state.rows - 6, lines.count + 2))
        for (i, line) in lines.prefix(area.height).enumerated() {
            put(line, row: area.top + i, col: area.left, style: Style(.warning), width: area.width)
        }
    }
}
