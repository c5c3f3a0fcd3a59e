import ClaimKit
import Sheets
import TerminalText

/// Reads the platform's per-school export (导出承接任务情况): a contact block, then the item table
/// 序号 / 工作任务 / 是否承接 / 承接数量 / 汇总 and the four funds (the money headers may sit in a second,
/// merged header row). Rows whose 是否承接 is blank or 否 are items the school did not claim.
struct PlatformLayout {
    enum Column: HeaderColumn {
        case number, text, claimed, quantity, total, selfFunded, industry, sponsor, local, status, comment

        var names: [String] {
            switch self {
            case .number: ["序号"]
            case .text: ["工作任务"]
            case .claimed: ["是否承接"]
            case .quantity: ClaimFigures.quantityNames
            case .total: ClaimFigures.totalNames
            case .selfFunded: ClaimFigures.fundNames[0]
            case .industry: ClaimFigures.fundNames[1]
            case .sponsor: ClaimFigures.fundNames[2]
            case .local: ClaimFigures.fundNames[3]
            case .status: ["省厅审核情况", "审核情况"]
            case .comment: ["修改意见"]
            }
        }

        static let funds: [Column] = [.selfFunded, .industry, .sponsor, .local]
        /// Columns a file may lack: 汇总 (checked when present), and the platform's review columns (compared
        /// with the store, never recorded).
        static let optional: Set<Column> = [.total, .status, .comment]
    }

    /// Labels of the block above the table, each followed by its value in the next cell (or after a colon).
    enum Label: CaseIterable {
        case code, name, manager, officePhone, mobile

        var names: [String] {
            switch self {
            case .code: ["学校代码", "学校标识码"]
            case .name: ["学校名称"]
            case .manager: ["平台管理联系人"]
            case .officePhone: ["办公电话"]
            case .mobile: ["手机号"]
            }
        }
    }

    static let yes: Set<String> = ["是", "√", "✓", "✔", "☑", "TRUE", "true", "1", "Y", "y", "承接"]
    static let no: Set<String> = ["", "否", "☐", "□", "FALSE", "false", "0", "N", "n"]

    /// True when `row` is the platform table's header (it names 是否承接 and 工作任务).
    static func isHeader(_ row: SheetRow) -> Bool {
        let keys = Set(row.entries.map { HeaderText.key($0.value.text) })
        return keys.contains("是否承接") && keys.contains("工作任务")
    }

    /// Reads one sheet whose header is at `headerIndex` in `rows`.
    static func read(_ rows: [SheetRow], headerIndex: Int, file: String, sheet: String?, catalog: Catalog, into out: inout ImportedFile) {
        func at(_ row: Int, _ column: Int?) -> SheetLocation { SheetLocation(file: file, sheet: sheet, row: row, column: column) }
        let match = CatalogMatch(catalog)
        // Problems of earlier sheets are already in `out`; this sheet stops only on its own.
        let start = out.problems.count

        // The header, and the money labels of a second header row under a merged 预计投入经费 cell.
        var columns: [Column: Int] = [:]
        var dataStart = headerIndex + 1
        for index in [headerIndex, headerIndex + 1] where index < rows.count {
            if HeaderText.find(rows[index], into: &columns), index > headerIndex { dataStart = index + 1 }
        }
        let header = rows[headerIndex]
        for column in Column.allCases where !Column.optional.contains(column) && columns[column] == nil {
            out.problems.append(ImportProblem(at(header.number, nil), HeaderText.missing(column)))
        }
        guard out.problems.count == start else { return }

        // The school: from the block above the table, or a 10-digit code in the file name.
        var labels: [Label: (String, SheetLocation)] = [:]
        for row in rows[..<headerIndex] {
            for (k, cell) in row.entries.enumerated() {
                let i = cell.column
                let text = cell.value.text.trimmingWhitespace()
                for label in Label.allCases where labels[label] == nil {
                    for name in label.names {
                        if HeaderText.key(text) == name {
                            // The value is the next cell to the right that is not blank — unless that is the next
                            // label: a school that left 办公电话 empty exports `办公电话 | | 手机号 | …`.
                            let next = row.entries[(k + 1)...].first { !$0.value.text.trimmingWhitespace().isEmpty }
                            let value = next.flatMap { PlatformLayout.isLabel($0.value.text) ? nil : $0 }
                            labels[label] = ((value?.value.text ?? "").trimmingWhitespace(), at(row.number, value?.column ?? i + 1))
                        } else if text.hasPrefix(name + "：") || text.hasPrefix(name + ":") {
                            labels[label] = (String(text.dropFirst(name.count + 1)).trimmingWhitespace(), at(row.number, i))
                        }
                    }
                }
            }
        }
        let code: String
        if let (text, location) = labels[.code] {
            do { code = try School.validateCode(text) } catch {
                out.problems.append(ImportProblem(location, error))
                return
            }
        } else if let fromName = PlatformLayout.codeInFileName(file) {
            code = fromName
        } else {
            out.problems.append(ImportProblem(at(1, 0), "学校代码：应在表格上方写「学校代码」及其10位代码，或在文件名中包含学校代码，实际都没有"))
            return
        }
        var school = ImportedSchool(code: code, location: labels[.code]?.1 ?? at(1, 0))
        school.name = labels[.name].map(\.0).flatMap { $0.isEmpty ? nil : $0 }
        if let (manager, managerAt) = labels[.manager], let (office, officeAt) = labels[.officePhone],
           let (mobile, mobileAt) = labels[.mobile], !(manager + office + mobile).isEmpty {
            do { school.contacts = try SchoolContacts(manager: manager, officePhone: office, mobile: mobile) } catch {
                let location = error.field == "办公电话" ? officeAt : error.field == "手机号" ? mobileAt : managerAt
                out.problems.append(ImportProblem(location, error))
            }
        }
        out.schools.append(school)

        var seen: [String: Int] = [:]
        for row in rows[dataStart...] where !row.isBlank {
            func cell(_ c: Column) -> CellValue? { columns[c].flatMap(row.value) }
            func text(_ c: Column) -> String { columns[c].map(row.text) ?? "" }
            func problem(_ c: Column?, _ message: String) { out.problems.append(ImportProblem(at(row.number, c.flatMap { columns[$0] }), message)) }
            let claimed = text(.claimed)
            let number = InputText.normalise(text(.number))
            let stated = text(.text)
            let leading = CatalogMatch.dropLeadingCode(stated).code
            if no.contains(claimed) {
                // An item listed and not claimed: the school no longer claims it (a task's heading row, or a row
                // whose item cannot be told, says nothing).
                if let item = catalog.item(number) ?? leading.flatMap(catalog.item) ?? match.item(text: stated),
                   match.item(text: stated).map({ $0.code == item.code }) ?? true {
                    out.unclaimed.append(UnclaimedItem(key: ClaimKey(school: code, item: item.code),
                                                       location: at(row.number, columns[.claimed])))
                }
                continue
            }
            guard yes.contains(claimed) else {
                problem(.claimed, "是否承接：应为「是」或留空，实际为「\(Sanitizer.echo(claimed))」")
                continue
            }
            guard let item = catalog.item(number) ?? leading.flatMap(catalog.item) ?? match.item(text: stated) else {
                problem(.text, "工作任务：应为任务清单中的任务（序号或任务内容），实际为序号「\(Sanitizer.echo(number))」、任务「\(Sanitizer.echo(stated))」")
                continue
            }
            // The 序号 decides, but only when the text is not another item's: a numbering other than ours
            // would otherwise map rows to the wrong items silently.
            if let named = match.item(text: stated), named.code != item.code {
                problem(.text, "工作任务：序号 \(item.code) 应为「\(item.text)」，实际为序号 \(named.code) 的任务「\(Sanitizer.echo(stated))」")
                continue
            }
            let before = out.problems.count
            let (quantity, figures) = ClaimFigures.read(quantity: cell(.quantity), funds: Column.funds.map(cell),
                                                        total: cell(.total), item: item) { field, message in
                switch field {
                case .quantity: problem(.quantity, message)
                case .fund(let i): problem(Column.funds[i], message)
                case .total: problem(.total, message)
                }
            }
            guard let funds = figures else { continue }
            if let first = seen[item.code] {
                problem(nil, "重复的行：任务 \(item.code) 已在第 \(first) 行出现")
                continue
            }
            seen[item.code] = row.number
            guard out.problems.count == before else { continue }
            var imported = ImportedClaim(key: ClaimKey(school: code, item: item.code), quantity: quantity, funds: funds,
                                         location: at(row.number, nil))
            if columns[.status] != nil || columns[.comment] != nil {
                imported.review = StatedReview(status: columns[.status].map { _ in text(.status) }, statusAt: at(row.number, columns[.status]),
                                               comment: columns[.comment].map { _ in text(.comment) }, commentAt: at(row.number, columns[.comment]))
            }
            out.claims.append(imported)
        }
    }

    /// True when `text` is one of the labels of the block above the table.
    static func isLabel(_ text: String) -> Bool {
        let key = HeaderText.key(text.trimmingWhitespace())
        return Label.allCases.contains { $0.names.contains(key) }
    }

    /// The first run of exactly ten digits in the file's name.
    static func codeInFileName(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var run = ""
        for ch in name + "_" {
            if ch.isASCII && ch.isNumber { run.append(ch); continue }
            if run.count == 10 { return run }
            run = ""
        }
        return nil
    }
}
