import ClaimExchange
import ClaimKit

/// A screen on the navigation stack, with its own cursor.
public struct Page: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case schools
        case school(String)
        case items
        case itemSchools(String)
        case province
    }

    public var kind: Kind
    /// The selected row (index into the page's rows).
    public var cursor = 0
    /// The first visible row.
    public var top = 0

    public init(_ kind: Kind) { self.kind = kind }
}

/// A popup or prompt over the current page; while one is open it takes the keys.
public enum Overlay: Equatable, Sendable {
    case help
    case detail(ClaimKey)
    /// The return-comment editor for these claims.
    case comment(LineEditor, ClaimKey)
    /// A yes/no question before a bulk action (approve `keys`).
    case confirmApprove([ClaimKey], text: String)
    case search(LineEditor)
    case picker(Picker)
    case quitAsk
}

/// A list to choose one entry from (filters, sort orders).
public struct Picker: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case filter, sort }
    public let purpose: Purpose
    public let title: String
    public let options: [String]
    public var cursor = 0
}

/// Which schools the school list shows.
public struct SchoolFilter: Equatable, Sendable {
    public var status: SchoolReviewStatus?
    public var city: String?
    public var type: SchoolType?

    public var isEmpty: Bool { status == nil && city == nil && type == nil }
}

/// The school list's columns that can be sorted on.
public enum SchoolSort: Int, CaseIterable, Sendable {
    case code, name, type, city, status, pending, approved, returned, intended, approvedMoney
}

/// The line at the bottom: the outcome of the last action, or a notice about others' decisions.
public struct Message: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, success, error, notice }
    public let kind: Kind
    public let text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Everything the console shows besides the data itself: pure value, changed only by `reduce`.
public struct ConsoleState: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    /// The reviewer's account: the actor of the events this console writes (compared with the journal's).
    public let reviewer: String
    /// The reviewer's name as people see it on the status line (accounts.tsv's display name).
    public let reviewerShown: String
    /// Every account's display name by account name: how notices, the detail's history and messages name
    /// the people who acted (an actor missing here is shown as its account name).
    public var names: [String: String] = [:]
    public var stack: [Page] = [Page(.schools)]
    public var overlay: Overlay?
    /// The first visible line of the help or detail overlay (they scroll); 0 whenever one opens.
    public var overlayTop = 0
    public var message: Message?
    public var tags: Set<ClaimKey> = []
    public var filter = SchoolFilter()
    public var sort = SchoolSort.code
    public var sortDescending = false
    public var lastSearch: String?
    /// Frequent return reasons (reasons.txt), picked by digit in the comment editor.
    public var reasons: [String]
    /// Substitute full-width forms for East Asian Ambiguous characters on screen.
    public var ambiguousWide: Bool
    /// Writes sent to the store and not yet answered.
    public var saving = 0
    /// This reviewer's decisions in this session, newest last (for `u`).
    public var myDecisions: [ClaimKey] = []
    /// True once the reviewer confirmed quitting.
    public var quitting = false
    /// The store refuses writes (a damaged journal, a read-only role or files); decisions are not offered.
    public var readOnly = false
    /// The data are the generated demo province (no --data, no $TZPY_DATA): said on the title line.
    public var demo = false
    /// Cached school list rows (codes), rebuilt when the data, filter or sort change.
    public var schoolRows: [String] = []
    /// Cached rows of the item drill-down (school codes).
    public var itemSchoolRows: [String] = []
    /// Cached cities of the province page, in school-file order.
    public var cities: [String] = []
    /// How many schools `cities` was taken from: schools are only ever added, so the cities change only
    /// when that count does.
    public var citiesOfSchools = -1

    public init(rows: Int, cols: Int, reviewer: String, shownAs: String? = nil, reasons: [String] = [], ambiguousWide: Bool = false) {
        self.rows = rows
        self.cols = cols
        self.reviewer = reviewer
        self.reviewerShown = shownAs ?? reviewer
        self.reasons = reasons
        self.ambiguousWide = ambiguousWide
    }

    /// The name people know `actor` by.
    public func shown(_ actor: String) -> String { names[actor] ?? actor }

    public var page: Page {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    /// The three overview screens Tab cycles through.
    static let overviews: [Page.Kind] = [.schools, .items, .province]
}

/// Things the reducer asks the driver to do; the outcome comes back as an `Action`.
public enum Effect: Equatable, Sendable {
    /// Append these events to the journal, all or nothing.
    case record([ReviewEvent])
    /// Read what other reviewers appended.
    case follow
    /// Write the report of what the screen shows to a spreadsheet file (the `E` key).
    case export(ExportRequest)
    /// Repaint every cell (Ctrl-L).
    case redraw
    case quit
}

/// Everything that can happen to the console.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(rows: Int, cols: Int)
    /// The store wrote these events durably (the data already includes them).
    case recorded([ReviewEvent])
    /// The store refused a write; the text says why (a conflict names who decided first).
    case refused(String)
    /// Other reviewers' events picked up by following the journal (the data already includes them).
    case followed([ReviewEvent])
    /// Following the journal failed: the screen may be out of date until the cause is fixed.
    case followFailed(String)
    /// An export finished: where the file went and how many data rows it has.
    case exported(path: String, rows: Int)
    /// An export failed; the text says why.
    case exportFailed(String)
    /// About a second passed without a key.
    case tick
}

/// Which report the `E` key writes for the current page (see `ExportRequest.forPage`).
public struct ExportRequest: Equatable, Sendable {
    public let report: ReportKind
    public let school: String?
    public let item: String?

    public init(report: ReportKind, school: String? = nil, item: String? = nil) {
        self.report = report
        self.school = school
        self.item = item
    }

    /// The report a page stands for: the school list and the province page → 分校汇总表; a school → its
    /// platform-layout table; the items page → 分任务一览表; an item's schools → that item's claims.
    public static func forPage(_ kind: Page.Kind) -> ExportRequest {
        switch kind {
        case .schools, .province: ExportRequest(report: .schools)
        case .school(let code): ExportRequest(report: .school, school: code)
        case .items: ExportRequest(report: .items)
        case .itemSchools(let item): ExportRequest(report: .claims, item: item)
        }
    }
}
