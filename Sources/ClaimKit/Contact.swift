/// The contact rules of the platform: 平台管理联系人, 办公电话 `区号-号码`, 手机号 of 11 digits.
public enum ContactRules {
    /// 办公电话: 区号 of 3–4 digits starting with 0, a hyphen, a number of 7–8 digits (`010-87654321`).
    public static func officePhone(_ text: String) throws(FieldError) -> String {
        let s = InputText.normalise(text)
        // On the UTF-8 bytes: a national schools file checks 10,000 of these on every open.
        let bytes = Array(s.utf8)
        let dash = bytes.firstIndex(of: 0x2D) ?? bytes.count
        let area = bytes[..<dash], number = bytes[min(dash + 1, bytes.count)...]
        func digits(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard dash < bytes.count, (3...4).contains(area.count), area.first == 0x30, digits(area),
              (7...8).contains(number.count), digits(number) else {
            throw FieldError(field: "办公电话", expected: "区号-号码（区号3–4位以0开头，号码7–8位），如 010-87654321", found: text)
        }
        return s
    }

    /// 手机号: exactly 11 digits starting with 1.
    public static func mobile(_ text: String) throws(FieldError) -> String {
        let s = InputText.normalise(text)
        guard InputText.isDigits(s), s.utf8.count == 11, s.utf8.first == 0x31 else {
            throw FieldError(field: "手机号", expected: "以1开头的11位数字，如 13800000000", found: text)
        }
        return s
    }

    /// A province contact's 联系电话: a landline (`0351-3046505`) or a mobile.
    public static func anyPhone(_ text: String, field: String) throws(FieldError) -> String {
        if let office = try? officePhone(text) { return office }
        if let mobile = try? mobile(text) { return mobile }
        throw FieldError(field: field, expected: "办公电话（如 0351-3046505）或11位手机号", found: text)
    }

    /// A required name such as 平台管理联系人: non-empty after trimming.
    public static func name(_ text: String, field: String) throws(FieldError) -> String {
        let s = InputText.trim(text)
        guard !s.isEmpty else { throw FieldError(field: field, expected: "必填的姓名", found: text) }
        return s
    }
}

/// The three contacts a school must fill in on first login.
public struct SchoolContacts: Hashable, Sendable {
    /// 平台管理联系人.
    public let manager: String
    /// 办公电话, normalised `区号-号码`.
    public let officePhone: String
    /// 手机号, 11 digits.
    public let mobile: String

    /// A school whose contacts are not filled in yet (added by a province-wide import, say): all three empty.
    public static let unfilled = SchoolContacts(unchecked: "", "", "")

    /// False for `unfilled`.
    public var isFilled: Bool { !manager.isEmpty }

    private init(unchecked manager: String, _ officePhone: String, _ mobile: String) {
        self.manager = manager
        self.officePhone = officePhone
        self.mobile = mobile
    }

    /// Validates and normalises the three fields; the first bad one is reported.
    public init(manager: String, officePhone: String, mobile: String) throws(FieldError) {
        self.manager = try ContactRules.name(manager, field: "平台管理联系人")
        self.officePhone = try ContactRules.officePhone(officePhone)
        self.mobile = try ContactRules.mobile(mobile)
    }
}
