import ClaimKit
import Sheets

/// One claim as a file states it, with the row it came from.
public struct ImportedClaim: Sendable {
    public let key: ClaimKey
    public let quantity: Int?
    public let funds: Funds
    public let location: SheetLocation
    /// The file's 省厅审核情况 and 修改意见 for the row, when it has those columns: compared with the store and
    /// reported, never recorded (`ImportPlan.disagreements`).
    public var review: StatedReview? = nil
}

/// What a row's 省厅审核情况 and 修改意见 cells say (nil: the file has no such column), with their cells.
public struct StatedReview: Sendable {
    public var status: String?
    public var statusAt: SheetLocation
    public var comment: String?
    public var commentAt: SheetLocation
}

/// An item a per-school file lists without claiming it (是否承接 否 or blank): the school no longer claims it.
public struct UnclaimedItem: Sendable {
    public let key: ClaimKey
    /// The 是否承接 cell.
    public let location: SheetLocation
}

/// A school as a file states it: code always; name, type and city when the file carries them.
public struct ImportedSchool: Sendable {
    public let code: String
    public var name: String?
    public var type: SchoolType?
    public var city: String?
    public var contacts: SchoolContacts?
    public let location: SheetLocation
}

/// What one file holds once read: its claims and schools, or the problems that stop its import.
public struct ImportedFile: Sendable {
    public let file: String
    /// The layouts found, one per sheet used (e.g. `学校导出表`).
    public var layouts: [ImportLayout] = []
    public var claims: [ImportedClaim] = []
    /// Items listed but not claimed, in the per-school layout only (which states the school's whole set).
    public var unclaimed: [UnclaimedItem] = []
    public var schools: [ImportedSchool] = []
    public var problems: [ImportProblem] = []

    public init(file: String) { self.file = file }
}

/// The two layouts tzpy reads (docs/formats.md has an example of each).
public enum ImportLayout: String, Sendable {
    /// The platform's 导出承接任务情况 file: one school, its contacts and the item table.
    case platform = "平台学校导出表"
    /// A province-wide sheet, one claim per row, with a header naming its columns.
    case flat = "全省汇总表"
}
