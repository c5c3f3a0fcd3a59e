#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClaimKit
import Crypto

/// ledger.checkpoint: the ledger folded up to journal line N, chained to that line's hash, so an open
/// loads it and replays only the journal after it (docs/formats.md §15 gives every field).
///
/// The journal stays the only source of truth: a checkpoint is used only when its format version, its
/// checksum, the reference files it was folded over and journal line N's hash all match, and is otherwise
/// ignored (and rewritten by a process that may write). Loading is a few `pread`s straight into the claim
/// table's storage: the records are `ClaimRecord`s as they lie in memory, no String made per claim.
struct Checkpoint {
    /// The format version: a loader takes this one only. Bump it whenever the records or any section change
    /// (a new `StateCode` or event kind, a new field), so that an older checkpoint is ignored and rebuilt.
    static let version: UInt32 = 2
    static let magic = Array("TZPYCKPT".utf8)
    /// Bytes before the records: the fields, then the checksum of the fields and the body (`Checksum64`).
    static let headerSize = 136
    static let checksumAt = 128

    /// Bytes of journal.tsv folded: the file up to and including line N's newline.
    let journalBytes: Int
    /// N: the number of the last journal line folded (the header is line 1).
    let line: Int
    /// Line N's hash, 16 hex digits: the chain goes on from it.
    let lineHash: String
    /// The reference files it was folded over (`ReferenceDigest`).
    let reference: [UInt8]
    /// The ledger's state (emptied once a ledger is made of it, so that the ledger's table is its own).
    var folded: FoldedLedger
    /// The byte offset of each event's line in journal.tsv, by seq - 1.
    var offsets: [Int]

    /// The file's bytes: header, records, offsets, actors, comments, drafts.
    func encoded(schools: Int, items: Int) -> [UInt8] {
        var strings: [UInt8] = []
        for actor in folded.actors {
            Checkpoint.put(UInt32(actor.count), &strings)
            strings += actor
        }
        for (record, comment) in folded.returnComments {
            Checkpoint.put(UInt32(bitPattern: record), &strings)
            Checkpoint.put(UInt32(comment.utf8.count), &strings)
            strings += comment.utf8
        }
        let drafts = folded.drafts.all
        for (school, item, entry) in drafts {
            for code in [school, item] {
                Checkpoint.put(UInt32(code.utf8.count), &strings)
                strings += code.utf8
            }
            strings.append(entry.ticked ? 1 : 0)
            Checkpoint.put(Int64(entry.quantity ?? Int(Int64.min)), &strings)
            for part in entry.funds { Checkpoint.put(part?.units ?? Int64.min, &strings) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(Checkpoint.headerSize + folded.records.count * 72 + offsets.count * 8 + strings.count)
        out += Checkpoint.magic
        Checkpoint.put(Checkpoint.version, &out)
        Checkpoint.put(UInt32(MemoryLayout<ClaimRecord>.stride), &out)
        Checkpoint.put(UInt64(journalBytes), &out)
        Checkpoint.put(UInt64(line), &out)
        out += lineHash.utf8
        Checkpoint.put(UInt64(folded.lastSeq), &out)
        Checkpoint.put(UInt64(bitPattern: folded.lastEventTime?.seconds ?? Int64.min), &out)
        out += reference
        for n in [schools, items, folded.records.count, folded.actors.count, folded.returnComments.count, drafts.count] { Checkpoint.put(UInt32(n), &out) }
        Checkpoint.put(UInt64(strings.count), &out)
        precondition(out.count == Checkpoint.checksumAt)
        Checkpoint.put(UInt64(0), &out)   // the checksum, filled in below
        folded.records.withUnsafeBytes { out += $0 }
        // The 3 bytes of padding after each record's city-passed byte hold whatever memory held: written as zeros.
        out.withUnsafeMutableBytes { raw in
            for r in 0..<folded.records.count {
                let at = Checkpoint.headerSize + r * 72 + ClaimRecord.cityPassedOffset + 1
                raw.storeBytes(of: 0 as UInt16, toByteOffset: at, as: UInt16.self)
                raw.storeBytes(of: 0 as UInt8, toByteOffset: at + 2, as: UInt8.self)
            }
        }
        offsets.withUnsafeBytes { out += $0 }
        out += strings
        let offsetsAt = Checkpoint.headerSize + folded.records.count * 72, stringsAt = offsetsAt + offsets.count * 8
        let sum = out.withUnsafeBytes { all in
            Checkpoint.checksum([UnsafeRawBufferPointer(rebasing: all[0..<Checkpoint.checksumAt]),
                                 UnsafeRawBufferPointer(rebasing: all[Checkpoint.headerSize..<offsetsAt]),
                                 UnsafeRawBufferPointer(rebasing: all[offsetsAt..<stringsAt]),
                                 UnsafeRawBufferPointer(rebasing: all[stringsAt...])])
        }
        out.withUnsafeMutableBytes { $0.storeBytes(of: sum.littleEndian, toByteOffset: Checkpoint.checksumAt, as: UInt64.self) }
        return out
    }

    /// The checksum of the header's fields and the body's three sections (records, offsets, strings).
    private static func checksum(_ parts: [UnsafeRawBufferPointer]) -> UInt64 {
        var sum = Checksum64()
        for part in parts { sum.add(part) }
        return sum.finalize()
    }

    private static func put<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    /// Why a checkpoint file is not used: for tests and the bench, which must tell "ignored" from "loaded".
    enum Refusal: Error, Equatable {
        case missing, unsafe, short, magic, version, layout, checksum, records, offsets, strings, reference, journal
    }

    /// Reads and checks `name` in `folder` against the journal open as `journal` (its line N must end at
    /// the recorded offset with the recorded hash) and the reference files' digest; the folded state still
    /// has to fit the reference data (`Ledger(campaign:schools:folded:)`).
    /// The table is given room for the claims the journal's tail (up to `journalSize`) can add.
    static func read(_ name: String, in folder: SecureDirectory, journal: Int32, journalSize: Int, reference: [UInt8],
                     schools: Int, items: Int) -> Result<Checkpoint, Refusal> {
        guard folder.exists(name) else { return .failure(.missing) }
        guard ClaimRecord.layoutIsAsDocumented, MemoryLayout<Int>.size == 8 else { return .failure(.layout) }
        guard let fd = try? folder.openChecked(name, writable: false) else { return .failure(.unsafe) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.short) }
        let size = Int(st.st_size)
        var header = [UInt8](repeating: 0, count: headerSize)
        guard size >= headerSize, readFully(fd, header.withUnsafeMutableBytes { $0 }, at: 0) else { return .failure(.short) }
        guard header.starts(with: magic) else { return .failure(.magic) }
        func u32(_ at: Int) -> Int { Int(header.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }) }
        func i64(_ at: Int) -> Int64 { header.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int64.self)) } }
        guard u32(8) == Int(version) else { return .failure(.version) }
        guard u32(12) == MemoryLayout<ClaimRecord>.stride else { return .failure(.layout) }
        let journalBytes = Int(i64(16)), line = Int(i64(24)), lastSeq = Int(i64(48)), time = i64(56)
        let recordCount = u32(104), actorCount = u32(108), commentCount = u32(112), draftCount = u32(116), stringBytes = Int(i64(120))
        guard Array(header[64..<96]) == reference, u32(96) == schools, u32(100) == items else { return .failure(.reference) }
        guard journalBytes <= journalSize else { return .failure(.journal) }   // the journal was cut back below line N
        guard journalBytes > 18, line >= 2, lastSeq >= 1, lastSeq < Int(Int32.max), stringBytes >= 0,
              size == headerSize + recordCount * 72 + lastSeq * 8 + stringBytes else { return .failure(.short) }
        let lineHash = Array(header[32..<48])
        guard lineHash.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return .failure(.journal) }
        // Line N of the journal must still end at that offset with that hash.
        var end = [UInt8](repeating: 0, count: 18)
        guard readFully(journal, end.withUnsafeMutableBytes { $0 }, at: journalBytes - 18),
              end[0] == 0x09, Array(end[1..<17]) == lineHash, end[17] == 0x0A else { return .failure(.journal) }

        // A journal line is about 145 bytes; a claim has at least one.
        let spare = (journalSize - journalBytes) / 100 + 16
        var failed = false
        let records = [ClaimRecord](unsafeUninitializedCapacity: recordCount + spare) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<(recordCount * 72)])
            guard readFully(fd, raw, at: headerSize) else { failed = true; return }
            // The enum bytes must be cases before the bytes are records.
            let kinds = UInt8(ReviewEvent.Kind.allCases.count)
            for r in 0..<recordCount {
                let state = raw[r * 72 + ClaimRecord.stateOffset], kind = raw[r * 72 + ClaimRecord.kindOffset]
                if !ClaimRecord.isStateCode(state) || kind >= kinds || raw[r * 72 + ClaimRecord.cityPassedOffset] > 1 { failed = true; return }
            }
            count = recordCount
        }
        guard !failed else { return .failure(.records) }
        let offsetsAt = headerSize + recordCount * 72
        let offsets = [Int](unsafeUninitializedCapacity: lastSeq) { buffer, count in
            guard readFully(fd, UnsafeMutableRawBufferPointer(buffer), at: offsetsAt) else { failed = true; return }
            var previous = -1
            for i in 0..<lastSeq {
                let o = Int(littleEndian: buffer[i])
                if o <= previous || o >= journalBytes { failed = true; return }
                buffer[i] = o
                previous = o
            }
            count = lastSeq
        }
        guard !failed else { return .failure(.offsets) }
        var strings = [UInt8](repeating: 0, count: stringBytes)
        guard readFully(fd, strings.withUnsafeMutableBytes { $0 }, at: offsetsAt + lastSeq * 8) else { return .failure(.short) }

        let sum = header.withUnsafeBytes { h in
            records.withUnsafeBytes { r in
                offsets.withUnsafeBytes { o in
                    strings.withUnsafeBytes { s in checksum([UnsafeRawBufferPointer(rebasing: h[0..<checksumAt]), UnsafeRawBufferPointer(r), UnsafeRawBufferPointer(o), s]) }
                }
            }
        }
        guard sum == UInt64(littleEndian: header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: checksumAt, as: UInt64.self) }) else {
            return .failure(.checksum)
        }

        guard let (actors, comments, drafts) = parseStrings(strings, actors: actorCount, comments: commentCount, drafts: draftCount) else {
            return .failure(.strings)
        }
        let folded = FoldedLedger(records: records, actors: actors, returnComments: comments, lastSeq: lastSeq,
                                  lastEventTime: time == Int64.min ? nil : Timestamp(seconds: time), drafts: drafts)
        return .success(Checkpoint(journalBytes: journalBytes, line: line, lineHash: String(decoding: lineHash, as: UTF8.self),
                                   reference: reference, folded: folded, offsets: offsets))
    }

    /// The actors, comments and drafts sections: each string a 4-byte length and the bytes (a comment after its
    /// record number; a draft's school and item codes, then its ticked byte, 承接数量 and four funds as 8 bytes
    /// each, `Int64.min` for not typed).
    private static func parseStrings(_ bytes: [UInt8], actors: Int, comments: Int, drafts: Int)
        -> ([[UInt8]], [(record: Int32, comment: String)], Drafts)? {
        var at = 0
        func u32() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        }
        func take(_ n: UInt32) -> ArraySlice<UInt8>? {
            guard Int(n) <= bytes.count - at else { return nil }
            defer { at += Int(n) }
            return bytes[at..<(at + Int(n))]
        }
        var names: [[UInt8]] = []
        for _ in 0..<actors {
            guard let n = u32(), let name = take(n) else { return nil }
            names.append(Array(name))
        }
        var notes: [(record: Int32, comment: String)] = []
        for _ in 0..<comments {
            guard let r = u32(), let n = u32(), let text = take(n), let comment = String(validating: text, as: UTF8.self) else { return nil }
            notes.append((Int32(bitPattern: r), comment))
        }
        func i64() -> Int64? {
            guard at + 8 <= bytes.count else { return nil }
            defer { at += 8 }
            return bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int64.self)) }
        }
        var saved = Drafts()
        for _ in 0..<drafts {
            guard let n = u32(), let school = take(n).flatMap({ String(validating: $0, as: UTF8.self) }),
                  let m = u32(), let item = take(m).flatMap({ String(validating: $0, as: UTF8.self) }),
                  let ticked = take(1), ticked[ticked.startIndex] <= 1, let quantity = i64() else { return nil }
            var funds: [Money?] = []
            for _ in 0..<4 {
                guard let units = i64() else { return nil }
                funds.append(units == Int64.min ? nil : Money(units: units))
            }
            let entry = DraftEntry(ticked: ticked[ticked.startIndex] == 1, quantity: quantity == Int64.min ? nil : Int(quantity), funds: funds)
            guard saved.entry(school: school, item: item) == nil else { return nil }   // a draft twice
            saved.set(entry, school: school, item: item)
        }
        return at == bytes.count ? (names, notes, saved) : nil
    }

    /// Fills `buffer` from `fd` at `offset`; false on an error or an early end of file.
    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}

/// The SHA-256 of the reference files a ledger is folded over (catalog.tsv, campaign.tsv, schools.tsv, each
/// as its length in 8 bytes and its bytes): a checkpoint made over other files is stale.
struct ReferenceDigest {
    private var hasher = SHA256()

    mutating func add(_ bytes: [UInt8]) {
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    func finalize() -> [UInt8] { Array(hasher.finalize()) }
}
