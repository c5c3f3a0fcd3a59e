import ArgumentParser
import ClaimExchange
import ClaimStore
import Foundation
import TerminalText

/// `tzpy submit FILE|- [--name N] [--school CODE] [--dry-run]`: a school's whole claim set from one spreadsheet
/// (the platform's per-school export, or a flat sheet of that school's rows), checked as `import` checks a file
/// and recorded all or nothing; every claim of the school the file lacks is withdrawn under the workflow's
/// rules, or the file is refused. A school account submits its own school; a province reviewer may submit
/// on a school's behalf (`--school`), which each event's comment says.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Submit a school's whole claim set from one .xlsx or .csv file.",
        discussion: "Items the school claimed before and the file lacks are withdrawn; once review has started that is refused (tzpy reopen first). Exit status 1 when the file has problems.")

    @OptionGroup var options: DataOptions
    @Argument(help: ArgumentHelp("The school's file; - reads it from standard input.", valueName: "FILE")) var path: String
    @Option(help: ArgumentHelp("The school (a province reviewer acting for it; a school account submits its own).", valueName: "CODE"))
    var school: String?
    @Option(help: ArgumentHelp("The name of the file read from standard input, for messages and the journal's note.", valueName: "原文件名.xlsx"))
    var name: String?
    @Flag(help: "Check the file and show what would be submitted, without writing anything.") var dryRun = false

    func run() throws {
        let store = try reporting { try options.open() }
        let code: String = try reporting {
            if case .school(let own)? = store.account?.role {
                guard school == nil || school == own else { throw StoreError.denied("学校账户只能提交本校（\(own)）的承接任务") }
                return own
            }
            guard let school else { throw ValidationError("--school：应为要提交的学校代码") }
            return school
        }
        let onBehalf = store.account?.role == .province
        func submit(_ file: (url: URL, label: String)) throws {
            let comment = (onBehalf ? "省厅代学校提交 " : "提交 ") + file.label
            let summary = Importer(store: store).run([file], dryRun: dryRun,
                                                     submission: ImportPlan.Submission(school: code, comment: comment))
            try ImportCommand.report(summary, dryRun: dryRun, verb: "提交")
        }
        if path == "-" {
            try ImportCommand.withStandardInput(name: name, submit)
        } else {
            try submit((URL(fileURLWithPath: path), path))
        }
    }
}
