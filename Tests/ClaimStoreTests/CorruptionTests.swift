import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct CorruptionTests {
    /// Journal lines: 1 header; 2 the batch line of the three first submissions, 3–5 the submissions;
    /// 6 潍坊 18.2; 7 an approval; 8 a return with a comment; 9 an approval.
    static func build(at root: URL) throws {
        try TestData.create(at: root)
        let store = try TestData.open(root)
        try store.record(TestData.firstSubmissions)
        try store.record(TestData.submission("3707000012", "18.2", quantity: 6, funds: Funds(wan: 12, 3, 0, 2)))
        try store.record(TestData.decision(.approved, on: try #require(store.ledger.claim(TestData.key("3701000001", "3.1")))))
        try store.record(TestData.decision(.returned, on: try #require(store.ledger.claim(TestData.key("3702000003", "4.1"))),
                                           comment: "经费预算填写不完整"))
        try store.record(TestData.decision(.approved, on: try #require(store.ledger.claim(TestData.key("3707000012", "18.2")))))
        #expect(StoreCheck.run(store.directory) == nil)
    }

    /// Rewrites journal line `number` (1-based) with `change` applied to its TAB-separated fields.
    static func edit(_ dir: DataDirectory, line number: Int, _ change: (inout [String]) -> Void) throws -> [String] {
        var lines = try TestData.lines(dir.journal)
        var fields = lines[number - 1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        change(&fields)
        lines[number - 1] = fields.joined(separator: "\t")
        try lines.joined(separator: "\n").write(to: dir.journal, atomically: true, encoding: .utf8)
        return fields
    }

    func expectReadOnly(_ root: URL, naming expected: StoreError, lastGoodSeq: Int) throws {
        let store = try TestData.open(root)
        #expect(store.readOnlyReason == expected)
        #expect(store.ledger.lastSeq == lastGoodSeq)
        #expect(try store.follow() == [])
        let size = try TestData.fileSize(store.directory.journal)
        let draft = TestData.decision(.approved, on: try #require(store.ledger.claim(TestData.key("3701000001", "1"))))
        #expect(throws: StoreError.readOnly(expected.description)) { try store.record(draft) }
        #expect(throws: StoreError.readOnly(expected.description)) { try store.record([draft, draft]) }
        #expect(try TestData.fileSize(store.directory.journal) == size)
    }

    /// An emptied journal file (0 bytes) is a new journal: the first record writes the header before the
    /// events, so the file opens again instead of becoming unreadable.
    @Test func emptiedJournalGetsItsHeaderOnTheFirstRecord() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            try Data().write(to: dir.journal)
            let store = try TestData.open(root)
            #expect(store.readOnlyReason == nil)
            try store.record(TestData.firstSubmissions)
            let lines = try TestData.lines(dir.journal)
            #expect(lines.first == JournalCodec.header)
            #expect(lines.filter { !$0.isEmpty }.count == 5)   // header, batch line, three events
            let reopened = try TestData.open(root)
            #expect(reopened.readOnlyReason == nil)
            #expect(reopened.ledger.claims.count == 3)
            #expect(StoreCheck.run(dir) == nil)
        }
    }

    @Test func moneyFieldWithALetterNamesItsLine() throws {
        try withTemporaryDirectory { root in
            try Self.build(at: root)
            let dir = DataDirectory(root)
            _ = try Self.edit(dir, line: 5) { f in
                #expect(f[10] == "20")
                f[10] = "2x"
            }
            let expected = StoreError.journal(file: dir.journal.path, line: 5, problem: "self: expected an amount in 万元, found \"2x\"")
            #expect(StoreCheck.run(dir) == expected)
            #expect(expected.description == "\(dir.journal.path):5: self: expected an amount in 万元, found \"2x\"")
            try expectReadOnly(root, naming: expected, lastGoodSeq: 2)
        }
    }

    @Test func changedSeqNamesItsLine() throws {
        try withTemporaryDirectory { root in
            try Self.build(at: root)
            let dir = DataDirectory(root)
            let fields = try Self.edit(dir, line: 6) { f in
                #expect(f[0] == "4")
                f[0] = "9"
            }
            // The check and the store's open both see the changed body first: the hash no longer matches.
            let check = try #require(StoreCheck.run(dir))
            guard case .journal(let file, let line, let problem) = check else {
                Issue.record("expected a journal error, found \(check)")
                return
            }
            #expect(file == dir.journal.path)
            #expect(line == 6)
            #expect(problem.hasPrefix("hash chain broken: expected "))
            #expect(problem.hasSuffix(", found \(fields[15]) (the line or one before it was changed)"))
            try expectReadOnly(root, naming: check, lastGoodSeq: 3)
        }
    }

    @Test func lineWithAMissingFieldNamesItsLine() throws {
        try withTemporaryDirectory { root in
            try Self.build(at: root)
            let dir = DataDirectory(root)
            _ = try Self.edit(dir, line: 7) { f in f.remove(at: 14) }
            let expected = StoreError.journal(file: dir.journal.path, line: 7, problem: "expected 16 TAB-separated fields, found 15")
            #expect(StoreCheck.run(dir) == expected)
            try expectReadOnly(root, naming: expected, lastGoodSeq: 4)
        }
    }

    @Test func illegalButWellFormedLineNamesItsLine() throws {
        try withTemporaryDirectory { root in
            try Self.build(at: root)
            let dir = DataDirectory(root)
            // Line 9 approves 潍坊 18.2; rewritten (with a recomputed hash) to approve 济南 3.1 a second time.
            var lines = try TestData.lines(dir.journal)
            var fields = lines[8].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            fields[3] = "3701000001"
            fields[4] = "3.1"
            fields[8] = "5"
            let previous = try decodeLine(lines[7]).hash
            let body = fields.dropLast().joined(separator: "\t") + "\t"
            lines[8] = body + JournalCodec.hash(previous: previous, body: Array(body.utf8))
            try lines.joined(separator: "\n").write(to: dir.journal, atomically: true, encoding: .utf8)
            let expected = StoreError.journal(file: dir.journal.path, line: 9,
                                              problem: "event 7 is not a legal step: 3701000001 的任务 3.1 不能通过：zhangsan 已于 2023-11-14T22:13:20Z 通过此任务")
            #expect(StoreCheck.run(dir) == expected)
            try expectReadOnly(root, naming: expected, lastGoodSeq: 6)
        }
    }

    @Test func editedCommentBreaksTheHashChainOnThatLine() throws {
        try withTemporaryDirectory { root in
            try Self.build(at: root)
            let dir = DataDirectory(root)
            let lines = try TestData.lines(dir.journal)
            let previousHash = try decodeLine(lines[6]).hash
            let fields = try Self.edit(dir, line: 8) { f in
                #expect(f[14] == "经费预算填写不完整")
                f[14] = "经费预算填写完整"
            }
            let body = fields.dropLast().joined(separator: "\t") + "\t"
            let recomputed = JournalCodec.hash(previous: previousHash, body: Array(body.utf8))
            let edited = try decodeLine(try TestData.lines(dir.journal)[7])
            #expect(edited.event.comment == "经费预算填写完整")
            let expected = StoreError.journal(file: dir.journal.path, line: 8,
                                              problem: "hash chain broken: expected \(recomputed), found \(fields[15]) (the line or one before it was changed)")
            #expect(StoreCheck.run(dir) == expected)
            #expect(StoreCheck.run(dir)?.description.contains(":8: hash chain broken") == true)
            // Opening finds it too (not only check): the store is read-only and names the line.
            try expectReadOnly(root, naming: expected, lastGoodSeq: 5)
        }
    }

    @Test func badHeaderNamesLineOne() throws {
        try withTemporaryDirectory { root in
            try Self.build(at: root)
            let dir = DataDirectory(root)
            _ = try Self.edit(dir, line: 1) { f in f[0] = "# 审核日志" }
            let expected = StoreError.journal(file: dir.journal.path, line: 1, problem: "expected the header \"# tzpy journal v1…\"")
            #expect(StoreCheck.run(dir) == expected)
            let store = try TestData.open(root)
            #expect(store.readOnlyReason == expected)
            #expect(store.ledger.lastSeq == 0)
        }
    }
}
