import ClaimKit
import Foundation

/// Walks journal bytes line by line: the header, event lines, batch lines, the hash chain and the tail.
///
/// The one loop the store's replay and follow, `tzpy log` and `tzpy check` share. It verifies that every
/// line's hash follows from the line before (so an edited line is found on every open, not only by
/// `check`), and that a batch (`batch<TAB>N<TAB>hash`, then N event lines) is whole: an incomplete batch
/// at the end of the file is reported as a torn tail from its batch line on, so nothing of it is applied.
/// Lines are parsed in place (`JournalCodec.parse`): no String per field, no copy of the bytes.
struct JournalScanner {
    /// A stopping point at the end of the bytes given.
    enum Tail: Equatable {
        /// Every byte was consumed.
        case clean
        /// From `line` on, `bytes` bytes form no complete unit (a torn line or an incomplete batch).
        case torn(line: Int, bytes: Int)
        /// A line that is wrong: the store must not go on from here.
        case problem(StoreError)
    }

    /// One event line as the scan hands it on: parsed in place, valid during the call only.
    struct Line {
        let event: EventBytes
        /// The line's 16 hex digits of hash.
        let hash: UnsafeRawBufferPointer
        /// The line number in the file (the header is line 1).
        let number: Int
        /// Where the line starts in the bytes scanned.
        let offset: Int
    }

    let file: String
    /// The number of the next line (the header is line 1).
    private(set) var nextLine = 1
    /// The hash of the last complete line consumed.
    private(set) var previousHash = JournalCodec.genesis

    init(file: String) { self.file = file }

    /// A scanner that goes on after line `nextLine - 1`, whose hash is `previousHash` (a checkpoint's line N).
    init(file: String, nextLine: Int, previousHash: String) {
        self.file = file
        self.nextLine = nextLine
        self.previousHash = previousHash
    }

    /// Accounts for `lines` complete lines this process wrote itself, the last one hashing to `hash`.
    mutating func advance(lines: Int, hash: String) {
        nextLine += lines
        previousHash = hash
    }

    /// Scans `buffer`, which starts just after a newline, calling `apply` for each event line of a complete
    /// unit in order; `apply` returns a problem to stop. Returns the bytes consumed (always at the end of
    /// a complete unit) and how the bytes ended. With `verifyChain` false the caller has verified the
    /// chain itself (`ChainCheck`) and only the rest is checked here.
    mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, verifyChain: Bool = true,
                       apply: (Line) -> String?) -> (consumed: Int, tail: Tail) {
        let bytes = UnsafeRawBufferPointer(buffer)
        var start = 0
        var remainingInBatch = 0
        var unitStart = 0, unitLine = nextLine
        var line = nextLine
        let first = Array(previousHash.utf8)
        // The previous hash: the 16 bytes of `first`, or of the last line consumed in `buffer`.
        var hashAt = -1
        var unitHashAt = -1
        func hash(_ at: Int) -> String { at < 0 ? String(decoding: first, as: UTF8.self) : String(decoding: bytes[at..<(at + 16)], as: UTF8.self) }
        let result: (Int, Tail)? = first.withUnsafeBytes { firstBytes in
            func previous() -> UnsafeRawBufferPointer { hashAt < 0 ? firstBytes : UnsafeRawBufferPointer(rebasing: bytes[hashAt..<(hashAt + 16)]) }
            func problem(_ text: String) -> (Int, Tail) { (unitStart, .problem(.journal(file: file, line: line, problem: text))) }
            while start < bytes.count {
                guard let base = bytes.baseAddress, let nl = memchr(base + start, 0x0A, bytes.count - start) else { break }
                let newline = base.distance(to: UnsafeRawPointer(nl))
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<newline])
                if line == 1 {
                    guard text.starts(with: "# tzpy journal v1".utf8) else {
                        return (0, .problem(.journal(file: file, line: 1, problem: "expected the header \"# tzpy journal v1…\"")))
                    }
                } else if text.first == 0x62, text.starts(with: JournalCodec.batchPrefix.utf8) {   // an event line starts with a digit
                    guard remainingInBatch == 0 else {
                        return problem("a batch line inside a batch (\(remainingInBatch) events of the batch before were still to come)")
                    }
                    let typed = UnsafeBufferPointer(rebasing: buffer[start..<newline])
                    guard let (count, body) = JournalCodec.decodeBatch(typed) else {
                        return problem("expected batch<TAB>N<TAB>hash with N from 1, found \(JournalCodec.preview(typed))")
                    }
                    let stored = UnsafeRawBufferPointer(rebasing: text[body...])
                    if verifyChain, !ChainCheck.holds(previous: previous(), body: UnsafeRawBufferPointer(rebasing: text[0..<body]), stored: stored) {
                        let expected = JournalCodec.hash(previous: hash(hashAt), bytes: UnsafeBufferPointer(rebasing: typed[0..<body]))
                        return problem("hash chain broken: expected \(expected) (the line or one before it was changed)")
                    }
                    // The whole batch must be here before any of it counts.
                    var lines = 0
                    var probe = newline + 1
                    while lines < count, probe < bytes.count, let next = memchr(base + probe, 0x0A, bytes.count - probe) {
                        lines += 1
                        probe = base.distance(to: UnsafeRawPointer(next)) + 1
                    }
                    guard lines == count else { break }
                    remainingInBatch = count
                    hashAt = start + body
                } else {
                    let parsed: JournalCodec.Parsed
                    do { parsed = try JournalCodec.parse(text) } catch {
                        return problem("\(error)")
                    }
                    let stored = UnsafeRawBufferPointer(rebasing: text[parsed.bodyLength...])
                    if verifyChain, !ChainCheck.holds(previous: previous(), body: UnsafeRawBufferPointer(rebasing: text[0..<parsed.bodyLength]), stored: stored) {
                        let expected = JournalCodec.hash(previous: hash(hashAt), bytes: UnsafeBufferPointer(rebasing: buffer[start..<(start + parsed.bodyLength)]))
                        return problem("hash chain broken: expected \(expected), found \(String(decoding: stored, as: UTF8.self)) (the line or one before it was changed)")
                    }
                    if let refusal = apply(Line(event: parsed.event, hash: stored, number: line, offset: start)) {
                        return problem(refusal)
                    }
                    hashAt = start + parsed.bodyLength
                    if remainingInBatch > 0 { remainingInBatch -= 1 }
                }
                line += 1
                start = newline + 1
                if remainingInBatch == 0 {
                    unitStart = start
                    unitLine = line
                    nextLine = line
                    unitHashAt = hashAt
                }
            }
            return nil
        }
        if unitHashAt >= 0 { previousHash = hash(unitHashAt) }
        if let result { return result }
        return unitStart == buffer.count ? (unitStart, .clean) : (unitStart, .torn(line: unitLine, bytes: buffer.count - unitStart))
    }
}
