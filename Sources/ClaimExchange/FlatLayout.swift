import ClaimKit
import Sheets
import TerminalText

/// Reads the province-wide sheet: one claim per row under a header row that names the columns in any order.
struct FlatLayout {
    /// The columns tzpy understands, with the header names each may carry.
    enum Column: HeaderColumn {
        case schoolCode, schoolName, schoolType, city, item, itemText, quantity
        case selfFunded, industry, sponsor, local, total, manager, officePhone, mobile, status, comment

        var names: [String] {
            switch self {
            case .schoolCode: ["学校标识码", "学校代码"]
            case .schoolName: ["学校名称"]
            case .schoolType: ["学校类型"]
            case .city: ["所在市", "地市"]
            case .item: ["序号", "任务序号"]
            case .itemText: ["工作任务"]
            case .quantity: ClaimFigures.quantityNames
            case .selfFunded: ClaimFigures.fundNames[0]
            case .industry: ClaimFigures.fundNames[1]
            case .sponsor: ClaimFigures.fundNames[2]
            case .local: ClaimFigures.fundNames[3]
            case .total: ClaimFigures.totalNames
            case .manager: ["平台管理联系人"]
            case .officePhone: ["办公电话"]
            case .mobile: ["手机号"]
            case .status: ["省厅审核情况", "审核情况"]
            case .comment: ["修改意见"]
            }
        }

        /// Columns a flat sheet must have.
        static let required: [Column] = [.schoolCode, .item, .quantity, .selfFunded, .industry, .sponsor, .local]
        static let funds: [Column] = [.selfFunded, .industry, .sponsor, .local]
    }

    /// The columns found in `row`, when it is a flat header (it names a school code column and 序号).
    static func header(_ row: SheetRow) -> [Column: Int]? {
        var found: [Column: Int] = [:]
        HeaderText.find(row, into: &found)
        return found[.schoolCode] != nil && found[.item] != nil ? found : nil
    }

    let columns: [Column: Int]
    let file: String
    let sheet: String?
    let match: CatalogMatch
    private var firstRow: [ClaimKey: Int] = [:]
    private var schoolRow: [String: Int] = [:]

    /// Starts reading below `header`; missing required columns are reported against the header row.
    init(columns: [Column: Int], header: SheetRow, file: String, sheet: String?, catalog: Catalog, into out: inout ImportedFile) {
        self.columns = columns
        self.file = file
        self.sheet = sheet
        self.match = CatalogMatch(catalog)
        for column in Column.required where columns[column] == nil {
            out.problems.append(ImportProblem(SheetLocation(file: file, sheet: sheet, row: header.number, column: nil),
                                              HeaderText.missing(column)))
        }
    }

    private func at(_ row: SheetRow, _ column: Column?) -> SheetLocation {
        SheetLocation(file: file, sheet: sheet, row: row.number, column: column.flatMap { columns[$0] })
    }

    private func cell(_ row: SheetRow, _ column: Column) -> CellValue? {
        columns[column].flatMap(row.value)
    }

    private func text(_ row: SheetRow, _ column: Column) -> String {
        columns[column].map(row.text) ?? ""
    }

    /// Reads one row below the header into `out` (a claim and its school, or problems).
    mutating func read(_ row: SheetRow, into out: inout ImportedFile) {
        if row.isBlank { return }
        let before = out.problems.count
        func problem(_ column: Column?, _ message: String) { out.problems.append(ImportProblem(at(row, column), message)) }
        func problem(_ column: Column, _ error: FieldError) { out.problems.append(ImportProblem(at(row, column), error)) }

        var code = ""
        do { code = try School.validateCode(text(row, .schoolCode)) } catch { problem(.schoolCode, error) }

        let itemText = text(row, .item)
        var item: TaskItem?
        if let found = match.catalog.item(InputText.normalise(itemText)) {
            item = found
            let stated = text(row, .itemText)
            if !stated.isEmpty, !match.matches(stated, found) {
                problem(.itemText, "工作任务：应为序号 \(found.code) 的「\(found.text)」，实际为「\(Sanitizer.echo(stated))」")
            }
        } else {
            problem(.item, "序号：应为任务清单中的序号（如 3.1），实际为「\(Sanitizer.echo(itemText))」")
        }

        let (quantity, funds) = ClaimFigures.read(quantity: cell(row, .quantity), funds: Column.funds.map { cell(row, $0) },
                                                  total: cell(row, .total), item: item) { field, message in
            switch field {
            case .quantity: problem(.quantity, message)
            case .fund(let i): problem(Column.funds[i], message)
            case .total: problem(.total, message)
            }
        }

        if !code.isEmpty { readSchool(code, row, into: &out) }
        guard out.problems.count == before, let item, let funds else { return }
        let key = ClaimKey(school: code, item: item.code)
        if let first = firstRow[key] {
            problem(nil, "重复的行：学校 \(code) 的任务 \(item.code) 已在第 \(first) 行出现")
            return
        }
        firstRow[key] = row.number
        var imported = ImportedClaim(key: key, quantity: quantity, funds: funds, location: at(row, nil))
        if columns[.status] != nil || columns[.comment] != nil {
            imported.review = StatedReview(status: columns[.status].map { _ in text(row, .status) }, statusAt: at(row, .status),
                                           comment: columns[.comment].map { _ in text(row, .comment) }, commentAt: at(row, .comment))
        }
        out.claims.append(imported)
    }

    /// Records the school's name, type, city and contacts from its first row; later rows must agree.
    private mutating func readSchool(_ code: String, _ row: SheetRow, into out: inout ImportedFile) {
        var school = ImportedSchool(code: code, location: at(row, .schoolCode))
        let name = text(row, .schoolName), typeText = text(row, .schoolType), city = text(row, .city)
        if !name.isEmpty { school.name = name }
        if !city.isEmpty { school.city = city }
        if !typeText.isEmpty {
            do { school.type = try SchoolType.parse(typeText) } catch {
                out.problems.append(ImportProblem(at(row, .schoolType), error))
            }
        }
        let contactTexts = [text(row, .manager), text(row, .officePhone), text(row, .mobile)]
        if contactTexts.contains(where: { !$0.isEmpty }) {
            do {
                school.contacts = try SchoolContacts(manager: contactTexts[0], officePhone: contactTexts[1], mobile: contactTexts[2])
            } catch {
                let column: Column = error.field == "办公电话" ? .officePhone : error.field == "手机号" ? .mobile : .manager
                out.problems.append(ImportProblem(at(row, column), error))
            }
        }
        guard let index = schoolRow[code] else {
            schoolRow[code] = out.schools.count
            out.schools.append(school)
            return
        }
        let first = out.schools[index]
        func differ(_ column: Column, _ a: String?, _ b: String?) {
            if let a, let b, a != b {
                out.problems.append(ImportProblem(at(row, column),
                    "\(column.names[0])：应与学校 \(code) 在第 \(first.location.row) 行的「\(Sanitizer.echo(a))」一致，实际为「\(Sanitizer.echo(b))」"))
            }
        }
        differ(.schoolName, first.name, school.name)
        differ(.schoolType, first.type?.rawValue, school.type?.rawValue)
        differ(.city, first.city, school.city)
        if first.name == nil, school.name != nil { out.schools[index].name = school.name }
        if first.type == nil, school.type != nil { out.schools[index].type = school.type }
        if first.city == nil, school.city != nil { out.schools[index].city = school.city }
        if first.contacts == nil, school.contacts != nil { out.schools[index].contacts = school.contacts }
    }
}
