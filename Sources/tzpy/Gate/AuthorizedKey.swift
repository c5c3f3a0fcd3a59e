/// An OpenSSH public key as the administrator received it, turned into the authorized_keys line that
/// forces the gate: `command="…",restrict,pty TYPE BASE64 COMMENT`.
struct AuthorizedKey {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Key types sshd accepts for users today.
    static let types: Set<String> = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                                     "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"]

    let type: String
    let blob: String
    let comment: String

    /// Parses one `TYPE BASE64 [COMMENT]` line; options already on the line (from elsewhere) are refused.
    init(_ text: String) throws(Problem) {
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        guard lines.count == 1 else { throw Problem(description: "应为一行公钥，实际为 \(lines.count) 行") }
        let words = lines[0].split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 2, AuthorizedKey.types.contains(words[0]) else {
            throw Problem(description: "应以密钥类型开头（\(AuthorizedKey.types.sorted().joined(separator: " "))），实际为「\(words.first.map { String($0.prefix(40)) } ?? "")」")
        }
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        guard words[1].utf8.allSatisfy(base64.contains), words[1].utf8.count >= 16 else {
            throw Problem(description: "密钥内容应为 base64，实际不是")
        }
        type = words[0]
        blob = words[1]
        // The comment is only a label: keep letters, digits and a few marks, so it cannot carry options.
        comment = String(words.dropFirst(2).joined(separator: " ").filter { $0.isLetter || $0.isNumber || "@._-".contains($0) }.prefix(64))
    }

    /// The authorized_keys line running `command` with sshd's `restrict` (no forwarding, no agent, no X11)
    /// and a pty for the console.
    func line(command: String) -> String {
        "command=\"\(command)\",restrict,pty \(type) \(blob)" + (comment.isEmpty ? "" : " \(comment)")
    }

    /// True when `path` can stand unquoted in the forced command (sshd hands it to the account's shell).
    static func isSafeInCommand(_ path: String) -> Bool {
        !path.isEmpty && path.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value != 0x7F && !"\"'\\`$;&|<>()*?[]{}~#!".unicodeScalars.contains(s) && !(0x80...0x9F).contains(s.value)
        }
    }
}
