import ClaimKit
import ClaimStore
import Foundation
import Sheets

/// What a batch import did (or, for a dry run, would do).
public struct ImportSummary: Sendable {
    public var plans: [ImportPlan] = []
    /// Files that were journalled (none in a dry run).
    public var applied: [String] = []

    public var files: Int { plans.count }
    public var problems: [ImportProblem] { plans.flatMap(\.problems) }
    public var cleanPlans: [ImportPlan] { plans.filter(\.isClean) }
    public var schools: Int { cleanPlans.reduce(0) { $0 + $1.schoolCount } }
    public var newSchools: Int { cleanPlans.reduce(0) { $0 + $1.newSchools.count } }
    public var submitted: Int { cleanPlans.reduce(0) { $0 + $1.submitted } }
    public var replaced: Int { cleanPlans.reduce(0) { $0 + $1.replaced } }
    public var resubmitted: Int { cleanPlans.reduce(0) { $0 + $1.resubmitted } }
    public var unchanged: Int { cleanPlans.reduce(0) { $0 + $1.unchanged } }
    public var withdrawn: Int { cleanPlans.reduce(0) { $0 + $1.withdrawn } }
    /// Rows whose 省厅审核情况 or 修改意见 disagree with the store, in every file (reported, not problems).
    public var disagreements: [ImportProblem] { plans.flatMap(\.disagreements) }
}

/// Imports files into a store, each all-or-nothing: a file with any problem journals nothing, and every
/// file's problems are reported. A clean file's schools are saved, then its events are journalled as one
/// batch with one write and one fsync.
public struct Importer {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// The files named by `paths`: files as given, directories expanded to their .xlsx and .csv files in
    /// name order (hidden files and Excel's `~$` lock files skipped). Paths that do not exist are returned
    /// too, so that they are reported as problems in order.
    public static func expand(_ paths: [String]) -> [(url: URL, label: String)] {
        var out: [(URL, String)] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
                for name in names where !name.hasPrefix(".") && !name.hasPrefix("~$") {
                    let ext = (name as NSString).pathExtension.lowercased()
                    guard ext == "xlsx" || ext == "csv" else { continue }
                    let full = (path as NSString).appendingPathComponent(name)
                    out.append((URL(fileURLWithPath: full), full))
                }
            } else {
                out.append((URL(fileURLWithPath: path), path))
            }
        }
        return out
    }

    /// Imports `files` in order; `progress` is called after each file with (done, total). With a `submission`
    /// each file is that school's whole claim set (`tzpy submit`).
    public func run(_ files: [(url: URL, label: String)], dryRun: Bool, submission: ImportPlan.Submission? = nil,
                    progress: (Int, Int) -> Void = { _, _ in }) -> ImportSummary {
        var summary = ImportSummary()
        for (i, f) in files.enumerated() {
            defer { progress(i + 1, files.count) }
            let location = SheetLocation(file: f.label, sheet: nil, row: 1, column: nil)
            guard FileManager.default.fileExists(atPath: f.url.path) else {
                summary.plans.append(ImportPlan(file: f.label, problem: ImportProblem(location, "应为存在的文件或目录，实际找不到")))
                continue
            }
            _ = try? store.follow()
            let read = FileReading.read(f.url, file: f.label, catalog: store.ledger.catalog)
            var plan = ImportPlan(read, ledger: store.ledger, at: store.now, submission: submission)
            if plan.isClean && !dryRun {
                do {
                    try store.record(plan.decisions, schools: plan.newSchools + plan.updatedSchools)
                    summary.applied.append(f.label)
                } catch {
                    plan.problems.append(ImportProblem(location, "写入数据目录失败，本文件未导入：\(error)"))
                }
            }
            summary.plans.append(plan)
        }
        return summary
    }
}
