import ClaimKit
import ClaimStore
import ReviewConsole

/// The console's world for a scripted review: the store's ledger copied into memory, decisions applied to
/// it as the store would (nothing is written to the benchmark's data dir).
final class ScriptedWorld: ConsoleEnvironment {
    var ledger: Ledger
    let actor: String

    init(_ ledger: Ledger, actor: String) {
        self.ledger = ledger
        self.actor = actor
    }

    /// The scripted review writes no school steps; a school write records its events alone.
    func write(_ write: SchoolWrite) throws(StoreError) -> [ReviewEvent] { try record(write.decisions) }

    func record(_ decisions: [Decision]) throws(StoreError) -> [ReviewEvent] {
        var written: [ReviewEvent] = []
        for d in decisions {
            switch ledger.apply(d.event(seq: ledger.lastSeq + 1, time: Timestamp(seconds: 1_700_000_000), actor: actor)) {
            case .success(let recorded): written.append(recorded)
            case .failure(let refusal): throw .refused(refusal)
            }
        }
        return written
    }

    func follow() throws(StoreError) -> [ReviewEvent] { [] }
    func export(_ request: ExportRequest) -> Result<(path: String, rows: Int), ExportFailure> { .failure(ExportFailure("")) }
    func announce(school: String?) {}
    func presence() -> [String: Set<String>] { [:] }
    func leave() {}
}

/// Keys per claim in a full review of what is pending, driven through the console's runtime as a reviewer
/// would press them at 80×24: `]` to the next school with pending claims (from a school page it opens on its
/// first pending claim; from the list, Enter opens it), then `a` per claim — and for every tenth claim a return with a frequent reason (`r`, `1`, Enter).
/// Returns the keys pressed and the claims decided.
func scriptedReview(_ store: Store, limit: Int) -> (keys: Int, claims: Int) {
    let world = ScriptedWorld(store.ledger, actor: store.actor)
    var state = ConsoleState(rows: 24, cols: 80, reviewer: store.actor, reasons: ["经费预算填写不完整"])
    state.names = [:]
    var runtime = ConsoleRuntime(state: state, environment: world)
    runtime.send(.resize(rows: 24, cols: 80))
    var keys = 0, decided = 0
    func press(_ key: Key) {
        keys += 1
        runtime.send(.key(key))
    }
    while decided < limit {
        press(.char("]"))
        // On the school list `]` moves to the school; Enter opens it. On a school page `]` opens the next one.
        if runtime.state.page.kind == .schools { press(.enter) }
        guard case .school(let code) = runtime.state.page.kind else { break }
        var pending = world.ledger.totals.bySchool[code]?.pending ?? 0
        if pending == 0 { break }   // `]` found no school with pending claims
        while pending > 0, decided < limit {
            if decided % 10 == 9 {
                press(.char("r")); press(.char("1")); press(.enter)
            } else {
                press(.char("a"))
            }
            let left = world.ledger.totals.bySchool[code]?.pending ?? 0
            guard left < pending else { fatalError("a key on \(code) decided nothing: \(String(describing: runtime.state.message))") }
            decided += pending - left
            pending = left
        }
    }
    return (keys, decided)
}
