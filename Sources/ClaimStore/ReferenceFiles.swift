import ClaimKit

/// Reads and writes the campaign and schools files (formats in docs/formats.md).
///
/// Both are UTF-8 TSV a person can edit; every error names the file, line and field.
public enum ReferenceFiles {
    /// The schools file's header row, in column order.
    public static let schoolColumns = ["学校代码", "学校名称", "学校类型", "所在市", "平台管理联系人", "办公电话", "手机号"]

    /// (line number, fields) for the non-empty, non-comment lines (`TSVText.rows`); a UTF-8 BOM at the start
    /// (as a Windows editor saves one) is dropped.
    static func rows(_ text: String) -> [(line: Int, fields: [String])] {
        TSVText.rows(text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? String(decoding: text.utf8.dropFirst(3), as: UTF8.self) : text).rows
    }

    // MARK: schools

    /// Parses the schools file: a header row naming `schoolColumns`, then one school per line.
    public static func parseSchools(_ text: String, file: String) throws(StoreError) -> [School] {
        let rows = try table(text, file: file, columns: schoolColumns, headerField: "表头", countField: "列数")
        var schools: [School] = []
        var seen: [String: Int] = [:]
        schools.reserveCapacity(rows.count)
        seen.reserveCapacity(rows.count)
        for (line, f) in rows {
            let school = try record(file: file, line: line) { () throws -> School in
                let unfilled = f[4...6].allSatisfy { InputText.trim($0).isEmpty }
                let contacts = unfilled ? SchoolContacts.unfilled
                    : try SchoolContacts(manager: f[4], officePhone: f[5], mobile: f[6])
                return try School(code: f[0], name: f[1], type: try SchoolType.parse(f[2]), city: f[3], contacts: contacts)
            }
            if let first = seen[school.code] {
                throw .reference(file: file, line: line, field: "学校代码", problem: "\(school.code) already appears on line \(first)")
            }
            seen[school.code] = line
            schools.append(school)
        }
        return schools
    }

    /// The data rows of a TSV file whose first row names `columns`: each row's line number and fields, with the
    /// header and every row's field count checked (errors under `headerField` and `countField`).
    static func table(_ text: String, file: String, columns: [String], headerField: String,
                      countField: String) throws(StoreError) -> ArraySlice<(line: Int, fields: [String])> {
        let rows = rows(text)
        guard let (headerLine, header) = rows.first else {
            throw .reference(file: file, line: 1, field: headerField, problem: "expected the header row \(columns.joined(separator: " ")), found an empty file")
        }
        guard header.map(InputText.trim) == columns else {
            throw .reference(file: file, line: headerLine, field: headerField,
                             problem: "expected \(columns.joined(separator: " ")), found \(header.joined(separator: " "))")
        }
        for (line, f) in rows.dropFirst() where f.count != columns.count {
            throw .reference(file: file, line: line, field: countField, problem: "expected \(columns.count) TAB-separated fields, found \(f.count)")
        }
        return rows.dropFirst()
    }

    /// Builds one row's value, turning a field's refusal into an error that names the file, line and field.
    static func record<T>(file: String, line: Int, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let e as FieldError {
            throw .reference(file: file, line: line, field: e.field, problem: e.description)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .reference(file: file, line: line, field: "?", problem: "\(error)")
        }
    }

    public static func formatSchools(_ schools: [School]) -> String {
        var out = schoolColumns.joined(separator: "\t") + "\n"
        for s in schools {
            out += [s.code, s.name, s.type.rawValue, s.city, s.contacts.manager, s.contacts.officePhone, s.contacts.mobile]
                .map(clean).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// Text with TABs and line breaks replaced by spaces, so it stays one field.
    static func clean(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    // MARK: campaign

    /// The keys of the campaign file, in the order `formatCampaign` writes them.
    public static let campaignKeys = ["province", "catalog", "start", "end", "instructions", "contact", "open", "city-review"]

    /// Parses the campaign file (`key<TAB>value…` lines) against the data dir's catalog.
    public static func parseCampaign(_ text: String, file: String, catalog: Catalog) throws(StoreError) -> Campaign {
        var values: [String: (Int, [String])] = [:]
        var contacts: [ProvinceContact] = []
        for (line, f) in rows(text) {
            let key = f[0]
            guard campaignKeys.contains(key) else {
                // A blank key (a line that starts with a TAB or a space) is named `key`, with what was found.
                let blank = InputText.trim(key).isEmpty
                throw .reference(file: file, line: line, field: blank ? "key" : key,
                                 problem: "expected one of \(campaignKeys.joined(separator: ", "))" + (blank ? ", found \(key.debugDescription)" : ""))
            }
            let expected = key == "contact" ? 3 : 2
            guard f.count == expected else {
                throw .reference(file: file, line: line, field: key, problem: "expected \(expected) TAB-separated fields, found \(f.count)")
            }
            if key == "contact" {
                do {
                    contacts.append(try ProvinceContact(name: f[1], phone: f[2], field: "联系电话\(contacts.isEmpty ? "" : String(contacts.count + 1))"))
                } catch {
                    throw .reference(file: file, line: line, field: "contact", problem: error.description)
                }
            } else {
                if let (first, _) = values[key] {
                    throw .reference(file: file, line: line, field: key, problem: "given twice (first on line \(first))")
                }
                values[key] = (line, Array(f.dropFirst()))
            }
        }
        func value(_ key: String) throws(StoreError) -> (Int, String) {
            guard let (line, v) = values[key] else {
                throw .reference(file: file, line: 0, field: key, problem: "missing: expected a line \"\(key)<TAB>…\"")
            }
            return (line, v[0])
        }
        let (pLine, province) = try value("province")
        guard !InputText.trim(province).isEmpty else { throw .reference(file: file, line: pLine, field: "province", problem: "expected a province name, found nothing") }
        let (cLine, catalogID) = try value("catalog")
        guard catalogID == catalog.id else {
            throw .reference(file: file, line: cLine, field: "catalog", problem: "expected \(catalog.id) (the id in \(DataDirectory.catalogName)), found \(catalogID)")
        }
        func day(_ key: String) throws(StoreError) -> Day {
            let (line, text) = try value(key)
            do { return try Day.parse(text, field: key) } catch {
                throw .reference(file: file, line: line, field: key, problem: error.description)
            }
        }
        let start = try day("start"), end = try day("end")
        guard start <= end else {
            throw .reference(file: file, line: values["end"]!.0, field: "end", problem: "expected a date not before start \(start), found \(end)")
        }
        let (_, instructions) = (try? value("instructions")) ?? (0, "")
        var open = Campaign.defaultOpenItems(of: catalog)
        if let (line, v) = values["open"], v[0] != "default" {
            open = []
            for code in v[0].split(separator: " ").map(String.init) {
                guard catalog.item(code) != nil else {
                    throw .reference(file: file, line: line, field: "open", problem: "expected item codes of \(catalog.id), found \(code)")
                }
                open.insert(code)
            }
        }
        var cityReview = false
        if let (line, v) = values["city-review"] {
            switch InputText.trim(v[0]) {
            case "on": cityReview = true
            case "off": cityReview = false
            default: throw .reference(file: file, line: line, field: "city-review", problem: "expected on or off, found \(v[0].debugDescription)")
            }
        }
        return Campaign(province: InputText.trim(province), catalog: catalog, openItems: open, start: start, end: end,
                        instructions: JournalCodec.unescape(instructions), contacts: contacts, cityReview: cityReview)
    }

    public static func formatCampaign(_ c: Campaign) -> String {
        var out = "province\t\(clean(c.province))\ncatalog\t\(c.catalog.id)\nstart\t\(c.start)\nend\t\(c.end)\n"
        out += "instructions\t\(JournalCodec.escape(c.instructions))\n"
        for contact in c.contacts { out += "contact\t\(clean(contact.name))\t\(contact.phone)\n" }
        if c.openItems == Campaign.defaultOpenItems(of: c.catalog) {
            out += "open\tdefault\n"
        } else {
            out += "open\t\(c.openItemsInOrder.map(\.code).joined(separator: " "))\n"
        }
        if c.cityReview { out += "city-review\ton\n" }
        return out
    }
}
