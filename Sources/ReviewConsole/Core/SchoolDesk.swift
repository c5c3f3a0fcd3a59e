import ClaimKit

/// The console in school mode: one school filling in, saving, submitting, withdrawing and correcting its
/// claims (the platform's 承接任务, 本校任务情况预览 and 需修改的任务 screens). A pure value, changed by the
/// reducer (`ConsoleState.reduceDesk`); the form is what the school has typed, the ledger what is durable.
public struct SchoolDesk: Equatable, Sendable {
    /// The school's three screens.
    public enum Screen: Equatable, Sendable {
        /// 承接任务: the campaign's open items, ticked and budgeted, saved as drafts, submitted.
        case claiming
        /// 本校任务情况预览: the submission as reviewed (状态：已提交).
        case preview
        /// 需修改的任务: the returned claims, corrected and resubmitted.
        case returns
    }

    public let school: String
    public var screen: Screen
    public var cursor = 0
    public var top = 0
    /// What the school has typed per item code (starting from its saved drafts); `s` saves the changes.
    public var form: [String: DraftEntry]
    /// Contacts typed and checked on the contacts form, not yet saved (nil: the school's record as it is).
    public var contacts: SchoolContacts?
    /// The inline form open on an item or on the contacts.
    public var editor: FieldForm?
    /// On 需修改的任务: the returned items ticked to resubmit.
    public var resubmit: Set<String> = []
    /// Why the last 提交 was refused, each problem listed over the table until the next key.
    public var problems: [SubmitProblem] = []
    /// The day it is in Beijing (for the campaign's dates); the store checks again when it writes.
    public var today: Day
    /// True when a province reviewer acts for the school (personal mode): each event's note says so.
    public let onBehalf: Bool

    /// A desk for `school` as the ledger has it: its submission's preview when it has one, else 承接任务
    /// with its saved drafts.
    public init(school: String, ledger: Ledger, today: Day, onBehalf: Bool) {
        self.school = school
        self.today = today
        self.onBehalf = onBehalf
        let active = ledger.claims(ofSchool: school).contains { $0.isActive }
        screen = active ? .preview : .claiming
        form = ledger.drafts.entries(ofSchool: school)
    }

    /// The items the screen lists, in catalog order.
    public func items(_ ledger: Ledger) -> [TaskItem] {
        switch screen {
        case .claiming: return ledger.campaign.openItemsInOrder
        case .preview: return ledger.catalog.items
        case .returns:
            let returned = Set(ledger.claims(ofSchool: school).filter { if case .returned = $0.state { true } else { false } }.map(\.item))
            return ledger.catalog.items.filter { returned.contains($0.code) }
        }
    }

    /// The entry shown for `item`: as typed; on 需修改的任务 the returned claim's figures until edited.
    public func entry(_ item: String, _ ledger: Ledger) -> DraftEntry {
        if let typed = form[item] { return typed }
        if screen == .returns, let claim = ledger.claim(ClaimKey(school: school, item: item)) { return DraftEntry(claim: claim) }
        return .cleared
    }

    /// The contacts as the school would submit them: typed, else its record's.
    public func contactsShown(_ ledger: Ledger) -> SchoolContacts {
        contacts ?? ledger.school(school)?.contacts ?? .unfilled
    }

    /// The header line's figures (任务数量 and the funds) over the ticked entries, with what the open
    /// inline form holds so far, as it is typed.
    public func typedTotals(_ ledger: Ledger) -> (tasks: Int, funds: [Money]) {
        var tasks = Set<Int>()
        var funds = [Money](repeating: .zero, count: 4)
        for item in items(ledger) {
            var entry = entry(item.code, ledger)
            if case .item(let code)? = editor?.target, code == item.code { entry = editor!.entry(item, lenient: true) ?? entry }
            guard entry.ticked else { continue }
            tasks.insert(item.task)
            for i in 0..<4 { funds[i] = funds[i] + (entry.funds[i] ?? .zero) }
        }
        return (tasks.count, funds)
    }
}

/// Why a 提交 cannot go: each problem, named (the view writes it in Chinese).
public enum SubmitProblem: Equatable, Sendable {
    /// 平台管理联系人, 办公电话 and 手机号 are required before the first submission.
    case contactsMissing
    /// A ticked item lacks these fields (承接数量, 学校自筹 …).
    case incomplete(item: String, fields: [String])
    /// Nothing is ticked (on 需修改的任务: no returned item ticked to resubmit).
    case nothingTicked
    /// Today (Beijing time) is outside the campaign's dates.
    case outsideDates(start: Day, end: Day, today: Day)
}

/// The inline form: a few one-line fields (an item's 承接数量 and four funds, or the three contacts), one of
/// them focused; Enter checks and accepts them all, Esc drops the changes.
public struct FieldForm: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        case item(String)
        case contacts
    }

    /// One field: its label and its editor.
    public struct Field: Equatable, Sendable {
        public let label: String
        public var editor: LineEditor
    }

    public let target: Target
    public var fields: [Field]
    public var focus = 0

    /// The form for `item` holding `entry`: 承接数量 only on a countable item, then the four funds.
    public init(item: TaskItem, entry: DraftEntry) {
        target = .item(item.code)
        var fields: [Field] = []
        if item.isCountable { fields.append(Field(label: "承接数量", editor: LineEditor(entry.quantity.map(String.init) ?? "", limit: 12))) }
        for (label, part) in zip(Funds.partLabels, entry.funds) {
            fields.append(Field(label: label, editor: LineEditor(part?.description ?? "", limit: 16)))
        }
        self.fields = fields
    }

    /// The contacts form holding `contacts`.
    public init(contacts: SchoolContacts) {
        target = .contacts
        fields = [Field(label: "平台管理联系人", editor: LineEditor(contacts.manager, limit: 40)),
                  Field(label: "办公电话", editor: LineEditor(contacts.officePhone, limit: 20)),
                  Field(label: "手机号", editor: LineEditor(contacts.mobile, limit: 20))]
    }

    /// The field labelled `label`'s text, trimmed.
    func text(_ label: String) -> String? {
        fields.first { $0.label == label }.map { InputText.trim($0.editor.text) }
    }

    /// The entry the fields make for `item`, ticked: an empty field is not typed yet. Nil when a field does not
    /// parse (`lenient`: such a field counts as not typed, for the live totals).
    func entry(_ item: TaskItem, lenient: Bool) -> DraftEntry? {
        try? entryChecked(item, lenient: lenient)
    }

    /// The entry, or the first field that does not parse, named.
    func entryChecked(_ item: TaskItem, lenient: Bool = false) throws(FieldError) -> DraftEntry {
        var quantity: Int?
        if let q = text("承接数量"), !q.isEmpty {
            let digits = InputText.normalise(q)
            if let n = Int(digits), n > 0, InputText.isDigits(digits) { quantity = n } else if !lenient {
                throw FieldError(field: "承接数量", expected: "正整数（单位：\(item.unit ?? "-")）", found: q)
            }
        }
        var funds: [Money?] = []
        for label in Funds.partLabels {
            let t = text(label) ?? ""
            if t.isEmpty { funds.append(nil); continue }
            do { funds.append(try Money.parse(t, field: label)) } catch {
                if !lenient { throw error }
                funds.append(nil)
            }
        }
        return DraftEntry(ticked: true, quantity: quantity, funds: funds)
    }
}
