import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

/// Property tests over random and mutated input (seeds and iteration counts: FuzzSupport.swift).
/// A crash or a hang fails the run outright; every other failure names the seed that replays it.
@Suite struct JournalCodecPropertyTests {
    /// The problem prefixes `JournalCodec.decode` may give: each names the field (or the field count).
    static let namedProblems = ["expected 16 TAB-separated fields, found ", "actor, school and item must not be empty"]
        + ["seq", "time", "round", "kind", "seen", "basis", "quantity", "self", "industry", "sponsor", "local", "hash"].map { "\($0): " }

    static func decode(_ bytes: [UInt8]) -> Result<JournalCodec.Decoded, JournalCodec.DecodeError> {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(JournalCodec.DecodeError) { return .success(try JournalCodec.decode(buffer)) } catch { return .failure(error) }
        }
    }

    @Test func randomEventsRoundTrip() throws {
        let n = Fuzz.iterations(6000)
        var (rng, seed) = Fuzz.start("journal round trip", iterations: n)
        var previous = JournalCodec.genesis
        for i in 0..<n {
            let event = Fuzz.event(&rng)
            let (line, hash) = JournalCodec.encode(event, previousHash: previous)
            let bytes = Array(line.utf8)
            #expect(bytes.last == 0x0A, "\(seed) #\(i)")
            #expect(bytes.filter { $0 == 0x0A || $0 == 0x0D }.count == 1, "\(seed) #\(i): a line break inside the line \(line.debugDescription)")
            #expect(bytes.filter { $0 == 0x09 }.count == 15, "\(seed) #\(i): \(line.debugDescription)")
            switch Self.decode(Array(bytes.dropLast())) {
            case .failure(let e):
                Issue.record("\(seed) #\(i): \(line.debugDescription) does not decode: \(e)")
            case .success(let decoded):
                #expect(decoded.event == event, "\(seed) #\(i): \(event) came back as \(decoded.event)")
                #expect(decoded.hash == hash, "\(seed) #\(i)")
                #expect(JournalCodec.hash(previous: previous, body: bytes[0..<decoded.bodyLength]) == hash, "\(seed) #\(i)")
            }
            previous = hash
        }
    }

    /// Valid lines with bytes flipped, inserted or deleted, fields replaced by odd tokens (huge numbers,
    /// invalid UTF-8, escapes): decode never crashes, every rejection names its field, and every accepted
    /// line whose body changed fails the hash chain (what `tzpy check` relies on).
    @Test func mutatedLinesAreRejectedByFieldOrCaughtByTheHash() throws {
        let n = Fuzz.iterations(20000)
        var (rng, seed) = Fuzz.start("journal decode of mutated lines", iterations: n)
        var rejected = 0, accepted = 0
        for i in 0..<n {
            let previous = i % 3 == 0 ? JournalCodec.genesis : JournalCodec.hash(previous: "", body: [UInt8(i & 0xFF)])
            let original = Array(JournalCodec.encode(Fuzz.event(&rng), previousHash: previous).line.utf8.dropLast())
            let mutated = Fuzz.mutate(original, &rng)
            switch Self.decode(mutated) {
            case .failure(let e):
                rejected += 1
                #expect(Self.namedProblems.contains { e.description.hasPrefix($0) }, "\(seed) #\(i): \(e) names no field, for \(String(decoding: mutated, as: UTF8.self).debugDescription)")
            case .success(let decoded):
                accepted += 1
                let lastTab = try #require(mutated.lastIndex(of: 0x09))
                #expect(decoded.bodyLength == lastTab + 1, "\(seed) #\(i)")
                let originalLastTab = try #require(original.lastIndex(of: 0x09))
                let originalBody = original[...originalLastTab]
                if Array(mutated[..<decoded.bodyLength]) != Array(originalBody) {
                    #expect(JournalCodec.hash(previous: previous, body: mutated[..<decoded.bodyLength]) != decoded.hash,
                            "\(seed) #\(i): a changed line keeps a valid hash: \(String(decoding: mutated, as: UTF8.self).debugDescription)")
                }
                // Whatever was accepted is an event the codec writes and reads back the same.
                let again = JournalCodec.encode(decoded.event, previousHash: previous).line
                if case .success(let back) = Self.decode(Array(again.utf8.dropLast())) {
                    #expect(back.event == decoded.event, "\(seed) #\(i)")
                } else {
                    Issue.record("\(seed) #\(i): the re-encoded \(again.debugDescription) does not decode")
                }
            }
        }
        #expect(rejected > n / 2 && accepted > 0, "\(seed): \(rejected) rejected, \(accepted) accepted: the mutations miss")
    }

    /// Lines made of random fields (some valid, most odd), and random bytes: no crash, every rejection named.
    @Test func randomFieldsAndBytesAreRejectedByField() throws {
        let n = Fuzz.iterations(10000)
        var (rng, seed) = Fuzz.start("journal decode of random fields", iterations: n)
        let valid = JournalCodec.encode(ReviewEvent(seq: 7, time: Timestamp(seconds: 1_600_000_000), actor: "liuyang", school: "3701000001",
                                                    item: "3.1", round: 1, kind: .returned, seen: .pending, basis: 3,
                                                    comment: "经费预算填写不完整"), previousHash: JournalCodec.genesis).line
        let validFields = valid.dropLast().split(separator: "\t", omittingEmptySubsequences: false).map { Array($0.utf8) }
        for i in 0..<n {
            var line: [UInt8]
            if i % 4 == 3 {
                line = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                let count = Int.random(in: 0..<5, using: &rng) == 0 ? Int.random(in: 0...40, using: &rng) : 16
                let fields = (0..<count).map { f in
                    f < 16 && Bool.random(using: &rng) ? validFields[f] : Fuzz.tokens.randomElement(using: &rng)!
                }
                line = Array(fields.joined(separator: [0x09]))
            }
            if case .failure(let e) = Self.decode(line) {
                #expect(Self.namedProblems.contains { e.description.hasPrefix($0) }, "\(seed) #\(i): \(e) names no field")
            }
        }
    }

    /// Every time the reader accepts is written back the same: years below 1000 keep their four digits.
    @Test func earlyYearsAreWrittenAsTheyAreRead() throws {
        for text in ["0000-01-01T00:00:00Z", "0009-02-28T01:02:03Z", "0099-12-31T23:59:59Z", "0999-03-01T00:00:00Z", "1000-01-01T00:00:00Z"] {
            let t = try #require(Timestamp.parse(Substring(text)), "\(text)")
            #expect(t.description == text)
        }
    }

    /// A returned claim's comment and the actor keep TAB, CR, LF and backslashes, also when a combining
    /// mark follows one of them (the escape works on characters, so `\t` + U+0301 must not become `t́`).
    @Test func escapesSurviveCombiningMarks() throws {
        for text in ["\t\u{301}", "\n\u{308}末尾", "\\\u{301}", "a\\", "\\", "\r\n\u{301}", "退回\\t不是TAB\t是TAB"] {
            let event = ReviewEvent(seq: 1, time: Timestamp(seconds: 0), actor: "user" + text, school: "3701000001", item: "1",
                                    round: 1, kind: .returned, seen: .pending, basis: 1, comment: text)
            let line = JournalCodec.encode(event, previousHash: JournalCodec.genesis).line
            let decoded = try Self.decode(Array(line.utf8.dropLast())).get()
            #expect(decoded.event.comment == text, "\(text.debugDescription)")
            #expect(decoded.event.actor == "user" + text, "\(text.debugDescription)")
        }
    }
}

@Suite struct ReferenceFilePropertyTests {
    /// Checks an error from a reference-file parser: the file as given, a line of the file (0 only where
    /// the parser reports a missing line), and a field from `fields`.
    static func expectNamed(_ file: String, _ line: Int, _ field: String, in text: String, expectedFile: String,
                            fields: (String) -> Bool, allowLineZero: Bool = false, _ context: String) {
        #expect(file == expectedFile, "\(context)")
        let lines = Fuzz.lineCount(text)
        #expect(line >= (allowLineZero ? 0 : 1) && line <= max(lines, 1), "\(context): line \(line) of \(lines)")
        #expect(fields(field), "\(context): field \(field.debugDescription)")
    }

    static let catalogFields: Set = ["kind", "catalog", "section", "task", "item", "id", "number", "title", "text", "departments",
                                     "code", "unit", "claimable"]

    @Test func mutatedCatalogsParseOrNameFileLineAndField() throws {
        let n = Fuzz.iterations(600)
        var (rng, seed) = Fuzz.start("catalog parse", iterations: n)
        let bases = [TestData.catalogText, try BundledData.catalogText("shandong-2020").text]
        var rejected = 0
        for i in 0..<n {
            let text = Fuzz.mutateText(bases[i % 2], &rng)
            let file = "/fuzz/\(i)/catalog.tsv"
            do {
                let catalog = try CatalogFormat.parse(text, file: file)
                // (A file cut after its catalog record parses as a catalog without tasks: allowed by the format.)
                #expect(!catalog.id.isEmpty && (catalog.tasks.isEmpty || !catalog.items.isEmpty), "\(seed) #\(i)")
                #expect(Set(catalog.items.map(\.code)).count == catalog.items.count, "\(seed) #\(i): duplicate item codes accepted")
                #expect(catalog.tasks.allSatisfy { t in catalog.items.contains { $0.task == t.number } }, "\(seed) #\(i): a task without items")
            } catch {
                rejected += 1
                Self.expectNamed(error.file, error.line, error.field, in: text, expectedFile: file, fields: Self.catalogFields.contains,
                                 "\(seed) #\(i): \(error)")
            }
        }
        #expect(rejected > n / 4, "\(seed): only \(rejected) of \(n) mutated catalogs rejected: the mutations miss")
    }

    @Test func mutatedCampaignsParseOrNameFileLineAndField() throws {
        let n = Fuzz.iterations(3000)
        var (rng, seed) = Fuzz.start("campaign parse", iterations: n)
        let bases = [
            ReferenceFiles.formatCampaign(TestData.campaign()),
            "# 本省申报要求\n\n" + ReferenceFiles.formatCampaign(TestData.campaign(open: ["3.1", "4.2", "29"],
                                                                                   instructions: "第一行\n第二行\t带TAB\\反斜杠")),
        ]
        var rejected = 0
        for i in 0..<n {
            let text = Fuzz.mutateText(bases[i % 2], &rng)
            let file = "/fuzz/\(i)/campaign.tsv"
            do {
                let campaign = try ReferenceFiles.parseCampaign(text, file: file, catalog: TestData.catalog)
                #expect(campaign.start <= campaign.end, "\(seed) #\(i)")
                #expect(campaign.openItems.allSatisfy { TestData.catalog.item($0) != nil }, "\(seed) #\(i)")
            } catch {
                rejected += 1
                guard case .reference(let f, let line, let field, let problem) = error else {
                    Issue.record("\(seed) #\(i): not a reference error: \(error)"); continue
                }
                // An unknown key is reported under the key as written; every other problem under a known key.
                Self.expectNamed(f, line, field, in: text, expectedFile: file,
                                 fields: { !InputText.trim($0).isEmpty && (ReferenceFiles.campaignKeys.contains($0) || problem.hasPrefix("expected one of")) },
                                 allowLineZero: problem.hasPrefix("missing"), "\(seed) #\(i): \(error)")
            }
        }
        #expect(rejected > n / 4, "\(seed): only \(rejected) of \(n) mutated campaigns rejected")
    }

    /// A campaign line whose key is blank (it starts with a TAB, a space or a CR) is reported under `key`.
    @Test func blankCampaignKeyIsNamedKey() throws {
        let good = ReferenceFiles.formatCampaign(TestData.campaign())
        for (blank, shown) in [("", "\"\""), (" ", "\" \""), ("\r", "\"\\r\"")] {
            let text = good + "\(blank)\t山东省\n"
            #expect(throws: StoreError.reference(file: "/x/campaign.tsv", line: Fuzz.lineCount(good), field: "key",
                                                 problem: "expected one of province, catalog, start, end, instructions, contact, open, city-review, found \(shown)")) {
                try ReferenceFiles.parseCampaign(text, file: "/x/campaign.tsv", catalog: TestData.catalog)
            }
        }
    }

    static let schoolFields = Set(["表头", "列数"] + ReferenceFiles.schoolColumns)

    @Test func mutatedSchoolFilesParseOrNameFileLineAndField() throws {
        let n = Fuzz.iterations(3000)
        var (rng, seed) = Fuzz.start("schools parse", iterations: n)
        let more = [
            TestData.school("3713000101", "临沂市兰陵县职业教育中心学校", .secondary, "临沂市", manager: "司马建国", office: "0539-5211234", mobile: "15853900004"),
            try School(code: "3717000077", name: "菏泽产教融合发展有限公司", type: .other, city: "菏泽市", contacts: .unfilled),
        ]
        let bases = [ReferenceFiles.formatSchools(TestData.schools + more),
                     "\u{FEFF}# 学校\r\n" + ReferenceFiles.formatSchools(TestData.schools).replacingOccurrences(of: "\n", with: "\r\n")]
        var rejected = 0
        for i in 0..<n {
            let text = Fuzz.mutateText(bases[i % 2], &rng)
            let file = "/fuzz/\(i)/schools.tsv"
            do {
                let schools = try ReferenceFiles.parseSchools(text, file: file)
                #expect(Set(schools.map(\.code)).count == schools.count, "\(seed) #\(i): duplicate codes accepted")
                #expect(schools.allSatisfy { $0.code.utf8.count == 10 && $0.code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }, "\(seed) #\(i)")
                // What was read is written back and read again to the same file (writing turns a stray CR
                // inside a field into a space, as it does TAB and LF: formats.md §6).
                let written = ReferenceFiles.formatSchools(schools)
                let again = try ReferenceFiles.parseSchools(written, file: file)
                #expect(ReferenceFiles.formatSchools(again) == written, "\(seed) #\(i)")
                #expect(again.map(\.code) == schools.map(\.code), "\(seed) #\(i)")
            } catch {
                rejected += 1
                guard case .reference(let f, let line, let field, _) = error else {
                    Issue.record("\(seed) #\(i): not a reference error: \(error)"); continue
                }
                Self.expectNamed(f, line, field, in: text, expectedFile: file, fields: Self.schoolFields.contains, "\(seed) #\(i): \(error)")
            }
        }
        #expect(rejected > n / 4, "\(seed): only \(rejected) of \(n) mutated school files rejected")
    }
}

@Suite struct MutatedJournalStoreTests {
    /// A journal of 14 events: submissions (Chinese comments with TAB, LF and backslashes), approvals, a
    /// return, a resubmission and a reopening.
    static func build(at root: URL) throws {
        try TestData.create(at: root)
        let store = try TestData.open(root)
        try store.record(TestData.firstSubmissions)
        try store.record(TestData.submission("3707000012", "18.2", quantity: 6, funds: Funds(wan: 12, 3, 0, 2)))
        try store.record(TestData.submission("3707000012", "1", quantity: nil, funds: Funds(wan: 1, 0, 0, 0)))
        func claim(_ s: String, _ i: String) throws -> Claim { try #require(store.ledger.claim(TestData.key(s, i))) }
        try store.record(TestData.decision(.approved, on: try claim("3701000001", "3.1")))
        try store.record(TestData.decision(.returned, on: try claim("3702000003", "4.1"), comment: "经费预算填写不完整\t举办方投入过高\\附件\n第二行"))
        try store.record(TestData.submission("3702000003", "4.1", quantity: 100, funds: Funds(wan: 18, 10, 0, 5), kind: .resubmitted,
                                             basis: try claim("3702000003", "4.1").version))
        try store.record(TestData.decision(.approved, on: try claim("3707000012", "18.2")))
        try store.record(TestData.decision(.reopened, on: try claim("3707000012", "18.2"), comment: "误操作，撤销"))
        try store.record(TestData.decision(.returned, on: try claim("3707000012", "18.2"), comment: "请补充地市县投入的依据\r\n附件见邮件"))
        try store.record(TestData.decision(.approved, on: try claim("3701000001", "1")))
        try store.record(TestData.decision(.returned, on: try claim("3702000003", "4.1"), comment: "第二轮：承接数量与学校实际不符"))
        try store.record(TestData.submission("3701000001", "2", quantity: nil, funds: Funds(wan: 0, 0, 0, 0)))
        #expect(StoreCheck.run(store.directory) == nil)
    }

    /// A valid journal with random damage (bytes, lines removed, repeated, swapped, joined, cut): the store
    /// opens — writable, with a torn tail set aside, or read-only naming the journal and a line of it — and
    /// never crashes; `tzpy check`'s reader and the log reader do not crash either; a writable store's
    /// next append reopens to the same state plus that event.
    @Test func mutatedJournalsOpenWithoutCrashing() throws {
        let n = Fuzz.iterations(250)
        var (rng, seed) = Fuzz.start("store open of mutated journals", iterations: n)
        try withTemporaryDirectory { root in
            let source = root.appendingPathComponent("source")
            try Self.build(at: source)
            let valid = try TestData.bytes(DataDirectory(source).journal)
            let work = root.appendingPathComponent("work")
            try TestData.copyReference(from: source, to: work)
            let dir = DataDirectory(work)
            var readOnly = 0, torn = 0, writable = 0
            for i in 0..<n {
                // The split leaves an empty last element after the final newline: lines[count - 2] is the last event.
                var lines = valid.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                switch Int.random(in: 0..<7, using: &rng) {
                case 0:
                    let a = Int.random(in: 0..<lines.count, using: &rng), b = Int.random(in: 0..<lines.count, using: &rng)
                    lines.swapAt(a, b)
                case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &rng)], at: Int.random(in: 0...lines.count, using: &rng))
                case 2: lines.remove(at: Int.random(in: 0..<lines.count, using: &rng))
                case 3, 4:
                    // Damage near the end, so the events before it replay and the store may stay writable.
                    let k = lines.count - 1 - Int.random(in: 0...3, using: &rng)
                    lines[k] = Fuzz.mutate(lines[k], &rng)
                default:
                    let k = Int.random(in: 0..<lines.count, using: &rng)
                    lines[k] = Fuzz.mutate(lines[k], &rng)
                }
                var bytes = Array(lines.joined(separator: [0x0A]))
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: bytes = Fuzz.mutate(bytes, &rng)
                case 1: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))   // a cut anywhere
                default: break
                }
                try Data(bytes).write(to: dir.journal)
                try? FileManager.default.removeItem(at: dir.torn)
                let context = "\(seed) #\(i): \(String(decoding: bytes, as: UTF8.self).debugDescription)"
                let complete = bytes.filter { $0 == 0x0A }.count

                let store: Store
                do { store = try TestData.open(work) } catch {
                    Issue.record("\(context): open threw \(error)"); continue
                }
                #expect(store.ledger.lastSeq <= max(0, complete - 1), "\(context)")
                _ = try? JournalReader.forEach(dir.journal) { _ in }
                if let problem = StoreCheck.run(dir) {
                    guard case .journal(let file, let line, _) = problem else { Issue.record("\(context): check: \(problem)"); continue }
                    #expect(file == dir.journal.path && line >= 1 && line <= complete + 1, "\(context): check: \(problem)")
                }
                if let reason = store.readOnlyReason {
                    readOnly += 1
                    guard case .journal(let file, let line, let problem) = reason else { Issue.record("\(context): \(reason)"); continue }
                    #expect(file == dir.journal.path && line >= 1 && line <= complete, "\(context): \(reason)")
                    #expect(!problem.isEmpty, "\(context)")
                    #expect(throws: StoreError.readOnly(reason.description), "\(context)") {
                        try store.record(TestData.decision(.approved, school: "3701000001", item: "2", basis: 1))
                    }
                    continue
                }
                if let tail = store.tornTail {
                    torn += 1
                    let after = bytes.count - (bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
                    if tail.line == complete + 1 {
                        #expect(tail.bytes == after, "\(context)")
                    } else {
                        // An incomplete batch: the tail starts at its batch line and runs to the end.
                        let starts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
                        let start = starts[tail.line - 1]
                        #expect(bytes[start...].starts(with: Array("batch\t".utf8)), "\(context)")
                        #expect(tail.bytes == bytes.count - start, "\(context)")
                    }
                } else {
                    writable += 1
                    #expect(bytes.isEmpty || bytes.last == 0x0A, "\(context): a fragment without its newline was not seen")
                }
                #expect(try store.follow() == [], "\(context)")
                // The next append: a decision on the pending claim 济南 2, whatever its state now.
                let key = TestData.key("3701000001", "2")
                let draft = TestData.decision(.approved, school: key.school, item: key.item, basis: store.ledger.claim(key)?.version ?? 0)
                guard let written = try? store.record(draft) else { continue }
                #expect(store.tornTail == nil, "\(context)")
                let reopened = try TestData.open(work)
                #expect(reopened.readOnlyReason == nil && reopened.tornTail == nil, "\(context): after the append \(String(describing: reopened.readOnlyReason))")
                #expect(reopened.ledger.lastSeq == written.seq, "\(context)")
                #expect(reopened.ledger.claim(key)?.state == .approved, "\(context)")
            }
            print("fuzz store open of mutated journals: \(readOnly) read-only, \(torn) with a torn tail, \(writable) writable")
            #expect(readOnly > 0 && writable > 0, "\(seed): \(readOnly) read-only, \(writable) writable: the mutations miss")
        }
    }
}
