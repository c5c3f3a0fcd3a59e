import ClaimKit
import Sheets
import Testing
@testable import ClaimExchange

/// Numeric xlsx cells hold doubles written as their shortest decimal; money must still come out exact.
@Suite struct CellNumbersTests {
    static func money(_ cell: CellValue?) throws -> String { try CellNumbers.money(cell, field: "学校自筹").description }

    @Test(arguments: [("16", "16"), ("0.1", "0.1"), ("12345678.9999", "12345678.9999"), ("1E-4", "0.0001"), ("1e-4", "0.0001"),
                      ("0.30000000000000004", "0.3"), ("12.299999999999999", "12.3"), ("2.0000000000000001E-4", "0.0002"),
                      ("1.5E+3", "1500"), ("99999999.99990001", "99999999.9999"), ("0", "0")])
    func numericCellsBecomeExactMoney(raw: String, expected: String) throws {
        #expect(try Self.money(.number(raw)) == expected)
    }

    @Test(arguments: ["1.00001", "0.00005", "12.34565", "3.14159"])
    func aRealFifthDecimalIsRefused(raw: String) {
        #expect(throws: FieldError(field: "学校自筹", expected: "最多4位小数的万元数（0.0001 万元即 1 元）", found: raw)) {
            _ = try CellNumbers.money(.number(raw), field: "学校自筹")
        }
    }

    @Test func numbersTooLargeNegativeOrNotFiniteAreRefused() {
        #expect(throws: FieldError.self) { _ = try CellNumbers.money(.number("1E-5"), field: "汇总") }
        #expect(throws: FieldError.self) { _ = try CellNumbers.money(.number("1E+8"), field: "汇总") }
        #expect(throws: FieldError.self) { _ = try CellNumbers.money(.number("-1E-4"), field: "汇总") }
        #expect(throws: FieldError.self) { _ = try CellNumbers.money(.number("-3"), field: "汇总") }
        #expect(throws: FieldError.self) { _ = try CellNumbers.money(.number("1E+400"), field: "汇总") }
    }

    @Test func textCellsAreParsedAsTyped() throws {
        #expect(try Self.money(.text(" １２．５ ")) == "12.5")
        #expect(try Self.money(.text("0.0001")) == "0.0001")
        #expect(throws: FieldError(field: "学校自筹", expected: "最多4位小数的万元数（0.0001 万元即 1 元）", found: "0.30000000000000004")) {
            _ = try CellNumbers.money(.text("0.30000000000000004"), field: "学校自筹")
        }
        #expect(throws: FieldError(field: "学校自筹", expected: "填写金额（无投入请填 0）", found: "")) {
            _ = try CellNumbers.money(nil, field: "学校自筹")
        }
    }

    @Test func quantitiesAreWholeNumbersOrADash() throws {
        #expect(try CellNumbers.quantity(.number("2")) == 2)
        #expect(try CellNumbers.quantity(.number("120.0")) == 120)
        #expect(try CellNumbers.quantity(.text("１２０")) == 120)
        #expect(try CellNumbers.quantity(.text("-")) == nil)
        #expect(try CellNumbers.quantity(.text("－")) == nil)
        #expect(try CellNumbers.quantity(nil) == nil)
        for bad: CellValue in [.number("2.5"), .text("2.0"), .number("0"), .text("两所"), .number("-1"), .text("1234567890")] {
            #expect(throws: FieldError(field: "承接数量", expected: "正整数（不计数量的任务填 -）", found: bad.text)) {
                _ = try CellNumbers.quantity(bad)
            }
        }
    }
}
