import ClaimKit

/// A property of a school's claims the school list can be filtered on (any number at once).
public enum SchoolFlag: String, CaseIterable, Hashable, Sendable {
    /// Some claim waits for review.
    case hasPending
    /// Some pending claim is a resubmission (round 2 or later).
    case hasResubmitted
    /// Some active claim carries a warning.
    case hasWarnings
    /// Some claim is returned.
    case hasReturns
}

/// Which schools the school list shows: every dimension set must hold.
public struct SchoolFilter: Hashable, Sendable {
    public var status: SchoolReviewStatus?
    public var city: String?
    public var type: SchoolType?
    public var flags: Set<SchoolFlag>

    public init(status: SchoolReviewStatus? = nil, city: String? = nil, type: SchoolType? = nil, flags: Set<SchoolFlag> = []) {
        self.status = status
        self.city = city
        self.type = type
        self.flags = flags
    }

    public var isEmpty: Bool { status == nil && city == nil && type == nil && flags.isEmpty }
}

/// The school list's columns that can be sorted on.
public enum SchoolSort: Int, CaseIterable, Hashable, Sendable {
    case code, name, type, city, status, pending, approved, returned, intended, approvedMoney

    /// True for the counts and money, which sort largest first unless reversed.
    public var largestFirst: Bool { rawValue >= SchoolSort.pending.rawValue }

    /// True when the list runs from the largest value down, `reversed` taken into account.
    public func isDescending(reversed: Bool) -> Bool { largestFirst != reversed }
}

/// Everything the console shows besides the data itself: a pure value, changed only by `reduce`.
public struct ConsoleState: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    /// The reviewer's account: the actor of the events this console writes (compared with the journal's).
    public let reviewer: String
    /// The reviewer's name as people see it on the status line (accounts.tsv's display name).
    public let reviewerShown: String
    /// The reviewer's role: a city reviewer's queue is 待市级审核 and its `a` is 市级审核通过 (`ReviewerRole.swift`).
    public var role: Role = .province
    /// Every account's display name by account name: how the view names the people who acted.
    public var names: [String: String] = [:]
    public var stack: [Page] = [Page(.schools)]
    public var overlay: Overlay?
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
    /// This reviewer's decisions in this session, newest last (for `u`): each entry one write, all its claims.
    public var myDecisions: [[ClaimKey]] = []
    /// True once the reviewer confirmed quitting.
    public var quitting = false
    /// The store refuses writes (a damaged journal, a read-only role or files); decisions are not offered.
    public var readOnly = false
    /// The data are the generated demo province (no --data, no $TZPY_DATA): said on the title line.
    public var demo = false
    /// Other people's consoles by the school they show (school code → accounts).
    public var present: [String: Set<String>] = [:]
    /// School mode: the school's screens take over the console (nil: the review console).
    public var desk: SchoolDesk?
    /// Memoised row lists (not state: equal whatever they hold).
    let rowCache = RowCache()

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

    /// Rows of the current page's table body on this terminal.
    public var bodyRows: Int { Geometry.bodyRows(page.kind, rows: rows, cols: cols) }

    public var isTooSmall: Bool { Geometry.isTooSmall(rows: rows, cols: cols) }

    /// The school this console shows, for the presence record: the school page's, or nil elsewhere.
    public var schoolShown: String? {
        if case .school(let code) = page.kind { return code }
        return nil
    }

    /// The three overview screens Tab cycles through.
    static let overviews: [Page.Kind] = [.schools, .items, .province]
}
