import ArgumentParser
import ClaimKit
import ClaimStore
import Foundation

/// `tzpy gate --data DIR NAME`: the forced command of a person's key in the service account's
/// authorized_keys (gitolite's pattern). sshd has established who is connecting; the gate runs the tzpy
/// subcommand in $SSH_ORIGINAL_COMMAND (none: the console) with NAME as the actor, and nothing else.
struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "SSH forced command: run one tzpy subcommand as NAME on DIR (never a shell).",
        discussion: "In ~tzpy/.ssh/authorized_keys: command=\"/usr/local/bin/tzpy gate --data /srv/tzpy/shandong zhangwei\",restrict,pty ssh-ed25519 AAAA…  (tzpy accounts key prints the line).")

    @Option(help: ArgumentHelp("The shared data dir, fixed by the administrator.", valueName: "DIR")) var data: String
    @Argument(help: "The person this key belongs to (an account in accounts.tsv).") var name: String

    func run() throws {
        do { _ = try Account.validateName(name) } catch {
            warn("网关的账户名无效：\(error.description)；请检查 authorized_keys")
            throw ExitCode(2)
        }
        let requested = ProcessInfo.processInfo.environment["SSH_ORIGINAL_COMMAND"] ?? ""
        var words: [String]
        do { words = try GateCommandLine.split(requested) } catch {
            warn("\(error.description)：\(requested)")
            throw ExitCode(2)
        }
        if let why = GatePolicy.refusal(words) {
            warn("拒绝：\(why)")
            throw ExitCode(2)
        }
        // Only the people in accounts.tsv come in: a key line left behind for a removed account opens nothing.
        let known: Bool
        do { known = try Store.accounts(SecureDirectory(URL(fileURLWithPath: data))).accounts.contains { $0.name == name } } catch {
            warn(error.description)
            throw ExitCode(1)
        }
        guard known else {
            warn("拒绝：\(name) 不在 \(DataDirectory(URL(fileURLWithPath: data)).accounts.path) 中；请管理员运行 tzpy accounts add \(name) --role …")
            throw ExitCode(2)
        }
        if words.isEmpty { words = ["review"] }
        GateSession.current = GateSession(data: URL(fileURLWithPath: data), actor: name)
        do {
            var command = try Tzpy.parseAsRoot(words)
            try command.run()
        } catch {
            Tzpy.exit(withError: error)
        }
    }
}
