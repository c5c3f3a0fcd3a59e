import ArgumentParser
import ClaimExchange
import ClaimStore
import Foundation
import TerminalText

extension ReportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

/// `tzpy export --report KIND --format xlsx|csv --out FILE [--school CODE]`: real workbooks for the
/// province's reports and for sending a school its reviewed table.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a report as .xlsx or .csv (UTF-8 with BOM).",
        discussion: "Reports: school (one school, platform layout; needs --school), schools (分校承接任务数量汇总表), items (分任务承接学校一览表), claims (every claim), returns (returned claims with comments), cities (全省汇总: by city and by school type). An .xlsx starts with a title line and 单位/数据截至 (Beijing time); a .csv holds the table only."
    )

    @OptionGroup var options: DataOptions
    @Option(help: "school, schools, items, claims, returns or cities.") var report: ReportKind
    @Option(help: "xlsx or csv (default: from --out's extension, else xlsx).") var format: ExportFormat?
    @Option(help: ArgumentHelp("The file to write (replaced whole when complete); - writes to standard output.", valueName: "FILE")) var out: String
    @Option(help: ArgumentHelp("One school's claims (required for --report school, except for a school account: its own).", valueName: "CODE"))
    var school: String?

    func run() throws {
        let store = try reporting { try options.open() }
        let toStdout = out == "-"
        let url = URL(fileURLWithPath: out)
        let chosen = format ?? (toStdout ? nil : ExportFormat(rawValue: url.pathExtension.lowercased())) ?? .xlsx
        do {
            // A school account's own export (导出承接任务情况) needs no --school.
            var code = school
            if code == nil, case .school(let own)? = store.account?.role { code = own }
            let made = try Reports.make(report, ledger: store.ledger, school: code, names: store.displayNames)
            if toStdout {
                // Staged in a private folder and copied whole: stdout gets a complete workbook or nothing.
                try withPrivateScratch { dir in
                    let staged = dir.appendingPathComponent("export.\(chosen.rawValue)")
                    try ReportWriter.write(made, format: chosen, to: staged)
                    try copyToStandardOutput(staged)
                }
                warn("已导出 \(report.title)（\(made.rowCount) 行）到标准输出")
            } else {
                try ReportWriter.write(made, format: chosen, to: url)
                print("已导出 \(report.title)（\(made.rowCount) 行）到 \(Sanitizer.line(url.path))")
            }
        } catch {
            warn("\(error)")   // Reports.Problem and SheetWriteError both describe themselves
            throw ExitCode(1)
        }
    }
}
