import Foundation

/// Why the ledger cannot take an event.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSchool(String)
    case unknownItem(String)
    /// The workflow refuses the transition (including a stale basis: a conflict).
    case workflow(WorkflowError)
    /// Journal events must be numbered 1, 2, 3 … without gaps.
    case sequence(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unknownSchool(let code): "未知学校代码 \(code)"
        case .unknownItem(let code): "未知任务序号 \(code)"
        case .workflow(let e): e.description
        case .sequence(let expected, let found): "事件序号应为 \(expected)，实际为 \(found)"
        }
    }

    /// True when the refusal is because someone else changed the claim first.
    public var isConflict: Bool {
        guard case .workflow(let e) = self else { return false }
        switch e.reason {
        case .stale, .alreadyDecided: return true
        default: return false
        }
    }
}

/// Every claim's current state and the totals: the fold of the journal over the reference data.
///
/// Pure and in memory; the store feeds it events read from disk, the console reads it, and a test can
/// build one from a list of events.
public struct Ledger: Sendable {
    public let campaign: Campaign
    /// Schools in the order of the schools file.
    public private(set) var schools: [School]
    private var schoolIndex: [String: Int]
    public private(set) var claims: [ClaimKey: Claim] = [:]
    public private(set) var totals = Totals()
    /// The seq of the last event applied (0 for an empty journal).
    public private(set) var lastSeq = 0
    /// Changes whenever anything the ledger answers changes (an event, a skipped event, a school added or
    /// updated): what derived views (the console's row lists) are memoised on.
    public private(set) var version = 0
    /// The time of the journal's last event, applied or skipped (nil for an empty journal): how current the
    /// data is, as the reports' 数据截至 line says.
    public private(set) var lastEventTime: Timestamp?

    public var catalog: Catalog { campaign.catalog }

    public init(campaign: Campaign, schools: [School]) {
        self.campaign = campaign
        self.schools = schools
        var index: [String: Int] = [:]
        for (i, s) in schools.enumerated() { index[s.code] = i }
        self.schoolIndex = index
    }

    public func school(_ code: String) -> School? { schoolIndex[code].map { schools[$0] } }

    public func claim(_ key: ClaimKey) -> Claim? { claims[key] }

    /// The school's claims in catalog order (withdrawn ones included).
    public func claims(ofSchool code: String) -> [Claim] {
        catalog.items.compactMap { claims[ClaimKey(school: code, item: $0.code)] }
    }

    /// Adds a school not seen before (an import of a new school); an existing code is left unchanged.
    @discardableResult
    public mutating func add(_ school: School) -> Bool {
        guard schoolIndex[school.code] == nil else { return false }
        schoolIndex[school.code] = schools.count
        schools.append(school)
        version += 1
        return true
    }

    /// Replaces the record of a school already known (new contacts); false when the code is unknown.
    @discardableResult
    public mutating func update(_ school: School) -> Bool {
        guard let i = schoolIndex[school.code] else { return false }
        schools[i] = school
        version += 1
        return true
    }

    /// True between `beginReplay` and `endReplay`: totals are left alone and computed once at the end.
    private var replaying = false

    /// Starts replaying a journal: `apply` skips the totals, which `endReplay` computes once from the final
    /// claims. Opening a national store replays 600,000 events onto 400,000 claims; each event would
    /// otherwise update ten tallies (the old claim out of five groups, the new one in).
    public mutating func beginReplay() {
        replaying = true
    }

    /// Ends a replay and computes the totals from the claims as they now are.
    public mutating func endReplay() {
        guard replaying else { return }
        replaying = false
        version += 1
        let catalog = self.catalog
        totals = Totals.recompute(claims.values, task: { catalog.item($0.item)!.task }, school: { self.school($0.school)! })
    }

    /// Makes room for `count` claims in all, so a large import does not regrow the claim table step by step.
    public mutating func reserveCapacity(claims count: Int) {
        claims.reserveCapacity(count)
    }

    /// What `event` would make of its claim, without changing anything.
    public func preview(_ event: ReviewEvent) -> Result<Claim, LedgerError> {
        resolve(event).result
    }

    /// What `decision` would make of its claim if `actor` recorded it at `time` as the next event.
    public func preview(_ decision: Decision, actor: String, at time: Timestamp) -> Result<Claim, LedgerError> {
        preview(decision.event(seq: lastSeq + 1, time: time, actor: actor))
    }

    /// The event's school, item and claim before it, looked up once, and the claim after it.
    private func resolve(_ event: ReviewEvent) -> (school: School?, item: TaskItem?, old: Claim?, result: Result<Claim, LedgerError>) {
        guard let index = schoolIndex[event.school] else { return (nil, nil, nil, .failure(.unknownSchool(event.school))) }
        let school = schools[index]
        guard let item = catalog.item(event.item) else { return (school, nil, nil, .failure(.unknownItem(event.item))) }
        let context = WorkflowContext(item: item, end: campaign.end,
                                      schoolReviewed: event.kind == .withdrawn && isUnderReview(event.school))
        let old = claims[event.key]
        return (school, item, old, Workflow.apply(event, to: old, context: context).mapError { .workflow($0) })
    }

    /// An event checked against this ledger and not yet applied: `commit` applies it without checking it
    /// again (the store checks before it writes and applies once the write is durable).
    public struct Step: Sendable {
        /// The claim as the event leaves it (its last history entry is the event as recorded).
        public let claim: Claim
        let event: ReviewEvent
        let old: Claim?
        let school: School
        let task: Int
        /// The ledger's version the step was checked against: committing onto anything else is a bug.
        let version: Int
    }

    /// Checks the next journal event (`event.seq` must be `lastSeq + 1`) without applying it.
    public func check(_ event: ReviewEvent) -> Result<Step, LedgerError> {
        guard event.seq == lastSeq + 1 else { return .failure(.sequence(expected: lastSeq + 1, found: event.seq)) }
        let (school, item, old, result) = resolve(event)
        switch result {
        case .failure(let refusal): return .failure(refusal)
        case .success(let claim):
            return .success(Step(claim: claim, event: event, old: old, school: school!, task: item!.task, version: version))
        }
    }

    /// Applies a step `check` returned on this ledger as it still is.
    public mutating func commit(_ step: Step) {
        precondition(step.version == version, "a ledger step committed onto a ledger that changed since it was checked")
        if !replaying { totals.replace(step.old, with: step.claim, task: step.task, school: step.school) }
        claims[step.event.key] = step.claim
        lastSeq = step.event.seq
        lastEventTime = step.event.time
        version += 1
    }

    /// Applies the next journal event; `event.seq` must be `lastSeq + 1`.
    @discardableResult
    public mutating func apply(_ event: ReviewEvent) -> Result<Claim, LedgerError> {
        check(event).map { step in
            commit(step)
            return step.claim
        }
    }

    /// True when review of the school has started: one of its claims is approved or returned now, or past its
    /// first round. A school withdraws only before that — after a province reviewer reopens its decisions
    /// (of round-1 claims) it may again. Asked only for a withdrawal, so replay pays nothing for it.
    public func isUnderReview(_ school: String) -> Bool {
        claims(ofSchool: school).contains { $0.state.isDecided || $0.round > 1 }
    }

    /// Takes the seq of an event about a school this ledger does not hold (a view scoped to some schools,
    /// as a school or city account sees the journal): the numbering stays checked, nothing else changes.
    public mutating func skip(_ event: ReviewEvent) -> LedgerError? {
        guard event.seq == lastSeq + 1 else { return .sequence(expected: lastSeq + 1, found: event.seq) }
        lastSeq = event.seq
        version += 1
        lastEventTime = event.time
        return nil
    }

    /// Warnings for one claim, with the outlier rule measured against all claims on the same item.
    public func warnings(for claim: Claim, carriedTotal: Money? = nil) -> [ClaimWarning] {
        guard let item = catalog.item(claim.item) else { return [] }
        let (median, count) = itemMedian(claim.item)
        return ClaimChecks.warnings(for: claim, item: item, campaign: campaign, school: school(claim.school), carriedTotal: carriedTotal,
                                    peerMedian: median, peers: max(0, count - 1))
    }

    /// The median 汇总 of the item's active claims and their count; cached until the item's tally changes,
    /// so drawing a page of warnings does not scan every school on every frame.
    ///
    /// The first miss computes every item's median in one pass over the claims (a school page shows a dozen
    /// items; looking each up across 10,000 schools made entering a school ~50 ms at national size); later
    /// misses — an item whose claims changed — recompute that item alone.
    public func itemMedian(_ item: String) -> (median: Money?, count: Int) {
        let tally = totals.byItem[item] ?? Tally()
        if let hit = medians.get(item, tally) { return hit }
        if !medians.isFilled {
            var values: [String: [Money]] = [:]
            for c in claims.values where c.isActive { values[c.item, default: []].append(c.funds.total) }
            for code in catalog.items.map(\.code) {
                let v = values[code] ?? []
                medians.set(code, totals.byItem[code] ?? Tally(), (OutlierRule.median(v), v.count))
            }
            medians.markFilled()
            if let hit = medians.get(item, tally) { return hit }
        }
        var values: [Money] = []
        for s in schools {
            if let c = claims[ClaimKey(school: s.code, item: item)], c.isActive { values.append(c.funds.total) }
        }
        let result = (OutlierRule.median(values), values.count)
        medians.set(item, tally, result)
        return result
    }

    private let medians = MedianCache()
}

/// A memo of per-item medians keyed by the item's tally (any change to the item's claims changes it).
/// Copies of a ledger share it, so access is serialised by a lock.
final class MedianCache: @unchecked Sendable {
    private var entries: [String: (Tally, Money?, Int)] = [:]
    private var filled = false
    private let lock = NSLock()

    /// True once every item's median was computed in one pass.
    var isFilled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return filled
    }

    func markFilled() {
        lock.lock()
        filled = true
        lock.unlock()
    }

    func get(_ item: String, _ tally: Tally) -> (Money?, Int)? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[item], e.0 == tally else { return nil }
        return (e.1, e.2)
    }

    func set(_ item: String, _ tally: Tally, _ value: (Money?, Int)) {
        lock.lock()
        defer { lock.unlock() }
        entries[item] = (tally, value.0, value.1)
    }
}
