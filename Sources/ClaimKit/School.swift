/// The four kinds of body that claim tasks on the platform.
public enum SchoolType: String, CaseIterable, Hashable, Sendable {
    case secondary = "中职学校"
    case higher = "专科高职院校"
    case undergraduate = "本科高职院校"
    case other = "其他主体"

    /// Parses the Chinese label, as the platform and the files write it.
    public static func parse(_ text: String) throws(FieldError) -> SchoolType {
        guard let type = SchoolType(rawValue: InputText.trim(text)) else {
            throw FieldError(field: "学校类型", expected: "中职学校、专科高职院校、本科高职院校或其他主体", found: text)
        }
        return type
    }
}

/// A school (or other body) that claims items: its 10-digit 学校代码 is also its platform login.
public struct School: Hashable, Sendable {
    public let code: String
    public let name: String
    public let type: SchoolType
    /// The prefecture-level city (所在市).
    public let city: String
    public let contacts: SchoolContacts

    public init(code: String, name: String, type: SchoolType, city: String, contacts: SchoolContacts) throws(FieldError) {
        self.code = try School.validateCode(code)
        self.name = try ContactRules.name(name, field: "学校名称")
        self.type = type
        self.city = try ContactRules.name(city, field: "所在市")
        self.contacts = contacts
    }

    /// 学校代码: exactly 10 digits (full-width digits are normalised first).
    public static func validateCode(_ text: String) throws(FieldError) -> String {
        let s = InputText.normalise(text)
        guard s.count == 10, InputText.isDigits(s) else {
            throw FieldError(field: "学校代码", expected: "10位数字，如 3701000001", found: text)
        }
        return s
    }
}
