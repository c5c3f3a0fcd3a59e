import ClaimKit
import ClaimStore

/// Everything that can happen to the console.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(rows: Int, cols: Int)
    /// The store wrote these events durably (the data already includes them).
    case recorded([ReviewEvent])
    /// The store refused a write (the data already includes whatever others wrote meanwhile).
    case refused(StoreError)
    /// Other people's events picked up by following the journal (the data already includes them).
    case followed([ReviewEvent])
    /// Following the journal failed: the screen may be out of date until the cause is fixed.
    case followFailed(String)
    /// An export finished: where the file went and how many data rows it has.
    case exported(path: String, rows: Int)
    /// An export failed; the text says why.
    case exportFailed(String)
    /// Who else has which school open now (school code → accounts), from the presence records.
    case presence([String: Set<String>])
    /// About a second passed without a key.
    case tick
}

/// Things the reducer asks for; the runtime performs them and feeds the outcome back as an `Action`.
public enum Effect: Equatable, Sendable {
    /// Record these decisions in the journal, all or nothing.
    case record([Decision])
    /// Read what other people appended.
    case follow
    /// Save a school's drafts (and its contacts when changed) in one write (保存, school mode).
    case save(SchoolWrite)
    /// Submit a school's claims (and its contacts when changed) in one write (提交, school mode).
    case submit(SchoolWrite)
    /// Write the report of what the screen shows to a spreadsheet file (the `E` key).
    case export(ExportRequest)
    /// Repaint every cell (Ctrl-L).
    case redraw
    case quit
}

/// The report `E` (or `R`) writes: what the page shows, each case with exactly what that report needs.
public enum ExportRequest: Equatable, Sendable {
    /// 分校汇总表 of the school list as shown: its rows in order, and the filter and sort that made them.
    case schoolList(SchoolListExport)
    /// One school's claims in the platform's layout.
    case school(String)
    /// 分任务一览表.
    case items
    /// One item's claims, the schools in the order shown.
    case itemClaims(String, schools: [String])
    /// 全省汇总: the city and school-type tables.
    case cities
    /// 退回修改通知 of one school, or of all.
    case returns(school: String?)
}

/// One write of a school: its events and, when the school typed new ones, its contacts, recorded together
/// under one lock (the contacts first, in schools.tsv).
public struct SchoolWrite: Equatable, Sendable {
    public let school: String
    public let decisions: [Decision]
    /// New contacts for the school's record, or nil to leave it.
    public let contacts: SchoolContacts?

    public init(school: String, decisions: [Decision], contacts: SchoolContacts?) {
        self.school = school
        self.decisions = decisions
        self.contacts = contacts
    }
}

/// The school list as shown, for its export.
public struct SchoolListExport: Equatable, Sendable {
    public let schools: [String]
    public let filter: SchoolFilter
    public let sort: SchoolSort
    public let descending: Bool
}
