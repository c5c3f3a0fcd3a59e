import ClaimKit
import ClaimStore

/// Everything that can happen to the console.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(rows: Int, cols: Int)
    /// The store wrote these events durably (the data already includes them).
    case recorded([ReviewEvent])
    /// The store refused a write (the data already includes whatever others wrote meanwhile).
    case refused(StoreError)
    /// Other people's events picked up by following the journal (the data already includes them).
    case followed([ReviewEvent])
    /// Following the journal failed: the screen may be out of date until the cause is fixed.
    case followFailed(String)
    /// An export finished: where the file went and how many data rows it has.
    case exported(path: String, rows: Int)
    /// An export failed; the text says why.
    case exportFailed(String)
    /// About a second passed without a key.
    case tick
}

/// Things the reducer asks for; the runtime performs them and feeds the outcome back as an `Action`.
public enum Effect: Equatable, Sendable {
    /// Record these decisions in the journal, all or nothing.
    case record([Decision])
    /// Read what other people appended.
    case follow
    /// Write the report of what the screen shows to a spreadsheet file (the `E` key).
    case export(ExportRequest)
    /// Repaint every cell (Ctrl-L).
    case redraw
    case quit
}

/// The report the `E` key writes: one case per page, each with exactly what that report needs.
public enum ExportRequest: Equatable, Sendable {
    /// 分校汇总表 (the school list, the province page).
    case schoolList
    /// One school's claims in the platform's layout.
    case school(String)
    /// 分任务一览表.
    case items
    /// One item's claims, school by school.
    case itemClaims(String)

    /// The report a page stands for.
    public static func forPage(_ kind: Page.Kind) -> ExportRequest {
        switch kind {
        case .schools, .province: .schoolList
        case .school(let code): .school(code)
        case .items: .items
        case .itemSchools(let item): .itemClaims(item)
        }
    }
}
