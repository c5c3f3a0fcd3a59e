import Testing
@testable import tzpy

/// The gate's reading of $SSH_ORIGINAL_COMMAND and its policy: what a person on the far side of sshd may
/// run. The end-to-end test (Tests/e2e/gate.sh) drives the same through a real sshd.
@Suite struct GateTests {
    @Test(arguments: [
        ("claims --json", ["claims", "--json"]),
        ("  decide   --school 3701000001 --item 3.1 --return '请补充 经费依据' ", ["decide", "--school", "3701000001", "--item", "3.1", "--return", "请补充 经费依据"]),
        (#"decide --return "他说\"不\"" "#, ["decide", "--return", #"他说"不""#]),
        (#"log --school a\ b"#, ["log", "--school", "a b"]),
        (#"x "a\nb""#, ["x", #"a\nb"#]),
        ("sh -c 'id; cat /etc/passwd'", ["sh", "-c", "id; cat /etc/passwd"]),
        ("totals; id $(whoami) `id`", ["totals;", "id", "$(whoami)", "`id`"]),
        ("", []),
        ("''", [""]),
    ])
    func splitsLikeAShellButNeverRunsOne(line: String, words: [String]) throws {
        #expect(try GateCommandLine.split(line) == words)
    }

    @Test func unbalancedQuotesAreRefused() {
        #expect(throws: GateCommandLine.Unbalanced.self) { try GateCommandLine.split("decide --return '未完") }
        #expect(throws: GateCommandLine.Unbalanced.self) { try GateCommandLine.split(#"decide \"#) }
    }

    @Test(arguments: [
        ["sh", "-c", "id"], ["gate", "--data", "/srv/x", "li"], ["init", "/tmp/x"], ["demo", "/tmp/x"], ["check"],
        ["totals", "--data", "/srv/other"], ["claims", "--data=/srv/other"],
        ["export", "--report", "returns", "--out", "/srv/tzpy/shandong/journal.tsv"], ["export", "--report", "returns"],
        ["export", "--report", "returns", "--out=/tmp/x.xlsx"], ["export", "--out", "-", "--out", "x"],
        ["import", "/etc/passwd"], ["import", "-", "/srv/tzpy/other/a.xlsx"], ["accounts", "key", "li", "/home/li/.ssh/id.pub"],
        ["submit", "/srv/tzpy/shandong/a.xlsx"], ["submit", "-", "--school", "3701000001", "b.csv"], ["submit", "-", "--data", "/srv/x"],
        ["school", "--data", "/srv/other"],
    ])
    func refused(_ words: [String]) {
        #expect(GatePolicy.refusal(words) != nil, "\(words) should be refused")
    }

    @Test(arguments: [
        [], ["review"], ["totals", "--by", "city", "--json"], ["decide", "--school", "3701000001", "--item", "1", "--approve"],
        ["export", "--report", "returns", "--out", "-"], ["export", "--report", "claims", "--format", "csv", "--out=-"],
        ["import", "-", "--name", "济南.xlsx"], ["import", "--dry-run", "-"], ["accounts", "list"], ["accounts", "add", "li", "--role", "viewer"],
        ["log", "--json"], ["whoami"], ["submit", "-", "--name", "3701000001.xlsx"],
        ["submit", "--dry-run", "--school", "3701000001", "-"], ["submit", "-", "--school=3701000001"],
        ["school"], ["school", "--code", "3701000001"], ["export", "--report", "school", "--out", "-"],
    ])
    func allowed(_ words: [String]) {
        #expect(GatePolicy.refusal(words) == nil, "\(words) should pass")
    }

    @Test func keyLinesForceTheGateAndCarryNoSmuggledOptions() throws {
        let key = try AuthorizedKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ1c3kgbGl0dGxlIGtleQ zhang@laptop\n")
        #expect(key.line(command: "/usr/local/bin/tzpy gate --data /srv/tzpy/shandong zhang")
                == #"command="/usr/local/bin/tzpy gate --data /srv/tzpy/shandong zhang",restrict,pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ1c3kgbGl0dGxlIGtleQ zhang@laptop"#)
        // A "comment" that tries to add options or a second key is reduced to a harmless label.
        let sly = try AuthorizedKey(#"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ1c3kgbGl0dGxlIGtleQ x",command="sh""#)
        #expect(!sly.line(command: "c").contains(#"command="sh""#))
        #expect(throws: AuthorizedKey.Problem.self) { try AuthorizedKey(#"command="sh" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ1c3kgbGl0dGxlIGtleQ"#) }
        #expect(throws: AuthorizedKey.Problem.self) { try AuthorizedKey("ssh-ed25519 AAAA1\nssh-ed25519 AAAA2") }
        #expect(AuthorizedKey.isSafeInCommand("/srv/tzpy/山东省"))
        #expect(!AuthorizedKey.isSafeInCommand("/srv/tzpy/a b"))
        #expect(!AuthorizedKey.isSafeInCommand("/srv/$(id)"))
    }
}
