/// Walks journal bytes line by line: the header, event lines, batch lines, the hash chain and the tail.
///
/// The one loop the store's replay and follow, `tzpy log` and `tzpy check` share. It verifies that every
/// line's hash follows from the line before (so an edited line is found on every open, not only by
/// `check`), and that a batch (`batch<TAB>N<TAB>hash`, then N event lines) is whole: an incomplete batch
/// at the end of the file is reported as a torn tail from its batch line on, so nothing of it is applied.
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

    let file: String
    /// The number of the next line (the header is line 1).
    private(set) var nextLine = 1
    /// The hash of the last complete line consumed.
    private(set) var previousHash = JournalCodec.genesis

    init(file: String) { self.file = file }

    /// Accounts for `lines` complete lines this process wrote itself, the last one hashing to `hash`.
    mutating func advance(lines: Int, hash: String) {
        nextLine += lines
        previousHash = hash
    }

    /// Scans `buffer`, which starts just after a newline, calling `apply` for each event line of a complete
    /// unit in order; `apply` returns a problem to stop. Returns the bytes consumed (always at the end of
    /// a complete unit) and how the bytes ended.
    mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>,
                       apply: (JournalCodec.Decoded, _ line: Int) -> String?) -> (consumed: Int, tail: Tail) {
        var start = 0
        var remainingInBatch = 0
        var unitStart = 0, unitLine = nextLine
        var line = nextLine
        var hash = previousHash
        while start < buffer.count {
            guard let newline = buffer[start...].firstIndex(of: 0x0A) else { break }
            let text = UnsafeBufferPointer(rebasing: buffer[start..<newline])
            if line == 1 {
                guard text.starts(with: "# tzpy journal v1".utf8) else {
                    return (0, .problem(.journal(file: file, line: 1, problem: "expected the header \"# tzpy journal v1…\"")))
                }
            } else if text.starts(with: JournalCodec.batchPrefix.utf8) {
                guard remainingInBatch == 0 else {
                    return (unitStart, .problem(.journal(file: file, line: line, problem: "a batch line inside a batch (\(remainingInBatch) events of the batch before were still to come)")))
                }
                guard let (count, body) = JournalCodec.decodeBatch(text) else {
                    return (unitStart, .problem(.journal(file: file, line: line, problem: "expected batch<TAB>N<TAB>hash with N from 1, found \(JournalCodec.preview(text))")))
                }
                let expected = JournalCodec.hash(previous: hash, body: UnsafeBufferPointer(rebasing: text[0..<body]))
                guard expected.utf8.elementsEqual(text[(body)...]) else {
                    return (unitStart, .problem(.journal(file: file, line: line, problem: "hash chain broken: expected \(expected) (the line or one before it was changed)")))
                }
                // The whole batch must be here before any of it counts.
                var lines = 0
                var probe = newline + 1
                while lines < count, probe < buffer.count, let next = buffer[probe...].firstIndex(of: 0x0A) {
                    lines += 1
                    probe = next + 1
                }
                guard lines == count else { break }
                remainingInBatch = count
                hash = String(decoding: text[body...], as: UTF8.self)
            } else {
                let decoded: JournalCodec.Decoded
                do { decoded = try JournalCodec.decode(text) } catch {
                    return (unitStart, .problem(.journal(file: file, line: line, problem: "\(error)")))
                }
                let expected = JournalCodec.hash(previous: hash, body: UnsafeBufferPointer(rebasing: text[0..<decoded.bodyLength]))
                guard expected == decoded.hash else {
                    return (unitStart, .problem(.journal(file: file, line: line, problem: "hash chain broken: expected \(expected), found \(decoded.hash) (the line or one before it was changed)")))
                }
                if let problem = apply(decoded, line) {
                    return (unitStart, .problem(.journal(file: file, line: line, problem: problem)))
                }
                hash = decoded.hash
                if remainingInBatch > 0 { remainingInBatch -= 1 }
            }
            line += 1
            start = newline + 1
            if remainingInBatch == 0 {
                unitStart = start
                unitLine = line
                nextLine = line
                previousHash = hash
            }
        }
        return unitStart == buffer.count ? (unitStart, .clean) : (unitStart, .torn(line: unitLine, bytes: buffer.count - unitStart))
    }
}
