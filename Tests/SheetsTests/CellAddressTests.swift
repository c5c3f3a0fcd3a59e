import Testing
@testable import Sheets

@Suite struct CellAddressTests {
    @Test(arguments: [("A1", 0, 1), ("B7", 1, 7), ("Z9", 25, 9), ("AA10", 26, 10), ("az3", 51, 3), ("$C$12", 2, 12),
                      ("XFD1048576", 16383, 1_048_576)])
    func parsesA1References(text: String, column: Int, row: Int) throws {
        let address = try #require(CellAddress(text))
        #expect(address == CellAddress(column: column, row: row))
    }

    @Test(arguments: ["", "A", "7", "7B", "A0", "B-1", "ABCD1", "A12345678", "B 7", "甲1", "A1B"])
    func refusesWhatIsNotAReference(text: String) {
        #expect(CellAddress(text) == nil)
    }

    @Test func lettersAndDescriptionRoundTrip() {
        #expect(CellAddress.letters(0) == "A")
        #expect(CellAddress.letters(25) == "Z")
        #expect(CellAddress.letters(26) == "AA")
        #expect(CellAddress.letters(701) == "ZZ")
        #expect(CellAddress.letters(702) == "AAA")
        for column in [0, 1, 25, 26, 27, 51, 52, 700, 701, 702, 16383] {
            let address = CellAddress(column: column, row: 42)
            #expect(CellAddress(address.description) == address)
        }
        #expect(CellAddress(column: 7, row: 3).description == "H3")
    }

    @Test func ordersByRowThenColumn() {
        let cells = [CellAddress("B2")!, CellAddress("A3")!, CellAddress("C1")!, CellAddress("A2")!]
        #expect(cells.sorted().map(\.description) == ["C1", "A2", "B2", "A3"])
    }

    @Test func rangesParseContainAndPrint() throws {
        let range = try #require(CellRange("E5:I6"))
        #expect(range.first == CellAddress(column: 4, row: 5))
        #expect(range.last == CellAddress(column: 8, row: 6))
        #expect(range.description == "E5:I6")
        #expect(range.contains(CellAddress("E5")!))
        #expect(range.contains(CellAddress("I6")!))
        #expect(range.contains(CellAddress("G6")!))
        #expect(!range.contains(CellAddress("D5")!))
        #expect(!range.contains(CellAddress("E7")!))
        let single = try #require(CellRange("B7"))
        #expect(single.first == single.last)
        #expect(single.description == "B7")
        #expect(CellRange("A1:B2:C3") == nil)
        #expect(CellRange("A1:") == nil)
        #expect(CellRange("合并") == nil)
    }

    @Test func locationsPrintAsFileSheetCellOrFileLine() {
        #expect(SheetLocation(file: "山东.xlsx", sheet: "承接任务明细", row: 7, column: 7).description == "山东.xlsx:承接任务明细!H7")
        #expect(SheetLocation(file: "山东.xlsx", sheet: "承接任务明细", row: 7, column: nil).description == "山东.xlsx:承接任务明细!7:7")
        #expect(SheetLocation(file: "data/山东.csv", sheet: nil, row: 12, column: 3).description == "data/山东.csv:12")
    }

    @Test func rowsGiveTrimmedTextAndKnowWhenBlank() {
        let row = SheetRow(number: 4, cells: [.text("\u{3000} 济南市 \n"), nil, .number("16"), .text(" \u{3000}")])
        #expect(row.text(0) == "济南市")
        #expect(row.text(1) == "")
        #expect(row.text(2) == "16")
        #expect(row.text(9) == "")
        #expect(row.value(-1) == nil)
        #expect(row.value(2) == .number("16"))
        #expect(!row.isBlank)
        #expect(SheetRow(number: 5, cells: [nil, .text("  "), .text("\u{3000}")]).isBlank)
        #expect(SheetRow(number: 6, cells: []).isBlank)
        #expect("\t 学校自筹（万元）\u{3000}".trimmingWhitespace() == "学校自筹（万元）")
        #expect(" \u{3000} ".trimmingWhitespace() == "")
    }
}
