import ClaimKit
import ClaimStore
import Foundation
import ReviewConsole

/// The console's world in `tzpy`: the opened store, and the export directory `E` writes to.
final class StoreEnvironment: ConsoleEnvironment {
    let store: Store
    /// Where `E` writes spreadsheets: $TZPY_EXPORT_DIR, else the directory tzpy was started in; nil through
    /// the SSH gate, where a file on the server is of no use to the reviewer (and is not theirs to write).
    let exportDirectory: URL?

    /// Who has which school open (only a console that may write the store keeps a record there).
    let board: PresenceBoard

    init(store: Store, exportDirectory: URL?) {
        self.store = store
        self.exportDirectory = exportDirectory
        let clock = { [store] in store.now }
        board = PresenceBoard(folder: store.folder, actor: store.actor, clock: clock)
    }

    var ledger: Ledger { store.ledger }

    func record(_ decisions: [Decision]) throws(StoreError) -> [ReviewEvent] { try store.record(decisions) }

    /// A school's write: its events, with its new contacts in schools.tsv under the same lock when typed.
    func write(_ write: SchoolWrite) throws(StoreError) -> [ReviewEvent] {
        guard let contacts = write.contacts else { return try store.record(write.decisions) }
        guard let known = store.ledger.school(write.school) else { return try store.record(write.decisions) }
        let school: School
        do { school = try School(code: known.code, name: known.name, type: known.type, city: known.city, contacts: contacts) } catch {
            throw .invalid(error)
        }
        return try store.record(write.decisions, schools: [school])
    }

    func follow() throws(StoreError) -> [ReviewEvent] { try store.follow() }

    func export(_ request: ExportRequest) -> Result<(path: String, rows: Int), ExportFailure> {
        guard let exportDirectory else { return .failure(ExportFailure(UIStrings.exportOverGate)) }
        return ReportExport.write(request, ledger: store.ledger, names: store.displayNames, into: exportDirectory)
    }

    func announce(school: String?) {
        if store.readOnlyReason == nil { board.announce(school: school) }
    }

    func presence() -> [String: Set<String>] {
        var others = board.others()
        for (school, actors) in others { others[school] = actors.filter { $0 != store.actor } }
        return others.filter { !$0.value.isEmpty }
    }

    func leave() { board.leave() }
}
