import Testing
@testable import ClaimKit

/// Text typed through a Chinese input method, or pasted with a stray space, before it is validated.
@Suite struct InputTextTests {
    /// White space on one side only is trimmed like white space on both: the plain-ASCII fast path must not
    /// take text that starts or ends with a space.
    @Test(arguments: [(" 3701000001", "3701000001"), ("3701000001 ", "3701000001"), ("\t12.5", "12.5"), ("12.5\r\n", "12.5"),
                      ("　１２．５", "12.5"), ("0531－88112233", "0531-88112233"), ("3701000001", "3701000001")])
    func normalisedTextHasNoSurroundingSpace(text: String, normal: String) {
        #expect(InputText.normalise(text) == normal)
    }

    @Test func onlyASCIIWithoutSurroundingSpaceIsAlreadyPlain() {
        #expect(InputText.isPlainASCII("3701000001"))
        #expect(InputText.isPlainASCII(""))
        #expect(!InputText.isPlainASCII(" 3701000001"))
        #expect(!InputText.isPlainASCII("3701000001 "))
        #expect(!InputText.isPlainASCII("济南市"))
    }

    @Test func aCodeOrAmountWithALeadingSpaceIsAccepted() throws {
        #expect(try School.validateCode(" 3701000001") == "3701000001")
        #expect(try Money.parse(" 7", field: "学校自筹").description == "7")
        #expect(try Money.parse("12.5 ", field: "学校自筹").description == "12.5")
    }

    /// `trim` returns text unchanged when its first and last bytes can belong to no space; everything else
    /// goes the scalar way. Checked against the plain definition over strings of characters whose UTF-8
    /// starts or ends like a space's (〇 U+3007 starts E3 like U+3000; 瀀 U+7000 and À end in 80; ¡ starts C2
    /// like NBSP and ꀠ U+A020 ends A0) and the spaces themselves.
    @Test func trimEqualsTheDefinitionOnTextThatLooksLikeSpace() {
        let alphabet: [String] = [" ", "\t", "\n", "\r", "\u{A0}", "\u{3000}", "〇", "瀀", "À", "¡", "ꀠ", "济", "a", "1"]
        func reference(_ text: String) -> String {
            let scalars = Array(text.unicodeScalars)
            guard let first = scalars.firstIndex(where: { !InputText.isSpace($0) }) else { return "" }
            let last = scalars.lastIndex(where: { !InputText.isSpace($0) })!
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[first...last])
            return String(out)
        }
        var rng = SplitMix64(seed: 0x7e1d)
        for _ in 0..<5_000 {
            let text = (0..<Int(rng.next() % 5)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            #expect(InputText.trim(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
