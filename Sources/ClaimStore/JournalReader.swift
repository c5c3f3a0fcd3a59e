import ClaimKit
import Foundation

/// Reads a journal file from its first line without a ledger: for `tzpy log` and `tzpy check`.
public enum JournalReader {
    /// One verified line: its number, its event and its hash.
    public struct Line {
        public let number: Int
        public let event: ReviewEvent
        public let hash: String
    }

    /// Calls `body` for each event of every complete line and batch, the hash chain verified as it goes;
    /// returns the first problem (a bad line, a broken chain, or a torn tail), or nil.
    public static func forEach(_ url: URL, _ body: (Line) -> Void) throws(StoreError) -> StoreError? {
        let folder = try SecureDirectory(url.deletingLastPathComponent())
        guard let bytes = try folder.read(url.lastPathComponent) else {
            throw .io(path: url.path, operation: "read", message: "no such file")
        }
        return scan(bytes, file: url.path) { line in
            body(Line(number: line.number, event: line.event.event, hash: String(decoding: line.hash, as: UTF8.self)))
            return nil
        }
    }

    /// Scans `bytes` with `apply` and turns how they end into a problem (nil when clean).
    static func scan(_ bytes: [UInt8], file: String, apply: (JournalScanner.Line) -> String?) -> StoreError? {
        var scanner = JournalScanner(file: file)
        let (_, tail) = bytes.withUnsafeBufferPointer { scanner.scan($0, apply: apply) }
        switch tail {
        case .clean: return nil
        case .torn(let line, let count):
            return .journal(file: file, line: line, problem: "the last \(count) bytes form no complete line or batch (a write torn by a crash); the next append sets them aside")
        case .problem(let problem): return problem
        }
    }
}

/// `tzpy check`: the files are safe to use, every reference file parses, every journal line parses, the
/// hash chain is unbroken, batches are whole, and each event is a legal step from the state before it.
public enum StoreCheck {
    /// The first problem found, naming its file and line, or nil when the data dir is clean.
    public static func run(_ dir: DataDirectory) -> StoreError? {
        do {
            let folder = try SecureDirectory(dir.url)
            if let hazard = try folder.writeHazard(DataDirectory.allNames) { return hazard }
            let (campaign, schools) = try Store.readReference(folder)
            if let text = try Store.text(folder, DataDirectory.accountsName) {
                _ = try AccountsFile.parse(text, file: folder.path(DataDirectory.accountsName))
            }
            guard let bytes = try folder.read(DataDirectory.journalName) else {
                return .io(path: dir.journal.path, operation: "read", message: "no such file")
            }
            var ledger = Ledger(campaign: campaign, schools: schools)
            ledger.discardHistory()
            ledger.beginReplay()
            return JournalReader.scan(bytes, file: dir.journal.path) { line in
                ledger.apply(line.event).map { "event \(line.event.seq) is not a legal step: \($0)" }
            }
        } catch {
            return error
        }
    }
}
