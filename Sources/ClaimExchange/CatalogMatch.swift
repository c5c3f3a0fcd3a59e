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

    /// The text with white space removed and punctuation folded to one form.
    static func key(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch.isWhitespace || ch == "\u{3000}" { continue }
            switch ch {
            case "，": out.append(",")
            case "；": out.append(";")
            case "：": out.append(":")
            case "（": out.append("(")
            case "）": out.append(")")
            case "“", "”", "＂", "「", "」": out.append("\"")
            case "‘", "’": out.append("'")
            case "、": out.append(",")
            case "。": out.append(".")
            default: out.append(ch)
            }
        }
        return out
    }
}
