import ClaimKit
import ClaimStore

/// What the console needs from the world, injected by `tzpy`: the data, and the three effects that touch
/// it. The console target knows neither the store's files nor the spreadsheet code behind them.
public protocol ConsoleEnvironment: AnyObject {
    /// The data as of the last record or follow.
    var ledger: Ledger { get }
    /// Records decisions durably, all or nothing; returns the events as written.
    func record(_ decisions: [Decision]) throws(StoreError) -> [ReviewEvent]
    /// Records a school's write (its events, and its contacts when given) durably, all or nothing.
    func write(_ write: SchoolWrite) throws(StoreError) -> [ReviewEvent]
    /// Picks up what other processes appended.
    func follow() throws(StoreError) -> [ReviewEvent]
    /// Writes the report; the path written and its row count, or why not.
    func export(_ request: ExportRequest) -> Result<(path: String, rows: Int), ExportFailure>
    /// Tells others which school this console shows (nil: none); best effort.
    func announce(school: String?)
    /// Which schools other consoles show now: school code → accounts.
    func presence() -> [String: Set<String>]
    /// This console ends: its presence record goes.
    func leave()
}

/// Why an export was not written.
public struct ExportFailure: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
