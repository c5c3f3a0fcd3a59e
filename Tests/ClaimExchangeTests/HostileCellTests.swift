import ClaimKit
import Foundation
import Sheets
import TerminalText
import Testing
@testable import ClaimExchange

/// A cell's text quoted in a problem (`实际为「…」`) is shown escaped and at most 80 columns wide: a school's
/// file can neither send the reviewer's terminal control sequences nor bury the message under a pasted page.
@Suite struct HostileCellTests {
    /// Retitle the window, clear the screen, cursor up, a C1 CSI and a bidi override, then 400 columns of text.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[1A\u{9B}31m\u{202E}" + String(repeating: "经费预算", count: 50)

    /// `text` as a workbook holds it: XML 1.0 has no C0 controls (the writer drops them), but C1 and bidi
    /// controls are ordinary XML characters and arrive.
    static func inXLSX(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 }))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The column of FlatLayoutTests.header that gets the hostile text, and other changes the case needs.
        let column: Int
        var others: [Int: String] = [:]
        /// The row to change: FlatLayoutTests.second (false) or .first (true).
        var first = false
        var testDescription: String { name }
    }

    static let flatCases: [Case] = [
        Case(name: "学校代码", column: 1),
        Case(name: "学校名称 against the store", column: 2),
        Case(name: "学校名称 against an earlier row", column: 2, others: [1: Province.jinan.code, 3: Province.jinan.type.rawValue, 4: Province.jinan.city, 0: "1", 5: Province.text("1")]),
        Case(name: "学校类型", column: 3),
        Case(name: "所在市 against the store", column: 4),
        Case(name: "序号", column: 0, others: [5: ""]),
        Case(name: "工作任务", column: 5),
        Case(name: "承接数量", column: 6, first: true),
        Case(name: "汇总", column: 7),
        Case(name: "学校自筹", column: 8),
        Case(name: "行业企业投入", column: 9),
        Case(name: "举办方投入", column: 10),
        Case(name: "地市县投入", column: 11),
        Case(name: "办公电话", column: 13),
        Case(name: "手机号", column: 14),
    ]

    static func expectEchoed(_ problems: [ImportProblem], _ value: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let echoed = Sanitizer.echo(value)
        #expect(echoed.hasSuffix("…") && DisplayWidth.of(echoed) <= Sanitizer.echoColumns, sourceLocation: sourceLocation)
        let quoting = problems.filter { $0.message.contains("「\(echoed)」") }
        #expect(quoting.count == 1, "\(problems.map(\.message))", sourceLocation: sourceLocation)
        for p in problems {
            #expect(!p.message.unicodeScalars.contains(where: Sanitizer.isUnsafe), "\(p.message)", sourceLocation: sourceLocation)
            #expect(!p.message.contains(String(value.suffix(100))), "the whole cell is quoted: \(p.message)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: flatCases)
    func flatLayoutEchoesAreEscapedAndCapped(_ c: Case) throws {
        var row = c.first ? FlatLayoutTests.first : FlatLayoutTests.second
        for (i, v) in c.others { row[i] = v }
        row[c.column] = Self.hostile
        let space = try Workspace()
        // Unquoted CSV: the hostile text has no comma, quote or line break.
        let csv = try space.csv("全省汇总.csv", [FlatLayoutTests.header, FlatLayoutTests.first, row])
        let xlsx = try space.xlsx("全省汇总.xlsx", sheet: "承接任务明细", [FlatLayoutTests.header, FlatLayoutTests.first, row])
        Self.expectEchoed(space.importing([csv]).problems, Self.hostile)
        Self.expectEchoed(space.importing([xlsx]).problems, Self.inXLSX(Self.hostile))
        #expect(space.journalLines == 1)
    }

    @Test func platformLayoutEchoesAreEscapedAndCapped() throws {
        var claimed = PlatformLayoutTests.export()
        claimed[5][2] = Self.hostile
        var task = PlatformLayoutTests.export()
        task[6][0] = ""
        task[6][1] = Self.hostile
        let space = try Workspace()
        for (name, rows, value) in [("是否承接.xlsx", claimed, Self.inXLSX(Self.hostile)), ("工作任务.xlsx", task, Self.inXLSX(Self.hostile))] {
            let url = try space.xlsx(name, sheet: "承接任务", rows, merging: PlatformLayoutTests.merges)
            let problems = space.importing([url]).problems
            #expect(!problems.isEmpty, "\(name)")
            Self.expectEchoed(problems, value)
        }
    }

    @Test func aFileExtensionIsEchoedEscapedAndCapped() throws {
        let space = try Workspace()
        let ext = "x\u{1B}[2J" + String(repeating: "y", count: 120)
        let url = try space.write("学校." + ext, Array("a".utf8))
        Self.expectEchoed(space.importing([url]).problems, ext)
    }

    @Test func aShortCellIsQuotedWhole() throws {
        var row = FlatLayoutTests.second
        row[8] = "五万\u{1B}[2J"
        let space = try Workspace()
        let url = try space.csv("全省汇总.csv", [FlatLayoutTests.header, FlatLayoutTests.first, row])
        #expect(space.importing([url]).problems.map(\.message)
                    == ["学校自筹：应为不小于0、最多4位小数、小于100000000的万元数（如 12 或 12.5），实际为「五万\\e[2J」"])
    }

    @Test func anUnknownSchoolCodeOfAnExportIsEchoedEscapedAndCapped() throws {
        let space = try Workspace()
        #expect(throws: Reports.Problem.self) { try Reports.make(.school, ledger: space.ledger, school: Self.hostile) }
        do {
            _ = try Reports.make(.school, ledger: space.ledger, school: Self.hostile)
        } catch {
            #expect(error.message == "--school：应为已登记的学校代码，实际为「\(Sanitizer.echo(Self.hostile))」")
        }
    }
}
