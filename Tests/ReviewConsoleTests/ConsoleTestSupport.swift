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

/// A console over its own ledger, driven like the driver does: keys in, effects out, and a simulated
/// store that makes `.record` effects durable in the ledger before answering `.recorded`.
struct Console {
    var ledger: Ledger
    var state: ConsoleState

    init(rows: Int = 24, cols: Int = 80, ambiguousWide: Bool = false, ledger: Ledger = Fixture.makeLedger()) {
        self.ledger = ledger
        state = ConsoleState(rows: rows, cols: cols, reviewer: Fixture.reviewer, reasons: Fixture.reasons,
                             ambiguousWide: ambiguousWide)
        state.refreshRows(ledger)
    }

    @discardableResult
    mutating func send(_ action: Action) -> [Effect] { state.reduce(action, ledger: ledger) }

    /// Presses the keys in order; returns the effects of the last one.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var last: [Effect] = []
        for k in keys { last = send(.key(k)) }
        return last
    }

    /// Types every character of `text` as a `.char` key; returns all effects.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        var all: [Effect] = []
        for c in text { all += send(.key(.char(c))) }
        return all
    }

    /// Presses `key` `n` times.
    mutating func repeatKey(_ key: Key, _ n: Int) { for _ in 0..<n { send(.key(key)) } }

    /// What the store would write: stamps seq and time, applies to the ledger (must succeed), returns the events.
    mutating func makeDurable(_ drafts: [ReviewEvent], actor: String? = nil) -> [ReviewEvent] {
        var written: [ReviewEvent] = []
        for var e in drafts {
            e.seq = ledger.lastSeq + 1
            e.time = Fixture.now
            if let actor { e.actor = actor }
            let result = ledger.apply(e)
            guard case .success(let recorded) = result else {
                Issue.record("the simulated store could not apply \(e): \(result)")
                continue
            }
            written.append(recorded)
        }
        return written
    }

    /// Applies the drafts of every `.record` effect and answers `.recorded`, as the driver does.
    @discardableResult
    mutating func store(_ effects: [Effect]) -> [ReviewEvent] {
        var all: [ReviewEvent] = []
        for drafts in Console.records(effects) {
            let written = makeDurable(drafts)
            send(.recorded(written))
            all += written
        }
        return all
    }

    /// Another reviewer decides a claim (written to the ledger); returns the event for `.followed`.
    mutating func other(_ kind: ReviewEvent.Kind, _ key: ClaimKey, by actor: String = "lisi", comment: String? = nil) -> ReviewEvent {
        let claim = ledger.claim(key)!
        let draft = ReviewEvent(time: Fixture.now, actor: actor, school: key.school, item: key.item, kind: kind,
                                seen: claim.state, basis: claim.version, comment: comment)
        guard let written = makeDurable([draft]).first else { return draft }  // the issue is already recorded
        return written
    }

    static func records(_ effects: [Effect]) -> [[ReviewEvent]] {
        effects.compactMap { if case .record(let events) = $0 { events } else { nil } }
    }

    var frame: Frame { Renderer.render(state, ledger) }
    var grid: Grid { frame.grid }

    // MARK: navigation helpers

    /// Index in the school list of the first school whose claims satisfy `wanted`.
    func schoolIndex(where wanted: ([Claim]) -> Bool) -> Int? {
        state.schoolRows.firstIndex { wanted(PageRows.claims(ofSchool: $0, ledger)) }
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
        Layout.headerRows(state.page.kind) + 1 + (index - state.page.top)
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

/// The `.record` effects' drafts in `effects`.
func recordDrafts(_ effects: [Effect]) -> [[ReviewEvent]] { Console.records(effects) }
