/// What may pass the gate: tzpy's own subcommands on the gate's data dir, nothing else. Files travel over
/// standard input and output only (`import -`, `export --out -`), so a person never names a path on the
/// server (`submit -` too), and no word may choose another data dir; the actor is fixed by the key line, not by options.
enum GatePolicy {
    /// Subcommands a person may run through the gate (the store still checks their role for each write).
    static let subcommands: Set<String> = ["review", "totals", "claims", "decide", "log", "import", "export",
                                           "catalog", "accounts", "whoami", "withdraw", "reopen", "submit", "school", "help"]
    /// `accounts` verbs allowed through the gate (`key` reads a file on the server: the administrator's).
    static let accountVerbs: Set<String> = ["list", "add", "remove"]

    /// Why `words` may not run, or nil.
    static func refusal(_ words: [String]) -> String? {
        guard let first = words.first else { return nil }
        guard subcommands.contains(first) else {
            return "只能运行 tzpy 的子命令（\(subcommands.sorted().joined(separator: " "))），不能运行「\(first)」"
        }
        if words.contains(where: { $0 == "--data" || $0.hasPrefix("--data=") }) {
            return "通过网关不能指定 --data：数据目录由管理员在 authorized_keys 中设定"
        }
        let rest = Array(words.dropFirst())
        switch first {
        case "export":
            let outs = rest.indices.compactMap { i -> String? in
                if rest[i] == "--out" { return i + 1 < rest.count ? rest[i + 1] : "" }
                return rest[i].hasPrefix("--out=") ? String(rest[i].dropFirst(6)) : nil
            }
            guard !outs.isEmpty, outs.allSatisfy({ $0 == "-" }) else {
                return "通过网关导出只能写到标准输出：--out -（在本机：ssh … export --report … --out - > 文件.xlsx）"
            }
        case "import":
            var i = 0
            while i < rest.count {
                let w = rest[i]
                if w == "--name" { i += 2; continue }
                if w.hasPrefix("--name=") || w == "--dry-run" || w == "-" || w == "--help" { i += 1; continue }
                return "通过网关导入只能读标准输入：import - --name 原文件名.xlsx < 文件（不能读取服务器上的「\(w)」）"
            }
        case "submit":
            var i = 0
            while i < rest.count {
                let w = rest[i]
                if w == "--name" || w == "--school" { i += 2; continue }
                if w.hasPrefix("--name=") || w.hasPrefix("--school=") || w == "--dry-run" || w == "-" || w == "--help" { i += 1; continue }
                return "通过网关提交只能读标准输入：submit - --name 原文件名.xlsx < 文件（不能读取服务器上的「\(w)」）"
            }
        case "accounts":
            if let verb = rest.first, !accountVerbs.contains(verb), !verb.hasPrefix("-") {
                return "通过网关只能 accounts \(accountVerbs.sorted().joined(separator: "|"))；accounts \(verb) 由管理员在服务器上运行"
            }
        default:
            break
        }
        return nil
    }
}
