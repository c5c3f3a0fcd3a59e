import ArgumentParser
import ClaimKit
import ClaimStore
import Foundation
import TerminalText

/// `tzpy accounts add|remove|list|key`: who may use a data dir and in which role (accounts.tsv).
/// Changes go through the store, which allows them to province reviewers only.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Manage the people allowed into a data dir (accounts.tsv).",
        subcommands: [Add.self, Remove.self, List.self, Key.self])

    enum RoleWord: String, ExpressibleByArgument, CaseIterable { case province, city, school, viewer }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account, or change an existing one.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The account name: the NAME of the gate's key line (letters, digits, _ . @ -).") var name: String
        @Option(help: "province, city, school or viewer.") var role: RoleWord
        @Option(help: "The city of a city account, e.g. 济南市.") var city: String?
        @Option(help: ArgumentHelp("The 学校代码 of a school account.", valueName: "CODE")) var school: String?
        @Option(help: "The name people see, e.g. 张伟.") var display: String?

        func validate() throws {
            guard (role == .city) == (city != nil) else { throw ValidationError("--city goes with --role city, and only with it") }
            guard (role == .school) == (school != nil) else { throw ValidationError("--school goes with --role school, and only with it") }
        }

        func run() throws {
            try reporting {
                let store = try options.open()
                let account: Account
                do {
                    let r: Role
                    switch role {
                    case .province: r = .province
                    case .viewer: r = .viewer
                    case .city: r = .city(InputText.trim(city ?? ""))
                    case .school: r = .school(try School.validateCode(school ?? ""))
                    }
                    account = try Account(name: name, role: r, display: display)
                } catch {
                    throw ValidationError("\(error)")
                }
                if case .school(let code) = account.role, store.ledger.school(code) == nil {
                    throw ValidationError("未知学校代码 \(code)：学校须先在 schools.tsv 中（导入其文件即可）")
                }
                if case .city(let city) = account.role, !store.ledger.schools.contains(where: { $0.city == city }) {
                    warn("注意：目前没有所在市为 \(city) 的学校")
                }
                var accounts = store.accounts.filter { $0.name != account.name }
                accounts.append(account)
                try store.setAccounts(accounts)
                print("已保存账户 \(account.name)：\(account.role.label)（\(account.display)）")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account (its past events keep its name).")
        @OptionGroup var options: DataOptions
        @Argument(help: "The account name.") var name: String

        func run() throws {
            try reporting {
                let store = try options.open()
                guard store.accounts.contains(where: { $0.name == name }) else {
                    throw ValidationError("没有账户 \(name)")
                }
                try store.setAccounts(store.accounts.filter { $0.name != name })
                print("已删除账户 \(name)；其密钥行请从服务账户的 ~/.ssh/authorized_keys 中删除")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")
        @OptionGroup var options: DataOptions
        @Flag(help: "One JSON object a line.") var json = false

        func run() throws {
            let store = try reporting { try options.open() }
            guard store.account?.role.seesEverything ?? false else {
                warn("拒绝：只有 province 或 viewer 角色可以查看账户列表")
                throw ExitCode(1)
            }
            if !store.hasAccountsFile { warn("没有 accounts.tsv：数据目录的所有者是唯一的省厅审核人") }
            var table = TextTable(headers: ["账户", "角色", "范围", "显示名"])
            for a in store.accounts {
                let scope: String
                switch a.role {
                case .city(let c): scope = c
                case .school(let code): scope = code
                case .province, .viewer: scope = "-"
                }
                if json {
                    print(JSONText.object([("name", .string(a.name)), ("role", .string(a.role.word)),
                                           ("scope", scope == "-" ? .null : .string(scope)), ("display", .string(a.display))]).text)
                } else {
                    table.add([a.name, a.role.word, scope, a.display])
                }
            }
            if !json { print(table.render(), terminator: "") }
        }
    }

    /// Prints the authorized_keys line that lets the key's holder in through the gate as NAME.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key", abstract: "Print the authorized_keys line for NAME's public key (for the administrator).",
            discussion: "Append the line to the service account's ~/.ssh/authorized_keys.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The account name.") var name: String
        @Argument(help: ArgumentHelp("The person's public key file (one line, e.g. id_ed25519.pub).", valueName: "PUBKEY_FILE")) var keyFile: String
        @Option(help: ArgumentHelp("The tzpy binary the line runs (default: this one).", valueName: "PATH")) var tzpy: String?

        func run() throws {
            let store = try reporting { try options.open() }
            do {
                _ = try Account.validateName(name)
            } catch { throw ValidationError(error.description) }
            if !store.accounts.contains(where: { $0.name == name }) {
                warn("注意：\(name) 还不在 accounts.tsv 中，可以查看但不能写入；用 tzpy accounts add \(name) --role … 添加")
            }
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                throw ValidationError("\(keyFile)：应为 OpenSSH 公钥文件，实际无法读取")
            }
            let key: AuthorizedKey
            do { key = try AuthorizedKey(text) } catch { throw ValidationError("\(keyFile)：\(error)") }
            let binary = tzpy ?? Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
            let data = store.directory.url.standardizedFileURL.path
            for path in [binary, data] where !AuthorizedKey.isSafeInCommand(path) {
                throw ValidationError("路径 \(path) 含有引号、反斜杠、空白或控制字符，不能放进 authorized_keys 的 command=\"…\"")
            }
            print(key.line(command: "\(binary) gate --data \(data) \(name)"))
        }
    }
}

/// `tzpy whoami`: the actor, its role and display name, and the data dir (useful through the gate).
struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show who you are acting as, and your role.")
    @OptionGroup var options: DataOptions

    func run() throws {
        let store = try reporting { try options.open() }
        let role = store.account.map { "\($0.role.word)（\($0.role.label)）" } ?? "不在 accounts.tsv 中（只能查看）"
        print("\(store.actor)（\(store.displayName(of: store.actor))）· \(role) · \(store.directory.url.path)")
        if let why = store.readOnlyReason { print("只读：\(why)") }
    }
}
