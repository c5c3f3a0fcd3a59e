import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// ledger.checkpoint: an open that loads it and replays the tail gives the ledger an open from line 1
/// gives; a checkpoint that is damaged, stale, unsafe or of another version is ignored (and rebuilt by a
/// process that may write); a reader never sees through it a state the journal does not hold.
@Suite struct CheckpointTests {
    static let accounts = TestData.reviewers + [try! Account(name: "wang", role: .viewer), try! Account(name: "3701000001", role: .school("3701000001"))]
    static let writeAlways = Store.CheckpointPolicy(load: true, writeAfter: 0)
    static let loadOnly = Store.CheckpointPolicy(load: true, writeAfter: nil)

    static func open(_ root: URL, actor: String = "zhangsan", _ policy: Store.CheckpointPolicy) throws -> Store {
        try Store(root, actor: actor, clock: TestData.clock, checkpoint: policy)
    }

    /// A data dir holding a random journal of `events` events, with a checkpoint made when only its first
    /// `cut` lines were there (a cut inside a batch leaves the checkpoint before the batch); returns the
    /// events and their fold.
    /// Half the journals have the city step on; every one holds schools' drafts among its steps.
    static func build(_ root: URL, seed: UInt64, events count: Int, cut: (Int) -> Int) throws -> (events: [ReviewEvent], folded: Ledger) {
        let cityReview = seed % 2 == 0
        try StoreSetup.create(at: root, catalogText: TestData.catalogText, campaign: TestData.campaign(cityReview: cityReview),
                              schools: TestData.schools, accounts: accounts)
        let (events, folded) = ReplayFromDiskTests.journal(seed: seed, events: count, cityReview: cityReview, drafts: true)
        let lines = try ReplayFromDiskTests.write(events, to: root, seed: seed)
        let journal = DataDirectory(root).journal
        let full = try Data(contentsOf: journal)
        let keep = max(2, min(lines.count, cut(lines.count)))
        try Data((lines[0..<keep].joined(separator: "\n") + "\n").utf8).write(to: journal)
        _ = try open(root, writeAlways)
        try full.write(to: journal)
        return (events, folded)
    }

    static func checkpointFile(_ root: URL) -> URL { DataDirectory(root).checkpoint }

    /// `sameLedger`, and the time of the last event (the reports' 数据截至), which a checkpoint also carries.
    static func same(_ a: Ledger, _ b: Ledger) -> Bool {
        sameLedger(a, b) && a.lastEventTime == b.lastEventTime
    }

    static func loaded(_ store: Store) -> Bool {
        if case .loaded = store.checkpointOutcome { return true }
        return false
    }

    @Test func recordsHaveTheDocumentedLayout() {
        #expect(ClaimRecord.layoutIsAsDocumented)
        #expect(MemoryLayout<ClaimRecord>.stride == 72)
    }

    /// Over many random journals, checkpoints at random lines: the loaded-and-tail ledger equals the one
    /// replayed from line 1 and the fold of the events as values (claims, totals, history, last event).
    @Test func openWithAndWithoutTheCheckpointGiveTheSameLedger() throws {
        let (rng0, seed) = Fuzz.start("checkpoint equivalence", iterations: Fuzz.iterations(30))
        var rng = rng0
        var withCheckpoint = 0
        for i in 0..<Fuzz.iterations(30) {
            try withTemporaryDirectory { root in
                let count = Int.random(in: 1...160, using: &rng)
                let fraction = Double.random(in: 0...1, using: &rng)
                let (events, folded) = try Self.build(root, seed: rng.next(), events: count) { Int(Double($0) * fraction) }
                let warm = try Self.open(root, Self.loadOnly)
                let cold = try Self.open(root, .ignore)
                let note = "\(seed) iteration \(i)"
                // A cut before the first complete event leaves nothing to checkpoint.
                let written = FileManager.default.fileExists(atPath: Self.checkpointFile(root).path)
                #expect(Self.loaded(warm) == written, "\(note): \(warm.checkpointOutcome)")
                if written { withCheckpoint += 1 }
                #expect(cold.checkpointOutcome == .notRead, "\(note)")
                #expect(warm.readOnlyReason == nil && warm.tornTail == nil, "\(note)")
                #expect(Self.same(warm.ledger, cold.ledger), "\(note)")
                #expect(warm.ledger.lastEventTime == cold.ledger.lastEventTime, "\(note)")
                ReplayFromDiskTests.expectSame(warm.ledger, folded, events, note)
                // Both go on alike: the next decision gets the same seq and leaves the same ledger.
                // An approval of a claim waiting for the province; with the city step all may still wait for their
                // city, and then a new submission (the province on a school's behalf) instead.
                if let pending = warm.ledger.claims.first(where: { $0.state == .pending }) {
                    try warm.record(TestData.decision(.approved, on: pending))
                } else {
                    let items = TestData.catalog.items.filter(\.claimable)
                    let free = try #require(TestData.schools.lazy.flatMap { s in items.lazy.map { (s.code, $0) } }
                        .first { warm.ledger.claim(ClaimKey(school: $0.0, item: $0.1.code)) == nil }, "\(note)")
                    try warm.record(TestData.submission(free.0, free.1.code, quantity: free.1.isCountable ? 1 : nil, funds: Funds(wan: 1, 0, 0, 0)))
                }
                try cold.follow()
                #expect(Self.same(warm.ledger, cold.ledger), "\(note): after a decision")
            }
        }
        #expect(withCheckpoint >= Fuzz.iterations(30) / 2, "\(seed): most journals had a checkpoint to load")
    }

    /// The same ledger makes the same bytes (no memory padding leaks into the file), and a checkpoint
    /// written after loading one is the one loaded.
    @Test func aCheckpointIsTheSameBytesForTheSameLedger() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 7, events: 70) { $0 }
            let first = try TestData.bytes(Self.checkpointFile(root))
            try Self.open(root, .ignore).writeCheckpoint()
            #expect(try TestData.bytes(Self.checkpointFile(root)) == first)
            let warm = try Self.open(root, Self.loadOnly)
            #expect(Self.loaded(warm))
            try warm.writeCheckpoint()
            #expect(try TestData.bytes(Self.checkpointFile(root)) == first)
        }
    }

    /// A checkpoint of the whole journal: the open replays nothing and still agrees.
    @Test func aCheckpointAtTheLastLineReplaysNothing() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 5, events: 80) { $0 }
            let warm = try Self.open(root, Self.loadOnly)
            let lines = try TestData.lines(DataDirectory(root).journal).count - 1
            #expect(warm.checkpointOutcome == .loaded(line: lines))
            #expect(Self.same(warm.ledger, try Self.open(root, .ignore).ledger))
        }
    }

    /// An open rewrites the checkpoint past 1 MB of replay, or past an eighth of a smaller journal, but never
    /// for less than the 64 KB a console's exit needs; a policy without writing has no threshold.
    @Test func theRewriteThresholdScalesWithTheJournal() {
        let standard = Store.CheckpointPolicy.standard
        #expect(standard.threshold(journal: 60_000_000) == 1 << 20, "national: 1 MB")
        #expect(standard.threshold(journal: 3_400_000) == 425_000, "a province: an eighth")
        #expect(standard.threshold(journal: 200_000) == Store.exitCheckpointBytes, "a small store: 64 KB")
        #expect(Self.writeAlways.threshold(journal: 3_400_000) == 0)
        #expect(Self.loadOnly.threshold(journal: 3_400_000) == nil && Store.CheckpointPolicy.ignore.threshold(journal: 1) == nil)
    }

    /// `refreshCheckpoint` (what the console does on exit) writes only once enough journal lies past the
    /// checkpoint — its own decisions and others' it followed — and then the next open replays from there;
    /// a viewer never writes one.
    @Test func aSessionRefreshesTheCheckpointOnlyPastItsThreshold() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 11, events: 60) { $0 }
            let lines = try TestData.lines(DataDirectory(root).journal).count - 1
            let session = try Self.open(root, Self.loadOnly)
            let other = try Self.open(root, actor: "lisi", Self.loadOnly)
            let viewer = try Self.open(root, actor: "wang", Self.loadOnly)
            #expect(session.checkpointOutcome == .loaded(line: lines) && session.bytesPastCheckpoint == 0)
            #expect(!session.refreshCheckpoint(after: 1), "nothing past the checkpoint yet")
            let before = try TestData.bytes(Self.checkpointFile(root))
            let pending = session.ledger.claims.filter { $0.state == .pending }
            try #require(pending.count >= 2)
            try session.record(TestData.decision(.approved, on: pending[0]))
            try other.record(TestData.decision(.returned, on: pending[1], comment: "请补充举办方投入"))
            try session.follow()
            let past = session.bytesPastCheckpoint
            #expect(past > 0)
            #expect(!session.refreshCheckpoint(after: past + 1), "below the threshold: nothing written")
            #expect(try TestData.bytes(Self.checkpointFile(root)) == before)
            try viewer.follow()
            #expect(!viewer.refreshCheckpoint(after: 0), "a viewer may not write")
            #expect(session.refreshCheckpoint(after: past))
            #expect(session.bytesPastCheckpoint == 0)
            let next = try Self.open(root, Self.loadOnly)
            #expect(next.checkpointOutcome == .loaded(line: lines + 2))
            #expect(Self.same(next.ledger, try Self.open(root, .ignore).ledger))
        }
    }

    /// Every kind of damage is ignored: the open gives the right state, says why, and a process that may
    /// write rebuilds the checkpoint; a viewer leaves the file as it found it.
    @Test func aDamagedOrStaleCheckpointIsIgnoredAndRebuilt() throws {
        typealias Damage = (name: String, reason: String, apply: (URL) throws -> Void)
        func patch(_ root: URL, _ edit: (inout [UInt8]) -> Void) throws {
            var bytes = try TestData.bytes(Self.checkpointFile(root))
            edit(&bytes)
            try Data(bytes).write(to: Self.checkpointFile(root))
        }
        let damages: [Damage] = [
            ("truncated", "short", { root in try patch(root) { $0.removeLast(9) } }),
            ("cut in the header", "short", { root in try patch(root) { $0 = Array($0.prefix(100)) } }),
            ("a record byte flipped", "checksum", { root in try patch(root) { $0[Checkpoint.headerSize + 3] ^= 0x10 } }),
            ("an offset flipped", "checksum", { root in try patch(root) { $0[$0.count - 200] ^= 0x01 } }),
            ("a comment byte flipped", "checksum", { root in try patch(root) { $0[$0.count - 2] ^= 0x01 } }),
            ("the checksum flipped", "checksum", { root in try patch(root) { $0[Checkpoint.checksumAt + 5] ^= 0x80 } }),
            ("a state byte out of range", "records", { root in try patch(root) { $0[Checkpoint.headerSize + ClaimRecord.stateOffset] = 9 } }),
            ("a city-passed byte out of range", "records", { root in try patch(root) { $0[Checkpoint.headerSize + ClaimRecord.cityPassedOffset] = 2 } }),
            ("another version", "version", { root in try patch(root) { $0[8] = UInt8(Checkpoint.version + 1) } }),
            ("not a checkpoint", "magic", { root in try patch(root) { $0[0] = 0x58 } }),
            ("another chained hash", "journal", { root in try patch(root) { $0[40] = $0[40] == 0x61 ? 0x62 : 0x61 } }),
            ("the journal rewritten below N", "journal", { root in
                let (events, _) = ReplayFromDiskTests.journal(seed: 999, events: 160)
                _ = try ReplayFromDiskTests.write(events, to: root, seed: 999)
            }),
            ("the journal cut below N", "journal", { root in
                let lines = try TestData.lines(DataDirectory(root).journal)
                try Data((lines[0..<5].joined(separator: "\n") + "\n").utf8).write(to: DataDirectory(root).journal)
            }),
            ("schools.tsv changed", "reference", { root in
                let moved = try School(code: TestData.qingdao.code, name: TestData.qingdao.name, type: .higher, city: "烟台市",
                                       contacts: TestData.qingdao.contacts)
                try Data(ReferenceFiles.formatSchools([TestData.jinan, moved, TestData.weifang]).utf8).write(to: DataDirectory(root).schools)
            }),
            ("a symlink in its place", "unsafe", { root in
                let elsewhere = root.deletingLastPathComponent().appendingPathComponent("elsewhere-\(UUID().uuidString)")
                try FileManager.default.moveItem(at: Self.checkpointFile(root), to: elsewhere)
                try FileManager.default.createSymbolicLink(at: Self.checkpointFile(root), withDestinationURL: elsewhere)
            }),
            ("a hard link", "unsafe", { root in
                #expect(link(Self.checkpointFile(root).path, root.appendingPathComponent("mine").path) == 0)
            }),
            ("a foreign owner", "unsafe", { root in
                #expect(chown(Self.checkpointFile(root).path, 65534, 65534) == 0)
            }),
        ]
        for damage in damages {
            try withTemporaryDirectory { root in
                _ = try Self.build(root, seed: 11, events: 120) { $0 * 2 / 3 }
                #expect(try Self.open(root, Self.loadOnly).checkpointOutcome != .notRead)
                try damage.apply(root)
                let before = try? TestData.bytes(Self.checkpointFile(root))

                let viewer = try Self.open(root, actor: "wang", Self.writeAlways)
                #expect(viewer.checkpointOutcome == .ignored(damage.reason), "\(damage.name)")
                #expect((try? TestData.bytes(Self.checkpointFile(root))) == before, "\(damage.name): a reader never writes it")

                let province = try Self.open(root, .standard)
                let cold = try Self.open(root, .ignore)
                #expect(province.checkpointOutcome == .ignored(damage.reason), "\(damage.name)")
                #expect(Self.same(viewer.ledger, cold.ledger) && Self.same(province.ledger, cold.ledger), "\(damage.name)")
                #expect(viewer.readOnlyReason == .denied("wang 是 viewer 角色（只读用户）：只能查看，不能写入"), "\(damage.name)")

                let rebuilt = try Self.open(root, Self.loadOnly)
                #expect(Self.loaded(rebuilt), "\(damage.name): rebuilt by the first open that may write")
                #expect(Self.same(rebuilt.ledger, cold.ledger), "\(damage.name)")
            }
        }
    }

    /// A torn write after the checkpoint is a torn tail, as without one; the next append repairs it.
    @Test func aTornTailAfterTheCheckpointBehavesAsWithoutOne() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 21, events: 60) { $0 / 2 }
            let journal = DataDirectory(root).journal
            let full = try TestData.bytes(journal)
            let lastStart = try #require(full.dropLast().lastIndex(of: 0x0A)) + 1
            try Data(full[0..<(lastStart + 30)]).write(to: journal)
            let warm = try Self.open(root, Self.loadOnly)
            let cold = try Self.open(root, .ignore)
            #expect(warm.checkpointOutcome != .notRead && warm.checkpointOutcome != .ignored("journal"))
            #expect(warm.tornTail != nil && warm.tornTail == cold.tornTail)
            #expect(Self.same(warm.ledger, cold.ledger))
            let pending = try #require(warm.ledger.claims.first { $0.state == .pending })
            try warm.record(TestData.decision(.approved, on: pending))
            #expect(warm.tornTail == nil && StoreCheck.run(DataDirectory(root)) == nil)
            #expect(Self.same(try Self.open(root, Self.loadOnly).ledger, try Self.open(root, .ignore).ledger))
        }
    }

    /// A line changed after line N breaks the chain as it does without a checkpoint: the same message,
    /// the same state, read-only.
    /// Also with a tail of over 1 MB (`Store.parallelBytes`), which a cold open would check on the other thread.
    @Test(arguments: [100, 12_000]) func aChangedLineInTheTailIsFoundFromTheCheckpoint(events: Int) throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 31, events: events) { events < 1_000 ? $0 / 3 : $0 / 10 }
            let journal = DataDirectory(root).journal
            if events >= 1_000 {
                let tail = try Self.open(root, Self.loadOnly).bytesPastCheckpoint
                #expect(tail >= Store.parallelBytes, "a tail of \(tail) bytes")
            }
            var lines = try TestData.lines(journal)
            let target = try #require(lines.indices.last { $0 < lines.count - 2 && lines[$0].contains("\tlisi\t") })
            lines[target] = lines[target].replacingOccurrences(of: "\tlisi\t", with: "\tlisa\t")
            try Data(lines.joined(separator: "\n").utf8).write(to: journal)
            let warm = try Self.open(root, Self.writeAlways)
            let cold = try Self.open(root, .ignore)
            #expect(warm.checkpointOutcome != .notRead)
            #expect(warm.readOnlyReason != nil && warm.readOnlyReason == cold.readOnlyReason)
            #expect(warm.readOnlyReason?.description.contains("journal.tsv:\(target + 1): hash chain broken") == true)
            #expect(Self.same(warm.ledger, cold.ledger))
        }
    }

    /// The accepted trade-off: a line below N changed in place (same length, hash left) is not read by an
    /// open that loads the checkpoint, but `tzpy check` verifies from line 1 and finds it, and refuses to
    /// checkpoint over it.
    @Test func anEditBelowTheCheckpointIsFoundByCheck() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 61, events: 100) { $0 }
            let journal = DataDirectory(root).journal
            var lines = try TestData.lines(journal)
            let target = try #require(lines.indices.first { $0 > 2 && lines[$0].contains("\tlisi\t") })
            lines[target] = lines[target].replacingOccurrences(of: "\tlisi\t", with: "\tlisa\t")
            try Data(lines.joined(separator: "\n").utf8).write(to: journal)
            #expect(Self.loaded(try Self.open(root, Self.loadOnly)))
            #expect(StoreCheck.run(DataDirectory(root))?.description.contains("journal.tsv:\(target + 1): hash chain broken") == true)
            let cold = try Self.open(root, .ignore)
            #expect(cold.readOnlyReason != nil)
            #expect(throws: StoreError.self) { try cold.writeCheckpoint() }
        }
    }

    /// A school account's ledger holds its own school: it replays the journal and never reads the checkpoint.
    @Test func aScopedAccountDoesNotUseTheCheckpoint() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 41, events: 90) { $0 }
            let school = try Self.open(root, actor: "3701000001", Self.writeAlways)
            #expect(school.checkpointOutcome == .notRead)
            #expect(school.ledger.schools.map(\.code) == ["3701000001"])
            let all = try Self.open(root, .ignore).ledger
            #expect(Set(school.ledger.claims.map(\.key)) == Set(all.claims.filter { $0.school == "3701000001" }.map(\.key)))
        }
    }

    /// After an import adds a school, the ledger no longer matches schools.tsv as read on open: no
    /// checkpoint is written until the next open.
    @Test func noCheckpointAfterTheSchoolsChanged() throws {
        try withTemporaryDirectory { root in
            _ = try Self.build(root, seed: 51, events: 40) { $0 }
            let store = try Self.open(root, Self.loadOnly)
            let yantai = TestData.school("3706000020", "烟台职业学院", .higher, "烟台市", manager: "赵六", office: "0535-6927000", mobile: "13905350004")
            try store.record([TestData.submission(yantai.code, "3.1", quantity: 1, funds: Funds(wan: 1, 0, 0, 0))], schools: [yantai])
            #expect(throws: StoreError.self) { try store.writeCheckpoint() }
            let reopened = try Self.open(root, Self.writeAlways)
            #expect(reopened.checkpointOutcome == .ignored("reference"))
            let again = try Self.open(root, Self.loadOnly)
            #expect(again.checkpointOutcome != .notRead && again.checkpointOutcome != .ignored("reference"))
            #expect(again.ledger.claim(TestData.key(yantai.code, "3.1")) != nil)
            #expect(Self.same(again.ledger, try Self.open(root, .ignore).ledger))
        }
    }
}
