import ClaimKit
import Foundation

/// Who has which school open in a console right now: one small file per running console in the data dir,
/// kept fresh while it runs and removed when it ends, so that two reviewers do not work the same school
/// without knowing. Advisory only — the journal's conflict check is what keeps decisions apart.
///
/// Each file is `presence-<12 hex digits>` holding one line `actor<TAB>school<TAB>unix seconds` (school
/// empty when the console shows no school). A record older than `staleAfter` seconds is ignored (a console
/// killed by a dropped connection leaves its file behind).
public final class PresenceBoard {
    public static let prefix = "presence-"
    /// Seconds after which a record no longer counts.
    public static let staleAfter: Int64 = 120
    /// How often a console rewrites its record while nothing changes.
    public static let refreshEvery: Int64 = 30
    /// The most records read (a folder flooded with files costs a bounded read).
    static let limit = 500

    let folder: SecureDirectory
    let actor: String
    let clock: () -> Timestamp
    /// This console's file.
    let name = PresenceBoard.prefix + SecureDirectory.randomSuffix()
    private var written: (school: String?, at: Int64)?

    public init(folder: SecureDirectory, actor: String, clock: @escaping () -> Timestamp) {
        self.folder = folder
        self.actor = actor
        self.clock = clock
    }

    /// Records that this console shows `school` (nil: none); rewrites only on a change or when the record
    /// is due for refreshing. Best effort: a failure costs only the others' view of this console.
    public func announce(school: String?) {
        let now = clock().seconds
        if let w = written, w.school == school, now - w.at < PresenceBoard.refreshEvery { return }
        let line = "\(actor)\t\(school ?? "")\t\(now)\n"
        do {
            // Not fsynced: the record matters only while this console runs, and announcing happens on
            // moving between schools, where two fsyncs would be felt on a busy disk.
            try folder.writeAtomically(Array(line.utf8), to: name, durable: false)
            written = (school, now)
        } catch {
            written = nil
        }
    }

    /// Removes this console's record (on exit).
    public func leave() {
        folder.remove(name)
        written = nil
    }

    /// Every other fresh record's school and actor: school code → the accounts that have it open.
    public func others() -> [String: Set<String>] {
        let now = clock().seconds
        var out: [String: Set<String>] = [:]
        for file in folder.names(withPrefix: PresenceBoard.prefix, limit: PresenceBoard.limit) where file != name {
            guard file.count == name.count, let bytes = try? folder.read(file), bytes.count <= 256,
                  let text = String(validating: bytes, as: UTF8.self) else { continue }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let at = Int64(fields[2].trimmingCharacters(in: .newlines)),
                  now - at <= PresenceBoard.staleAfter, !fields[1].isEmpty,
                  (try? Account.validateName(String(fields[0]))) != nil else { continue }
            out[String(fields[1]), default: []].insert(String(fields[0]))
        }
        return out
    }
}
