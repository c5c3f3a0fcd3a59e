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
}
