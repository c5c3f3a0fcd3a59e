import ClaimKit
import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One journal line's text form: 16 TAB-separated fields, then a newline (docs/formats.md).
///
/// `seq time actor school item round kind seen basis quantity self industry sponsor local comment hash`.
/// Absent values are `-` (the comment is empty instead); the comment escapes `\` TAB CR LF as `\\ \t \r \n`.
/// `hash` is the first 16 hex digits of SHA-256 over the previous line's hash, a TAB, and this line up to
/// its last TAB; the first line chains from `genesis`.
public enum JournalCodec {
    public static let header = "# tzpy journal v1\tseq\ttime\tactor\tschool\titem\tround\tkind\tseen\tbasis\tquantity\tself\tindustry\tsponsor\tlocal\tcomment\thash"
    public static let genesis = "0000000000000000"
    static let fieldCount = 16

    /// The line for `event` chained to `previousHash`, with its newline, and its own hash.
    public static func encode(_ event: ReviewEvent, previousHash: String) -> (line: String, hash: String) {
        var body = "\(event.seq)\t\(event.time)\t\(field(event.actor))\t\(event.school)\t\(event.item)\t\(event.round)\t"
        if let draft = event.draft {
            // A draft: each figure as typed, `-` where not typed yet (round says whether the item is ticked).
            body += "\(event.kind.rawValue)\t-\t0\t\(draft.quantity.map(String.init) ?? "-")\t"
            body += draft.funds.map { ($0?.description ?? "-") + "\t" }.joined()
        } else {
            body += "\(event.kind.rawValue)\t\(event.seen?.word ?? "-")\t\(event.basis)\t\(event.quantity.map(String.init) ?? "-")\t"
            if let f = event.funds {
                body += "\(f.selfFunded)\t\(f.industry)\t\(f.sponsor)\t\(f.local)\t"
            } else {
                body += "-\t-\t-\t-\t"
            }
        }
        body += escape(event.comment ?? "") + "\t"
        let h = hash(previous: previousHash, body: Array(body.utf8))
        return (body + h + "\n", h)
    }

    /// The chain hash of a line body (everything up to and including its last TAB).
    public static func hash<C: Collection>(previous: String, body: C) -> String where C.Element == UInt8 {
        if let digest = body.withContiguousStorageIfAvailable({ hash(previous: previous, bytes: $0) }) { return digest }
        return Array(body).withUnsafeBufferPointer { hash(previous: previous, bytes: $0) }
    }

    /// The chain hash over bytes in place: no copy of the body or of the previous hash, one small String out
    /// (opening verifies every line of the journal, 600,000 at national size).
    static func hash(previous: String, bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hasher = SHA256()
        var previous = previous
        previous.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0x09)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        let digest = hasher.finalize()
        return String(unsafeUninitializedCapacity: 16) { out in
            digest.withUnsafeBytes { raw in
                for i in 0..<8 {
                    out[2 * i] = hexDigits[Int(raw[i] >> 4)]
                    out[2 * i + 1] = hexDigits[Int(raw[i] & 0xF)]
                }
            }
            return 16
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The start of a batch line: `batch<TAB>N<TAB>hash` says the next N event lines were written as one
    /// all-or-nothing unit (an import, a bulk approval); replay applies them only when all N are there.
    static let batchPrefix = "batch\t"

    /// The batch line announcing `count` events, chained to `previousHash`, with its newline, and its hash.
    static func encodeBatch(count: Int, previousHash: String) -> (line: String, hash: String) {
        let body = "\(batchPrefix)\(count)\t"
        let h = hash(previous: previousHash, body: Array(body.utf8))
        return (body + h + "\n", h)
    }

    /// The count of a batch line and where its body ends (the hash starts there), or nil when malformed.
    static func decodeBatch(_ line: UnsafeBufferPointer<UInt8>) -> (count: Int, bodyLength: Int)? {
        let prefix = batchPrefix.utf8.count
        guard let tab = line[prefix...].firstIndex(of: 0x09), line.count - (tab + 1) == 16,
              let count = parseInt(line, prefix..<tab), count >= 1 else { return nil }
        return (count, tab + 1)
    }

    /// A line's first 60 bytes for a message, decoded leniently.
    static func preview(_ line: UnsafeBufferPointer<UInt8>) -> String {
        "\"" + String(decoding: line.prefix(60), as: UTF8.self) + (line.count > 60 ? "…" : "") + "\""
    }

    /// A decoded line: the event, its hash, and where its body ends (for chain checks).
    public struct Decoded {
        public let event: ReviewEvent
        public let hash: String
        /// The byte count of the body the hash covers (the line up to and including its last TAB).
        public let bodyLength: Int
    }

    /// Decodes one line (without its newline) into a value; the error text says which field is wrong.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(DecodeError) -> Decoded {
        let parsed = try parse(UnsafeRawBufferPointer(line))
        return Decoded(event: parsed.event.event, hash: String(decoding: line[parsed.bodyLength...], as: UTF8.self),
                       bodyLength: parsed.bodyLength)
    }

    /// A line parsed in place: the event's fields (text left in the line's bytes) and where the hash starts.
    public struct Parsed {
        public let event: EventBytes
        /// The byte count of the body the hash covers; the 16 hex digits of the hash follow it.
        public let bodyLength: Int
    }

    /// Parses one line (without its newline) where it lies: numbers, the time and the money from their
    /// digits, text fields as byte ranges. The error text says which field is wrong, as `decode`'s.
    public static func parse(_ line: UnsafeRawBufferPointer) throws(DecodeError) -> Parsed {
        var fields = FieldCursor(line: line)
        /// A problem, unless the line has the wrong number of fields, which is said first.
        func problem(_ text: @autoclosure () -> String) -> DecodeError {
            let fields = line.reduce(1) { $1 == 0x09 ? $0 + 1 : $0 }
            return fields == fieldCount ? DecodeError(text()) : DecodeError("expected \(fieldCount) TAB-separated fields, found \(fields)")
        }
        func quoted(_ field: UnsafeRawBufferPointer) -> String { "\"" + String(decoding: field, as: UTF8.self) + "\"" }
        func int(_ field: UnsafeRawBufferPointer?, _ name: String) throws(DecodeError) -> Int {
            guard let field else { throw problem("") }
            guard let n = parseInt(field) else { throw problem("\(name): expected a whole number, found \(quoted(field))") }
            return n
        }
        guard let seqField = fields.next() else { throw problem("") }
        let seq = try int(seqField, "seq")
        guard let timeField = fields.next() else { throw problem("") }
        guard let time = Timestamp.parse(bytes: timeField) else {
            throw problem("time: expected YYYY-MM-DDTHH:MM:SSZ, found \(quoted(timeField))")
        }
        guard let actor = fields.next(), let school = fields.next(), let item = fields.next() else { throw problem("") }
        // A lone backslash is the one actor field that unescapes to nothing.
        guard !actor.isEmpty, !school.isEmpty, !item.isEmpty, !(actor.count == 1 && actor[0] == 0x5C) else {
            throw problem("actor, school and item must not be empty")
        }
        let round = try int(fields.next(), "round")
        guard let kindField = fields.next() else { throw problem("") }
        guard let kind = kind(kindField) else {
            throw problem("kind: expected one of \(ReviewEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")), found \(quoted(kindField))")
        }
        guard let seenField = fields.next() else { throw problem("") }
        let seen: ReviewState?
        switch seenField.count {
        case 1 where seenField[0] == 0x2D: seen = nil
        case 7 where equal(seenField, "pending"): seen = .pending
        case 8 where equal(seenField, "approved"): seen = .approved
        case 8 where equal(seenField, "returned"): seen = .returned(comment: "")
        case 9 where equal(seenField, "withdrawn"): seen = .withdrawn
        case 12 where equal(seenField, "city-pending"): seen = .cityPending
        default: throw problem("seen: expected pending, approved, returned, withdrawn, city-pending or -, found \(quoted(seenField))")
        }
        let basis = try int(fields.next(), "basis")
        guard let quantityField = fields.next() else { throw problem("") }
        let quantity = isDash(quantityField) ? nil : try int(quantityField, "quantity")
        guard let f0 = fields.next(), let f1 = fields.next(), let f2 = fields.next(), let f3 = fields.next() else { throw problem("") }
        func money(_ field: UnsafeRawBufferPointer, _ name: String) throws(DecodeError) -> Money {
            guard let m = parseMoney(field) else { throw problem("\(name): expected an amount in 万元, found \(quoted(field))") }
            return m
        }
        var funds: Funds?, draft: DraftEntry?
        if kind == .drafted {
            // A draft's figures one by one, `-` where not typed yet; round 1 is ticked, 0 an item unticked (no figures).
            var parts: [Money?] = []
            for (field, name) in [(f0, "self"), (f1, "industry"), (f2, "sponsor"), (f3, "local")] {
                parts.append(isDash(field) ? nil : try money(field, name))
            }
            let entry = DraftEntry(ticked: round == 1, quantity: quantity, funds: parts)
            guard round == 1 || (round == 0 && entry.isCleared) else {
                throw problem("round: expected 1 (ticked) or 0 (unticked, with quantity and funds -) on a draft, found \(round)")
            }
            guard seen == nil, basis == 0 else { throw problem("seen and basis: expected - and 0 on a draft") }
            draft = entry
        } else if !(isDash(f0) && isDash(f1) && isDash(f2) && isDash(f3)) {
            funds = Funds(selfFunded: try money(f0, "self"), industry: try money(f1, "industry"),
                          sponsor: try money(f2, "sponsor"), local: try money(f3, "local"))
        }
        guard let comment = fields.next() else { throw problem("") }
        let bodyLength = fields.cursor
        let hash = UnsafeRawBufferPointer(rebasing: line[bodyLength...])
        guard hash.count == 16, hash.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw problem("hash: expected 16 hex digits, found \(quoted(hash))")
        }
        let event = EventBytes(seq: seq, time: time, kind: kind, round: round, seen: seen, basis: basis,
                               quantity: draft == nil ? quantity : nil, funds: funds, actor: actor, school: school, item: item,
                               comment: comment, draft: draft)
        return Parsed(event: event, bodyLength: bodyLength)
    }

    /// Walks a line's TAB-separated fields in place.
    struct FieldCursor {
        let line: UnsafeRawBufferPointer
        /// Where the next field starts.
        private(set) var cursor = 0

        init(line: UnsafeRawBufferPointer) { self.line = line }

        /// The next field, up to the next TAB (nil when no TAB is left).
        @inline(__always) mutating func next() -> UnsafeRawBufferPointer? {
            guard let base = line.baseAddress, cursor < line.count,
                  let tab = memchr(base + cursor, 0x09, line.count - cursor) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(tab))
            defer { cursor = end + 1 }
            return UnsafeRawBufferPointer(rebasing: line[cursor..<end])
        }
    }

    /// The kind named by `field`, compared as bytes.
    static func kind(_ field: UnsafeRawBufferPointer) -> ReviewEvent.Kind? {
        switch field.count {
        case 6:
            if equal(field, "passed") { return .passed }
        case 5:
            if equal(field, "draft") { return .drafted }
        case 8:
            if equal(field, "approved") { return .approved }
            if equal(field, "returned") { return .returned }
            if equal(field, "reopened") { return .reopened }
        case 9:
            if equal(field, "submitted") { return .submitted }
            if equal(field, "withdrawn") { return .withdrawn }
        case 11:
            if equal(field, "resubmitted") { return .resubmitted }
        default: break
        }
        return nil
    }

    static func equal(_ field: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        field.count == word.utf8CodeUnitCount && memcmp(field.baseAddress!, word.utf8Start, field.count) == 0
    }

    /// A line that does not decode, and why.
    public struct DecodeError: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    static func isDash(_ field: UnsafeRawBufferPointer) -> Bool { field.count == 1 && field[0] == 0x2D }

    static func parseInt(_ field: UnsafeRawBufferPointer) -> Int? {
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var n = 0
        for c in field {
            let d = c &- 0x30
            guard d <= 9 else { return nil }
            n = n * 10 + Int(d)
        }
        return n
    }

    static func parseInt(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        parseInt(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[r])))
    }

    /// Canonical money as the journal writes it: digits, optionally `.` and 1–4 digits.
    static func parseMoney(_ field: UnsafeRawBufferPointer) -> Money? {
        guard !field.isEmpty else { return nil }
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = -1, wholeDigits = 0
        for c in field {
            if c == 0x2E {
                guard fractionDigits < 0, wholeDigits > 0 else { return nil }
                fractionDigits = 0
            } else if c >= 0x30, c <= 0x39 {
                if fractionDigits >= 0 {
                    fractionDigits += 1
                    guard fractionDigits <= 4 else { return nil }
                    fraction = fraction * 10 + Int64(c - 0x30)
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 9 else { return nil }
                    whole = whole * 10 + Int64(c - 0x30)
                }
            } else {
                return nil
            }
        }
        guard wholeDigits > 0, fractionDigits != 0 else { return nil }
        for _ in 0..<(4 - max(fractionDigits, 0)) { fraction *= 10 }
        let units = whole * Money.scale + fraction
        return units < Money.limit ? Money(units: units) : nil
    }

    static func field(_ s: String) -> String { escape(s) }

    /// `\` TAB LF CR as `\\ \t \n \r` (`JournalEscape`).
    static func escape(_ s: String) -> String { JournalEscape.escape(s) }

    /// The inverse of `escape`.
    static func unescape(_ s: String) -> String {
        var s = s
        return s.withUTF8 { JournalEscape.unescape(UnsafeRawBufferPointer($0)) }
    }
}
