import ClaimKit
import Crypto

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
        body += "\(event.kind.rawValue)\t\(event.seen?.word ?? "-")\t\(event.basis)\t\(event.quantity.map(String.init) ?? "-")\t"
        if let f = event.funds {
            body += "\(f.selfFunded)\t\(f.industry)\t\(f.sponsor)\t\(f.local)\t"
        } else {
            body += "-\t-\t-\t-\t"
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

    /// Decodes one line (without its newline); the error text says which field is wrong.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(DecodeError) -> Decoded {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(fieldCount)
        var start = 0
        for i in 0..<line.count where line[i] == 0x09 {
            fields.append(start..<i)
            start = i + 1
        }
        fields.append(start..<line.count)
        guard fields.count == fieldCount else {
            throw DecodeError("expected \(fieldCount) TAB-separated fields, found \(fields.count)")
        }
        func text(_ i: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[fields[i]]), as: UTF8.self) }
        func int(_ i: Int, _ name: String) throws(DecodeError) -> Int {
            guard let n = parseInt(line, fields[i]) else { throw DecodeError("\(name): expected a whole number, found \"\(text(i))\"") }
            return n
        }
        func optionalInt(_ i: Int, _ name: String) throws(DecodeError) -> Int? {
            isDash(line, fields[i]) ? nil : try int(i, name)
        }
        func money(_ i: Int, _ name: String) throws(DecodeError) -> Money {
            guard let m = parseMoney(line, fields[i]) else { throw DecodeError("\(name): expected an amount in 万元, found \"\(text(i))\"") }
            return m
        }
        let seq = try int(0, "seq")
        guard let time = Timestamp.parse(Substring(text(1))) else {
            throw DecodeError("time: expected YYYY-MM-DDTHH:MM:SSZ, found \"\(text(1))\"")
        }
        let actor = unescape(text(2)), school = text(3), item = text(4)
        guard !actor.isEmpty, !school.isEmpty, !item.isEmpty else { throw DecodeError("actor, school and item must not be empty") }
        let round = try int(5, "round")
        guard let kind = ReviewEvent.Kind(rawValue: text(6)) else {
            throw DecodeError("kind: expected one of \(ReviewEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text(6))\"")
        }
        let comment = unescape(text(14))
        let seen: ReviewState?
        switch text(7) {
        case "-": seen = nil
        case "pending": seen = .pending
        case "approved": seen = .approved
        case "returned": seen = .returned(comment: "")
        case "withdrawn": seen = .withdrawn
        case let other: throw DecodeError("seen: expected pending, approved, returned, withdrawn or -, found \"\(other)\"")
        }
        let basis = try int(8, "basis")
        let quantity = try optionalInt(9, "quantity")
        var funds: Funds?
        if !(10...13).allSatisfy({ isDash(line, fields[$0]) }) {
            funds = Funds(selfFunded: try money(10, "self"), industry: try money(11, "industry"),
                          sponsor: try money(12, "sponsor"), local: try money(13, "local"))
        }
        let hash = text(15)
        guard hash.utf8.count == 16, hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw DecodeError("hash: expected 16 hex digits, found \"\(hash)\"")
        }
        let event = ReviewEvent(seq: seq, time: time, actor: actor, school: school, item: item, round: round, kind: kind,
                                seen: seen, basis: basis, quantity: quantity, funds: funds,
                                comment: comment.isEmpty ? nil : comment)
        return Decoded(event: event, hash: hash, bodyLength: fields[15].lowerBound)
    }

    /// A line that does not decode, and why.
    public struct DecodeError: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    static func isDash(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool { r.count == 1 && b[r.lowerBound] == 0x2D }

    static func parseInt(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, r.count <= 18 else { return nil }
        var n = 0
        for i in r {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    /// Canonical money as the journal writes it: digits, optionally `.` and 1–4 digits.
    static func parseMoney(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Money? {
        guard !r.isEmpty else { return nil }
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = -1, wholeDigits = 0
        for i in r {
            let c = b[i]
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

    /// `\` TAB LF CR as `\\ \t \n \r`. Works on the UTF-8 bytes, not on characters: a combining mark after a
    /// TAB or a backslash forms one character with it, which a character-wise escape would leave unescaped
    /// or, on reading, join to the escape letter (`\t` + U+0301 read back as `t́`).
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of `escape`; a `\` before any other character stands for that character, a last lone `\` is dropped.
    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return s }   // bytes: String.contains("\\") goes through Foundation
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var escaping = false
        for b in s.utf8 {
            if escaping {
                switch b {
                case 0x74: out.append(0x09)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                default: out.append(b)
                }
                escaping = false
            } else if b == 0x5C {
                escaping = true
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
