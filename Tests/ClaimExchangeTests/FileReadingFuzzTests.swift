import ClaimKit
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// Seeded mutation fuzzing of the import as a whole (docs/reliability.md, "Spreadsheet fuzzing"): platform
/// exports and province-wide sheets, as CSV (UTF-8 and GB18030) and xlsx, mutated and read by `FileReading`,
/// layouts included. Whatever the bytes, reading ends, and every problem is printed at a place in the file:
/// `FILE:LINE` or `FILE:SHEET!CELL`. SheetsTests' FuzzTests does the same for the readers alone, with more
/// kinds of mutation; the environment variables are the same (`TZPY_FUZZ_ITERATIONS`, `TZPY_FUZZ_SEED`).
@Suite(.serialized) struct FileReadingFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["TZPY_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2020_1019
    /// CSV inputs; a third as many workbooks.
    static let iterations = environment["TZPY_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 1_500

    typealias Generator = SplitMix64

    static func generator(_ salt: UInt64, _ i: Int) -> Generator {
        var g = Generator(seed: seed ^ salt &* 0x2545_F491_4F6C_DD1D ^ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
        return Generator(seed: g.next())
    }

    static let interesting: [UInt8] = Array(",\"\n\r'=-+@<>&/;：是否0123456789.".utf8) + [0x00, 0xFF, 0xE5, 0x80]

    /// One to four byte-level changes: flip, set, insert (runs too), delete, duplicate, truncate.
    static func mutate(_ bytes: inout [UInt8], _ g: inout Generator) -> [String] {
        var done: [String] = []
        for _ in 0...g.below(4) {
            let at = g.below(bytes.count + 1)
            switch g.below(7) {
            case 0 where at < bytes.count:
                bytes[at] ^= 1 << UInt8(g.below(8)); done.append("flip \(at)")
            case 1 where at < bytes.count:
                bytes[at] = interesting[g.below(interesting.count)]; done.append("set \(at)")
            case 2:
                let count = [1, 50, 5_000][g.below(3)]
                bytes.insert(contentsOf: repeatElement(interesting[g.below(interesting.count)], count: count), at: at)
                done.append("insert \(count) at \(at)")
            case 3 where at < bytes.count:
                let n = min(bytes.count - at, 1 + g.below(80)); bytes.removeSubrange(at..<(at + n)); done.append("delete \(n) at \(at)")
            case 4 where at < bytes.count:
                let n = min(bytes.count - at, 1 + g.below(400))
                bytes.insert(contentsOf: bytes[at..<(at + n)], at: g.below(bytes.count + 1)); done.append("duplicate \(n) from \(at)")
            case 5:
                bytes.removeSubrange(at...); done.append("truncate at \(at)")
            default:
                break
            }
        }
        return done
    }

    /// The problem with what FileReading made of `url`, or nil.
    static func check(_ url: URL, file: String) -> String? {
        let read = FileReading.read(url, file: file, catalog: Province.catalog)
        for problem in read.problems {
            guard problem.location.file == file, problem.description.hasPrefix(file + ":") else { return "a problem not naming the file: \(problem)" }
            if problem.message.isEmpty { return "an empty message at \(problem.location)" }
        }
        for claim in read.claims where !claim.location.description.hasPrefix(file + ":") { return "a claim without its place: \(claim.location)" }
        return nil
    }

    static func csvSeeds(_ space: Workspace) throws -> [[UInt8]] {
        let flat = try space.csv("flat.csv", [Flat.header + ["汇总", "平台管理联系人", "办公电话", "手机号"],
                                              Flat.row(Province.jinan, "3.1", 1, ["6", "5", "4", "1"]) + ["16", "王芳", "0531-88112233", "13805310001"],
                                              Flat.row(Province.qingdao, "1", nil, ["1", "2", "3", "4"], bare: true) + ["", "", "", ""]])
        let fixture = Workspace.fixtures.appendingPathComponent("3701000001_济南市历城职业中等专业学校.csv")
        return [[UInt8](try Data(contentsOf: flat)), [UInt8](try Data(contentsOf: fixture))]
    }

    @Test func mutatedCSVImportsOrNamesItsLines() throws {
        let space = try Workspace()
        let seeds = try Self.csvSeeds(space)
        print("fuzz import CSV: seed \(Self.seed), iterations 0..<\(Self.iterations)")
        for i in 0..<Self.iterations {
            var g = Self.generator(3, i)
            var bytes = seeds[g.below(seeds.count)]
            let done = Self.mutate(&bytes, &g)
            let url = try space.write("3701000001_变异.csv", bytes)
            if let problem = Self.check(url, file: "3701000001_变异.csv") {
                Issue.record("import CSV fuzz seed \(Self.seed), iteration \(i) (\(done.joined(separator: "; "))): \(problem)")
            }
        }
    }

    static let cellTexts = ["", " ", "-", "－", "=1+1", "'=1", "是", "否", "√", "承接", "1", "0", "-1", "1E-4", "0.30000000000000004",
                            "12.34567", "99999999999", "3701000001", "3799999999", "3.1", "99.9", "学校代码", "序号", "工作任务",
                            "是否承接", "学校自筹", "汇总", "学校名称：济南", "0531-88112233", "138", "\u{202E}反", "\r\n",
                            String(repeating: "学", count: 40_000), String(repeating: "9", count: 400)]

    /// One to four changes to the rows of a sheet: a cell's text, a row inserted, dropped or repeated, a cell shifted.
    static func mutate(_ rows: inout [[String]], _ g: inout Generator) -> [String] {
        var done: [String] = []
        for _ in 0...g.below(4) {
            let r = g.below(rows.count)
            switch g.below(5) {
            case 0 where !rows.isEmpty && !rows[r].isEmpty:
                let c = g.below(rows[r].count + 3)
                while rows[r].count <= c { rows[r].append("") }
                let text = cellTexts[g.below(cellTexts.count)]
                rows[r][c] = text
                done.append("cell \(r),\(c) = \(text.prefix(12))")
            case 1:
                rows.insert((0..<g.below(12)).map { _ in cellTexts[g.below(cellTexts.count)] }, at: g.below(rows.count + 1)); done.append("insert a row")
            case 2 where !rows.isEmpty:
                rows.remove(at: r); done.append("drop row \(r)")
            case 3 where !rows.isEmpty:
                rows.insert(contentsOf: repeatElement(rows[r], count: 1 + g.below(30)), at: r); done.append("repeat row \(r)")
            case 4 where !rows.isEmpty:
                rows[r].insert("", at: g.below(rows[r].count + 1)); done.append("shift row \(r)")
            default:
                break
            }
        }
        return done
    }

    static let flatRows = [Flat.header + ["汇总"], Flat.row(Province.jinan, "3.1", 1, ["6", "5", "4", "1"]) + ["16"],
                           Flat.row(Province.qingdao, "1", nil, ["1", "2", "3", "4"], bare: true)]
    static let platformRows = [["学校代码", "3701000001", "学校名称", Province.jinan.name], ["平台管理联系人", "王芳", "办公电话", "0531-88112233", "手机号", "13805310001"],
                               ["序号", "工作任务", "是否承接", "承接数量", "预计投入经费（单位：万元）"], ["", "", "", "", "汇总", "学校自筹", "行业企业投入", "举办方投入", "地市县投入"],
                               ["1", Province.text("1"), "是", "-", "10", "1", "2", "3", "4"], ["3.1", Province.text("3.1"), "是", "1", "16", "6", "5", "4", "1"],
                               ["", "3.2 " + Province.text("3.2"), "是", "2", "11", "2", "1", "2", "6"]]

    @Test func mutatedWorkbooksImportOrNameTheirCells() throws {
        let space = try Workspace()
        let name = "3701000001_变异.xlsx"
        print("fuzz import xlsx: seed \(Self.seed), iterations 0..<\(Self.iterations / 3)")
        for i in 0..<(Self.iterations / 3) {
            var g = Self.generator(4, i)
            var rows = g.below(2) == 0 ? Self.flatRows : Self.platformRows
            var done = Self.mutate(&rows, &g)
            let url = try space.xlsx(name, sheet: ["明细", "Sheet1", "济南/青岛"][g.below(3)], rows)
            if g.below(4) == 0 {
                // And the zip's own bytes.
                var bytes = [UInt8](try Data(contentsOf: url))
                done += Self.mutate(&bytes, &g)
                try Data(bytes).write(to: url)
            }
            if let problem = Self.check(url, file: name) {
                Issue.record("import xlsx fuzz seed \(Self.seed), iteration \(i) (\(done.joined(separator: "; "))): \(problem)")
            }
        }
    }
}
