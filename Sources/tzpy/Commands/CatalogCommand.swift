import ArgumentParser
import ClaimKit
import ClaimStore
import TerminalText

/// `tzpy catalog [ID] [--json]`: prints a bundled catalog.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Print a bundled task catalog.")

    @Argument(help: "national-2020 or shandong-2020.")
    var id: String = "national-2020"

    @Flag(help: "One JSON array of items, in catalog order.")
    var json = false

    func run() throws {
        let catalog = try reporting { try BundledData.catalog(id) }
        if json {
            let items = catalog.items.map { item -> JSONText in
                .object([("code", .string(item.code)), ("task", .number(item.task)),
                         ("section", JSONText.optional(catalog.section(item.section)?.title)),
                         ("text", .string(item.text)), ("unit", JSONText.optional(item.unit)),
                         ("departments", .array(item.departments.map { .string($0) })), ("claimable", .bool(item.claimable))])
            }
            print(JSONText.array(items).text)
            return
        }
        print("\(catalog.title)（\(catalog.id)）：\(catalog.sections.count) 个部分，\(catalog.tasks.count) 项任务，\(catalog.items.count) 个条目")
        var table = TextTable(headers: ["序号", "单位", "可承接", "工作任务"])
        table.maxWidth[3] = 60
        var section: Int?
        for item in catalog.items {
            if item.section != section, let s = catalog.section(item.section) {
                table.add(["", "", "", "【\(s.number)】\(s.title)"])
                section = item.section
            }
            table.add([item.code, item.unit ?? "-", item.claimable ? "是" : "否", item.text])
        }
        print(table.render(), terminator: "")
    }
}
