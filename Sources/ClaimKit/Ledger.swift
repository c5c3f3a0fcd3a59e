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

/// Where a ledger finds a claim's past events again: the journal on disk for a store's ledger.
public protocol EventSource: AnyObject, Sendable {
    /// The event numbered `seq` as the journal recorded it, or nil when it cannot be read.
    func event(seq: Int) -> ReviewEvent?
}

/// Every claim's current state and the totals: the fold of the journal over the reference data.
///
/// Dense and integer-keyed: schools, items and actors are numbered once (`CodeIndex`), claims are
/// compact records in a flat table by (school, item) (`ClaimTable`), totals are arrays by group number
/// (`TallyTable`), so a replayed event costs array arithmetic, not String hashing. `Claim` values are made
/// when asked for. History is not held: `history(of:)` reads it back from an `EventSource` (the store's
/// journal), or, for a ledger built in memory from events, from the events it was given.
public struct Ledger: Sendable {
    public let campaign: Campaign
    /// Schools in the order of the schools file.
    public private(set) var schools: [School]
    var schoolCodes: CodeIndex
    /// Each school's city number and `SchoolType.allCases` position (its totals groups).
    private var schoolCity: [Int32]
    private var schoolType: [UInt8]
    private var cityCodes: CodeIndex
    let itemCodes: CodeIndex
    private let itemTask: [Int32]
    private let itemCountable: [Bool]
    var table: ClaimTable
    var actorCodes = CodeIndex()
    var actorNames: [String] = []
    /// The school and actor of the last event replayed from bytes: the first guess for the next one.
    private var lastSchool = -1, lastActor: Int32 = -1
    /// The 修改意见 of each returned claim, by record number.
    var returnComments: [Int32: String] = [:]
    public private(set) var totals: Totals
    /// The schools' saved drafts (保存): folded from `draft` events, in no claim and no total.
    public internal(set) var drafts = Drafts()
    /// The seq of the last event applied (0 for an empty journal).
    public internal(set) var lastSeq = 0
    /// Changes whenever anything the ledger answers changes (an event, a skipped event, a school added or
    /// updated): what derived views (the console's row lists) are memoised on.
    public internal(set) var version = 0
    /// Changes whenever a school is added or its record updated (and with nothing else): what views derived
    /// from the school list alone (the console's name and city order) are memoised on.
    public internal(set) var schoolsVersion = 0
    /// The time of the journal's last event, applied or skipped (nil for an empty journal): how current the
    /// data is, as the reports' 数据截至 line says.
    public internal(set) var lastEventTime: Timestamp?
    /// True between `beginReplay` and `endReplay`: totals are left alone and computed once at the end.
    private var replaying = false
    /// The events applied, by seq, for a ledger that no journal backs (nil once `readHistory(from:)` is called).
    private var appliedEvents: [ReviewEvent?]? = []
    private var source: (any EventSource)?

    public var catalog: Catalog { campaign.catalog }

    public init(campaign: Campaign, schools: [School]) {
        self.campaign = campaign
        self.schools = schools
        let items = campaign.catalog.items
        itemCodes = CodeIndex(items.map(\.code))
        itemTask = items.map { Int32($0.task) }
        itemCountable = items.map(\.isCountable)
        schoolCodes = CodeIndex()
        cityCodes = CodeIndex()
        schoolCity = []
        schoolType = []
        for s in schools {
            _ = schoolCodes.insert(s.code)
            schoolCity.append(Int32(cityCodes.insert(s.city)))
            schoolType.append(UInt8(SchoolType.allCases.firstIndex(of: s.type)!))
        }
        table = ClaimTable(schools: schools.count, items: items.count)
        totals = Ledger.emptyTotals(schools: schools, cities: cityCodes, catalog: campaign.catalog)
    }

    private static func emptyTotals(schools: [School], cities: CodeIndex, catalog: Catalog) -> Totals {
        Totals(schools: schools.map(\.code), cities: (0..<cities.count).map { String(decoding: cities.code($0), as: UTF8.self) },
               items: catalog.items.map(\.code), tasks: catalog.maxTask)
    }

    /// Reads history from `source` (the store's journal) from now on, instead of keeping the events applied.
    public mutating func readHistory(from source: any EventSource) {
        self.source = source
        appliedEvents = nil
    }

    /// The codes of the schools under review now (`isUnderReview`): they cannot withdraw.
    public var reviewedSchools: Set<String> {
        Set(schools.indices.lazy.filter { underReview($0) }.map { schools[$0].code })
    }

    /// True when review of the school has started: one of its claims is approved or returned now, passed by
    /// its city (市级审核通过), or past its first round. A school withdraws only before that — after a province reviewer reopens its decisions (of
    /// round-1 claims) it may again. Asked only for a withdrawal, so the replay pays nothing for it.
    public func isUnderReview(_ school: String) -> Bool {
        schoolCodes.find(school).map(underReview) ?? false
    }

    private func underReview(_ s: Int) -> Bool {
        (0..<table.items).contains { i in
            guard let r = table.find(school: s, item: i) else { return false }
            let record = table.records[r]
            return record.state == .approved || record.state == .returned || record.round > 1
                || (record.cityPassed && record.state != .withdrawn)
        }
    }

    /// True when the school is under review (`isUnderReview`) and only its city has acted: it goes through the city
    /// step and none of its claims is approved, or returned after its city passed it. What a refused withdrawal names
    /// (市级已开始审核 rather than 省厅已开始审核).
    public func isUnderCityReviewOnly(_ school: String) -> Bool {
        guard let s = schoolCodes.find(school), cityStep(s), underReview(s) else { return false }
        return !(0..<table.items).contains { i in
            guard let r = table.find(school: s, item: i) else { return false }
            let record = table.records[r]
            return record.state == .approved || (record.state == .returned && record.cityPassed)
        }
    }

    /// True when school number `s`'s submissions wait for its city first (`Campaign.needsCityReview`).
    private func cityStep(_ s: Int) -> Bool {
        campaign.cityReview && schoolType[s] == Ledger.secondaryType
    }

    private static let secondaryType = UInt8(SchoolType.allCases.firstIndex(of: .secondary)!)

    /// True when `school`'s submissions wait for its city's pre-review (待市级审核) first.
    public func needsCityReview(_ school: String) -> Bool {
        schoolCodes.find(school).map(cityStep) ?? false
    }

    /// Keeps no events for `history(of:)`: for a ledger that only checks or counts (`tzpy check`).
    public mutating func discardHistory() {
        appliedEvents = nil
    }

    public func school(_ code: String) -> School? { schoolCodes.find(code).map { schools[$0] } }

    public func claim(_ key: ClaimKey) -> Claim? {
        guard let s = schoolCodes.find(key.school), let i = itemCodes.find(key.item),
              let r = table.find(school: s, item: i) else { return nil }
        return claim(r)
    }

    /// Every claim, in the order first submitted (withdrawn ones included).
    public var claims: Claims { Claims(ledger: self) }

    /// The school's claims in catalog order (withdrawn ones included).
    public func claims(ofSchool code: String) -> [Claim] {
        guard let s = schoolCodes.find(code) else { return [] }
        return (0..<table.items).compactMap { table.find(school: s, item: $0).map(claim) }
    }

    /// The claim in record `r`, made into a value.
    fileprivate func claim(_ r: Int) -> Claim {
        let record = table.records[r]
        return Claim(school: schools[Int(record.school)].code, item: catalog.items[Int(record.item)].code,
                     quantity: record.quantity == ClaimRecord.noQuantity ? nil : record.quantity, funds: record.funds,
                     state: record.state.state(comment: returnComments[Int32(r)] ?? ""), round: Int(record.round),
                     last: Claim.LastEvent(seq: Int(record.seq), time: Timestamp(seconds: record.time),
                                           actor: actorNames[Int(record.actor)], kind: record.kind),
                     cityPassed: record.cityPassed)
    }

    /// The claim's events, oldest first, read back from the journal (or from the events a ledger built in
    /// memory was given): the chain of `basis` links from its last event to its first submission.
    public func history(of key: ClaimKey) -> [ReviewEvent] {
        guard var seq = claim(key)?.version else { return [] }
        var events: [ReviewEvent] = []
        while seq > 0, let e = event(seq: seq), e.school == key.school, e.item == key.item {
            events.append(e)
            guard e.seen != nil, e.basis < seq else { break }
            seq = e.basis
        }
        return events.reversed()
    }

    private func event(seq: Int) -> ReviewEvent? {
        if let appliedEvents { return seq <= appliedEvents.count ? appliedEvents[seq - 1] : nil }
        return source?.event(seq: seq)
    }

    /// Adds a school not seen before (an import of a new school); an existing code is left unchanged.
    @discardableResult
    public mutating func add(_ school: School) -> Bool {
        guard schoolCodes.find(school.code) == nil else { return false }
        _ = schoolCodes.insert(school.code)
        schools.append(school)
        let city = cityCodes.insert(school.city)
        let group = totals.addSchool(school.code, city: school.city)
        precondition(group == city, "the ledger and its totals number cities alike")
        schoolCity.append(Int32(city))
        schoolType.append(UInt8(SchoolType.allCases.firstIndex(of: school.type)!))
        table.addSchool()
        version += 1
        schoolsVersion += 1
        return true
    }

    /// Replaces the record of a school already known (new contacts); false when the code is unknown.
    /// A new city or type moves the school's claims in the totals.
    @discardableResult
    public mutating func update(_ school: School) -> Bool {
        guard let i = schoolCodes.find(school.code) else { return false }
        let moved = schools[i].city != school.city || schools[i].type != school.type
        schools[i] = school
        if moved {
            let city = cityCodes.insert(school.city)
            if city == totals.byCity.keys.count { _ = totals.addSchool(school.code, city: school.city) }
            schoolCity[i] = Int32(city)
            schoolType[i] = UInt8(SchoolType.allCases.firstIndex(of: school.type)!)
            recomputeTotals()
        }
        version += 1
        schoolsVersion += 1
        return true
    }

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
        recomputeTotals()
    }

    /// Totals from the claims: each claim into its school and item, then the schools rolled up.
    mutating func recomputeTotals() {
        var fresh = totals.zeroed()
        for r in table.records {
            fresh.applyToSchoolAndItem(state: r.state, funds: r.funds, quantity: r.countedQuantity, task: Int(itemTask[Int(r.item)]),
                                       school: Int(r.school), item: Int(r.item))
        }
        fresh.rollUp(city: schoolCity, type: schoolType)
        totals = fresh
    }

    /// Makes room for `count` claims in all, so a large replay does not regrow the claim table step by step.
    public mutating func reserveCapacity(claims count: Int) {
        table.reserveCapacity(count)
    }

    /// What `event` would make of its claim, without changing anything.
    public func preview(_ event: ReviewEvent) -> Result<Claim, LedgerError> {
        guard let s = schoolCodes.find(event.school) else { return .failure(.unknownSchool(event.school)) }
        guard let i = itemCodes.find(event.item) else { return .failure(.unknownItem(event.item)) }
        let context = WorkflowContext(item: catalog.items[i], end: campaign.end,
                                      schoolReviewed: event.kind == .withdrawn && underReview(s), cityStep: cityStep(s))
        return Workflow.apply(event, to: table.find(school: s, item: i).map(claim), context: context).mapError { .workflow($0) }
    }

    /// What `decision` would make of its claim if `actor` recorded it at `time` as the next event.
    public func preview(_ decision: Decision, actor: String, at time: Timestamp) -> Result<Claim, LedgerError> {
        preview(decision.event(seq: lastSeq + 1, time: time, actor: actor))
    }

    /// An event checked against this ledger and not yet applied: `commit` applies it (the store checks before
    /// it writes and applies once the write is durable).
    public struct Step: Sendable {
        /// The claim as the event leaves it.
        public let claim: Claim
        /// The event as the journal records it (with the claim's round after it and the state its actor saw).
        public let event: ReviewEvent
        /// The ledger's version the step was checked against: committing onto anything else is a bug.
        let version: Int
    }

    /// Checks the next journal event (`event.seq` must be `lastSeq + 1`) without applying it.
    public func check(_ event: ReviewEvent) -> Result<Step, LedgerError> {
        guard event.seq == lastSeq + 1 else { return .failure(.sequence(expected: lastSeq + 1, found: event.seq)) }
        return preview(event).map { after in
            Step(claim: after, event: Workflow.recorded(event, before: claim(event.key), after: after), version: version)
        }
    }

    /// Applies a step `check` returned on this ledger as it still is.
    public mutating func commit(_ step: Step) {
        precondition(step.version == version, "a ledger step committed onto a ledger that changed since it was checked")
        if case .failure(let refusal) = apply(step.event) { preconditionFailure("a checked step was refused: \(refusal)") }
    }

    /// Applies the next journal event; `event.seq` must be `lastSeq + 1`. Returns the event as recorded.
    @discardableResult
    public mutating func apply(_ event: ReviewEvent) -> Result<ReviewEvent, LedgerError> {
        guard event.seq == lastSeq + 1 else { return .failure(.sequence(expected: lastSeq + 1, found: event.seq)) }
        guard let s = schoolCodes.find(event.school) else { return .failure(.unknownSchool(event.school)) }
        guard let i = itemCodes.find(event.item) else { return .failure(.unknownItem(event.item)) }
        if event.kind == .drafted { return save(event, item: catalog.items[i]) }
        let before = table.find(school: s, item: i).map(claim)
        let comment = event.kind == .returned ? InputText.trim(event.comment ?? "") : ""
        let escaped = JournalEscape.escape(event.actor)
        let actor = escaped.utf8.withContiguousStorageIfAvailable { intern(actor: UnsafeRawBufferPointer($0)) }
            ?? intern(actor: Array(escaped.utf8))
        if let refusal = take(seq: event.seq, time: event.time, kind: event.kind, basis: event.basis, quantity: event.quantity,
                              funds: event.funds, comment: comment, school: s, item: i, actor: actor) {
            return .failure(refusal)
        }
        var recorded = event
        recorded.round = Int(table.records[table.find(school: s, item: i)!].round)
        recorded.seen = before?.state
        appliedEvents?.append(recorded)
        return .success(recorded)
    }

    /// Applies the next journal event as it lies in the journal's bytes: the replay's path, which makes no
    /// String unless the event is a return (its comment) or is refused (the message).
    public mutating func apply(_ event: EventBytes) -> LedgerError? {
        guard event.seq == lastSeq + 1 else { return .sequence(expected: lastSeq + 1, found: event.seq) }
        guard let s = schoolCodes.find(event.school, guess: lastSchool) else { return .unknownSchool(String(decoding: event.school, as: UTF8.self)) }
        guard let i = itemCodes.find(event.item) else { return .unknownItem(String(decoding: event.item, as: UTF8.self)) }
        lastSchool = s
        if appliedEvents != nil || event.kind == .drafted {
            if case .failure(let refusal) = apply(event.event) { return refusal }
            return nil
        }
        let comment = event.kind == .returned ? InputText.trim(event.commentText ?? "") : ""
        return take(seq: event.seq, time: event.time, kind: event.kind, basis: event.basis, quantity: event.quantity,
                    funds: event.funds, comment: comment, school: s, item: i, actor: intern(actor: event.actor))
    }

    /// A `draft` event: the school's entry for the item replaced (a cleared one forgets it), nothing else.
    private mutating func save(_ event: ReviewEvent, item: TaskItem) -> Result<ReviewEvent, LedgerError> {
        if let problem = Ledger.draftProblem(event.draft, item: item) {
            return .failure(.workflow(WorkflowError(kind: .drafted, key: event.key, reason: .quantity(problem))))
        }
        let entry = event.draft!
        drafts.set(entry, school: event.school, item: event.item)
        var recorded = event
        recorded.round = entry.ticked ? 1 : 0
        recorded.seen = nil
        recorded.basis = 0
        recorded.quantity = nil
        recorded.funds = nil
        lastSeq = event.seq
        lastEventTime = event.time
        version += 1
        appliedEvents?.append(recorded)
        return .success(recorded)
    }

    /// Why a draft cannot be saved for `item`, or nil: a draft needs its entry, an unticked one holds nothing,
    /// and a 承接数量 typed must fit the item (positive, and only on a countable item).
    public static func draftProblem(_ entry: DraftEntry?, item: TaskItem) -> String? {
        guard let entry else { return "缺少保存的内容" }
        if !entry.ticked && !entry.isCleared { return "未勾选的任务不保存承接数量或经费" }
        if let q = entry.quantity { return Workflow.quantityProblem(q, item: item) }
        return nil
    }

    private mutating func intern(actor bytes: UnsafeRawBufferPointer) -> Int32 {
        if let n = actorCodes.find(bytes, guess: Int(lastActor)) {
            lastActor = Int32(n)
            return lastActor
        }
        actorNames.append(JournalEscape.unescape(bytes))
        lastActor = Int32(actorCodes.insert(bytes))
        return lastActor
    }

    private mutating func intern(actor bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { intern(actor: $0) }
    }

    /// The workflow's rules on the compact table, then the claim and the totals updated; the refusal, if any.
    private mutating func take(seq: Int, time: Timestamp, kind: ReviewEvent.Kind, basis: Int, quantity: Int?, funds: Funds?,
                               comment: String, school s: Int, item i: Int, actor: Int32) -> LedgerError? {
        let at = table.find(school: s, item: i)
        let old = at.map { table.records[$0] }
        let standing = old.map {
            Workflow.Standing(state: $0.state, round: Int($0.round), version: Int($0.seq), lastKind: $0.kind, cityPassed: $0.cityPassed)
        }
        let move = Workflow.Move(kind: kind, basis: basis, quantity: quantity, hasFunds: funds != nil, time: time,
                                 emptyComment: comment.isEmpty)
        let state: StateCode, round: Int
        let reviewedNow = kind == .withdrawn && underReview(s)
        let viaCity = cityStep(s)
        switch Workflow.check(move, standing, countable: itemCountable[i], end: campaign.end, schoolReviewed: reviewedNow, cityStep: viaCity) {
        case .failure(let refusal):
            let key = ClaimKey(school: schools[s].code, item: catalog.items[i].code)
            let context = WorkflowContext(item: catalog.items[i], end: campaign.end, schoolReviewed: reviewedNow, cityStep: viaCity)
            return .workflow(WorkflowError(kind: kind, key: key, reason: refusal.reason(at.map(claim), context: context, quantity: quantity)))
        case .success(let next):
            (state, round) = next
        }
        let task = Int(itemTask[i])
        let city = Int(schoolCity[s]), type = Int(schoolType[s])
        if let old, !replaying {
            totals.apply(state: old.state, funds: old.funds, quantity: old.countedQuantity, task: task, school: s, city: city, type: type, item: i, sign: -1)
        }
        var record = old ?? ClaimRecord(funds: .zero, time: 0, quantity: ClaimRecord.noQuantity, seq: 0, school: Int32(s),
                                        actor: 0, round: 0, item: Int16(i), state: .pending, kind: kind)
        if kind == .submitted || kind == .resubmitted {
            record.quantity = quantity ?? ClaimRecord.noQuantity
            record.funds = funds!
            if !drafts.isEmpty { drafts.remove(school: schools[s].code, item: catalog.items[i].code) }
        }
        record.state = state
        record.round = Int32(round)
        record.cityPassed = Workflow.cityPassed(after: kind, before: record.cityPassed)
        record.seq = Int32(truncatingIfNeeded: seq)
        record.time = time.seconds
        record.actor = actor
        record.kind = kind
        let r = Int32(table.store(record, at: at))
        if state == .returned {
            returnComments[r] = comment
        } else if old?.state == .returned {
            returnComments[r] = nil
        }
        if !replaying {
            totals.apply(state: state, funds: record.funds, quantity: record.countedQuantity, task: task, school: s, city: city, type: type, item: i, sign: 1)
        }
        lastSeq = seq
        lastEventTime = time
        version += 1
        return nil
    }

    /// Takes the seq of an event about a school this ledger does not hold (a view scoped to some schools,
    /// as a school or city account sees the journal): the numbering stays checked, nothing else changes.
    public mutating func skip(_ event: ReviewEvent) -> LedgerError? {
        skip(seq: event.seq, time: event.time)
    }

    /// `skip(_:)` by the event's seq and time alone.
    public mutating func skip(seq: Int, time: Timestamp) -> LedgerError? {
        guard seq == lastSeq + 1 else { return .sequence(expected: lastSeq + 1, found: seq) }
        lastSeq = seq
        lastEventTime = time
        version += 1
        appliedEvents?.append(nil)
        return nil
    }

    /// True when the ledger holds a school with this code as bytes (the replay's scope check).
    public func holds(school bytes: UnsafeRawBufferPointer) -> Bool { schoolCodes.find(bytes) != nil }

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
            var values = [[Money]](repeating: [], count: catalog.items.count)
            for r in table.records where r.state != .withdrawn { values[Int(r.item)].append(r.funds.total) }
            for (i, item) in catalog.items.enumerated() {
                medians.set(item.code, totals.byItem[item.code] ?? Tally(), (OutlierRule.median(values[i]), values[i].count))
            }
            medians.markFilled()
            if let hit = medians.get(item, tally) { return hit }
        }
        var values: [Money] = []
        if let i = itemCodes.find(item) {
            for s in schools.indices {
                if let r = table.find(school: s, item: i), table.records[r].state != .withdrawn {
                    values.append(table.records[r].funds.total)
                }
            }
        }
        let result = (OutlierRule.median(values), values.count)
        medians.set(item, tally, result)
        return result
    }

    private let medians = MedianCache()
}

/// Every claim of a ledger, in the order first submitted, made into `Claim` values as they are read.
/// Two are equal when they hold the same claims, in any order.
public struct Claims: RandomAccessCollection, Equatable, Sendable, CustomStringConvertible {
    fileprivate let ledger: Ledger

    /// A count, not the ledger (which a test's failure message would print whole).
    public var description: String { "\(count) claims" }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ledger.recordCount }
    public subscript(position: Int) -> Claim { ledger.claim(position) }

    public static func == (a: Claims, b: Claims) -> Bool {
        a.count == b.count && Set(a) == Set(b)
    }
}

extension Ledger {
    fileprivate var recordCount: Int { table.records.count }
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
