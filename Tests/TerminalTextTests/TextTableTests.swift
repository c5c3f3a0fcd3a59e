import Testing
@testable import TerminalText

@Suite struct TextTableTests {
    @Test func columnsAlignByDisplayWidth() {
        var table = TextTable(headers: ["代码", "名称", "汇总"], rightAligned: [2])
        table.add(["3701000001", "济南电子学校", "16.25"])
        table.add(["1", "ab", "3"])
        #expect(table.render() == """
            代码        名称           汇总
            3701000001  济南电子学校  16.25
            1           ab                3

            """)
    }

    @Test func maxWidthTruncatesWithoutSplittingAWideCharacter() {
        var table = TextTable(headers: ["名称", "x"])
        table.maxWidth[0] = 7
        table.add(["经费预算填写不完整", "1"])
        let lines = table.render().split(separator: "\n")
        #expect(lines[1] == "经费预…  1")
        #expect(DisplayWidth.of(String(lines[0])) == DisplayWidth.of(String(lines[1])))
    }
}
