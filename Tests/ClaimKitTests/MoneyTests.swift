import Testing
@testable import ClaimKit

@Suite struct MoneyTests {
    @Test(arguments: [("12", "12"), ("12.5", "12.5"), ("0.0001", "0.0001"), ("0", "0"), ("0.50", "0.5"),
                      ("99999999.9999", "99999999.9999"), (" 7 ", "7"), ("１２．５", "12.5"), ("007.10", "7.1")])
    func parsesExactly(text: String, shown: String) throws {
        #expect(try Money.parse(text).description == shown)
    }

    @Test func holdsUnitsOfOneYuan() throws {
        #expect(try Money.parse("0.0001").units == 1)
        #expect(try Money.parse("12.5").units == 125_000)
        #expect(try Money.parse("99999999.9999").units == Money.limit - 1)
    }

    @Test(arguments: [("-1", "不能为负数"), ("abc", "最多4位小数"), ("1.23456", "最多4位小数"), ("100000000", "小于100000000万元"),
                      ("", "无投入请填 0"), ("1e3", "最多4位小数"), ("12.", "最多4位小数"), (".5", "最多4位小数"),
                      ("1,000", "最多4位小数"), ("123456789", "小于100000000万元")])
    func refuses(text: String, hint: String) {
        do {
            _ = try Money.parse(text, field: "学校自筹")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.field == "学校自筹")
            #expect(error.found == text)
            #expect(error.description.contains(hint), "\(error)")
        }
    }

    @Test func addsWithoutFloatArtefacts() throws {
        let sum = try Money.parse("0.1") + Money.parse("0.2")
        #expect(sum.description == "0.3")
        var acc = Money.zero
        for _ in 0..<10_000 { acc += try Money.parse("0.0001") }
        #expect(acc.description == "1")
    }

    @Test func fundsTotalIsTheSumOfParts() throws {
        let f = try Funds.parse(["6", "5", "4", "1.0001"])
        #expect(f.total.description == "16.0001")
        #expect(Funds.zero.isZero)
        #expect(throws: FieldError.self) { try Funds.parse(["1", "x", "1", "1"]) }
        do { _ = try Funds.parse(["1", "1", "-2", "1"]) } catch { #expect(error.field == "举办方投入") }
    }
}
