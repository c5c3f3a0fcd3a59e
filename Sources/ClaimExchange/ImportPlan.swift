import ClaimKit
import Sheets
import TerminalText

/// What importing one file would do to the store: the decisions to journal, the schools to add or update,
/// and how many rows change nothing — or the problems that stop the file.
public struct ImportPlan: Sendable {
    public let file: String
    public let layouts: [ImportLayout]
    public var decisions: [Decision] = []
    public var newSchools: [School] = []
    public var updatedSchools: [School] = []
    /// Rows equal to the claim already in the store.
    public var unchanged = 0
    /// Submissions that replace a pending claim with different figures.
    public var replaced = 0
    public var problems: [ImportProblem]
    /// Distinct schools the file's rows are for.
    public var schoolCount = 0

    public var isClean: Bool { problems.isEmpty }
    public var submitted: Int { decisions.count { $0.kind == .submitted } - replaced }
    public var resubmitted: Int { decisions.count { $0.kind == .resubmitted } }

    /// `承接数量 2，汇总 14（6+5+2+1）`: enough to see which figure differs.
    static func figures(_ quantity: Int?, _ funds: Funds) -> String {
        "承接数量 \(quantity.map(String.init) ?? "-")，汇总 \(funds.total)（\(funds.parts.map(\.description).joined(separator: "+"))）"
    }

    /// A plan for a file that could not be read at all.
    init(file: String, problem: ImportProblem) {
        self.file = file
        layouts = []
        problems = [problem]
    }

    /// Plans `file` against `ledger`. Row semantics (docs/formats.md §11): a new claim is submitted; a row
    /// equal to the claim changes nothing, whatever its state; a different row replaces a pending claim,
    /// resubmits a returned one (next round) and is an error for an approved one. Only the campaign's open
    /// items may be claimed. Rows are checked as if recorded at `time`.
    public init(_ file: ImportedFile, ledger: Ledger, at time: Timestamp) {
        self.file = file.file
        layouts = file.layouts
        problems = file.problems
        schoolCount = Set(file.schools.map(\.code)).count
        var trial = ledger
        for s in file.schools {
            if let known = trial.school(s.code) {
                func differ(_ label: String, _ stated: String?, _ stored: String) {
                    if let stated, stated != stored {
                        problems.append(ImportProblem(s.location, "\(label)：应与已登记的学校 \(s.code) 一致「\(Sanitizer.echo(stored))」，实际为「\(Sanitizer.echo(stated))」"))
                    }
                }
                differ("学校名称", s.name, known.name)
                differ("学校类型", s.type?.rawValue, known.type.rawValue)
                differ("所在市", s.city, known.city)
                if let contacts = s.contacts, contacts != known.contacts, problems.isEmpty,
                   let updated = try? School(code: known.code, name: known.name, type: known.type, city: known.city, contacts: contacts) {
                    updatedSchools.append(updated)
                }
            } else if let name = s.name, let type = s.type, let city = s.city {
                do {
                    let school = try School(code: s.code, name: name, type: type, city: city, contacts: s.contacts ?? .unfilled)
                    trial.add(school)
                    newSchools.append(school)
                } catch {
                    problems.append(ImportProblem(s.location, error))
                }
            } else {
                problems.append(ImportProblem(s.location,
                    "学校代码：应为已登记的学校，或在同一行填写学校名称、学校类型、所在市以新增学校，实际为未登记的「\(Sanitizer.echo(s.code))」"))
            }
        }
        guard problems.isEmpty else { return }
        let note = "导入 \(file.file)"
        // Each sheet reports its own duplicate rows; a claim on two sheets of one workbook is caught here.
        var firstAt: [ClaimKey: SheetLocation] = [:]
        for row in file.claims {
            if let first = firstAt[row.key] {
                let sheet = first.sheet.map { "工作表「\(Sanitizer.echo($0))」" } ?? ""
                problems.append(ImportProblem(row.location,
                    "重复的行：学校 \(row.key.school) 的任务 \(row.key.item) 已在\(sheet)第 \(first.row) 行出现"))
                continue
            }
            firstAt[row.key] = row.location
            // The campaign's open list decides what may be claimed (it may open items the catalog marks `no`).
            guard ledger.catalog.item(row.key.item) != nil, ledger.campaign.openItems.contains(row.key.item) else {
                problems.append(ImportProblem(row.location, "序号：应为本次申报开放的任务，实际任务 \(row.key.item) 未开放"))
                continue
            }
            let claim = trial.claim(row.key)
            let same = claim.map { $0.quantity == row.quantity && $0.funds == row.funds } ?? false
            var kind = ReviewEvent.Kind.submitted
            switch claim?.state {
            case nil, .withdrawn?: break
            case .pending?:
                if same { unchanged += 1; continue }
                replaced += 1
            case .approved?:
                if same { unchanged += 1; continue }
                problems.append(ImportProblem(row.location,
                    "任务 \(row.key.item)：该任务已通过审核，应与已通过的数据一致（\(ImportPlan.figures(claim!.quantity, claim!.funds))），实际为（\(ImportPlan.figures(row.quantity, row.funds))）；如需修改请先撤销审核"))
                continue
            case .returned?:
                // The school's own export (or the platform's) of a returned claim carries the figures it was
                // returned with: that is not a resubmission, and the return stands.
                if same { unchanged += 1; continue }
                kind = .resubmitted
            }
            let decision = Decision(kind, row.key, seen: claim?.state, basis: claim?.version ?? 0, quantity: row.quantity,
                                    funds: row.funds, comment: note)
            if case .failure(let refusal) = trial.preview(decision, actor: "", at: time) {
                problems.append(ImportProblem(row.location, refusal.description))
                continue
            }
            decisions.append(decision)
        }
        if !problems.isEmpty {
            decisions = []
            replaced = 0
            unchanged = 0
        }
    }
}
