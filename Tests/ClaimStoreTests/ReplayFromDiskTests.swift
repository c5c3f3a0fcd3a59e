import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// Opening a store replays the journal from its bytes (`JournalCodec.parse`, `Ledger.apply(_: EventBytes)`,
/// the chain on another thread for a large journal); it must give the same ledger as applying the same
/// events as values, and the history read back from disk must be what was written.
@Suite struct ReplayFromDiskTests {
    /// Random legal events over the test schools, with the ledger that applied them as values.
    /// `drafts`: a school's saved drafts (`draft` events, some incomplete, some unticking) among the steps.
    static func journal(seed: UInt64, events count: Int, cityReview: Bool = false, drafts: Bool = false) -> (events: [ReviewEvent], ledger: Ledger) {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        var ledger = Ledger(campaign: TestData.campaign(cityReview: cityReview), schools: TestData.schools)
        let items = TestData.catalog.items.filter(\.claimable)
        var events: [ReviewEvent] = []
        var attempts = 0
        while events.count < count, attempts < count * 50 {
            attempts += 1
            let key = ClaimKey(school: pick(TestData.schools).code, item: pick(items).code)
            let claim = ledger.claim(key)
            if drafts, rng.next() % 5 == 0 {
                let item = TestData.catalog.item(key.item)!
                let ticked = rng.next() % 4 != 0
                let entry = DraftEntry(ticked: ticked, quantity: ticked && item.isCountable && rng.next() % 2 == 0 ? Int(rng.next() % 9) + 1 : nil,
                                       funds: (0..<4).map { _ in ticked && rng.next() % 3 != 0 ? Money(units: Int64(rng.next() % 900_000)) : nil })
                let event = Decision.save(entry, key).event(seq: ledger.lastSeq + 1, time: Timestamp(seconds: 1_603_000_000 + Int64(events.count) * 60),
                                                            actor: key.school)
                if case .success(let recorded) = ledger.apply(event) { events.append(recorded) }
                continue
            }
            let kind: ReviewEvent.Kind
            switch claim?.state {
            case nil, .withdrawn?: kind = .submitted
            case .pending?: kind = pick([.approved, .approved, .returned, .withdrawn, .submitted])
            case .approved?: kind = .reopened
            case .returned?: kind = pick([.resubmitted, .resubmitted, .reopened])
            case .cityPending?: kind = pick([.passed, .passed, .returned, .withdrawn, .submitted])
            }
            let item = TestData.catalog.item(key.item)!
            let submits = kind == .submitted || kind == .resubmitted
            let event = ReviewEvent(seq: ledger.lastSeq + 1, time: Timestamp(seconds: 1_603_000_000 + Int64(events.count) * 60),
                                    actor: pick(["zhangsan", "lisi", "3701000001", "王\\五"]), school: key.school, item: key.item,
                                    kind: kind, basis: claim?.version ?? 0,
                                    quantity: submits && item.isCountable ? Int(rng.next() % 9) + 1 : nil,
                                    funds: submits ? Funds(selfFunded: Money(units: Int64(rng.next() % 9_000_000)), industry: .zero,
                                                           sponsor: Money(units: Int64(rng.next() % 7)), local: Money(wan: 3)) : nil,
                                    comment: kind == .returned ? pick(["经费预算填写不完整", "请\t补充\n说明"]) : pick([nil, "导入 全省.xlsx"]))
            if case .success(let recorded) = ledger.apply(event) { events.append(recorded) }
        }
        return (events, ledger)
    }

    /// Writes `events` as a journal, some of them in batches, and returns its lines (the header is line 1).
    static func write(_ events: [ReviewEvent], to url: URL, seed: UInt64) throws -> [String] {
        var rng = SplitMix64(seed: seed)
        var lines = [JournalCodec.header]
        var hash = JournalCodec.genesis
        var i = 0
        while i < events.count {
            let batch = rng.next() % 4 == 0 ? min(Int(rng.next() % 5) + 2, events.count - i) : 1
            if batch > 1 {
                let (line, h) = JournalCodec.encodeBatch(count: batch, previousHash: hash)
                lines.append(String(line.dropLast()))
                hash = h
            }
            for e in events[i..<(i + batch)] {
                let (line, h) = JournalCodec.encode(e, previousHash: hash)
                lines.append(String(line.dropLast()))
                hash = h
            }
            i += batch
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url.appendingPathComponent("journal.tsv"))
        return lines
    }

    /// The journal records the state an actor saw by its word alone: a return's comment is not repeated.
    static func asWritten(_ e: ReviewEvent) -> ReviewEvent {
        var e = e
        if case .returned? = e.seen { e.seen = .returned(comment: "") }
        return e
    }

    static func expectSame(_ opened: Ledger, _ folded: Ledger, _ events: [ReviewEvent], _ note: String) {
        #expect(opened.claims == folded.claims, "\(note): claims")
        #expect(opened.lastSeq == folded.lastSeq && opened.lastEventTime == folded.lastEventTime, "\(note): last event")
        #expect(opened.totals.sameFigures(as: folded.totals), "\(note): totals")
        #expect(opened.reviewedSchools == folded.reviewedSchools, "\(note): reviewed schools")
        #expect(opened.drafts == folded.drafts, "\(note): drafts")
        for claim in folded.claims {
            #expect(opened.history(of: claim.key) == folded.history(of: claim.key).map(asWritten), "\(note): history of \(claim.key)")
        }
        let fromDisk = opened.claims.flatMap { opened.history(of: $0.key) }.sorted { $0.seq < $1.seq }
        // Drafts are no claim's history: every other event is some claim's.
        #expect(fromDisk == events.filter { $0.kind != .drafted }.map(asWritten), "\(note): every event read back")
    }

    @Test func openedFromDiskEqualsTheFoldOfTheSameEvents() throws {
        for seed in UInt64(1)...40 {
            try withTemporaryDirectory { root in
                try TestData.create(at: root)
                let (events, folded) = Self.journal(seed: seed, events: 120)
                _ = try Self.write(events, to: root, seed: seed)
                let store = try TestData.open(root)
                #expect(store.readOnlyReason == nil && store.tornTail == nil)
                Self.expectSame(store.ledger, folded, events, "seed \(seed)")
            }
        }
    }

    /// With `city-review on`: the journal's `passed` and `city-pending` words replay to the same claims.
    @Test func aCityReviewJournalOpenedFromDiskEqualsTheFold() throws {
        for seed in UInt64(41)...60 {
            try withTemporaryDirectory { root in
                try TestData.create(at: root, cityReview: true)
                let (events, folded) = Self.journal(seed: seed, events: 120, cityReview: true)
                #expect(events.contains { $0.kind == .passed } && events.contains { $0.seen == .cityPending })
                _ = try Self.write(events, to: root, seed: seed)
                let store = try TestData.open(root)
                #expect(store.readOnlyReason == nil && store.tornTail == nil)
                Self.expectSame(store.ledger, folded, events, "seed \(seed)")
            }
        }
    }

    /// What `record` writes is read back by `history(of:)` at once (the offsets of a process's own lines) and
    /// after a fresh open, and another process following sees the same history.
    @Test func historyOfRecordedEventsReadsBackWhatWasWritten() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            let other = try TestData.open(root, actor: "lisi")
            var written = try store.record(TestData.firstSubmissions)
            let key = TestData.key("3701000001", "3.1")
            written += [try store.record(TestData.decision(.returned, on: store.ledger.claim(key)!, comment: "请补充\t说明"))]
            written += [try store.record(TestData.submission("3701000001", "3.1", quantity: 3, funds: Funds(wan: 7, 5, 4, 1),
                                                             kind: .resubmitted, basis: store.ledger.claim(key)!.version))]
            let expected = written.filter { $0.key == key }.map(Self.asWritten)
            #expect(expected.map(\.kind) == [.submitted, .returned, .resubmitted])
            #expect(store.history(of: key) == expected)
            try other.follow()
            #expect(other.history(of: key) == expected)
            #expect(try TestData.open(root).history(of: key) == expected)
        }
    }

    /// Over a megabyte the chain is verified on a second thread while the replay runs; a line changed in
    /// the second half is still found, with the same message and the same state as a line-by-line check.
    @Test func aLargeJournalVerifiedOnTwoThreadsFindsAChangedLine() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let (events, folded) = Self.journal(seed: 77, events: 9000)
            let lines = try Self.write(events, to: root, seed: 0)
            let journal = root.appendingPathComponent("journal.tsv")
            #expect(try TestData.fileSize(journal) > 1 << 20)
            // No checkpoint: an open that loads one verifies only the tail (CheckpointTests covers that case).
            let store = try Store(root, actor: "zhangsan", clock: TestData.clock, checkpoint: .ignore)
            #expect(store.readOnlyReason == nil)
            Self.expectSame(store.ledger, folded, events, "large journal")

            // Change one amount three quarters in (same length, so only the chain can tell).
            let target = lines.indices.last { $0 < lines.count * 3 / 4 && lines[$0].contains("\t3\t") && !lines[$0].hasPrefix("batch") }!
            var changed = lines
            changed[target] = changed[target].replacingOccurrences(of: "\t3\t", with: "\t4\t")
            try Data((changed.joined(separator: "\n") + "\n").utf8).write(to: journal)
            let tampered = try TestData.open(root)
            let sequential = try JournalReader.forEach(journal) { _ in }
            #expect(tampered.readOnlyReason == sequential)
            #expect(tampered.readOnlyReason?.description.contains("journal.tsv:\(target + 1): hash chain broken") == true)
            let seqBefore = lines[1..<target].filter { !$0.hasPrefix("batch") }.count
            #expect(tampered.ledger.lastSeq <= seqBefore && tampered.ledger.lastSeq >= seqBefore - 6)
        }
    }
}
