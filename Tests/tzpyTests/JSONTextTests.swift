import Foundation
import Testing
@testable import tzpy

@Suite struct JSONTextTests {
    @Test func controlsAndBidiAreEscaped() {
        #expect(JSONText.quote("a\u{1B}[2J\u{07}") == #""a\u001b[2J\u0007""#)
        #expect(JSONText.quote("x\u{9B}31m\u{85}") == #""x\u009b31m\u0085""#, "C1")
        #expect(JSONText.quote("\u{7F}") == #""\u007f""#, "DEL")
        #expect(JSONText.quote("\u{202E}\u{202A}\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}")
                    == #""\u202e\u202a\u2066\u2069\u200e\u200f\u061c""#, "bidi controls")
        #expect(JSONText.quote("经费\"预算\"\\\n\t\r") == #""经费\"预算\"\\\n\t\r""#)
        #expect(JSONText.quote("济南“三全育人”\u{A0}\u{2028}") == "\"济南“三全育人”\u{A0}\u{2028}\"", "other text is as it is")
    }

    /// The output holds no unsafe byte, is valid JSON, and a consumer decodes it back to the very text.
    @Test func everyUnsafeScalarRoundTrips() throws {
        var text = "学校"
        for v in Array(UInt32(0)...0x20) + Array(UInt32(0x7F)...0xA0) + [0x61C, 0x200E, 0x200F] + Array(UInt32(0x202A)...0x202E) + Array(UInt32(0x2066)...0x2069) {
            text.unicodeScalars.append(Unicode.Scalar(v)!)
        }
        let json = JSONText.object([("comment", .string(text))]).text
        #expect(json.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) && !(0x202A...0x202E).contains($0.value) })
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["comment"] == text)
    }
}
