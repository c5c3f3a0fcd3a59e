/// A screen on the navigation stack, with its own cursor.
public struct Page: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case schools
        case school(String)
        case items
        case itemSchools(String)
        case province

        /// True for the pages that list claims (a school's claims, an item's schools).
        public var listsClaims: Bool {
            switch self {
            case .school, .itemSchools: true
            default: false
            }
        }
    }

    public var kind: Kind
    /// The selected row (index into the page's rows).
    public var cursor = 0
    /// The first visible row.
    public var top = 0
    /// The identity of the selected row (a school code, an item code, a label): when the rows change under
    /// the cursor (a follow, a decision re-sorting the list), the cursor goes back to this row.
    public var anchor: String?
    /// The table's order (the school list has the state's `sort` instead), and whether it is reversed.
    public var order = TableSort.natural
    public var reversed = false

    public init(_ kind: Kind, cursor: Int = 0, top: Int = 0, anchor: String? = nil) {
        self.kind = kind
        self.cursor = cursor
        self.top = top
        self.anchor = anchor
    }

}
