import ClaimKit

/// Finds catalog items by code or by their text, forgiving the spelling differences between the plan
/// table, the platform and hand-typed sheets (spaces, full- and half-width punctuation, quote styles).
struct CatalogMatch {
    let catalog: Catalog
    private let byText: [String: String]

    init(_ catalog: Catalog) {
        self.catalog = catalog
        var map: [String: String] = [:]
        for item in catalog.items where map[CatalogMatch.key(item.text)] == nil {
            map[CatalogMatch.key(item.text)] = item.code
        }
        byText = map
    }

    /// The item whose text is `text` (with or without a leading code such as `3.1 `).
    func item(text: String) -> TaskItem? {
        byText[CatalogMatch.key(CatalogMatch.dropLeadingCode(text).rest)].flatMap(catalog.item)
    }

    /// True when `text` names `item` (its leading code, if any, must be the item's).
    func matches(_ text: String, _ item: TaskItem) -> Bool {
        if text == item.text { return true }
        let (code, rest) = CatalogMatch.dropLeadingCode(text)
        if let code, code != item.code { return false }
        return CatalogMatch.key(rest) == CatalogMatch.key(item.text)
    }

    /// `3.1 培育…` → ("3.1", "培育…"); text without a leading code → (nil, text).
    static func dropLeadingCode(_ text: String) -> (code: String?, rest: String) {
        let s = InputText.normalise(text)
        guard let space = s.firstIndex(where: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }) else { return (nil, s) }
        let head = s[..<space]
        let isCode = !head.isEmpty && head.first!.isASCII && head.first!.isNumber
            && head.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) } && head.last != "."
        return isCode ? (String(head), InputText.trim(String(s[space...]))) : (nil, s)
    }

    /// The text with white space removed and punctuation folded to one form (scalar by scalar: this runs on
    /// every row of a national sheet).
    static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000: continue
            case 0xFF0C, 0x3001: out.append(",")
            case 0xFF1B: out.append(";")
            case 0xFF1A: out.append(":")
            case 0xFF08: out.append("(")
            case 0xFF09: out.append(")")
            case 0x201C, 0x201D, 0xFF02, 0x300C, 0x300D: out.append("\"")
            case 0x2018, 0x2019: out.append("'")
            case 0x3002: out.append(".")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
