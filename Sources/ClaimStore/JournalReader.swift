import ClaimKit
import Foundation

/// Reads a journal file line by line without a store: for `tzpy log` and `tzpy check`.
public enum JournalReader {
    /// One decoded line with its position and chain data.
    public struct Line {
        public let number: Int
        public let event: ReviewEvent
        public let hash: String
        /// The hash recomputed from the previous line's hash and this line's body.
        public let expectedHash: String
    }

    /// Calls `body` for each complete line; returns the first line that does not decode (or a torn tail).
    public static func forEach(_ url: URL, _ body: (Line) throws -> Void) throws(StoreError) -> StoreError? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .io(path: url.path, operation: "read", message: "no such file")
        }
        let bytes = [UInt8](data)
        var problem: StoreError?
        do {
            try bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                var number = 0
                var previous = JournalCodec.genesis
                while start < buffer.count {
                    number += 1
                    guard let newline = buffer[start...].firstIndex(of: 0x0A) else {
                        problem = .journal(file: url.path, line: number, problem: "the last line has no newline (a write torn by a crash); the next append repairs it")
                        return
                    }
                    let line = UnsafeBufferPointer(rebasing: buffer[start..<newline])
                    defer { start = newline + 1 }
                    if number == 1 {
                        guard line.starts(with: "# tzpy journal v1".utf8) else {
                            problem = .journal(file: url.path, line: 1, problem: "expected the header \"# tzpy journal v1…\"")
                            return
                        }
                        continue
                    }
                    let decoded: JournalCodec.Decoded
                    do { decoded = try JournalCodec.decode(line) } catch {
                        problem = .journal(file: url.path, line: number, problem: "\(error)")
                        return
                    }
                    let expected = JournalCodec.hash(previous: previous, body: UnsafeBufferPointer(rebasing: line[0..<decoded.bodyLength]))
                    try body(Line(number: number, event: decoded.event, hash: decoded.hash, expectedHash: expected))
                    previous = decoded.hash
                }
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .io(path: url.path, operation: "read", message: "\(error)")
        }
        return problem
    }
}

/// `tzpy check`: every reference file parses, every journal line parses, the hash chain is unbroken,
/// the events are numbered without gaps and each is a legal transition from the state before it.
public enum StoreCheck {
    /// The first problem found, naming its file and line, or nil when the data dir is clean.
    public static func run(_ dir: DataDirectory) -> StoreError? {
        do {
            let (campaign, schools) = try Store.readReference(dir)
            var ledger = Ledger(campaign: campaign, schools: schools)
            var found: StoreError?
            let file = dir.journal.path
            let torn = try JournalReader.forEach(dir.journal) { line in
                guard found == nil else { return }
                if line.hash != line.expectedHash {
                    found = .journal(file: file, line: line.number, problem: "hash chain broken: expected \(line.expectedHash), found \(line.hash) (the line or one before it was changed)")
                } else if case .failure(let refusal) = ledger.apply(line.event) {
                    found = .journal(file: file, line: line.number, problem: "event \(line.event.seq) is not a legal step: \(refusal)")
                }
            }
            return found ?? torn
        } catch {
            return error
        }
    }
}
