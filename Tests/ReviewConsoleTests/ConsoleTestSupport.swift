import ClaimKit
import ClaimStore
import Testing
@testable import ReviewConsole
import TerminalText

/// Shared fixture: the bundled national catalog and a 20-school demo Shandong, folded into a Ledger
/// in memory (no files).
///
/// Every console builds its own ledger rather than copying one shared value: copies of a Ledger share its
/// median cache (a class, Ledger.swift `MedianCache`), which is not synchronised, and tests run in parallel.
enum Fixture {
    static let catalog: Catalog = try! BundledData.catalog("national-2020")
    static func makeLedger() -> Ledger {
        let province = DemoProvince(catalog: catalog, schools: 20, seed: 3)
        var ledger = Ledger(campaign: province.campaign, schools: province.schools)
        for e in province.events() { ledger.apply(e) }
        return ledger
    }
    static let reasons = ["经费预算填写不完整", "承接数量与学校实际不符"]
    static let reviewer = "zhangsan"
    /// The time the simulated store stamps on events it writes.
    static let now = Timestamp(seconds: 1_700_000_000)
}

/// A small hand-built province: three named schools in three cities, six claims in every state, at
/// known times — small enough to state a whole expected state or screen.
enum Mini {
    static let jinan = "3701000001", qingdao = "3702000003", zibo = "3703000005"
    static let schools: [School] = [
        try! School(code: jinan, name: "济南职业学院", type: .higher, city: "济南市",
                    contacts: try! SchoolContacts(manager: "王芳", officePhone: "0531-86001234", mobile: "13905310001")),
        try! School(code: qingdao, name: "青岛市城阳区职业中等专业学校", type: .secondary, city: "青岛市", contacts: .unfilled),
        try! School(code: zibo, name: "淄博师范高等专科学校", type: .higher, city: "淄博市", contacts: .unfilled),
    ]
    static let campaign = Campaign(province: "山东省", catalog: Fixture.catalog, openItems: Campaign.defaultOpenItems(of: Fixture.catalog),
                                   start: Day(year: 2020, month: 10, day: 19), end: Day(year: 2020, month: 11, day: 30),
                                   instructions: "", contacts: [])
    /// 2020-11-02 01:00 UTC (09:00 Beijing time) plus `minutes`.
    static func at(_ minutes: Int64) -> Timestamp { Timestamp(seconds: 1_604_278_800 + minutes * 60) }

    /// 济南: 1 pending, 3.1 approved by lisi, 4.1 pending. 青岛: 1 returned by lisi, 4.1 pending. 淄博: 1 approved.
    static func ledger() -> Ledger {
        var ledger = Ledger(campaign: campaign, schools: schools)
        var minute: Int64 = 0
        func add(_ d: Decision, _ actor: String) {
            minute += 1
            guard case .success = ledger.apply(d.event(seq: ledger.lastSeq + 1, time: at(minute), actor: actor)) else {
                fatalError("Mini: \(d) is not a legal step")
            }
        }
        func submit(_ school: String, _ item: String, _ quantity: Int?, _ funds: Funds) {
            add(Decision(.submitted, ClaimKey(school: school, item: item), quantity: quantity, funds: funds), school)
        }
        func decide(_ school: String, _ item: String, _ kind: ReviewEvent.Kind, _ comment: String? = nil) {
            add(.on(ledger.claim(ClaimKey(school: school, item: item))!, kind, comment: comment), "lisi")
        }
        submit(jinan, "1", nil, Funds(wan: 10, 5, 3, 2))
        submit(jinan, "3.1", 2, Funds(wan: 6, 5, 4, 1))
        submit(jinan, "4.1", 120, Funds(wan: 20, 10, 0, 5))
        submit(qingdao, "1", nil, Funds(wan: 8, 0, 2, 0))
        submit(qingdao, "4.1", 60, Funds(wan: 12, 3, 0, 0))
        submit(zibo, "1", nil, Funds(wan: 15, 5, 5, 5))
        decide(jinan, "3.1", .approved)
        decide(qingdao, "1", .returned, "经费预算填写不完整，请补充举办方投入")
        decide(zibo, "1", .approved)
        return ledger
    }

    static func key(_ school: String, _ item: String) -> ClaimKey { ClaimKey(school: school, item: item) }
}

/// The console's world in tests: an in-memory ledger that the simulated store writes to (stamping seq,
/// time and actor as the real one does), a queue of other people's events that `follow` delivers, and an
/// optional refusal for the next write.
final class TestWorld: ConsoleEnvironment {
    var ledger: Ledger
    /// Events other people wrote that the next `follow` picks up (already in `ledger`).
    var unfollowed: [ReviewEvent] = []
    /// When set, the next `record` throws this instead of writing.
    var refuseNext: StoreError?
    /// Every batch of decisions `record` was asked for, refused or not.
    var asked: [[Decision]] = []
    var exports: [ExportRequest] = []
    let actor: String

    init(_ ledger: Ledger, actor: String = Fixture.reviewer) {
        self.ledger = ledger
        self.actor = actor
    }

    func record(_ decisions: [Decision]) throws(StoreError) -> [ReviewEvent] {
        asked.append(decisions)
        if let refusal = refuseNext {
            refuseNext = nil
            throw refusal
        }
        var trial = ledger
        var written: [ReviewEvent] = []
        for d in decisions {
            switch trial.apply(d.event(seq: trial.lastSeq + 1, time: Fixture.now, actor: actor)) {
            case .success(let recorded): written.append(recorded)
            case .failure(let refusal): throw refusal.isConflict ? .conflict(refusal) : .refused(refusal)
            }
        }
        ledger = trial
        return written
    }

    /// Every school write asked for, refused or not.
    var schoolWrites: [SchoolWrite] = []

    func write(_ write: SchoolWrite) throws(StoreError) -> [ReviewEvent] {
        schoolWrites.append(write)
        if let contacts = write.contacts, let known = ledger.school(write.school) {
            ledger.update(try! School(code: known.code, name: known.name, type: known.type, city: known.city, contacts: contacts))
        }
        return try record(write.decisions)
    }

    func follow() throws(StoreError) -> [ReviewEvent] {
        defer { unfollowed = [] }
        return unfollowed
    }

    func export(_ request: ExportRequest) -> Result<(path: String, rows: Int), ExportFailure> {
        exports.append(request)
        return .success(("/tmp/export.xlsx", 3))
    }

    /// Others' consoles as the presence records would show them.
    var others: [String: Set<String>] = [:]
    /// What this console announced, in order.
    var announced: [String?] = []
    var left = false

    func announce(school: String?) { if announced.last != .some(school) { announced.append(school) } }
    func presence() -> [String: Set<String>] { others }
    func leave() { left = true }

    /// Another person's decision on `key`, written to the ledger and queued for `follow`.
    @discardableResult
    func other(_ kind: ReviewEvent.Kind, _ key: ClaimKey, by actor: String = "lisi", comment: String? = nil) -> ReviewEvent {
        let claim = ledger.claim(key)
        let decision = Decision(kind, key, seen: claim?.state, basis: claim?.version ?? 0, comment: comment)
        guard case .success(let after) = ledger.apply(decision.event(seq: ledger.lastSeq + 1, time: Fixture.now, actor: actor)) else {
            fatalError("the other reviewer's \(kind) on \(key) is not a legal step")
        }
        unfollowed.append(after)
        return after
    }
}

/// A console over its own ledger, driven through the same runtime as the curses driver: keys in, the
/// runtime performs the effects against a `TestWorld`. A value: a copy is a separate console with its own
/// data (each action runs in a world made from this console's, and its changes are kept).
struct Console {
    var state: ConsoleState
    var ledger: Ledger
    /// Other people's events the next follow picks up.
    var unfollowed: [ReviewEvent] = []
    /// The next write's refusal, if any.
    var refuseNext: StoreError?
    /// Every batch of decisions the console asked the store for.
    var asked: [[Decision]] = []
    var exports: [ExportRequest] = []
    var others: [String: Set<String>] = [:]
    var announced: [String?] = []

    init(rows: Int = 24, cols: Int = 80, ambiguousWide: Bool = false, ledger: Ledger = Fixture.makeLedger(),
         configure: (inout ConsoleState) -> Void = { _ in }) {
        self.ledger = ledger
        state = ConsoleState(rows: rows, cols: cols, reviewer: Fixture.reviewer, reasons: Fixture.reasons,
                             ambiguousWide: ambiguousWide)
        configure(&state)
        send(.resize(rows: rows, cols: cols))
    }

    @discardableResult
    mutating func send(_ action: Action) -> [ConsoleRuntime.Outcome] {
        let world = TestWorld(ledger)
        world.unfollowed = unfollowed
        world.refuseNext = refuseNext
        world.others = others
        world.announced = announced
        var runtime = ConsoleRuntime(state: state, environment: world)
        let outcomes = runtime.send(action)
        state = runtime.state
        ledger = world.ledger
        unfollowed = world.unfollowed
        refuseNext = world.refuseNext
        asked += world.asked
        exports += world.exports
        announced = world.announced
        return outcomes
    }

    /// Another person's decision on `key`, written to the data and picked up by the next follow.
    @discardableResult
    mutating func other(_ kind: ReviewEvent.Kind, _ key: ClaimKey, by actor: String = "lisi", comment: String? = nil) -> ReviewEvent {
        let world = TestWorld(ledger)
        let e = world.other(kind, key, by: actor, comment: comment)
        ledger = world.ledger
        unfollowed.append(e)
        return e
    }

    /// Presses the keys in order; returns the driver outcomes of the last one.
    @discardableResult
    mutating func press(_ keys: Key...) -> [ConsoleRuntime.Outcome] {
        var last: [ConsoleRuntime.Outcome] = []
        for k in keys { last = send(.key(k)) }
        return last
    }

    /// Types every character of `text` as a `.char` key.
    mutating func type(_ text: String) { for c in text { send(.key(.char(c))) } }

    /// Presses `key` `n` times.
    mutating func repeatKey(_ key: Key, _ n: Int) { for _ in 0..<n { send(.key(key)) } }

    /// The scroll position of the open help or detail, nil when neither is open.
    var overlayTop: Int? {
        switch state.overlay {
        case .help(let s)?, .detail(_, let s)?: s.top
        default: nil
        }
    }

    var helpOpen: Bool {
        if case .help? = state.overlay { return true }
        return false
    }

    /// The claim the open detail shows.
    var detailKey: ClaimKey? {
        if case .detail(let key, _)? = state.overlay { return key }
        return nil
    }

    /// The school list's rows as the console lists them now.
    var schoolRows: [String] { PageRows.schoolRows(state, ledger) }

    var frame: Frame { Renderer.render(state, ledger) }
    var grid: Grid { frame.grid }

    // MARK: navigation helpers

    /// Index in the school list of the first school whose claims satisfy `wanted`.
    func schoolIndex(where wanted: ([Claim]) -> Bool) -> Int? {
        schoolRows.firstIndex { wanted(PageRows.claims(ofSchool: $0, ledger)) }
    }

    /// Moves the school list's cursor to `index` with `j` and opens the school with Enter.
    mutating func openSchool(at index: Int) {
        press(.char("g"))
        repeatKey(.char("j"), index)
        press(.enter)
    }

    /// Opens the first school that has a pending claim (and satisfies `extra`) and puts the cursor on its
    /// first pending claim; returns that claim.
    @discardableResult
    mutating func openPendingClaim(extra: ([Claim]) -> Bool = { _ in true }) -> Claim? {
        guard let i = schoolIndex(where: { cs in cs.contains { $0.state == .pending } && extra(cs) }) else { return nil }
        openSchool(at: i)
        return moveToClaim { $0.state == .pending }
    }

    /// On a school page, moves the cursor to the first claim matching `match` with g and j; returns it.
    @discardableResult
    mutating func moveToClaim(_ match: (Claim) -> Bool) -> Claim? {
        guard case .school(let code) = state.page.kind else { return nil }
        let claims = PageRows.claims(ofSchool: code, ledger)
        guard let j = claims.firstIndex(where: match) else { return nil }
        press(.char("g"))
        repeatKey(.char("j"), j)
        return claims[j]
    }

    /// The claims of the school page being shown.
    var schoolClaims: [Claim] {
        guard case .school(let code) = state.page.kind else { return [] }
        return PageRows.claims(ofSchool: code, ledger)
    }

    /// The screen row where body row `index` of the current page's table is drawn.
    func screenRow(ofRow index: Int) -> Int {
        Geometry.headerRows(state.page.kind) + 1 + (index - state.page.top)
    }
}

// MARK: grid helpers

extension Grid {
    /// The lines of `text` (right-trimmed rows), as a person reads the screen.
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The visible text of the cells `from..<to` on a row (continuation cells skipped).
    func text(row: Int, from: Int, to: Int) -> String {
        var s = ""
        guard max(0, from) < min(cols, to) else { return s }
        for x in max(0, from)..<min(cols, to) where !self[row, x].isContinuation { s.append(self[row, x].character) }
        return s
    }

    /// The column where `needle` starts on `row`, counting display columns, or nil.
    func column(of needle: String, row: Int) -> Int? {
        let target = Array(needle)
        var positions: [(Character, Int)] = []
        for x in 0..<cols where !self[row, x].isContinuation { positions.append((self[row, x].character, x)) }
        guard !target.isEmpty, target.count <= positions.count else { return nil }
        for start in 0...(positions.count - target.count) {
            if (0..<target.count).allSatisfy({ positions[start + $0].0 == target[$0] }) { return positions[start].1 }
        }
        return nil
    }

    /// The first row containing `needle`, or nil.
    func row(containing needle: String) -> Int? { (0..<rows).first { text(row: $0).contains(needle) } }
}

/// `n` spaces.
func sp(_ n: Int) -> String { String(repeating: " ", count: n) }

/// The structural checks every screen must pass: exactly `rows` lines, no line wider than `cols`,
/// every row exactly `cols` columns of glyphs, and no wide character split (a continuation cell always
/// follows the first half of a width-2 character, and every width-2 character has one).
func checkScreen(_ grid: Grid, rows: Int, cols: Int, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(grid.rows == rows && grid.cols == cols, "\(what): grid size", sourceLocation: sourceLocation)
    #expect(grid.lines.count == rows, "\(what): line count", sourceLocation: sourceLocation)
    for r in 0..<grid.rows {
        let line = grid.text(row: r)
        #expect(DisplayWidth.of(line) <= cols, "\(what): row \(r) is \(DisplayWidth.of(line)) columns: \(line)",
                sourceLocation: sourceLocation)
        #expect(DisplayWidth.of(line) == cols, "\(what): row \(r) cells do not add up to the width: \(line)",
                sourceLocation: sourceLocation)
        for c in 0..<grid.cols {
            let cell = grid[r, c]
            if cell.isContinuation {
                let ok = c > 0 && !grid[r, c - 1].isContinuation && DisplayWidth.of(grid[r, c - 1].character) == 2
                #expect(ok, "\(what): row \(r) col \(c): continuation cell after a narrow cell: \(line)",
                        sourceLocation: sourceLocation)
            } else if DisplayWidth.of(cell.character) == 2 {
                let ok = c + 1 < grid.cols && grid[r, c + 1].isContinuation
                #expect(ok, "\(what): row \(r) col \(c): wide \(cell.character) without its second half: \(line)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

extension String {
    /// The text without leading and trailing spaces (screen rows are padded with them).
    func trimmingCharacters() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        while s.hasPrefix(" ") { s.removeFirst() }
        return s
    }
}
