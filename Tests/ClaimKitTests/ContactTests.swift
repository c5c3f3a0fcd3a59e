import Testing
@testable import ClaimKit

@Suite struct ContactTests {
    @Test(arguments: [("010-87654321", "010-87654321"), ("0310-8888888", "0310-8888888"),
                      ("０１０－８７６５４３２１", "010-87654321"), (" 0351-3046505 ", "0351-3046505"),
                      ("\u{3000}0531-88888888\u{3000}", "0531-88888888")])
    func acceptsOfficePhones(text: String, normal: String) throws {
        #expect(try ContactRules.officePhone(text) == normal)
    }

    @Test(arguments: ["01087654321", "10-87654321", "01-87654321", "01234-8765432", "010-123456", "010-123456789",
                      "010 87654321", "010-8765432a", "", "０１０—８７６５４３２１"])
    func refusesOfficePhones(text: String) {
        #expect(throws: FieldError.self) { try ContactRules.officePhone(text) }
        do { _ = try ContactRules.officePhone(text) } catch {
            #expect(error.description.contains("010-87654321"), "the message shows the expected form")
        }
    }

    @Test(arguments: [("13800000000", "13800000000"), ("１３８００００００００", "13800000000"), (" 13000000001 ", "13000000001")])
    func acceptsMobiles(text: String, normal: String) throws {
        #expect(try ContactRules.mobile(text) == normal)
    }

    @Test(arguments: ["1380000000", "138000000000", "23800000000", "138 0000 0000", "1380000000x", "+8613800000000"])
    func refusesMobiles(text: String) {
        #expect(throws: FieldError.self) { try ContactRules.mobile(text) }
    }

    @Test func managerIsRequired() {
        #expect(throws: FieldError(field: "平台管理联系人", expected: "必填的姓名", found: "  ")) {
            try SchoolContacts(manager: "  ", officePhone: "010-87654321", mobile: "13800000000")
        }
    }

    @Test func schoolCodeHasTenDigits() throws {
        #expect(try School.validateCode("3701000001") == "3701000001")
        #expect(try School.validateCode("３７０１０００００１") == "3701000001")
        #expect(throws: FieldError.self) { try School.validateCode("370100001") }
        #expect(throws: FieldError.self) { try School.validateCode("37010000012") }
        #expect(throws: FieldError.self) { try School.validateCode("370100000A") }
    }

    @Test func schoolTypes() throws {
        #expect(try SchoolType.parse(" 专科高职院校 ") == .higher)
        #expect(throws: FieldError.self) { try SchoolType.parse("大学") }
    }

    @Test func provinceContactsTakeLandlinesOrMobiles() throws {
        #expect(try ProvinceContact(name: "张老师", phone: "0351-3046505").phone == "0351-3046505")
        #expect(try ProvinceContact(name: "李老师", phone: "13811111111").phone == "13811111111")
        #expect(throws: FieldError.self) { try ProvinceContact(name: "王老师", phone: "3046505") }
    }

    @Test func days() throws {
        #expect(try Day.parse("2020-11-30") == Day(year: 2020, month: 11, day: 30))
        #expect(throws: FieldError.self) { try Day.parse("2020-02-30") }
        #expect(throws: FieldError.self) { try Day.parse("2020/11/30") }
        #expect(try Day.parse("2024-02-29").description == "2024-02-29")
        let t = Timestamp(seconds: 1_763_885_700)
        #expect(t.description == "2025-11-23T08:15:00Z")
        #expect(Timestamp.parse(Substring(t.description)) == t)
        #expect(Timestamp.parse("2025-11-23 08:15:00Z") == nil)
        for d in stride(from: Int64(-800), through: 30_000, by: 37) {
            #expect(Day(daysSinceEpoch: d).daysSinceEpoch == d)
        }
    }
}
