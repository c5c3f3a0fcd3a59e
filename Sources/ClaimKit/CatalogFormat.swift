/// Reads and writes the catalog text format of `Data/catalogs/` (described in docs/formats.md).
///
/// One record per line, fields separated by TAB: `catalog ID TITLE`, `section N TITLE`,
/// `task N TEXT DEPARTMENTS` (departments joined by `|`), `item CODE UNIT CLAIMABLE TEXT`
/// (UNIT `-` for none, CLAIMABLE `yes`/`no`, empty TEXT = the task's text). `#` starts a comment line.
public enum CatalogFormat {
    /// A catalog file error with its file, line and field.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let field: String
        public let problem: String
        public var description: String { "\(file):\(line): \(field): \(problem)" }
    }

    static let fieldCounts = ["catalog": 3, "section": 3, "task": 4, "item": 5]

    /// Parses `text`; `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws(ParseError) -> Catalog {
        var id: String?
        var title = ""
        var sections: [Catalog.Section] = []
        var tasks: [Catalog.Task] = []
        var items: [TaskItem] = []
        var seenCodes = Set<String>()
        let (rows, lineCount) = TSVText.rows(text)
        for (lineNumber, fields) in rows {
            func fail(_ field: String, _ problem: String) -> ParseError {
                ParseError(file: file, line: lineNumber, field: field, problem: problem)
            }
            guard let expected = fieldCounts[fields[0]] else {
                throw fail("kind", "expected one of catalog, section, task, item; found \"\(fields[0])\"")
            }
            guard fields.count == expected else {
                throw fail(fields[0], "expected \(expected) TAB-separated fields, found \(fields.count)")
            }
            switch fields[0] {
            case "catalog":
                guard id == nil else { throw fail("catalog", "a second catalog record") }
                guard !fields[1].isEmpty else { throw fail("id", "expected a catalog id, found nothing") }
                id = fields[1]
                title = fields[2]
            case "section":
                guard let n = Int(fields[1]), n == (sections.last?.number ?? 0) + 1 else {
                    throw fail("number", "expected section \((sections.last?.number ?? 0) + 1), found \"\(fields[1])\"")
                }
                guard !fields[2].isEmpty else { throw fail("title", "expected a section title, found nothing") }
                sections.append(.init(number: n, title: fields[2]))
            case "task":
                guard let n = Int(fields[1]), n == (tasks.last?.number ?? 0) + 1 else {
                    throw fail("number", "expected task \((tasks.last?.number ?? 0) + 1), found \"\(fields[1])\"")
                }
                guard !fields[2].isEmpty else { throw fail("text", "expected the task's text, found nothing") }
                let departments = fields[3].split(separator: "|").map { InputText.trim(String($0)) }
                guard !departments.isEmpty, departments.allSatisfy({ !$0.isEmpty }) else {
                    throw fail("departments", "expected departments joined by |, found \"\(fields[3])\"")
                }
                tasks.append(.init(number: n, section: sections.last?.number, text: fields[2],
                                   departments: departments))
            default:
                guard let task = tasks.last else { throw fail("item", "an item before any task") }
                let code = fields[1]
                let head = code.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                guard head.first.map(String.init) == String(task.number),
                      head.count == 1 || (head.count == 2 && InputText.isDigits(String(head[1]))) else {
                    throw fail("code", "expected \(task.number) or \(task.number).N under task \(task.number), found \"\(code)\"")
                }
                guard seenCodes.insert(code).inserted else { throw fail("code", "item \(code) appears twice") }
                let unit = fields[2] == "-" ? nil : fields[2]
                if let unit, unit.isEmpty { throw fail("unit", "expected a unit such as 所 or -, found nothing") }
                let claimable: Bool
                switch fields[3] {
                case "yes": claimable = true
                case "no": claimable = false
                default: throw fail("claimable", "expected yes or no, found \"\(fields[3])\"")
                }
                items.append(TaskItem(code: code, task: task.number, section: task.section,
                                      text: fields[4].isEmpty ? task.text : fields[4], unit: unit,
                                      departments: task.departments, claimable: claimable))
            }
        }
        guard let id else {
            throw ParseError(file: file, line: max(lineCount, 1), field: "catalog", problem: "expected a catalog record, found none")
        }
        if let lonely = tasks.first(where: { t in !items.contains { $0.task == t.number } }) {
            throw ParseError(file: file, line: lineCount, field: "item", problem: "task \(lonely.number) has no item")
        }
        return Catalog(id: id, title: title, sections: sections, tasks: tasks, items: items)
    }

    /// The catalog in the same text format, so a parsed file can be written back unchanged in content.
    public static func format(_ catalog: Catalog) -> String {
        var out = "catalog\t\(catalog.id)\t\(catalog.title)\n"
        var section: Int? = nil
        for task in catalog.tasks {
            if let s = task.section, s != section, let row = catalog.section(s) {
                out += "section\t\(row.number)\t\(row.title)\n"
                section = s
            }
            out += "task\t\(task.number)\t\(task.text)\t\(task.departments.joined(separator: "|"))\n"
            for item in catalog.items where item.task == task.number {
                let text = item.text == task.text ? "" : item.text
                out += "item\t\(item.code)\t\(item.unit ?? "-")\t\(item.claimable ? "yes" : "no")\t\(text)\n"
            }
        }
        return out
    }
}
