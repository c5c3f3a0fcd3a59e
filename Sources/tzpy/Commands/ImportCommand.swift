import ArgumentParser
import ClaimExchange
import ClaimStore
import Foundation
import TerminalText

/// `tzpy import FILE_OR_DIR... [--dry-run]`: brings the platform's per-school exports and province-wide
/// sheets (.xlsx or .csv) into the journal, each file all-or-nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import claims from .xlsx or .csv files (platform exports or a province-wide sheet).",
        discussion: "Each file is imported whole or not at all; every problem is reported as FILE:SHEET!CELL or FILE:LINE. Exit status 1 when any file has problems."
    )

    @OptionGroup var options: DataOptions
    @Argument(help: ArgumentHelp("Files, or directories whose .xlsx and .csv files are imported in name order.", valueName: "FILE_OR_DIR"))
    var paths: [String]
    @Flag(help: "Check the files and show what would be imported, without writing anything.") var dryRun = false

    func run() throws {
        let store = try reporting { try options.open() }
        let files = Importer.expand(paths)
        guard !files.isEmpty else {
            warn("没有找到 .xlsx 或 .csv 文件：\(paths.joined(separator: " "))")
            throw ExitCode(1)
        }
        let bar = ProgressBar(enabled: isatty(2) == 1 && files.count > 1)
        let summary = Importer(store: store).run(files, dryRun: dryRun) { done, total in bar.show(done, total) }
        bar.finish()
        for plan in summary.plans {
            if plan.isClean {
                let verb = dryRun ? "将导入" : "已导入"
                print("✓ \(Sanitizer.line(plan.file))（\(plan.layouts.map(\.rawValue).joined(separator: "、"))）\(verb)：学校 \(plan.schoolCount)（新增 \(plan.newSchools.count)），"
                      + "新提交 \(plan.submitted)，替换 \(plan.replaced)，重新提交 \(plan.resubmitted)，无变化 \(plan.unchanged)")
            } else {
                print("✗ \(Sanitizer.line(plan.file))：\(plan.problems.count) 个问题，本文件未导入")
                for problem in plan.problems { print("  \(Sanitizer.line(problem.description))") }
            }
        }
        let failed = summary.plans.count { !$0.isClean }
        print("\(dryRun ? "试运行（未写入）" : "合计")：文件 \(summary.files)（\(dryRun ? "可导入" : "已导入") \(summary.files - failed)，有问题 \(failed)），"
              + "学校 \(summary.schools)（新增 \(summary.newSchools)），新提交 \(summary.submitted)，替换 \(summary.replaced)，"
              + "重新提交 \(summary.resubmitted)，无变化 \(summary.unchanged)，问题 \(summary.problems.count)")
        if failed > 0 { throw ExitCode(1) }
    }
}

/// A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal.
struct ProgressBar {
    let enabled: Bool

    func show(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let line = "\r导入 [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
