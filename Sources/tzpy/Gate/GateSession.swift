import Foundation

/// Who is acting, and on which data dir, when tzpy runs as an SSH forced command (`tzpy gate`): set once
/// by the gate before it runs the requested subcommand, read by `DataOptions`. Nothing the person types
/// can set it: the gate refuses `--data`, and the actor is the NAME of the key line in authorized_keys.
struct GateSession {
    let data: URL
    let actor: String

    nonisolated(unsafe) static var current: GateSession?
}
