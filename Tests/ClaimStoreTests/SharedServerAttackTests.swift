#if canImport(Glibc)
import Glibc
#endif
import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// What a colleague with write access to the data dir tried on the old store, each now refused: the
/// store opens files only through the directory's descriptor, never follows a symlink, never writes
/// under a predictable name, and refuses files that are not plainly its owner's.
@Suite struct SharedServerAttackTests {
    /// A data dir with the three first submissions, and a claim that ends in a torn line.
    static func tornStore(at root: URL) throws -> DataDirectory {
        try TestData.create(at: root)
        let store = try TestData.open(root)
        try store.record(TestData.firstSubmissions)
        let dir = DataDirectory(root)
        let handle = try FileHandle(forWritingTo: dir.journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("5\t2023-11-14T22:13:20Z\tzhangsan\t370".utf8))
        try handle.close()
        return dir
    }

    @Test func journalTornSymlinkToAColleaguesFileIsNeverFollowed() throws {
        try withTemporaryDirectory { root in
            let data = root.appendingPathComponent("data")
            let dir = try Self.tornStore(at: data)
            let victim = root.appendingPathComponent("bashrc")
            try "alias ls='ls --color'\n".write(to: victim, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(at: dir.torn, withDestinationURL: victim)

            let store = try TestData.open(data, actor: "lisi")
            #expect(store.tornTail != nil)
            let unsafe = StoreError.unsafe(path: dir.torn.path, problem: "应为普通文件，实际是符号链接；请删除它并从备份恢复")
            #expect(store.readOnlyReason == unsafe)
            let claim = try #require(store.ledger.claim(TestData.key("3701000001", "3.1")))
            #expect(throws: StoreError.readOnly(unsafe.description)) {
                try store.record(TestData.decision(.approved, on: claim))
            }
            #expect(try String(contentsOf: victim, encoding: .utf8) == "alias ls='ls --color'\n")
            // The journal was not repaired either: the torn fragment is still there for an honest repair.
            #expect(try TestData.bytes(dir.journal).last != 0x0A)
        }
    }

    @Test func aSymlinkedReferenceFileIsRefusedOnOpen() throws {
        try withTemporaryDirectory { root in
            let data = root.appendingPathComponent("data")
            try TestData.create(at: data)
            let dir = DataDirectory(data)
            let elsewhere = root.appendingPathComponent("schools.tsv")
            try FileManager.default.moveItem(at: dir.schools, to: elsewhere)
            try FileManager.default.createSymbolicLink(at: dir.schools, withDestinationURL: elsewhere)
            #expect(throws: StoreError.unsafe(path: dir.schools.path, problem: "应为普通文件，实际是符号链接；请删除它并从备份恢复")) {
                try TestData.open(data)
            }
        }
    }

    @Test func aHardLinkedJournalIsRefused() throws {
        try withTemporaryDirectory { root in
            let data = root.appendingPathComponent("data")
            try TestData.create(at: data)
            let dir = DataDirectory(data)
            #expect(link(dir.journal.path, root.appendingPathComponent("mine").path) == 0)
            #expect(throws: StoreError.unsafe(path: dir.journal.path, problem: "应只有一个链接，实际有 2 个（硬链接可把写入引到别处）；请用 cp 复制成独立文件")) {
                try TestData.open(data)
            }
        }
    }

    /// The old writer used `.schools.tsv.<pid>.tmp`: symlinks planted at every such name for the next
    /// thousand pids make no difference now, and the target stays untouched.
    @Test func plantedTemporaryNamesAreNotUsed() throws {
        try withTemporaryDirectory { root in
            let data = root.appendingPathComponent("data")
            try TestData.create(at: data, schools: [TestData.jinan])
            let victim = root.appendingPathComponent("victim")
            try "mine\n".write(to: victim, atomically: true, encoding: .utf8)
            let pid = Int(getpid())
            for p in pid..<(pid + 1000) {
                try FileManager.default.createSymbolicLink(at: data.appendingPathComponent(".schools.tsv.\(p).tmp"), withDestinationURL: victim)
            }
            let store = try TestData.open(data)
            try store.record([], schools: [TestData.qingdao])
            #expect(try String(contentsOf: victim, encoding: .utf8) == "mine\n")
            #expect(try TestData.open(data).ledger.school(TestData.qingdao.code) == TestData.qingdao)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: DataDirectory(data).schools.path)[.posixPermissions] as? Int)
            #expect(mode & 0o027 == 0, "schools.tsv is \(String(mode, radix: 8)): group write or any other access")
        }
    }

    @Test func aDataDirOthersCanWriteIsReadOnlyAndSaysHowToFixIt() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            try TestData.open(root).record(TestData.firstSubmissions)
            #expect(chmod(root.path, 0o777) == 0)
            let store = try TestData.open(root)
            #expect(store.readOnlyReason == .unsafe(path: root.path, problem: "可被所有者以外的用户写入（权限 0777）；请运行 chmod go-w \(root.path)"))
            #expect(store.ledger.claims.count == 3)
            let claim = try #require(store.ledger.claim(TestData.key("3701000001", "3.1")))
            #expect(throws: StoreError.readOnly(store.readOnlyReason!.description)) { try store.record(TestData.decision(.approved, on: claim)) }

            #expect(chmod(root.path, 0o750) == 0)
            let journal = DataDirectory(root).journal.path
            #expect(chmod(journal, 0o666) == 0)
            #expect(try TestData.open(root).readOnlyReason == .unsafe(path: journal, problem: "可被所有者以外的用户写入（权限 0666）；请运行 chmod go-w \(journal)"))
            #expect(chmod(journal, 0o640) == 0)
            #expect(try TestData.open(root).readOnlyReason == nil)
        }
    }

    /// An import that added a school used to turn every other open store read-only ("未知学校") on its
    /// next follow. Now follow reads the new schools.tsv under the same lock before the journal.
    @Test func aSchoolImportedElsewhereReachesOpenStoresThatKeepWriting() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root, schools: [TestData.jinan])
            let console = try TestData.open(root, actor: "lisi")
            let importer = try TestData.open(root)
            let written = try importer.record([TestData.submission("3702000003", "4.1", quantity: 120, funds: Funds(wan: 20, 10, 0, 5))],
                                              schools: [TestData.qingdao])
            #expect(try console.follow() == written)
            #expect(console.readOnlyReason == nil)
            #expect(console.ledger.school("3702000003") == TestData.qingdao)
            let claim = try #require(console.ledger.claim(TestData.key("3702000003", "4.1")))
            let decided = try console.record(TestData.decision(.approved, on: claim))
            #expect(decided.actor == "lisi")
            #expect(StoreCheck.run(DataDirectory(root)) == nil)
        }
    }

    /// A comment reaches the journal as one line of plain text, at most 500 characters, whoever sends it.
    @Test func commentsAreCleanedAndCappedBeforeTheJournal() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            try store.record(TestData.firstSubmissions)
            let claim = try #require(store.ledger.claim(TestData.key("3701000001", "3.1")))
            let long = String(repeating: "经", count: 501)
            #expect(throws: StoreError.invalid(FieldError(field: "修改意见", expected: "不超过 500 个字", found: "501 个字"))) {
                try store.record(TestData.decision(.returned, on: claim, comment: long))
            }
            let written = try store.record(TestData.decision(.returned, on: claim, comment: "\u{1B}]0;pwned\u{07}请补充\u{202E}依据\r\n\u{9B}2J"))
            #expect(written.comment == "]0;pwned 请补充依据 2J")
            let journal = try TestData.bytes(DataDirectory(root).journal)
            #expect(!journal.contains(0x1B) && !journal.contains(0x07))
            #expect(!String(decoding: journal, as: UTF8.self).unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B })
            #expect(try TestData.open(root).ledger.claim(claim.key)?.state == .returned(comment: "]0;pwned 请补充依据 2J"))
        }
    }

    /// A well-formed edit (+900 万元 on a submission) used to pass unnoticed by everything but `check`.
    @Test func anEditedAmountIsFoundOnOpenAndNamesTheLine() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            try store.record(TestData.submission("3701000001", "3.1", quantity: 2, funds: Funds(wan: 6, 5, 4, 1)))
            try store.record(TestData.submission("3702000003", "4.1", quantity: 120, funds: Funds(wan: 20, 10, 0, 5)))
            let dir = DataDirectory(root)
            var lines = try TestData.lines(dir.journal)
            #expect(lines[1].contains("\t6\t5\t4\t1\t"))
            lines[1] = lines[1].replacingOccurrences(of: "\t6\t5\t4\t1\t", with: "\t906\t5\t4\t1\t")
            try lines.joined(separator: "\n").write(to: dir.journal, atomically: true, encoding: .utf8)

            let reopened = try TestData.open(root, actor: "lisi")
            guard case .journal(let file, let line, let problem)? = reopened.readOnlyReason else {
                Issue.record("expected a journal problem, found \(String(describing: reopened.readOnlyReason))")
                return
            }
            #expect(file == dir.journal.path)
            #expect(line == 2)
            #expect(problem.hasPrefix("hash chain broken"))
            #expect(reopened.ledger.claims.isEmpty)
            #expect(reopened.ledger.totals.province.intended.funds.total == .zero)
        }
    }
}

/// Batches are all or nothing on disk: a batch line announces its events, and replay applies none of a
/// batch whose lines are not all there (kill -9 in the middle of an import's one big write).
@Suite struct BatchTests {
    @Test func aBatchCutAnywhereAppliesNothingAndTheNextWriteSetsItAsideWhole() throws {
        try withTemporaryDirectory { root in
            let source = root.appendingPathComponent("source")
            try TestData.create(at: source)
            let writer = try TestData.open(source)
            try writer.record(TestData.submission("3707000012", "18.2", quantity: 6, funds: Funds(wan: 12, 3, 0, 2)))
            let before = writer.ledger
            let goodLength = try TestData.bytes(DataDirectory(source).journal).count
            try writer.record(TestData.firstSubmissions)
            let full = try TestData.bytes(DataDirectory(source).journal)
            #expect(String(decoding: full[goodLength...].prefix(6), as: UTF8.self) == "batch\t")

            var cuts = 0
            for cut in stride(from: goodLength + 1, to: full.count, by: 7) {
                let copy = root.appendingPathComponent("cut-\(cut)")
                defer { try? FileManager.default.removeItem(at: copy) }
                try TestData.copyReference(from: source, to: copy)
                let dir = DataDirectory(copy)
                try Data(full[0..<cut]).write(to: dir.journal)

                let store = try TestData.open(copy, actor: "lisi", clock: TestData.laterClock)
                #expect(store.readOnlyReason == nil, "cut at \(cut)")
                #expect(store.tornTail == Store.TornTail(line: 3, bytes: cut - goodLength), "cut at \(cut)")
                #expect(sameLedger(store.ledger, before), "cut at \(cut)")
                guard case .journal(_, 3, let problem)? = StoreCheck.run(dir), problem.contains("no complete line or batch") else {
                    Issue.record("cut at \(cut): check says \(String(describing: StoreCheck.run(dir)))")
                    continue
                }

                let claim = try #require(store.ledger.claim(TestData.key("3707000012", "18.2")))
                try store.record(TestData.decision(.approved, on: claim))
                #expect(StoreCheck.run(dir) == nil, "cut at \(cut)")
                let torn = try String(contentsOf: dir.torn, encoding: .utf8)
                #expect(torn.hasPrefix("# 2023-11-14T22:23:20Z journal.tsv line 3, \(cut - goodLength) bytes"), "cut at \(cut)")
                if cut - goodLength > 8 { #expect(torn.contains("batch\t3\t"), "cut at \(cut)") }
                // journal.torn is made like every file of the store: mode 0640 at most, whoever repairs the tail.
                let mode = try #require(try FileManager.default.attributesOfItem(atPath: dir.torn.path)[.posixPermissions] as? Int)
                #expect(mode & 0o027 == 0, "cut at \(cut): journal.torn is \(String(mode, radix: 8))")
                let reopened = try TestData.open(copy)
                #expect(reopened.ledger.claims.count == 1, "cut at \(cut)")
                cuts += 1
            }
            #expect(cuts > 40)
        }
    }

    @Test func aCompleteBatchFollowsAsOneUnit() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let follower = try TestData.open(root, actor: "lisi")
            let written = try TestData.open(root).record(TestData.firstSubmissions)
            #expect(try follower.follow() == written)
            #expect(follower.ledger.claims.count == 3)
        }
    }
}
