import ClaimKit

/// School mode's keys and write outcomes: the school fills in, saves, submits, withdraws and corrects.
/// Pure like the rest of the reducer: every write is an effect, shown as done only once recorded.
extension ConsoleState {
    /// A key on a school screen (no overlay open).
    mutating func deskKey(_ key: Key, _ ledger: Ledger) -> [Effect] {
        guard var desk else { return [] }
        if !desk.problems.isEmpty {
            // The list of problems stays until a key is pressed; that key then does its job.
            desk.problems = []
            self.desk = desk
        }
        if desk.editor != nil { return formKey(key, ledger) }
        if key == .ctrl("c") {
            overlay = .confirm(Confirmation(.quit))
            return []
        }
        guard let binding = Keymap.schoolBinding(for: key) else {
            message = .unknownKey(key)
            return [.follow]
        }
        guard binding.screens.contains(desk.screen) else {
            message = .notOnScreen(binding.command)
            return []
        }
        message = nil
        return deskRun(binding.command, ledger) + [.follow]
    }

    private mutating func deskRun(_ command: SchoolCommand, _ ledger: Ledger) -> [Effect] {
        guard var desk else { return [] }
        let items = desk.items(ledger)
        let height = Geometry.schoolBodyRows(rows: rows, screen: desk.screen)
        func moveTo(_ row: Int) {
            desk.cursor = max(0, min(row, items.count - 1))
            if desk.cursor < desk.top { desk.top = desk.cursor }
            if desk.cursor >= desk.top + height { desk.top = desk.cursor - height + 1 }
        }
        let item = items.indices.contains(desk.cursor) ? items[desk.cursor] : nil
        var effects: [Effect] = []
        switch command {
        case .down: moveTo(desk.cursor + 1)
        case .up: moveTo(desk.cursor - 1)
        case .pageDown: moveTo(desk.cursor + max(1, height - 1))
        case .pageUp: moveTo(desk.cursor - max(1, height - 1))
        case .top: moveTo(0)
        case .bottom: moveTo(items.count - 1)
        case .tick:
            guard let item else { break }
            if desk.screen == .returns {
                if !desk.resubmit.insert(item.code).inserted { desk.resubmit.remove(item.code) }
            } else if let locked = Self.lock(desk.school, item.code, ledger) {
                message = .itemLocked(locked)
            } else {
                var entry = desk.entry(item.code, ledger)
                // Unticking drops what was typed: an unticked item holds no figures (as on the platform).
                entry = entry.ticked ? .cleared : DraftEntry(ticked: true, quantity: entry.quantity, funds: entry.funds)
                desk.form[item.code] = entry
            }
        case .edit:
            guard let item else { break }
            if desk.screen == .claiming, let locked = Self.lock(desk.school, item.code, ledger) {
                message = .itemLocked(locked)
                break
            }
            desk.editor = FieldForm(item: item, entry: desk.entry(item.code, ledger))
        case .contacts:
            desk.editor = FieldForm(contacts: desk.contactsShown(ledger))
        case .save:
            let changed = Self.changedDrafts(desk, items, ledger)
            guard !changed.isEmpty || desk.contacts != nil else { message = .nothingToSave; break }
            saving += 1
            message = .saving
            let note = desk.onBehalf ? "省厅代学校保存" : nil
            effects = [.save(SchoolWrite(school: desk.school, decisions: changed.map { .save($1, ClaimKey(school: desk.school, item: $0), comment: note) },
                                         contacts: desk.contacts))]
        case .submit:
            switch Self.submission(desk, items, ledger) {
            case .failure(let refusal):
                desk.problems = refusal.problems
                message = .submitRefused(refusal.problems.count)
            case .success(let write):
                overlay = .confirm(Confirmation(.submit(write)))
            }
        case .withdraw:
            let claims = ledger.claims(ofSchool: desk.school)
            let pending = claims.filter(\.state.isWaiting)
            let reviewed = ledger.isUnderReview(desk.school)
            guard !reviewed, desk.today <= ledger.campaign.end, !pending.isEmpty else {
                message = .withdrawRefused(reviewStarted: reviewed || pending.isEmpty, end: ledger.campaign.end,
                                           byCity: ledger.isUnderCityReviewOnly(desk.school))
                break
            }
            let note = desk.onBehalf ? "省厅代学校撤回（继续修改）" : "继续修改"
            // The figures go back on the form as drafts in the same write, so the school edits what it sent.
            let decisions = pending.map { Decision.on($0, .withdrawn, comment: note) }
                + pending.map { Decision.save(DraftEntry(claim: $0), $0.key, comment: desk.onBehalf ? "省厅代学校保存" : nil) }
            overlay = .confirm(Confirmation(.withdraw(decisions)))
        case .showReturns: show(&desk, .returns)
        case .showPreview: show(&desk, .preview)
        case .showClaiming: show(&desk, .claiming)
        case .help: overlay = .help(Scroller())
        case .back:
            if desk.screen == .returns { show(&desk, .preview) } else { overlay = .confirm(Confirmation(.quit)) }
        case .quit: overlay = .confirm(Confirmation(.quit))
        case .redraw: effects = [.redraw]
        }
        self.desk = desk
        return effects
    }

    private func show(_ desk: inout SchoolDesk, _ screen: SchoolDesk.Screen) {
        desk.screen = screen
        desk.cursor = 0
        desk.top = 0
    }

    /// Why an item cannot be ticked or edited on 承接任务: a claim that stands (pending, approved, returned).
    static func lock(_ school: String, _ item: String, _ ledger: Ledger) -> ReviewState? {
        guard let claim = ledger.claim(ClaimKey(school: school, item: item)), claim.isActive else { return nil }
        return claim.state
    }

    /// The entries typed that differ from what is saved, by item (a cleared entry forgets a saved one).
    static func changedDrafts(_ desk: SchoolDesk, _ items: [TaskItem], _ ledger: Ledger) -> [(String, DraftEntry)] {
        let saved = ledger.drafts.entries(ofSchool: desk.school)
        return items.compactMap { item in
            guard let typed = desk.form[item.code], typed != (saved[item.code] ?? .cleared) else { return nil }
            return (item.code, typed)
        }
    }

    /// Problems that stop a 提交, all of them.
    struct Refusal: Error { let problems: [SubmitProblem] }

    /// The write a 提交 makes, or every problem with it: contacts filled (before the first submission), each
    /// ticked item complete, something ticked, and — on 承接任务, not for the corrections of 需修改的任务, which
    /// come after the province's review, nor for a province reviewer acting for the school, whom the store does not
    /// bind either — today inside the campaign's dates (Beijing time).
    static func submission(_ desk: SchoolDesk, _ items: [TaskItem], _ ledger: Ledger) -> Result<SchoolWrite, Refusal> {
        var problems: [SubmitProblem] = []
        let campaign = ledger.campaign
        if desk.screen == .claiming, !desk.onBehalf, desk.today < campaign.start || desk.today > campaign.end {
            problems.append(.outsideDates(start: campaign.start, end: campaign.end, today: desk.today))
        }
        var decisions: [Decision] = []
        let note = desk.onBehalf ? "省厅代学校提交" : nil
        if desk.screen == .claiming, !desk.contactsShown(ledger).isFilled { problems.append(.contactsMissing) }
        for item in items {
            let entry = desk.entry(item.code, ledger)
            let key = ClaimKey(school: desk.school, item: item.code)
            let claim = ledger.claim(key)
            let chosen = desk.screen == .returns ? desk.resubmit.contains(item.code) : entry.ticked && lock(desk.school, item.code, ledger) == nil
            guard chosen else { continue }
            let missing = entry.missing(for: item)
            guard missing.isEmpty, let funds = entry.completeFunds else {
                problems.append(.incomplete(item: item.code, fields: missing))
                continue
            }
            let kind: ReviewEvent.Kind = desk.screen == .returns ? .resubmitted : .submitted
            decisions.append(Decision(kind, key, seen: claim?.state, basis: claim?.version ?? 0,
                                      quantity: item.isCountable ? entry.quantity : nil, funds: funds, comment: note))
        }
        if decisions.isEmpty && !problems.contains(where: { if case .incomplete = $0 { true } else { false } }) {
            problems.append(.nothingTicked)
        }
        guard problems.isEmpty else { return .failure(Refusal(problems: problems)) }
        return .success(SchoolWrite(school: desk.school, decisions: decisions, contacts: desk.screen == .claiming ? desk.contacts : nil))
    }

    /// A key while the inline form is open: editing keys edit the focused field, Tab/↑/↓ move between
    /// fields, Enter checks and accepts, Esc drops the changes.
    private mutating func formKey(_ key: Key, _ ledger: Ledger) -> [Effect] {
        guard var desk, var form = desk.editor else { return [] }
        defer { self.desk = desk }
        if let step = Keymap.formSteps[key] {
            form.focus = (form.focus + step + form.fields.count) % form.fields.count
            desk.editor = form
            return []
        }
        switch key {
        case .escape, .ctrl("c"):
            desk.editor = nil
            message = .cancelled
        case .enter:
            /// A field that does not parse: the form stays open on it and the message says why.
            func keepOpen(_ form: inout FieldForm, on error: FieldError) {
                form.focus = form.fields.firstIndex { $0.label == error.field } ?? form.focus
                desk.editor = form
                message = .fieldInvalid(error)
            }
            switch form.target {
            case .contacts:
                do {
                    desk.contacts = try SchoolContacts(manager: form.text("平台管理联系人") ?? "", officePhone: form.text("办公电话") ?? "",
                                                       mobile: form.text("手机号") ?? "")
                    if desk.contacts == ledger.school(desk.school)?.contacts { desk.contacts = nil }
                    desk.editor = nil
                    message = nil
                } catch {
                    keepOpen(&form, on: error)
                }
            case .item(let code):
                guard let item = ledger.catalog.item(code) else { desk.editor = nil; return [] }
                do {
                    desk.form[code] = try form.entryChecked(item)
                    if desk.screen == .returns { desk.resubmit.insert(code) }
                    desk.editor = nil
                    message = nil
                } catch {
                    keepOpen(&form, on: error)
                }
            }
        default:
            form.fields[form.focus].editor.handle(key)
            desk.editor = form
        }
        return []
    }

    /// A school write came back durable: the form now matches what is saved; a submission shows the preview,
    /// a withdrawal the form again.
    mutating func deskRecorded(_ events: [ReviewEvent], _ ledger: Ledger) {
        guard var desk else { return }
        let kinds = Set(events.map(\.kind))
        if kinds.contains(.submitted) || kinds.contains(.resubmitted) {
            for e in events { desk.form[e.item] = nil }
            desk.resubmit.subtract(events.map(\.item))
            desk.contacts = nil
            message = .submitted(events.count)
            let returnsLeft = ledger.claims(ofSchool: desk.school).contains { if case .returned = $0.state { true } else { false } }
            show(&desk, desk.screen == .returns && returnsLeft ? .returns : .preview)
        } else if kinds.contains(.withdrawn) {
            desk.form = ledger.drafts.entries(ofSchool: desk.school)
            message = .withdrawn(events.filter { $0.kind == .withdrawn }.count)
            show(&desk, .claiming)
        } else {
            let drafts = events.filter { $0.kind == .drafted }
            message = .draftSaved(items: drafts.count, contacts: desk.contacts != nil)
            desk.contacts = nil
        }
        self.desk = desk
    }
}
