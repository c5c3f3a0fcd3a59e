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
    /// Rows whose 省厅审核情况 or 修改意见 disagree with the store: reported, never recorded (the platform's
    /// state may be newer than the store's, or older: the store's decisions stand).
    public var disagreements: [ImportProblem] = []

    public var isClean: Bool { problems.isEmpty }
    public var submitted: Int { decisions.count { $0.kind == .submitted } - replaced }
    public var resubmitted: Int { decisions.count { $0.kind == .resubmitted } }
    /// Pending claims the file no longer claims, withdrawn.
    public var withdrawn: Int { decisions.count { $0.kind == .withdrawn } }

    /// A school's whole claim set (`tzpy submit`): only that school's rows, and every claim of the school the
    /// file does not claim is withdrawn (or the file refused), not only those its rows mark 否.
    public struct Submission: Sendable {
        public let school: String
        /// The note each event carries (`提交 FILE`, `省厅代学校提交 FILE`).
        public let comment: String

        public init(school: String, comment: String) {
            self.school = school
            self.comment = comment
        }
    }

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
    /// resubmits a returned one (next round) and is an error for an approved one. An item the school no longer
    /// claims (marked 否 or blank in its per-school file; for a `submission`, any it lacks) is withdrawn when
    /// the workflow allows it, else the file is refused. Only the campaign's open items may be claimed; a
    /// file's 省厅审核情况 and 修改意见 are compared with the store and reported, never recorded. Rows are checked as
    /// if recorded at `time`.
    public init(_ file: ImportedFile, ledger: Ledger, at time: Timestamp, submission: Submission? = nil) {
        self.file = file.file
        layouts = file.layouts
        problems = file.problems
        var schools = file.schools
        if let submission {
            // One school's set: another school's rows are refused at its code, once per school.
            var reported: Set<String> = []
            for s in schools where s.code != submission.school && reported.insert(s.code).inserted {
                problems.append(ImportProblem(s.location,
                    "学校代码：应为提交的学校 \(submission.school)（一次提交只含一所学校的承接任务），实际为「\(Sanitizer.echo(s.code))」"))
            }
            schools = schools.filter { $0.code == submission.school }
            if schools.isEmpty && problems.isEmpty {
                problems.append(ImportProblem(SheetLocation(file: file.file, sheet: nil, row: 1, column: nil),
                    "应有学校 \(submission.school) 的承接任务，实际文件中没有该校的行（撤回全部提交请用 tzpy withdraw）"))
            }
        }
        schoolCount = Set(schools.map(\.code)).count
        var trial = ledger
        for s in schools {
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
        let note = submission?.comment ?? "导入 \(file.file)"
        // Each sheet reports its own duplicate rows; a claim on two sheets of one workbook is caught here.
        var firstAt: [ClaimKey: SheetLocation] = [:]
        for row in file.claims where submission.map({ row.key.school == $0.school }) ?? true {
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
            if let review = row.review {
                compare(review, with: claim, submitted: trial.needsCityReview(row.key.school) ? .cityPending : .pending)
            }
            let same = claim.map { $0.quantity == row.quantity && $0.funds == row.funds } ?? false
            var kind = ReviewEvent.Kind.submitted
            switch claim?.state {
            case nil, .withdrawn?: break
            case .pending?, .cityPending?:
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
        withdraw(file, submission: submission, firstAt: firstAt, ledger: trial, at: time, note: note)
        if !problems.isEmpty {
            decisions = []
            replaced = 0
            unchanged = 0
        }
    }

    /// Withdraws the pending claims the file no longer claims, or refuses the file for those the workflow
    /// keeps: decided claims (the province reopens them first), and any once the school is under review or
    /// the campaign has ended. Only a per-school file (or a submission) states a school's whole set.
    private mutating func withdraw(_ file: ImportedFile, submission: Submission?, firstAt: [ClaimKey: SheetLocation],
                                   ledger: Ledger, at time: Timestamp, note: String) {
        var dropped: [(key: ClaimKey, at: SheetLocation)] = []
        var seen: Set<ClaimKey> = []
        for u in file.unclaimed where firstAt[u.key] == nil && seen.insert(u.key).inserted
            && (submission.map { u.key.school == $0.school } ?? true) {
            dropped.append((u.key, u.location))
        }
        if let submission {
            let fileStart = SheetLocation(file: file.file, sheet: nil, row: 1, column: nil)
            for c in ledger.claims(ofSchool: submission.school) where c.isActive && firstAt[c.key] == nil && !seen.contains(c.key) {
                dropped.append((c.key, fileStart))
            }
        }
        let contacts = ledger.campaign.contacts.isEmpty ? ""
            : "：" + ledger.campaign.contacts.map { "\($0.name) \($0.phone)" }.joined(separator: "，")
        for (key, location) in dropped {
            guard let claim = ledger.claim(key), claim.isActive else { continue }
            let what = "任务 \(key.item)：该校不再承接"
            switch claim.state {
            case .approved, .returned:
                problems.append(ImportProblem(location,
                    "\(what)，但该任务的审核情况为「\(claim.state.label)」，不能撤回；请联系省厅管理员先撤销审核（tzpy reopen）\(contacts)"))
            case .pending, .cityPending, .withdrawn:
                let decision = Decision.on(claim, .withdrawn, comment: note)
                switch ledger.preview(decision, actor: "", at: time) {
                case .success:
                    decisions.append(decision)
                case .failure(.workflow(let e)) where e.reason == .schoolUnderReview:
                    problems.append(ImportProblem(location, "\(what)，但审核已开始，不能撤回；请联系省厅管理员处理（tzpy reopen）\(contacts)"))
                case .failure(.workflow(let e)):
                    if case .campaignClosed(let end) = e.reason {
                        problems.append(ImportProblem(location, "\(what)，但已过结束日期 \(end)，不能撤回；请联系省厅管理员处理\(contacts)"))
                    } else {
                        problems.append(ImportProblem(location, "\(what)：\(e.description)"))
                    }
                case .failure(let refusal):
                    problems.append(ImportProblem(location, "\(what)：\(refusal.description)"))
                }
            }
        }
    }

    /// Reports where a row's 省厅审核情况 or 修改意见 (when not blank) is not what the store holds for its claim
    /// (none yet: the row submits it, so `submitted` — 待审核, or 待市级审核 with the city step).
    private mutating func compare(_ review: StatedReview, with claim: Claim?, submitted: ReviewState) {
        let active = claim.flatMap { $0.isActive ? $0 : nil }
        let stored = active?.state.label ?? submitted.label
        if let status = review.status, !status.isEmpty {
            let stated = ImportPlan.statusLabel(status)
            if stated != stored {
                let note = active == nil ? "本系统中尚无此承接，本次作为新提交" : "以本系统为准，审核结果未改变"
                disagreements.append(ImportProblem(review.statusAt,
                    "省厅审核情况：文件为「\(Sanitizer.echo(status))」，本系统为「\(stored)」；\(note)"))
            }
        }
        // A blank 修改意见 says nothing (the platform leaves it blank on rows it did not return, and a school's
        // corrected file may too); a written one must be the store's.
        if let comment = review.comment, !InputText.trim(comment).isEmpty {
            var storedComment = ""
            if case .returned(let text)? = active?.state { storedComment = text }
            if InputText.trim(comment) != InputText.trim(storedComment) {
                disagreements.append(ImportProblem(review.commentAt,
                    "修改意见：文件为「\(Sanitizer.echo(comment))」，本系统为「\(Sanitizer.echo(storedComment))」；以本系统为准，审核结果未改变"))
            }
        }
    }

    /// The state label a file's 省厅审核情况 means: the platform's words and tzpy's own, or the text as written.
    static func statusLabel(_ text: String) -> String {
        let t = InputText.trim(text)
        switch t {
        case "已通过", "通过", "审核通过": return ReviewState.approved.label
        case "退回修改", "退回", "已退回", "需修改", "未通过": return ReviewState.returned(comment: "").label
        case "待审核", "未审核", "审核中", "已提交": return ReviewState.pending.label
        case "已撤回", "撤回": return ReviewState.withdrawn.label
        default: return t
        }
    }
}
