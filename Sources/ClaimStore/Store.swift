import ClaimKit
import Foundation

/// A data dir opened for reading and deciding: the reference data, the replayed journal, and the lock
/// discipline that lets several reviewers' processes share it.
///
/// Not thread-safe: one `Store` per process (or per console), used from one thread.
public final class Store {
    /// A last journal line without its newline (a write torn by a crash), set aside on open.
    public struct TornTail: Equatable, Sendable {
        /// The journal line number the fragment would have had.
        public let line: Int
        /// Its length in bytes.
        public let bytes: Int
    }

    public let directory: DataDirectory
    /// Every claim and the totals, as of the last read of the journal.
    public private(set) var ledger: Ledger
    /// Why the store refuses to write (a bad journal line), or nil when it may write.
    public private(set) var readOnlyReason: StoreError?
    /// A torn last line found by the last read; the next append moves it to journal.torn and repairs the file.
    public private(set) var tornTail: TornTail?
    /// Who this process writes events as.
    public let actor: String
    private let clock: @Sendable () -> Timestamp
    private let journal: JournalFile
    private var lastHash = JournalCodec.genesis
    /// Others' events read while recording, not yet returned by `follow()`.
    private var unreported: [ReviewEvent] = []

    /// The real time, to the second.
    public static let systemClock: @Sendable () -> Timestamp = { Timestamp(seconds: Int64(Date().timeIntervalSince1970)) }

    /// Opens the data dir at `url`: reads the reference files and replays the journal in one pass.
    public init(_ url: URL, actor: String = UnixUser.current,
                clock: @escaping @Sendable () -> Timestamp = Store.systemClock) throws(StoreError) {
        self.directory = DataDirectory(url)
        self.actor = actor
        self.clock = clock
        let (campaign, schools) = try Store.readReference(directory)
        self.ledger = Ledger(campaign: campaign, schools: schools)
        let path = directory.journal.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .io(path: path, operation: "open", message: "no journal here: is \(url.path) a tzpy data dir? (tzpy init or tzpy demo creates one)")
        }
        self.journal = try JournalFile(path: path, create: false)
        try journal.lock(exclusive: false)
        defer { journal.unlock() }
        let bytes = try journal.readNew()
        // Room for the claims up front (a journal line is about 125 bytes; most claims have one or two
        // events), so a national replay does not regrow the claim table a dozen times.
        ledger.reserveCapacity(claims: bytes.count / 160)
        ledger.beginReplay()
        defer { ledger.endReplay() }
        try ingest(bytes)
    }

    /// Reads catalog, campaign and schools; errors name file, line and field.
    static func readReference(_ dir: DataDirectory) throws(StoreError) -> (Campaign, [School]) {
        func read(_ url: URL) throws(StoreError) -> String {
            do { return try String(contentsOf: url, encoding: .utf8) } catch {
                throw .io(path: url.path, operation: "read", message: FileManager.default.fileExists(atPath: url.path)
                          ? "not UTF-8 text" : "no such file")
            }
        }
        let catalog: Catalog
        do { catalog = try CatalogFormat.parse(try read(dir.catalog), file: dir.catalog.path) } catch let e as CatalogFormat.ParseError {
            throw .reference(file: e.file, line: e.line, field: e.field, problem: e.problem)
        } catch let e as StoreError { throw e } catch { throw .io(path: dir.catalog.path, operation: "read", message: "\(error)") }
        let campaign = try ReferenceFiles.parseCampaign(read(dir.campaign), file: dir.campaign.path, catalog: catalog)
        let schools = try ReferenceFiles.parseSchools(read(dir.schools), file: dir.schools.path)
        return (campaign, schools)
    }

    // MARK: reading the journal

    /// Picks up the events other processes appended since the last read; returns them in order.
    /// Costs a shared `flock` and one `fstat` when nothing is new, and otherwise reads only the new bytes.
    @discardableResult
    public func follow() throws(StoreError) -> [ReviewEvent] {
        guard readOnlyReason == nil else { return [] }
        try journal.lock(exclusive: false)
        defer { journal.unlock() }
        let picked = unreported
        unreported = []
        let size = try journal.size()
        guard tornTail != nil || size != journal.offset else { return picked }
        return try picked + ingest(journal.readNew())
    }

    /// Decodes and applies complete lines and returns the events applied; a bad line makes the store
    /// read-only, a fragment is a torn tail.
    @discardableResult
    private func ingest(_ bytes: [UInt8]) throws(StoreError) -> [ReviewEvent] {
        tornTail = nil
        var applied: [ReviewEvent] = []
        let file = directory.journal.path
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            var lineNumber = journal.nextLine
            while start < buffer.count {
                guard let newline = buffer[start...].firstIndex(of: 0x0A) else {
                    tornTail = TornTail(line: lineNumber, bytes: buffer.count - start)
                    return
                }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<newline])
                if lineNumber == 1 {
                    guard line.starts(with: "# tzpy journal v1".utf8) else {
                        readOnlyReason = .journal(file: file, line: 1, problem: "expected the header \"# tzpy journal v1…\"")
                        return
                    }
                } else {
                    do {
                        let decoded = try JournalCodec.decode(line)
                        switch ledger.apply(decoded.event) {
                        case .failure(let refusal):
                            readOnlyReason = .journal(file: file, line: lineNumber, problem: "event \(decoded.event.seq) is not a legal step: \(refusal)")
                            return
                        case .success(let claim):
                            applied.append(claim.history[claim.history.count - 1])
                        }
                        lastHash = decoded.hash
                    } catch {
                        readOnlyReason = .journal(file: file, line: lineNumber, problem: "\(error)")
                        return
                    }
                }
                journal.consumed(bytes: newline + 1 - start, lines: 1)
                lineNumber += 1
                start = newline + 1
            }
        }
        return applied
    }

    // MARK: writing

    /// Records one event (a decision, a submission) durably and returns it as written.
    ///
    /// `draft` gives the kind, school, item, comment and `basis` (the claim version the actor saw);
    /// the store sets seq, time and actor. Only when this returns has the event reached the disk.
    @discardableResult
    public func record(_ draft: ReviewEvent) throws(StoreError) -> ReviewEvent {
        try record([draft])[0]
    }

    /// Records several events all-or-nothing with one write and one fsync (imports, the demo).
    /// `keepActorAndTime` keeps each draft's actor and time instead of stamping this process's: only for
    /// generated history (the demo province), never for a person's decision.
    @discardableResult
    public func record(_ drafts: [ReviewEvent], keepActorAndTime: Bool = false) throws(StoreError) -> [ReviewEvent] {
        if let readOnlyReason { throw .readOnly(readOnlyReason.description) }
        guard !drafts.isEmpty else { return [] }
        try journal.lock(exclusive: true)
        defer { journal.unlock() }
        unreported += try ingest(journal.readNew())
        if let readOnlyReason { throw .readOnly(readOnlyReason.description) }
        if let torn = tornTail { try setAside(torn) }
        var trial = drafts.count > 1 ? ledger : nil
        trial?.reserveCapacity(claims: ledger.claims.count + drafts.count)
        // An empty journal file (made by hand, or emptied) gets its header before the first event.
        let header = journal.offset == 0 ? Array((JournalCodec.header + "\n").utf8) : []
        var bytes = header
        bytes.reserveCapacity(header.count + drafts.count * 160)   // a typical line is 110–150 bytes
        var written: [ReviewEvent] = []
        var hash = lastHash
        let now = clock()
        for (i, draft) in drafts.enumerated() {
            var event = draft
            event.seq = ledger.lastSeq + i + 1
            if !keepActorAndTime {
                event.time = now
                event.actor = actor
            }
            let outcome = trial != nil ? trial!.apply(event) : ledger.preview(event)
            switch outcome {
            case .failure(let refusal): throw refusal.isConflict ? .conflict(refusal) : .refused(refusal)
            case .success(let claim): event = claim.history.last!
            }
            let (line, h) = JournalCodec.encode(event, previousHash: hash)
            bytes.append(contentsOf: line.utf8)
            hash = h
            written.append(event)
        }
        try journal.append(bytes)
        journal.consumed(bytes: bytes.count, lines: written.count + (header.isEmpty ? 0 : 1))
        if let trial { ledger = trial } else { ledger.apply(written[0]) }
        lastHash = hash
        return written
    }

    /// Moves a torn tail to journal.torn and cuts the journal back to its last complete line.
    private func setAside(_ torn: TornTail) throws(StoreError) {
        let fragment = try journal.readNew()
        let url = directory.torn
        let note = "# \(clock()) journal.tsv line \(torn.line), \(fragment.count) bytes without newline\n"
        if !FileManager.default.fileExists(atPath: url.path) { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        guard let handle = try? FileHandle(forWritingTo: url) else { throw .io(path: url.path, operation: "open", message: "cannot write") }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(note.utf8) + Data(fragment) + Data("\n".utf8))
            try handle.synchronize()
        } catch { throw .io(path: url.path, operation: "write", message: "\(error)") }
        try journal.truncate(to: journal.offset)
        tornTail = nil
    }

    /// Adds new schools and updates the records (contacts) of known ones, in the schools file (atomically)
    /// and in the ledger; used by imports.
    public func addSchools(_ schools: [School]) throws(StoreError) {
        var copy = ledger
        var changed = false
        for s in schools {
            if let old = copy.school(s.code) {
                if old != s { copy.update(s); changed = true }
            } else {
                copy.add(s)
                changed = true
            }
        }
        guard changed else { return }
        try FileWriter.writeAtomically(ReferenceFiles.formatSchools(copy.schools), to: directory.schools)
        ledger = copy
    }
}
