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
    @Argument(help: ArgumentHelp("Files, or directories whose .xlsx and .csv files are imported in name order; - reads one file from standard input.", valueName: "FILE_OR_DIR"))
    var paths: [String]
    @Flag(help: "Check the files and show what would be imported, without writing anything.") var dryRun = false
    @Option(help: ArgumentHelp("The name of the file read from standard input, for messages and the journal's 导入 note.", valueName: "原文件名.xlsx"))
    var name: String?

    /// The most a file on standard input may hold (a national claims workbook is about 40 MB).
    static let standardInputLimit = 256 << 20

    func validate() throws {
        if paths.contains("-") && paths.count > 1 { throw ValidationError("- (standard input) must be the only file") }
    }

    func run() throws {
        let store = try reporting { try options.open() }
        guard paths == ["-"] else { return try importFiles(Importer.expand(paths), into: store) }
        try ImportCommand.withStandardInput(name: name) { file in try importFiles([file], into: store) }
    }

    /// Reads one file from standard input, stages it in a private folder and passes it, labelled by `name`'s
    /// last component (else `标准输入.xlsx` / `.csv`), to `body`.
    static func withStandardInput(name: String?, _ body: ((url: URL, label: String)) throws -> Void) throws {
        let bytes: [UInt8]
        do { bytes = try readStandardInput(limit: ImportCommand.standardInputLimit) } catch {
            warn("标准输入应为不超过 \(ImportCommand.standardInputLimit >> 20) MB 的 .xlsx 或 .csv 文件，实际无法读完（\(error.localizedDescription)）")
            throw ExitCode(1)
        }
        // xlsx is a zip package (PK\3\4); anything else is read as CSV, whose reader names bad bytes.
        let ext = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? "xlsx" : "csv"
        let label = name.map { ($0 as NSString).lastPathComponent } ?? "标准输入.\(ext)"
        try withPrivateScratch { dir in
            let staged = dir.appendingPathComponent("input.\(ext)")
            try Data(bytes).write(to: staged)
            try body((staged, label))
        }
    }

    private func importFiles(_ files: [(url: URL, label: String)], into store: Store) throws {
        guard !files.isEmpty else {
            warn("没有找到 .xlsx 或 .csv 文件：\(paths.joined(separator: " "))")
            throw ExitCode(1)
        }
        let bar = ProgressBar(enabled: isatty(2) == 1 && files.count > 1)
        let summary = Importer(store: store).run(files, dryRun: dryRun) { done, total in bar.show(done, total) }
        bar.finish()
        try ImportCommand.report(summary, dryRun: dryRun)
    }

    /// Prints each file's outcome — its counts, or its problems — with the rows whose 省厅审核情况 or 修改意见
    /// disagree with the store, then the batch's totals; exit status 1 when any file had a problem.
    static func report(_ summary: ImportSummary, dryRun: Bool, verb: String = "导入") throws {
        for plan in summary.plans {
            if plan.isClean {
                let done = dryRun ? "将\(verb)" : "已\(verb)"
                print("✓ \(Sanitizer.line(plan.file))（\(plan.layouts.map(\.rawValue).joined(separator: "、"))）\(done)：学校 \(plan.schoolCount)（新增 \(plan.newSchools.count)），"
                      + "新提交 \(plan.submitted)，替换 \(plan.replaced)，重新提交 \(plan.resubmitted)，撤回 \(plan.withdrawn)，无变化 \(plan.unchanged)")
            } else {
                print("✗ \(Sanitizer.line(plan.file))：\(plan.problems.count) 个问题，本文件未\(verb)")
                for problem in plan.problems { print("  \(Sanitizer.line(problem.description))") }
            }
            for note in plan.disagreements { print("  注意：\(Sanitizer.line(note.description))") }
        }
        let failed = summary.plans.count { !$0.isClean }
        print("\(dryRun ? "试运行（未写入）" : "合计")：文件 \(summary.files)（\(dryRun ? "可\(verb)" : "已\(verb)") \(summary.files - failed)，有问题 \(failed)），"
              + "学校 \(summary.schools)（新增 \(summary.newSchools)），新提交 \(summary.submitted)，替换 \(summary.replaced)，"
              + "重新提交 \(summary.resubmitted)，撤回 \(summary.withdrawn)，无变化 \(summary.unchanged)，问题 \(summary.problems.count)"
              + (summary.disagreements.isEmpty ? "" : "，审核情况与本系统不一致 \(summary.disagreements.count)"))
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
