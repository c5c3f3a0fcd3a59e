import Testing
@testable import Sheets

@Suite struct TextDecodingTests {
    @Test func plainUTF8IsKeptAsIs() throws {
        let bytes = Array("学校代码,所在市\n3701000001,济南市\n".utf8)
        let (out, encoding) = try TextDecoding.utf8(bytes)
        #expect(out == bytes)
        #expect(encoding == .utf8)
    }

    @Test func theBOMIsRemoved() throws {
        let (out, encoding) = try TextDecoding.utf8([0xEF, 0xBB, 0xBF] + Array("汇总".utf8))
        #expect(String(decoding: out, as: UTF8.self) == "汇总")
        #expect(encoding == .utf8)
        let (empty, _) = try TextDecoding.utf8([0xEF, 0xBB, 0xBF])
        #expect(empty.isEmpty)
    }

    @Test func gb18030IsConvertedToUTF8IncludingFourByteCharacters() throws {
        // 𠀀 (U+20000) and € take GB18030's four-byte and two-byte forms.
        let text = "平台管理联系人：欧阳秀英\n办公电话：0536-8512345\n𠀀€\n"
        let bytes = gb18030(text)
        #expect(bytes.count != text.utf8.count)
        let (out, encoding) = try TextDecoding.utf8(bytes)
        #expect(encoding == .gb18030)
        #expect(String(decoding: out, as: UTF8.self) == text)
    }

    @Test func invalidBytesNameTheirLineAndOffset() throws {
        let bytes = gb18030("学校代码\n济南市\n") + Array("12".utf8) + [0xFF, 0xFF]
        let error = try #require(thrown(DecodingError.self) { _ = try TextDecoding.utf8(bytes) })
        #expect(error == DecodingError(line: 3, byteOffset: bytes.count - 2))
        #expect(error.description == "第 3 行（字节 \(bytes.count - 2)）：应为 UTF-8 或 GB18030 编码的文本，实际为无法识别的字节")
    }

    /// Old Excel for Mac ends lines with CR alone; the line named must be the one the CSV reader counts.
    @Test(arguments: ["\r", "\r\n", "\n"])
    func theLineCountsEveryKindOfLineEnd(end: String) throws {
        let bytes = gb18030("学校代码" + end + "济南市" + end) + [0x31, 0xFF, 0x0D]
        let error = try #require(thrown(DecodingError.self) { _ = try TextDecoding.utf8(bytes) })
        #expect(error.line == 3)
        #expect(error.byteOffset == bytes.count - 2)
    }

    @Test func aTruncatedCharacterAtTheEndIsAnError() throws {
        let bytes = gb18030("序号\n") + [0x81]
        let error = try #require(thrown(DecodingError.self) { _ = try TextDecoding.utf8(bytes) })
        #expect(error.line == 2)
        #expect(error.byteOffset == bytes.count - 1)
    }

    @Test func withABOMTheFileMustBeUTF8AndTheOffsetCountsTheBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("序号\n3.1\n".utf8) + [0xC3, 0x28]
        let error = try #require(thrown(DecodingError.self) { _ = try TextDecoding.utf8(bytes) })
        #expect(error.line == 3)
        #expect(error.byteOffset == bytes.count - 2)
    }

    @Test func firstInvalidUTF8FindsOverlongsSurrogatesAndTruncation() {
        #expect(TextDecoding.firstInvalidUTF8(Array("济南".utf8)) == nil)
        #expect(TextDecoding.firstInvalidUTF8([0x41, 0xC0, 0x80]) == 1)
        #expect(TextDecoding.firstInvalidUTF8([0x41, 0x42, 0xED, 0xA0, 0x80]) == 2)
        #expect(TextDecoding.firstInvalidUTF8([0xE6, 0xB5]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0xF0, 0x9F, 0x98, 0x80]) == nil)
    }
}
