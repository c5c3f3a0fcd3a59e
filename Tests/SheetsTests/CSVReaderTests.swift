import Testing
@testable import Sheets

@Suite struct CSVReaderTests {
    @Test func quotesDoubledQuotesAndCommasInsideQuotes() throws {
        let rows = try records("学校代码,学校名称,修改意见\n3701000001,\"济南市历城职业中等专业学校\",\"请核实“三全育人”，即 \"\"德育\"\" 部分\"\n")
        #expect(rows.count == 2)
        #expect(rows[0].cells == ["学校代码", "学校名称", "修改意见"])
        #expect(rows[1].line == 2)
        #expect(rows[1].cells == ["3701000001", "济南市历城职业中等专业学校", "请核实“三全育人”，即 \"德育\" 部分"])
    }

    @Test func embeddedLineBreaksKeepLaterLineNumbersRight() throws {
        let text = "序号,工作任务,修改意见\n3.1,\"培育200所左右\n“三全育人”典型学校\",\"第一行\r\n第二行\r\n第三行\"\n3.2,培育遴选100个左右名师工作室,\n4.1,\"培训\",好\n"
        let rows = try records(text)
        #expect(rows.map(\.line) == [1, 2, 6, 7])
        #expect(rows[1].cells == ["3.1", "培育200所左右\n“三全育人”典型学校", "第一行\r\n第二行\r\n第三行"])
        #expect(rows[2].cells == ["3.2", "培育遴选100个左右名师工作室", nil])
        #expect(rows[3].cells == ["4.1", "培训", "好"])
    }

    @Test func emptyFieldsTrailingCommaAndQuotedEmpty() throws {
        let rows = try records("学校自筹,,举办方投入,\n,\"\",0,\n1,2,3,4")
        #expect(rows.count == 3)
        #expect(rows[0].cells == ["学校自筹", nil, "举办方投入", nil])
        #expect(rows[1].cells == [nil, "", "0", nil])
        #expect(rows[2].cells == ["1", "2", "3", "4"])
        let last = try records("a,b,")
        #expect(last.count == 1)
        #expect(last[0].cells == ["a", "b", nil])
        let quotedLast = try records("\"甲\",\"乙\",\r\n\"丙\",")
        #expect(quotedLast.map(\.cells) == [["甲", "乙", nil], ["丙", nil]])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func everyLineEndGivesTheSameRecordsAndLines(end: String) throws {
        let text = ["学校代码,序号,汇总", "3701000001,1,10", "", "3701000001,3.1,16"].joined(separator: end) + end
        let rows = try records(text)
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(rows.map(\.cells) == [["学校代码", "序号", "汇总"], ["3701000001", "1", "10"], [], ["3701000001", "3.1", "16"]])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func aLineBreakInsideQuotesCountsAsALineWhateverTheLineEnd(end: String) throws {
        let text = "序号,修改意见" + end + "1,\"第一行" + end + "第二行\"" + end + "2,好" + end
        let rows = try records(text)
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[1].cells == ["1", "第一行" + end + "第二行"])
        #expect(rows[2].cells == ["2", "好"])
    }

    @Test func aByteOrderMarkIsDroppedAndTheFirstHeaderCellIsClean() throws {
        let reader = try CSVReader(data: [0xEF, 0xBB, 0xBF] + Array("学校代码,序号\r\n3701000001,2\r\n".utf8))
        #expect(reader.encoding == .utf8)
        let rows = try records(reader.bytes)
        #expect(rows[0].cells == ["学校代码", "序号"])
        #expect(rows[1].line == 2)
    }

    @Test func gb18030BytesAreDecoded() throws {
        let text = "学校代码,学校名称,所在市\r\n3701000001,\"济南市历城职业中等专业学校，“双高”\",济南市\r\n"
        let bytes = gb18030(text)
        #expect(bytes != Array(text.utf8))
        #expect(TextDecoding.firstInvalidUTF8(bytes) != nil)
        let reader = try CSVReader(data: bytes)
        #expect(reader.encoding == .gb18030)
        let rows = try records(reader.bytes)
        #expect(rows.map(\.cells) == [["学校代码", "学校名称", "所在市"],
                                      ["3701000001", "济南市历城职业中等专业学校，“双高”", "济南市"]])
    }

    @Test func invalidBytesAreADecodingErrorNamingTheirLine() throws {
        let bytes = gb18030("学校代码,序号\n3701000001,1\n") + [0x33, 0x2C, 0xFF, 0x0A]
        let error = try #require(thrown(CSVError.self) { _ = try CSVReader(data: bytes) })
        guard case .decoding(let decoding) = error else {
            Issue.record("expected a decoding error, got \(error)")
            return
        }
        #expect(decoding.line == 3)
        #expect(decoding.byteOffset == bytes.count - 2)
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("第 3 行（字节 \(bytes.count - 2)）"))
    }

    @Test func anUnterminatedQuoteNamesTheLineItOpenedOn() throws {
        let text = "序号,修改意见\n1,好\n2,\"没有结束\n的引号\n3,好\n"
        let error = try #require(thrown(CSVError.self) { _ = try records(text) })
        #expect(error == .unterminatedQuote(line: 3))
        #expect(error.line == 3)
        #expect(error.description == "第 3 行：引号内的字段没有结束引号")
    }

    @Test func textAfterAClosingQuoteIsRefusedOnItsLine() throws {
        let error = try #require(thrown(CSVError.self) { _ = try records("a,b\n\"甲\n乙\"丙,d\n") })
        #expect(error == .textAfterQuote(line: 3))
    }

    @Test func stoppingEarlyReadsNoFurther() throws {
        var seen: [Int] = []
        try CSVReader(data: Array("1\n2\n3\n\"4".utf8)).forEachRow { row in
            seen.append(row.number)
            return row.number < 2
        }
        #expect(seen == [1, 2])
    }
}
