import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct StoreTests {
    let jinan31 = TestData.key("3701000001", "3.1")
    let jinan1 = TestData.key("3701000001", "1")
    let qingdao41 = TestData.key("3702000003", "4.1")

    @Test func createWritesEveryFile() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            #expect(try String(contentsOf: dir.journal, encoding: .utf8) == JournalCodec.header + "\n")
            #expect(try String(contentsOf: dir.reasons, encoding: .utf8).contains("经费预算填写不完整\n"))
            #expect(try String(contentsOf: dir.catalog, encoding: .utf8) == TestData.catalogText)
            #expect(try ReferenceFiles.parseSchools(String(contentsOf: dir.schools, encoding: .utf8), file: "s") == TestData.schools)
            let store = try TestData.open(root)
            #expect(store.ledger.claims.isEmpty)
            #expect(store.ledger.lastSeq == 0)
            #expect(store.readOnlyReason == nil)
            #expect(store.tornTail == nil)
            #expect(StoreCheck.run(dir) == nil)
            // A second create on the same folder is refused.
            #expect(throws: StoreError.io(path: dir.journal.path, operation: "init",
                                          message: "a data dir already exists here; choose an empty folder")) {
                try TestData.create(at: root)
            }
        }
    }

    @Test func submissionsAndDecisionsAreRecordedStampedAndReplayed() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            var seq = 0
            for draft in TestData.firstSubmissions {
                let event = try store.record(draft)
                seq += 1
                #expect(event.seq == seq)
                #expect(event.actor == "zhangsan")
                #expect(event.time == TestData.now)
                #expect(event.round == 1)
                #expect(event.kind == .submitted)
                #expect(event.seen == nil)
                #expect(event.basis == 0)
                #expect(event.quantity == draft.quantity)
                #expect(event.funds == draft.funds)
            }
            let claim = try #require(store.ledger.claim(jinan31))
            #expect(claim.state == .pending)
            #expect(claim.quantity == 2)
            #expect(claim.version == 1)

            let approved = try store.record(TestData.decision(.approved, on: claim))
            #expect(approved.seq == 4)
            #expect(approved.actor == "zhangsan")
            #expect(approved.time == TestData.now)
            #expect(approved.kind == .approved)
            #expect(approved.seen == .pending)
            #expect(approved.basis == 1)
            #expect(store.ledger.claim(jinan31)?.state == .approved)

            let qingdao = try #require(store.ledger.claim(qingdao41))
            let returned = try store.record(TestData.decision(.returned, on: qingdao, comment: "经费预算填写不完整，请补充举办方投入依据"))
            #expect(returned.seq == 5)
            #expect(returned.comment == "经费预算填写不完整，请补充举办方投入依据")
            #expect(store.ledger.claim(qingdao41)?.state == .returned(comment: "经费预算填写不完整，请补充举办方投入依据"))

            // The journal holds the header and one line per event, each ending in a newline.
            let lines = try TestData.lines(store.directory.journal)
            #expect(lines.count == 7)
            #expect(lines.last == "")
            #expect(lines[4].hasPrefix("4\t2023-11-14T22:13:20Z\tzhangsan\t3701000001\t3.1\t1\tapproved\tpending\t1\t-\t-\t-\t-\t-\t\t"))

            // The figures: 3 claims on tasks 3, 1 and 4 intended; 3.1 (6+5+4+1 = 16 万元) approved.
            let province = store.ledger.totals.province
            #expect(province.intended.claims == 3)
            #expect(province.intended.tasks == 3)
            #expect(province.intended.funds.total == Money(units: 160_000 + 125_001 + 30_000 + 350_000))
            #expect(province.approved.claims == 1)
            #expect(province.approved.funds.total == Money(wan: 16))
            #expect(province.pending == 1)
            #expect(province.returned == 1)
            #expect(store.ledger.totals.byCity["济南市"]?.approved.claims == 1)

            // A second store replays the same ledger.
            let again = try TestData.open(root, actor: "lisi")
            #expect(again.ledger.claims == store.ledger.claims)
            #expect(again.ledger.lastSeq == 5)
            #expect(again.ledger.totals.sameFigures(as: store.ledger.totals))
            #expect(sameLedger(again.ledger, store.ledger))
            #expect(again.readOnlyReason == nil)
            #expect(StoreCheck.run(store.directory) == nil)
        }
    }

    @Test func staleDecisionIsAConflictNamingWhoDecided() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let a = try TestData.open(root, actor: "zhangsan")
            try a.record(TestData.firstSubmissions)
            let b = try TestData.open(root, actor: "lisi", clock: TestData.laterClock)
            let seenByB = try #require(b.ledger.claim(jinan31))

            let decided = try a.record(TestData.decision(.approved, on: try #require(a.ledger.claim(jinan31))))
            let size = try TestData.fileSize(b.directory.journal)

            let error = #expect(throws: StoreError.self) {
                try b.record(TestData.decision(.returned, on: seenByB, comment: "经费预算填写不完整"))
            }
            #expect(error == .conflict(.workflow(WorkflowError(kind: .returned, key: jinan31,
                                                               reason: .stale(by: "zhangsan", at: TestData.now, kind: .approved)))))
            #expect(error?.description == "冲突：3701000001 的任务 3.1 不能退回修改：zhangsan 已于 2023-11-14T22:13:20Z 通过此任务")
            #expect(error?.description.contains("zhangsan") == true)
            // Nothing was written, and B now knows A's decision.
            #expect(try TestData.fileSize(b.directory.journal) == size)
            #expect(b.ledger.claim(jinan31)?.state == .approved)
            #expect(b.history(of: jinan31).last == decided)
            #expect(b.ledger.lastSeq == a.ledger.lastSeq)
            #expect(b.ledger.totals.sameFigures(as: a.ledger.totals))

            // Deciding again on what B now sees is still a conflict: the claim is already decided.
            let again = #expect(throws: StoreError.self) {
                try b.record(TestData.decision(.returned, on: try #require(b.ledger.claim(jinan31)), comment: "经费预算填写不完整"))
            }
            #expect(again == .conflict(.workflow(WorkflowError(kind: .returned, key: jinan31,
                                                               reason: .alreadyDecided(by: "zhangsan", at: TestData.now, kind: .approved)))))
            #expect(StoreCheck.run(a.directory) == nil)
        }
    }

    @Test func followPicksUpWhatAnotherStoreWrote() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let a = try TestData.open(root, actor: "zhangsan")
            try a.record(TestData.firstSubmissions)
            let b = try TestData.open(root, actor: "lisi", clock: TestData.laterClock)
            let seenByB = try #require(b.ledger.claim(jinan31))
            #expect(try b.follow() == [])

            let decided = try a.record(TestData.decision(.approved, on: try #require(a.ledger.claim(jinan31))))
            let returned = try a.record(TestData.decision(.returned, on: try #require(a.ledger.claim(qingdao41)),
                                                          comment: "承接数量与学校实际不符，请核实"))
            let news = try b.follow()
            #expect(news == [decided, returned])
            #expect(news.map(\.actor) == ["zhangsan", "zhangsan"])
            #expect(b.ledger.claim(jinan31)?.state == .approved)
            #expect(b.ledger.claim(qingdao41)?.state == .returned(comment: "承接数量与学校实际不符，请核实"))
            #expect(sameLedger(b.ledger, a.ledger))
            #expect(try b.follow() == [])

            // B's stale view of 3.1 is a conflict; its own decision on another claim goes through and A follows it.
            #expect(throws: StoreError.conflict(.workflow(WorkflowError(kind: .approved, key: jinan31,
                                                                       reason: .stale(by: "zhangsan", at: TestData.now, kind: .approved))))) {
                try b.record(TestData.decision(.approved, on: seenByB))
            }
            let mine = try b.record(TestData.decision(.approved, on: try #require(b.ledger.claim(jinan1))))
            #expect(mine.seq == 6)
            #expect(mine.actor == "lisi")
            #expect(mine.time == TestData.later)
            #expect(try a.follow() == [mine])
            #expect(sameLedger(a.ledger, b.ledger))
            #expect(StoreCheck.run(a.directory) == nil)
        }
    }

    @Test func followOnAnUnchangedJournalReturnsNothing() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            #expect(try store.follow() == [])
            try store.record(TestData.firstSubmissions)
            #expect(try store.follow() == [])
            #expect(store.ledger.lastSeq == 3)
        }
    }

    @Test func returnWithoutACommentIsRefused() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            try store.record(TestData.firstSubmissions)
            let claim = try #require(store.ledger.claim(qingdao41))
            let size = try TestData.fileSize(store.directory.journal)
            for comment in [nil, "", "  \u{3000} "] as [String?] {
                let error = #expect(throws: StoreError.self) {
                    try store.record(TestData.decision(.returned, on: claim, comment: comment))
                }
                #expect(error == .refused(.workflow(WorkflowError(kind: .returned, key: qingdao41, reason: .emptyComment))))
                #expect(error?.description == "3702000003 的任务 4.1 不能退回修改：退回修改必须填写修改意见")
            }
            #expect(try TestData.fileSize(store.directory.journal) == size)
            #expect(store.ledger.claim(qingdao41)?.state == .pending)
            #expect(store.ledger.lastSeq == 3)
        }
    }

    @Test func unknownSchoolAndItemAreRefused() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            let size = try TestData.fileSize(store.directory.journal)
            #expect(throws: StoreError.refused(.unknownSchool("3799999999"))) {
                try store.record(TestData.submission("3799999999", "3.1", quantity: 1, funds: Funds(wan: 1, 0, 0, 0)))
            }
            #expect(throws: StoreError.refused(.unknownSchool("3799999999"))) {
                try store.record(TestData.decision(.approved, school: "3799999999", item: "3.1", basis: 0))
            }
            #expect(throws: StoreError.refused(.unknownItem("99.9"))) {
                try store.record(TestData.submission("3701000001", "99.9", quantity: 1, funds: Funds(wan: 1, 0, 0, 0)))
            }
            #expect(StoreError.refused(.unknownSchool("3799999999")).description == "未知学校代码 3799999999")
            #expect(try TestData.fileSize(store.directory.journal) == size)
            #expect(store.ledger.lastSeq == 0)
        }
    }

    @Test func decisionOnAClaimNobodySubmittedIsRefused() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            #expect(throws: StoreError.refused(.workflow(WorkflowError(kind: .approved, key: TestData.key("3707000012", "3.1"),
                                                                       reason: .noClaim)))) {
                try store.record(TestData.decision(.approved, school: "3707000012", item: "3.1", basis: 0))
            }
        }
    }

    @Test func batchWithAnIllegalThirdEventWritesNothing() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            try store.record(TestData.firstSubmissions)
            let before = store.ledger
            let journal = store.directory.journal
            let bytes = try TestData.bytes(journal)
            let batch = [
                TestData.submission("3707000012", "3.1", quantity: 1, funds: Funds(wan: 50, 20, 10, 20)),
                TestData.decision(.approved, on: try #require(store.ledger.claim(jinan31))),
                // Illegal: 潍坊's 4.1 was never submitted.
                TestData.decision(.returned, school: "3707000012", item: "4.1", basis: 0, comment: "经费预算填写不完整"),
            ]
            #expect(throws: StoreError.refused(.workflow(WorkflowError(kind: .returned, key: TestData.key("3707000012", "4.1"),
                                                                       reason: .noClaim)))) {
                try store.record(batch)
            }
            #expect(try TestData.bytes(journal) == bytes)
            #expect(sameLedger(store.ledger, before))
            #expect(store.ledger.claim(TestData.key("3707000012", "3.1")) == nil)
            #expect(store.ledger.claim(jinan31)?.state == .pending)
            let reopened = try TestData.open(root)
            #expect(sameLedger(reopened.ledger, before))

            // The same batch without the illegal event is written whole, numbered in order.
            let written = try store.record(Array(batch.prefix(2)))
            #expect(written.map(\.seq) == [4, 5])
            #expect(written.map(\.kind) == [.submitted, .approved])
            #expect(written.allSatisfy { $0.actor == "zhangsan" && $0.time == TestData.now })
            #expect(try TestData.lines(journal).count == 9)   // + a batch line and its two events
            #expect(StoreCheck.run(store.directory) == nil)
        }
    }

    @Test func batchWhoseSecondEventDependsOnTheFirstIsLegal() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            let written = try store.record([
                TestData.submission("3701000001", "3.1", quantity: 2, funds: Funds(wan: 6, 5, 4, 1)),
                TestData.decision(.returned, school: "3701000001", item: "3.1", basis: 1, comment: "汇总金额偏高，请压缩预算"),
                TestData.submission("3701000001", "3.1", quantity: 1, funds: Funds(wan: 3, 5, 4, 1), kind: .resubmitted, basis: 2),
            ])
            #expect(written.map(\.round) == [1, 1, 2])
            let claim = try #require(store.ledger.claim(jinan31))
            #expect(claim.round == 2)
            #expect(claim.state == .pending)
            #expect(claim.funds == Funds(wan: 3, 5, 4, 1))
            #expect(sameLedger(try TestData.open(root).ledger, store.ledger))
        }
    }

    @Test func openingAFolderWithoutAJournalIsAnError() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            try FileManager.default.removeItem(at: dir.journal)
            #expect(throws: StoreError.io(path: dir.journal.path, operation: "open",
                                          message: "no journal here: is \(root.path) a tzpy data dir? (tzpy init or tzpy demo creates one)")) {
                try TestData.open(root)
            }
        }
    }

    @Test func addedSchoolsAreWrittenToTheSchoolsFile() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root, schools: [TestData.jinan])
            let store = try TestData.open(root)
            try store.record([], schools: [TestData.jinan, TestData.qingdao])
            #expect(store.ledger.schools == [TestData.jinan, TestData.qingdao])
            try store.record(TestData.submission("3702000003", "4.1", quantity: 30, funds: Funds(wan: 1, 1, 1, 1)))
            let reopened = try TestData.open(root)
            #expect(reopened.ledger.schools == [TestData.jinan, TestData.qingdao])
            #expect(StoreCheck.run(store.directory) == nil)
        }
    }

    /// `record([])` (an import with nothing new, `StoreSetup.demo` with 0 schools) must not trap.
    @Test func recordingAnEmptyBatchWritesNothing() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("claimstore-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path
        await #expect(processExitsWith: .success) { [path = path as String] in
            let url = URL(fileURLWithPath: path)
            try TestData.create(at: url)
            let store = try TestData.open(url)
            let written = try store.record([])
            guard written.isEmpty, store.ledger.lastSeq == 0 else { exit(3) }
        }
    }
}
