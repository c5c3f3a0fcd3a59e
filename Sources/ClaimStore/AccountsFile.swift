import ClaimKit

/// Reads and writes accounts.tsv: who may use a data dir and in which role (docs/formats.md §13).
///
/// `name<TAB>role<TAB>scope<TAB>display` after a header row; scope is the city of a `city` account, the
/// 学校代码 of a `school` account and `-` otherwise.
public enum AccountsFile {
    public static let columns = ["name", "role", "scope", "display"]

    /// Parses the file; every error names the file, line and field.
    public static func parse(_ text: String, file: String) throws(StoreError) -> [Account] {
        var accounts: [Account] = []
        var seen: [String: Int] = [:]
        for (line, f) in try ReferenceFiles.table(text, file: file, columns: columns, headerField: "header", countField: "columns") {
            let role: Role
            let scope = InputText.trim(f[2])
            switch InputText.trim(f[1]) {
            case "province": role = .province
            case "viewer": role = .viewer
            case "city":
                guard !scope.isEmpty, scope != "-" else {
                    throw .reference(file: file, line: line, field: "scope", problem: "a city account needs its city, e.g. 济南市; found \(f[2])")
                }
                role = .city(scope)
            case "school":
                do { role = .school(try School.validateCode(scope)) } catch {
                    throw .reference(file: file, line: line, field: "scope", problem: error.description)
                }
            default:
                throw .reference(file: file, line: line, field: "role", problem: "expected province, city, school or viewer, found \(f[1])")
            }
            let account = try ReferenceFiles.record(file: file, line: line) {
                try Account(name: f[0], role: role, display: f[3] == "-" ? nil : f[3])
            }
            if let first = seen[account.name] {
                throw .reference(file: file, line: line, field: "name", problem: "\(account.name) already appears on line \(first)")
            }
            seen[account.name] = line
            accounts.append(account)
        }
        return accounts
    }

    public static func format(_ accounts: [Account]) -> String {
        var out = "# tzpy accounts: who may use this data dir (tzpy accounts add|remove|list; docs/formats.md)\n"
        out += columns.joined(separator: "\t") + "\n"
        for a in accounts {
            let scope: String
            switch a.role {
            case .city(let city): scope = ReferenceFiles.clean(city)
            case .school(let code): scope = code
            case .province, .viewer: scope = "-"
            }
            out += [a.name, a.role.word, scope, ReferenceFiles.clean(a.display)].joined(separator: "\t") + "\n"
        }
        return out
    }
}
