import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct TornTailTests {
    /// A data dir whose journal ends with a long line holding a multi-byte Chinese comment.
    /// Returns the ledger as it was before that last line was written.
    static func buildSource(at source: URL) throws -> Ledger {
        try TestData.create(at: source)
        let store = try TestData.open(source)
        try store.record(TestData.firstSubmissions)
        try store.record(TestData.submission("3707000012", "18.2", quantity: 6, funds: Funds(wan: 12, 3, 0, 2)))
        try store.record(TestData.decision(.approved, on: try #require(store.ledger.claim(TestData.key("3701000001", "3.1")))))
        let before = store.ledger
        try store.record(TestData.decision(.returned, on: try #require(store.ledger.claim(TestData.key("3702000003", "4.1"))),
                                           comment: "经费预算填写不完整\t举办方投入过高，请说明资金来源\\附件"))
        return before
    }

    @Test func everyCutOfTheLastLineOpensAndTheNextAppendRepairs() throws {
        try withTemporaryDirectory { root in
            let source = root.appendingPathComponent("source")
            let before = try Self.buildSource(at: source)
            let full = try TestData.bytes(DataDirectory(source).journal)
            #expect(full.last == 0x0A)
            let finalNewline = full.count - 1
            let previousNewline = try #require(full[..<finalNewline].lastIndex(of: 0x0A))
            let lastLineNumber = full.filter { $0 == 0x0A }.count
            #expect(lastLineNumber == 8)   // header, a batch line and three submissions, three single events
            let pendingKey = TestData.key("3707000012", "18.2")
            #expect(before.claim(pendingKey)?.state == .pending)

            var checked = 0
            for cut in (previousNewline + 1)...finalNewline {
                let copy = root.appendingPathComponent("cut-\(cut)")
                defer { try? FileManager.default.removeItem(at: copy) }
                try TestData.copyReference(from: source, to: copy)
                let dir = DataDirectory(copy)
                try Data(full[0..<cut]).write(to: dir.journal)
                let fragment = Array(full[(previousNewline + 1)..<cut])

                let store = try TestData.open(copy, actor: "lisi", clock: TestData.laterClock)
                #expect(store.readOnlyReason == nil, "cut at \(cut)")
                if fragment.isEmpty {
                    #expect(store.tornTail == nil, "cut at \(cut)")
                } else {
                    #expect(store.tornTail == Store.TornTail(line: lastLineNumber, bytes: fragment.count), "cut at \(cut)")
                }
                #expect(sameLedger(store.ledger, before), "cut at \(cut)")
                #expect(try store.follow() == [], "cut at \(cut)")

                let decided = try store.record(TestData.decision(.approved, on: try #require(store.ledger.claim(pendingKey))))
                #expect(decided.seq == before.lastSeq + 1, "cut at \(cut)")
                #expect(store.tornTail == nil, "cut at \(cut)")
                #expect(StoreCheck.run(dir) == nil, "cut at \(cut)")
                let repaired = try TestData.bytes(dir.journal)
                #expect(repaired.last == 0x0A, "cut at \(cut)")
                #expect(Array(repaired.prefix(previousNewline + 1)) == Array(full[0...previousNewline]), "cut at \(cut)")
                #expect(repaired.filter { $0 == 0x0A }.count == lastLineNumber, "cut at \(cut)")

                let torn = FileManager.default.contents(atPath: dir.torn.path).map { [UInt8]($0) }
                if fragment.isEmpty {
                    #expect(torn == nil, "cut at \(cut)")
                } else {
                    let kept = try #require(torn, "cut at \(cut): journal.torn missing")
                    let note = Array("# 2023-11-14T22:23:20Z journal.tsv line \(lastLineNumber), \(fragment.count) bytes that form no complete line or batch\n".utf8)
                    #expect(kept == note + fragment + [0x0A], "cut at \(cut)")
                }

                let reopened = try TestData.open(copy)
                #expect(reopened.tornTail == nil, "cut at \(cut)")
                #expect(reopened.readOnlyReason == nil, "cut at \(cut)")
                #expect(reopened.ledger.claim(pendingKey)?.state == .approved, "cut at \(cut)")
                #expect(reopened.ledger.claim(TestData.key("3702000003", "4.1"))?.state == .pending, "cut at \(cut)")
                checked += 1
            }
            #expect(checked == finalNewline - previousNewline)
            #expect(checked > 100)
        }
    }

    @Test func tornTailIsReportedByCheckAndFollowIgnoresItUntilRepaired() throws {
        try withTemporaryDirectory { root in
            let before = try Self.buildSource(at: root)
            let dir = DataDirectory(root)
            let full = try TestData.bytes(dir.journal)
            try Data(full.dropLast(10)).write(to: dir.journal)
            #expect(StoreCheck.run(dir) == .journal(file: dir.journal.path, line: 8,
                                                    problem: "the last \(full.count - 10 - (full.dropLast(10).dropLast().lastIndex(of: 0x0A)! + 1)) bytes form no complete line or batch (a write torn by a crash); the next append sets them aside"))
            let store = try TestData.open(root)
            #expect(store.tornTail?.line == 8)
            #expect(try store.follow() == [])
            #expect(store.tornTail?.line == 8)
            #expect(sameLedger(store.ledger, before))
        }
    }

    /// Another process repairs the torn tail and appends a line exactly as long as the fragment was:
    /// the file size is what this store last saw, yet there is a new event to follow.
    @Test func followSeesAnAppendThatReplacesATornTailOfTheSameLength() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            let writer = try TestData.open(root, actor: "zhangsan")
            try writer.record(TestData.firstSubmissions)
            // A crash while writing an approval of 济南 3.1 by "zhangsan" leaves its line without the newline.
            var crashed = TestData.decision(.approved, school: "3701000001", item: "3.1", basis: 1)
                .event(seq: 4, time: TestData.now, actor: "zhangsan")
            crashed.round = 1; crashed.seen = .pending
            let lastHash = try decodeLine(try TestData.lines(dir.journal)[4]).hash
            let line = Array(JournalCodec.encode(crashed, previousHash: lastHash).line.utf8)
            let handle = try FileHandle(forWritingTo: dir.journal)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.dropLast()))
            try handle.close()
            let tornSize = try TestData.fileSize(dir.journal)

            let follower = try TestData.open(root, actor: "lisi")
            #expect(follower.tornTail == Store.TornTail(line: 6, bytes: line.count - 1))

            // "zhangsa" (one letter shorter, same clock) approves 青岛 4.1: its whole line is as long as the fragment.
            let other = try TestData.open(root, actor: "zhangsa")
            let approved = try other.record(TestData.decision(.approved, on: try #require(other.ledger.claim(TestData.key("3702000003", "4.1")))))
            #expect(try TestData.fileSize(dir.journal) == tornSize)
            #expect(StoreCheck.run(dir) == nil)

            #expect(try follower.follow() == [approved])
            #expect(follower.ledger.claim(TestData.key("3702000003", "4.1"))?.state == .approved)
            #expect(follower.tornTail == nil)
        }
    }
}
