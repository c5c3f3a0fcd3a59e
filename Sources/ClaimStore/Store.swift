import ClaimKit
import Foundation

/// A data dir opened for reading and deciding: the reference data, the replayed journal, who is acting
/// and what their role allows, and the lock discipline that lets several processes share it.
///
/// Every write is checked here against the actor's account (accounts.tsv), as a database server checks
/// each statement: the console, `decide`, `import` and `accounts` all come through `record` or
/// `setAccounts`. A school or city account sees only its own schools: the ledger holds nothing else.
///
/// Not thread-safe: one `Store` per process (or per console), used from one thread.
public final class Store {
    /// The tail of the journal that forms no complete unit (a line without its newline, or a batch
    /// missing some of its lines: a write torn by a crash), set aside on open.
    public struct TornTail: Equatable, Sendable {
        /// The journal line number the fragment starts at.
        public let line: Int
        /// Its length in bytes.
        public let bytes: Int
    }

    public let directory: DataDirectory
    /// The data dir's descriptor: every file is opened through it (no symlinks, checked owners).
    public let folder: SecureDirectory
    /// Every claim the actor may see and the totals, as of the last read of the journal.
    public private(set) var ledger: Ledger
    /// Why this process refuses to write (its role, the files' permissions, a bad journal line), or nil.
    public private(set) var readOnlyReason: StoreError?
    /// A torn tail found by the last read; the next append moves it to journal.torn and repairs the file.
    public private(set) var tornTail: TornTail?
    /// Who this process writes events as: the Unix user, or the name the gate was given.
    public let actor: String
    /// The actor's account, or nil when accounts.tsv does not list the actor (reads only).
    public let account: Account?
    /// Everyone allowed into the data dir.
    public private(set) var accounts: [Account] {
        didSet { displayNames = Store.names(accounts) }
    }
    /// Every account's display name by account name (for the console, `log` and exports).
    public private(set) var displayNames: [String: String]
    /// False when accounts.tsv is missing (a data dir made before accounts): its owner is the only account.
    public let hasAccountsFile: Bool
    private let clock: @Sendable () -> Timestamp
    private let journal: JournalFile
    private var scanner: JournalScanner
    /// A journal line that is wrong: the store stops reading there and stays read-only.
    private var journalProblem: StoreError?
    /// The version of schools.tsv the ledger holds; a new one (an import elsewhere) is read before the journal.
    private var schoolsStamp: FileStamp?
    /// Others' events read while recording, not yet returned by `follow()`.
    private var unreported: [ReviewEvent] = []
    /// Where each event's line starts: the ledger reads claim histories back through it.
    private let history: JournalHistory
    /// The digest of the reference files the ledger was built over, while its schools are still exactly
    /// schools.tsv as read on open (nil after an import or a refresh changed them): what a checkpoint records.
    private var referenceDigest: [UInt8]?
    /// What the open made of ledger.checkpoint.
    public private(set) var checkpointOutcome: CheckpointOutcome = .notRead
    /// The journal's length at the checkpoint this process loaded or last wrote (0: none): what
    /// `bytesPastCheckpoint` counts from.
    private var checkpointBytes = 0

    /// How an open uses ledger.checkpoint.
    public struct CheckpointPolicy: Sendable {
        /// Load a valid checkpoint and replay only the journal after it.
        public var load: Bool
        /// Write a checkpoint after an open that replayed at least this many journal bytes — or an eighth of
        /// the journal when that is less, but never less than 64 KB — when this process may write (nil: never).
        public var writeAfter: Int?

        public init(load: Bool, writeAfter: Int?) {
            self.load = load
            self.writeAfter = writeAfter
        }

        /// How many replayed bytes make an open over a journal of `size` bytes write the checkpoint, or nil:
        /// a province's 3.4 MB journal is rewritten past 425 KB, so its warm opens stay at a few milliseconds.
        public func threshold(journal size: Int) -> Int? {
            writeAfter.map { min($0, max(Store.exitCheckpointBytes, size / 8)) }
        }

        /// Load it; rewrite it after replaying 1 MB (about 7,000 events) or an eighth of the journal past it.
        public static let standard = CheckpointPolicy(load: true, writeAfter: 1 << 20)
        /// Replay the whole journal and leave the checkpoint alone (the bench's cold open).
        public static let ignore = CheckpointPolicy(load: false, writeAfter: nil)
    }

    /// What an open made of ledger.checkpoint.
    public enum CheckpointOutcome: Equatable, Sendable {
        /// Not looked at: the policy, a school or city account (whose ledger holds only its own schools),
        /// or no file.
        case notRead
        /// Loaded: the journal was replayed from the line after `line`.
        case loaded(line: Int)
        /// Present but not used (stale, damaged, unsafe or of another version): why, in a word.
        case ignored(String)
    }

    /// What an open reports while it reads a large journal: bytes replayed so far and the journal's size.
    public typealias Progress = (_ done: Int, _ total: Int) -> Void

    /// The real time, to the second.
    public static let systemClock: @Sendable () -> Timestamp = { Timestamp(seconds: Int64(Date().timeIntervalSince1970)) }

    /// Opens the data dir at `url` as `actor`: checks its files, reads the reference data and replays the
    /// journal (verifying the hash chain and every transition) under a shared lock. `progress`, when given,
    /// is called every few megabytes of a large journal (so a console can show that it is reading).
    ///
    /// With a valid ledger.checkpoint (`checkpoint` allowing) the ledger is loaded from it and only the journal
    /// after its line N is replayed and chain-verified; anything wrong with it and the whole journal is.
    public init(_ url: URL, actor: String = UnixUser.current,
                clock: @escaping @Sendable () -> Timestamp = Store.systemClock,
                progress: Progress? = nil, checkpoint policy: CheckpointPolicy = .standard) throws(StoreError) {
        self.directory = DataDirectory(url)
        let folder = try SecureDirectory(url)
        self.folder = folder
        self.actor = actor
        self.clock = clock
        guard folder.exists(DataDirectory.journalName) else {
            throw .io(path: directory.journal.path, operation: "open", message: "no journal here: is \(url.path) a tzpy data dir? (tzpy init or tzpy demo creates one)")
        }

        // Accounts first: the role decides whether the journal is opened for writing at all.
        let (accounts, hasAccountsFile) = try Store.accounts(folder)
        self.accounts = accounts
        self.displayNames = Store.names(accounts)
        self.hasAccountsFile = hasAccountsFile
        let account = accounts.first { $0.name == actor }
        self.account = account
        var refusal = Store.writeRefusal(actor: actor, account: account, folder: folder, hasAccountsFile: hasAccountsFile)

        let path = directory.journal.path
        var fd: Int32
        do { fd = try folder.openChecked(DataDirectory.journalName, writable: refusal == nil) } catch {
            guard refusal == nil, case .io = error else { throw error }
            // No write permission, or a read-only mount: read, and say why writes are refused.
            refusal = .io(path: path, operation: "open for writing", message: "\(error)；只读打开")
            fd = try folder.openChecked(DataDirectory.journalName, writable: false)
        }
        let journal = JournalFile(fd: fd, path: path)
        // The reference files are read under the lock, so an import cannot add a school between reading
        // schools.tsv and reading the journal that names it.
        try journal.lock(exclusive: false)
        let reference: (Campaign, [School], [UInt8]), bytes: JournalBytes, chain: ChainCheck.Background?
        var loaded: (Checkpoint, Ledger)?
        var outcome = CheckpointOutcome.notRead
        var resumedAt = 0
        do {
            // A school or city account's ledger holds its own schools only: the checkpoint holds them all.
            if policy.load, account?.role.seesEverything ?? true, folder.exists(DataDirectory.checkpointName) {
                // The reference files first: the checkpoint must have been folded over these very files.
                reference = try Store.readReference(digested: folder)
                switch Store.loadCheckpoint(folder, journal: journal, reference: reference) {
                case .success(let found):
                    loaded = found
                    outcome = .loaded(line: found.0.line)
                    journal.consumed(bytes: found.0.journalBytes)
                    resumedAt = found.0.journalBytes
                case .failure(let why): outcome = .ignored("\(why)")
                }
                bytes = try journal.readNewBytes()
                // A tail after a loaded checkpoint is verified as it is replayed: checking it on the other thread
                // would mean keeping a copy of the loaded ledger to go back to on a broken link, and the first
                // event would then copy the whole claim table (27 MB national, +30 ms).
                chain = loaded == nil && bytes.buffer.count >= Store.parallelBytes
                    ? ChainCheck.Background(bytes, from: bytes.buffer.firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.buffer.count,
                                            previous: JournalCodec.genesis) : nil
            } else {
                // The journal first, so that its chain check runs on the other core while this one parses the rest.
                bytes = try journal.readNewBytes()
                let headerEnd = bytes.buffer.firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.buffer.count
                chain = bytes.buffer.count >= Store.parallelBytes ? ChainCheck.Background(bytes, from: headerEnd, previous: JournalCodec.genesis) : nil
                reference = try Store.readReference(digested: folder)
            }
            self.schoolsStamp = try folder.stamp(DataDirectory.schoolsName)
        } catch {
            journal.unlock()
            throw error
        }
        journal.unlock()
        self.journal = journal
        if refusal == nil, case .city(let city) = account?.role, !reference.0.cityReview {
            refusal = .denied("\(actor) 是 city 角色（\(city)）：campaign.tsv 未开启市级预审（city-review off），不能写入")
        }
        self.readOnlyReason = refusal
        self.checkpointOutcome = outcome
        self.checkpointBytes = resumedAt
        self.referenceDigest = account?.role.seesEverything ?? true ? reference.2 : nil
        let resumed = loaded != nil
        if let (checkpoint, restored) = loaded {
            self.scanner = JournalScanner(file: path, nextLine: checkpoint.line + 1, previousHash: checkpoint.lineHash)
            self.history = JournalHistory(fd: journal.fd, offsets: checkpoint.offsets)
            self.ledger = restored
            loaded = nil   // the ledger's claim table and the history's offsets are now their only holders: no copy on append
        } else {
            self.scanner = JournalScanner(file: path)
            self.history = JournalHistory(fd: journal.fd)
            self.ledger = Ledger(campaign: reference.0, schools: reference.1.filter { account?.role.canSee($0) ?? true })
        }
        ledger.readHistory(from: history)
        // Room for the claims up front (a journal line is about 145 bytes; most claims have one or two
        // events), so a national replay does not regrow the claim table a dozen times.
        ledger.reserveCapacity(claims: ledger.claims.count + bytes.buffer.count / 145)
        // A short tail after a checkpoint updates the totals event by event; a long replay computes them once.
        if !resumed || bytes.buffer.count >= Store.parallelBytes { ledger.beginReplay() }
        progress?(0, bytes.buffer.count)   // read and parsed the reference files: the replay starts
        replay(bytes.buffer, chain: chain, progress: progress)
        ledger.endReplay()
        // A long replay, or a checkpoint found stale or damaged: rebuilt by a process that may write. Only an
        // optimisation: an open never fails because the checkpoint could not be written.
        let stale = if case .ignored = outcome { true } else { false }
        if let after = policy.threshold(journal: journal.offset), bytes.buffer.count >= after || stale, readOnlyReason == nil, referenceDigest != nil {
            try? writeCheckpoint()
        }
    }

    /// The checkpoint in `folder` and the ledger it holds, when it matches the journal and the reference
    /// files (call with the journal's lock held).
    private static func loadCheckpoint(_ folder: SecureDirectory, journal: JournalFile,
                                       reference: (Campaign, [School], [UInt8])) -> Result<(Checkpoint, Ledger), Checkpoint.Refusal> {
        guard let size = try? journal.size() else { return .failure(.journal) }
        return Checkpoint.read(DataDirectory.checkpointName, in: folder, journal: journal.fd, journalSize: size, reference: reference.2,
                               schools: reference.1.count, items: reference.0.catalog.items.count)
            .flatMap { found in
                var checkpoint = found
                guard let ledger = Ledger(campaign: reference.0, schools: reference.1, folded: checkpoint.folded) else { return .failure(.records) }
                checkpoint.folded.records = []
                return .success((checkpoint, ledger))
            }
    }

    /// The journal line a checkpoint written now would be chained to: the last complete line read.
    public var checkpointLine: Int { scanner.nextLine - 1 }

    /// Writes ledger.checkpoint for the ledger as it now is: its records, actors and comments, where each
    /// event's line starts, chained to the last journal line read. Atomically (a temporary file, fsync,
    /// rename), by a process that may write and whose ledger holds every school of schools.tsv as read.
    /// `tzpy check` calls it after verifying the whole journal; an open calls it after a long replay.
    public func writeCheckpoint() throws(StoreError) {
        if let readOnlyReason { throw Store.refusing(readOnlyReason) }
        if let journalProblem { throw Store.refusing(journalProblem) }
        guard let referenceDigest else {
            throw .denied("检查点只能由看得到全部学校、且自打开以来学校名单未变的写入进程写出")
        }
        guard ledger.lastSeq > 0 else {
            throw .io(path: directory.checkpoint.path, operation: "write", message: "日志中还没有事件，无需检查点")
        }
        guard ClaimRecord.layoutIsAsDocumented else {
            throw .io(path: directory.checkpoint.path, operation: "write", message: "this build lays claim records out otherwise than docs/formats.md §15")
        }
        let offsets = history.known
        guard offsets.count == ledger.lastSeq else {
            throw .io(path: directory.checkpoint.path, operation: "write", message: "\(offsets.count) journal offsets for \(ledger.lastSeq) events")
        }
        let checkpoint = Checkpoint(journalBytes: journal.offset, line: checkpointLine, lineHash: scanner.previousHash,
                                    reference: referenceDigest, folded: ledger.folded, offsets: offsets)
        try folder.writeAtomically(checkpoint.encoded(schools: ledger.schools.count, items: ledger.catalog.items.count),
                                   to: DataDirectory.checkpointName)
        checkpointBytes = journal.offset
    }

    /// Journal bytes this process has read past the checkpoint it loaded or last wrote (all of them when
    /// there was none): what the next open would replay if nobody wrote a checkpoint now.
    public var bytesPastCheckpoint: Int { journal.offset - checkpointBytes }

    /// Writes the checkpoint when at least `threshold` journal bytes lie past the last one and this process
    /// may write it (else does nothing); true when it wrote. The console calls it on exit, so that the next
    /// open replays only what came after the session. Never fails: a checkpoint is only an optimisation.
    @discardableResult
    public func refreshCheckpoint(after threshold: Int) -> Bool {
        guard bytesPastCheckpoint >= threshold else { return false }
        do { try writeCheckpoint() } catch { return false }
        return true
    }

    /// How much journal a console session must have read past the checkpoint for its exit to rewrite it:
    /// 64 KB, about 450 events (a few milliseconds of replay saved for every later open).
    public static let exitCheckpointBytes = 64 << 10

    /// From this size on, an open checks the chain on a second thread (below it, a thread costs more than it saves).
    static let parallelBytes = 1 << 20

    /// The claim's events, oldest first, read back from the journal (the detail view, undo, `log`).
    public func history(of key: ClaimKey) -> [ReviewEvent] {
        ledger.history(of: key)
    }

    /// The accounts of the data dir: accounts.tsv, or — for a data dir made before accounts — its owner
    /// alone as a province reviewer; and whether the file exists.
    public static func accounts(_ folder: SecureDirectory) throws(StoreError) -> (accounts: [Account], fromFile: Bool) {
        guard let text = try text(folder, DataDirectory.accountsName) else {
            return ([(try? Account(name: folder.ownerName, role: .province))].compactMap { $0 }, false)
        }
        return (try AccountsFile.parse(text, file: folder.path(DataDirectory.accountsName)), true)
    }

    static func names(_ accounts: [Account]) -> [String: String] {
        Dictionary(accounts.map { ($0.name, $0.display) }, uniquingKeysWith: { first, _ in first })
    }

    /// Why `actor` may not write here at all, or nil: an unknown name, a read-only role, a process that is
    /// not the data dir's owner, or files someone else could change.
    static func writeRefusal(actor: String, account: Account?, folder: SecureDirectory, hasAccountsFile: Bool) -> StoreError? {
        guard let account else {
            let file = folder.path(DataDirectory.accountsName)
            return .denied(hasAccountsFile
                ? "\(actor) 不在 \(file) 中：只能查看，不能写入；请管理员运行 tzpy accounts add \(actor) --role …"
                : "数据目录还没有 \(file)，只有其所有者 \(folder.ownerName) 可以写入；\(actor) 只能查看")
        }
        switch account.role {
        case .viewer: return .denied("\(account.name) 是 viewer 角色（只读用户）：只能查看，不能写入")
        case .province, .school, .city: break
        }
        guard UnixUser.isEffective(folder.owner) else {
            return .denied("数据目录 \(folder.url.path) 属于 \(folder.ownerName)，本进程以 \(UnixUser.effective) 身份运行：只读。共享的数据目录请通过 tzpy gate（SSH）进入")
        }
        do {
            return try folder.writeHazard(DataDirectory.allNames)
        } catch {
            return error
        }
    }

    /// The text of a data dir file (a UTF-8 BOM, as Windows editors save one, dropped), or nil when it
    /// does not exist; errors name the file.
    static func text(_ folder: SecureDirectory, _ name: String) throws(StoreError) -> String? {
        guard let bytes = try folder.read(name) else { return nil }
        return try text(bytes, folder.path(name))
    }

    /// `bytes` as text, a UTF-8 BOM dropped; the error names `path`.
    private static func text(_ bytes: [UInt8], _ path: String) throws(StoreError) -> String {
        guard let text = String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...], as: UTF8.self) else {
            throw .io(path: path, operation: "read", message: "not UTF-8 text")
        }
        return text
    }

    /// Reads catalog, campaign and schools; errors name file, line and field.
    static func readReference(_ folder: SecureDirectory) throws(StoreError) -> (Campaign, [School]) {
        let (campaign, schools, _) = try readReference(digested: folder)
        return (campaign, schools)
    }

    /// `readReference` and the digest of the three files' bytes (what a checkpoint was folded over).
    static func readReference(digested folder: SecureDirectory) throws(StoreError) -> (Campaign, [School], [UInt8]) {
        var digest = ReferenceDigest()
        func read(_ name: String) throws(StoreError) -> String {
            guard let bytes = try folder.read(name) else { throw .io(path: folder.path(name), operation: "read", message: "no such file") }
            digest.add(bytes)
            return try text(bytes, folder.path(name))
        }
        let catalog: Catalog
        do { catalog = try CatalogFormat.parse(try read(DataDirectory.catalogName), file: folder.path(DataDirectory.catalogName)) } catch let e as CatalogFormat.ParseError {
            throw .reference(file: e.file, line: e.line, field: e.field, problem: e.problem)
        } catch let e as StoreError { throw e } catch { throw .io(path: folder.path(DataDirectory.catalogName), operation: "read", message: "\(error)") }
        let campaign = try ReferenceFiles.parseCampaign(read(DataDirectory.campaignName), file: folder.path(DataDirectory.campaignName), catalog: catalog)
        let schools = try ReferenceFiles.parseSchools(read(DataDirectory.schoolsName), file: folder.path(DataDirectory.schoolsName))
        return (campaign, schools, digest.finalize())
    }

    /// The display name of `actor` (张伟), or the name itself when accounts.tsv gives none.
    public func displayName(of actor: String) -> String {
        displayNames[actor] ?? actor
    }

    /// True when the actor may see `school` (a school account sees only itself, a city its city).
    public func canSee(school code: String) -> Bool {
        guard let role = account?.role, !role.seesEverything else { return true }
        return ledger.school(code) != nil
    }

    // MARK: reading the journal

    /// Picks up the events other processes appended since the last read; returns them in order.
    /// Costs a shared `flock` and two `fstat`s when nothing is new, and otherwise reads only the new bytes
    /// (and schools.tsv when an import replaced it).
    @discardableResult
    public func follow() throws(StoreError) -> [ReviewEvent] {
        guard journalProblem == nil else { return [] }
        try journal.lock(exclusive: false)
        defer { journal.unlock() }
        let picked = unreported
        unreported = []
        try refreshSchools()
        let size = try journal.size()
        guard tornTail != nil || size != journal.offset else { return picked }
        return picked + ingest(try journal.readNew())
    }

    /// Reads schools.tsv again when another process replaced it (call with the lock held): new schools the
    /// actor may see join the ledger, changed records replace the old ones.
    private func refreshSchools() throws(StoreError) {
        let stamp = try folder.stamp(DataDirectory.schoolsName)
        guard stamp != schoolsStamp else { return }
        guard let text = try Store.text(folder, DataDirectory.schoolsName) else { return }
        let schools = try ReferenceFiles.parseSchools(text, file: folder.path(DataDirectory.schoolsName))
        if merge(schools, into: &ledger) { referenceDigest = nil }
        schoolsStamp = stamp
    }

    /// Refuses a school record whose new type would move its claims into or out of the city step (`city-review
    /// on`: 中职学校 only) once it has claims: where a submission lands is not in the journal but follows from the
    /// type at replay (formats.md §5), so the journal's later city passes or approvals would no longer replay.
    private func checkCityStepKept(_ schools: [School]) throws(StoreError) {
        let campaign = ledger.campaign
        for s in schools {
            guard let old = ledger.school(s.code), campaign.needsCityReview(old.type) != campaign.needsCityReview(s.type),
                  !ledger.claims(ofSchool: s.code).isEmpty else { continue }
            throw .invalid(FieldError(field: "学校类型（\(s.code) \(s.name)）",
                                      expected: "「\(old.type.rawValue)」：本省开启市级预审（city-review on），该校已有承接任务，改变类型会改变这些任务的审核流程",
                                      found: s.type.rawValue))
        }
    }

    /// Adds or updates `schools` the actor may see; true when anything changed.
    @discardableResult
    private func merge(_ schools: [School], into ledger: inout Ledger) -> Bool {
        var changed = false
        for s in schools where account?.role.canSee(s) ?? true {
            if let old = ledger.school(s.code) {
                if old != s { ledger.update(s); changed = true }
            } else {
                ledger.add(s)
                changed = true
            }
        }
        return changed
    }

    /// The open's replay of the whole journal: events applied from their bytes, no event value kept. With
    /// `chain` (a large journal) the hash chain is being checked on another thread and is not checked here.
    private func replay(_ buffer: UnsafeBufferPointer<UInt8>, chain: ChainCheck.Background?, progress: Progress?) {
        var starts: [Int] = []
        starts.reserveCapacity(buffer.count / 100)
        // What to go back to on a broken link: with `chain` the replay starts from an empty ledger (a cheap
        // copy); without it nothing is kept, so applying the first event copies no claim table.
        let before = scanner, start = chain == nil ? nil : ledger
        var (consumed, tail) = scanReplay(buffer, verifyChain: chain == nil, starts: &starts, progress: progress)
        if let start, chain?.wait() != nil {
            // A broken link: replay again line by line, verifying as it goes, so the store stops exactly
            // where the sequential rules say and the message names that line.
            ledger = start
            scanner = before
            starts = []
            (consumed, tail) = scanReplay(buffer, verifyChain: true, starts: &starts, progress: nil)
        }
        let base = journal.offset
        history.append(starts.map { $0 + base })
        finish(consumed: consumed, tail: tail)
    }

    /// One pass of the open's replay: each event applied from its bytes (or, for a school the actor may not
    /// see, only its seq taken), its line's offset noted in `starts`, `progress` told every 4 MB.
    private func scanReplay(_ buffer: UnsafeBufferPointer<UInt8>, verifyChain: Bool, starts: inout [Int],
                            progress: Progress?) -> (Int, JournalScanner.Tail) {
        let scoped = !(account?.role.seesEverything ?? true)
        let step = 4 << 20
        var report = step
        return scanner.scan(buffer, verifyChain: verifyChain) { line in
            if let progress, line.offset >= report {
                progress(line.offset, buffer.count)
                report += step
            }
            let event = line.event
            let refusal = scoped && !ledger.holds(school: event.school)
                ? ledger.skip(seq: event.seq, time: event.time) : ledger.apply(event)
            if let refusal { return "event \(event.seq) is not a legal step: \(refusal)" }
            starts.append(line.offset)
            return nil
        }
    }

    /// Decodes, verifies and applies complete lines and batches read after the open, and returns the
    /// events applied; a bad line makes the store read-only, an incomplete tail is a torn tail.
    @discardableResult
    private func ingest(_ bytes: [UInt8]) -> [ReviewEvent] {
        var applied: [ReviewEvent] = []
        var starts: [Int] = []
        let scoped = !(account?.role.seesEverything ?? true)
        let (consumed, tail) = bytes.withUnsafeBufferPointer { buffer in
            scanner.scan(buffer) { line in
                let event = line.event.event
                if scoped && ledger.school(event.school) == nil {
                    if let refusal = ledger.skip(event) { return "event \(event.seq) is not a legal step: \(refusal)" }
                } else {
                    switch ledger.apply(event) {
                    case .failure(let refusal): return "event \(event.seq) is not a legal step: \(refusal)"
                    case .success(let recorded): applied.append(recorded)
                    }
                }
                starts.append(line.offset)
                return nil
            }
        }
        history.append(starts.map { $0 + journal.offset })
        finish(consumed: consumed, tail: tail)
        return applied
    }

    /// Takes the scan's outcome: bytes consumed, and a torn tail or a problem that makes the store read-only.
    private func finish(consumed: Int, tail: JournalScanner.Tail) {
        tornTail = nil
        journal.consumed(bytes: consumed)
        switch tail {
        case .clean: break
        case .torn(let line, let count): tornTail = TornTail(line: line, bytes: count)
        case .problem(let problem):
            journalProblem = problem
            readOnlyReason = problem
        }
    }

    // MARK: writing

    /// The store's clock: the time it would stamp on an event recorded now.
    public var now: Timestamp { clock() }

    /// Records one decision (a review decision, a submission) durably and returns the event as written.
    ///
    /// The store sets the event's seq, time, actor and round. Only when this returns has it reached the disk.
    @discardableResult
    public func record(_ decision: Decision) throws(StoreError) -> ReviewEvent {
        try record([decision])[0]
    }

    /// Records several decisions all-or-nothing (imports, bulk approvals): one write of a batch line and the
    /// events, one fsync; replay applies a batch only when every line of it is on disk.
    /// `schools` are added or updated in schools.tsv first, under the same lock (an import's new schools).
    @discardableResult
    public func record(_ decisions: [Decision], schools: [School] = []) throws(StoreError) -> [ReviewEvent] {
        let now = clock()
        return try write(decisions.map { $0.event(seq: 0, time: now, actor: actor) }, schools: schools, generated: false)
    }

    /// Records generated history as given, each event keeping its own actor and time (the demo province):
    /// an administration step, never a person's decision.
    @discardableResult
    public func recordGenerated(_ events: [ReviewEvent]) throws(StoreError) -> [ReviewEvent] {
        try write(events, schools: [], generated: true)
    }

    /// The one write path: checks the role, numbers the events, validates them against the ledger and appends
    /// them in one batch. `generated` history needs the administration right.
    private func write(_ drafts: [ReviewEvent], schools: [School], generated: Bool) throws(StoreError) -> [ReviewEvent] {
        if let readOnlyReason { throw Store.refusing(readOnlyReason) }
        guard !drafts.isEmpty || !schools.isEmpty else { return [] }
        let role = account!.role   // a nil account always has a readOnlyReason
        let ownContacts = !schools.isEmpty && schools.allSatisfy { isOwnContactsChange($0, role: role) }
        if (!schools.isEmpty && !ownContacts) || generated, let why = role.administrationRefusal { throw .denied(why) }
        // What the role allows, as far as this process's ledger tells; under the lock again against the claim as it is.
        for draft in drafts {
            if let why = role.refusal(draft.kind, school: draft.school, of: ledger.school(draft.school)) { throw .denied(why) }
        }
        if case .school = role, let submission = drafts.first(where: { $0.kind == .submitted }),
           let why = ledger.campaign.submissionRefusal(at: submission.time) {
            throw .denied(why)
        }
        try journal.lock(exclusive: true)
        defer { journal.unlock() }
        try refreshSchools()
        unreported += try ingest(journal.readNew())
        if let readOnlyReason { throw Store.refusing(readOnlyReason) }
        if let torn = tornTail { try setAside(torn) }
        if ownContacts {
            for school in schools { try storeContacts(school) }
        } else if !schools.isEmpty {
            try checkCityStepKept(schools)
            var copy = ledger
            if merge(schools, into: &copy) {
                // Only a province account gets here, whose ledger holds every school of the file (just refreshed
                // under this lock): the ledger's list is the file's new content.
                try folder.writeAtomically(ReferenceFiles.formatSchools(copy.schools), to: DataDirectory.schoolsName)
                schoolsStamp = try folder.stamp(DataDirectory.schoolsName)
                referenceDigest = nil
            }
            ledger = copy
        }
        guard !drafts.isEmpty else { return [] }

        // A draft changes no claim, so it goes through a trial copy too (cheap: the claim table is not copied).
        var trial = drafts.count > 1 || drafts.contains(where: { $0.kind == .drafted }) ? ledger : nil
        trial?.reserveCapacity(claims: ledger.claims.count + drafts.count)
        let base = journal.offset
        // An empty journal file (made by hand, or emptied) gets its header before the first event.
        var text = journal.offset == 0 ? JournalCodec.header + "\n" : ""
        var lines = journal.offset == 0 ? 1 : 0
        var hash = scanner.previousHash
        if drafts.count > 1 {
            let (line, h) = JournalCodec.encodeBatch(count: drafts.count, previousHash: hash)
            text += line
            hash = h
            lines += 1
        }
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + drafts.count * 160)   // a typical line is 110–150 bytes
        var written: [ReviewEvent] = []
        var starts: [Int] = []
        var single: Ledger.Step?
        for (i, draft) in drafts.enumerated() {
            var event = draft
            event.seq = ledger.lastSeq + i + 1
            // Comments reach the journal one line of plain text: no control character from a paste or a file name.
            if let comment = event.comment {
                do { event.comment = try CommentText.validate(comment) } catch { throw .invalid(error) }
                if event.comment!.isEmpty { event.comment = nil }
            }
            let before = (trial ?? ledger).claim(event.key)?.state
            // One event is checked here and committed once durable; a batch is applied to a trial copy.
            let outcome = trial != nil ? trial!.apply(event) : ledger.check(event).map { step in
                single = step
                return step.event
            }
            switch outcome {
            case .failure(let refusal): throw refusal.isConflict ? .conflict(refusal) : .refused(refusal)
            case .success(let recorded): event = recorded
            }
            if let why = role.refusal(event.kind, claim: event.key, of: ledger.school(event.school), before: before) { throw .denied(why) }
            starts.append(base + bytes.count)
            let (line, h) = JournalCodec.encode(event, previousHash: hash)
            bytes.append(contentsOf: line.utf8)
            hash = h
            written.append(event)
        }
        try journal.append(bytes)
        journal.consumed(bytes: bytes.count)
        scanner.advance(lines: lines + written.count, hash: hash)
        history.append(starts)
        if let trial { ledger = trial } else if let single { ledger.commit(single) }
        return written
    }

    /// True when `school` is the school account's own school with nothing but its contacts changed: the one
    /// change of schools.tsv a school may make (平台管理联系人, 办公电话, 手机号).
    private func isOwnContactsChange(_ school: School, role: Role) -> Bool {
        guard case .school(let own) = role, school.code == own, let known = ledger.school(own) else { return false }
        return known.name == school.name && known.type == school.type && known.city == school.city
    }

    /// Writes `school`'s record into schools.tsv as the file now is (read again here: a school account's
    /// ledger holds only its own school), replaced atomically; call with the exclusive lock held.
    private func storeContacts(_ school: School) throws(StoreError) {
        guard let text = try Store.text(folder, DataDirectory.schoolsName) else {
            throw .io(path: folder.path(DataDirectory.schoolsName), operation: "read", message: "no such file")
        }
        var all = try ReferenceFiles.parseSchools(text, file: folder.path(DataDirectory.schoolsName))
        guard let at = all.firstIndex(where: { $0.code == school.code }) else {
            throw .denied("学校代码：应为已登记的学校，实际为「\(school.code)」")
        }
        guard all[at] != school else { return }
        all[at] = school
        try folder.writeAtomically(ReferenceFiles.formatSchools(all), to: DataDirectory.schoolsName)
        schoolsStamp = try folder.stamp(DataDirectory.schoolsName)
        ledger.update(school)
    }

    /// Changes a school's contacts (平台管理联系人, 办公电话, 手机号) in schools.tsv, atomically under the journal's
    /// lock: a school account its own school's only, a province reviewer any school's. Returns the new record.
    @discardableResult
    public func setContacts(_ contacts: SchoolContacts, of code: String) throws(StoreError) -> School {
        if let readOnlyReason { throw Store.refusing(readOnlyReason) }
        switch account!.role {
        case .province: break
        case .school(let own) where own == code: break
        case .school(let own): throw .denied("school 角色（学校 \(own)）只能修改本校的联系人，不能修改学校 \(code) 的")
        case let role: throw .denied("\(role.word) 角色（\(role.label)）不能修改学校的联系人")
        }
        try journal.lock(exclusive: true)
        defer { journal.unlock() }
        try refreshSchools()
        guard let known = ledger.school(code) else { throw .denied("学校代码：应为已登记的学校，实际为「\(code)」") }
        let school: School
        do { school = try School(code: known.code, name: known.name, type: known.type, city: known.city, contacts: contacts) } catch {
            throw .invalid(error)
        }
        try storeContacts(school)
        return school
    }

    /// The error a write gets when the store will not write: the role's refusal as it is, anything else
    /// as "read-only because …".
    static func refusing(_ reason: StoreError) -> StoreError {
        if case .denied = reason { return reason }
        return .readOnly(reason.description)
    }

    /// Moves a torn tail to journal.torn and cuts the journal back to its last complete unit.
    private func setAside(_ torn: TornTail) throws(StoreError) {
        let fragment = try journal.readNew()
        let note = "# \(clock()) journal.tsv line \(torn.line), \(fragment.count) bytes that form no complete line or batch\n"
        try folder.append(Array(note.utf8) + fragment + [0x0A], to: DataDirectory.tornName)
        try journal.truncate(to: journal.offset)
        tornTail = nil
    }

    // MARK: accounts

    /// Replaces accounts.tsv (a province reviewer's `tzpy accounts add|remove`); at least one province
    /// account must remain, so that someone can still manage the data dir.
    public func setAccounts(_ new: [Account]) throws(StoreError) {
        if let readOnlyReason { throw Store.refusing(readOnlyReason) }
        if let why = account!.role.administrationRefusal { throw .denied(why) }
        guard new.contains(where: { $0.role == .province }) else {
            throw .denied("至少要保留一个 province 角色的账户，否则无人能管理此数据目录")
        }
        try journal.lock(exclusive: true)
        defer { journal.unlock() }
        try folder.writeAtomically(AccountsFile.format(new), to: DataDirectory.accountsName)
        accounts = new
    }
}
