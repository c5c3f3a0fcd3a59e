import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct AccountsFileTests {
    static let accounts: [Account] = [
        try! Account(name: "zhangwei", role: .province, display: "张伟"),
        try! Account(name: "jinan.city", role: .city("济南市"), display: "济南市教育局 王芳"),
        try! Account(name: "3701000001", role: .school("3701000001")),
        try! Account(name: "audit@shandong", role: .viewer, display: "审计"),
    ]

    @Test func roundTrips() throws {
        let text = AccountsFile.format(Self.accounts)
        #expect(try AccountsFile.parse(text, file: "accounts.tsv") == Self.accounts)
        #expect(text.contains("3701000001\tschool\t3701000001\t3701000001\n"))
    }

    @Test(arguments: [
        ("name\trole\tscope\n", 1, "header", "expected name role scope display, found name role scope"),
        ("name\trole\tscope\tdisplay\nzhang\tboss\t-\t张\n", 2, "role", "expected province, city, school or viewer, found boss"),
        ("name\trole\tscope\tdisplay\nzhang\tcity\t-\t张\n", 2, "scope", "a city account needs its city, e.g. 济南市; found -"),
        ("name\trole\tscope\tdisplay\nzhang\tschool\t37010\t张\n", 2, "scope", "学校代码：应为10位数字，如 3701000001，实际为「37010」"),
        ("name\trole\tscope\tdisplay\n-rf\tprovince\t-\t张\n", 2, "账户名", "账户名：应为1–64 个字母、数字或 _ . @ -（不以 - 或 . 开头），如 zhangwei，实际为「-rf」"),
        ("name\trole\tscope\tdisplay\nzhang wei\tprovince\t-\t张\n", 2, "账户名", "账户名：应为1–64 个字母、数字或 _ . @ -（不以 - 或 . 开头），如 zhangwei，实际为「zhang wei」"),
        ("# c\nname\trole\tscope\tdisplay\nli\tviewer\t-\t-\nli\tprovince\t-\t-\n", 4, "name", "li already appears on line 3"),
        ("name\trole\tscope\tdisplay\nli\tviewer\t-\n", 2, "columns", "expected 4 TAB-separated fields, found 3"),
        ("name\trole\tscope\tdisplay\nli\tviewer\t-\t\u{1B}]0;x\u{07}\n", 2, "显示名", "显示名：应为不超过 40 个字符、不含控制字符的姓名，实际为「\u{1B}]0;x\u{07}」"),
    ])
    func errorsNameFileLineAndField(text: String, line: Int, field: String, problem: String) {
        #expect(throws: StoreError.reference(file: "accounts.tsv", line: line, field: field, problem: problem)) {
            try AccountsFile.parse(text, file: "accounts.tsv")
        }
    }

    /// Random mutations of a valid file: parsing never traps, and every refusal names the file and a line.
    @Test func mutatedFilesNeverCrash() {
        var rng = SplitMix64(seed: 0x7A9F)
        let base = Array(AccountsFile.format(Self.accounts).utf8)
        let alphabet = Array("\t\n\r #-.@_a9张\u{1B}".utf8) + [0xFF, 0x00]
        var refused = 0
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: if bytes.count > 1 { bytes.remove(at: at) }
                }
            }
            do {
                _ = try AccountsFile.parse(String(decoding: bytes, as: UTF8.self), file: "accounts.tsv")
            } catch {
                guard case .reference(let file, let line, let field, _) = error, file == "accounts.tsv", line >= 1, !field.isEmpty else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                refused += 1
            }
        }
        #expect(refused > 1000)
    }
}
