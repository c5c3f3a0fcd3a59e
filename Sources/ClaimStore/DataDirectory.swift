import Foundation

/// The files of a data dir, by name (docs/formats.md describes each).
public struct DataDirectory: Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url }

    public static let catalogName = "catalog.tsv"
    public static let campaignName = "campaign.tsv"
    public static let schoolsName = "schools.tsv"
    public static let journalName = "journal.tsv"
    public static let tornName = "journal.torn"
    public static let reasonsName = "reasons.txt"
    public static let accountsName = "accounts.tsv"
    /// The ledger folded up to a journal line (`Checkpoint`). Not in `allNames`: it is never trusted for
    /// anything the journal does not confirm, a bad one is ignored, and a rename replaces whatever is there.
    public static let checkpointName = "ledger.checkpoint"
    /// Every file the store reads or writes: each must be a plain file of the data dir's owner.
    public static let allNames = [catalogName, campaignName, schoolsName, journalName, tornName, reasonsName, accountsName]

    public var catalog: URL { url.appendingPathComponent(Self.catalogName) }
    public var campaign: URL { url.appendingPathComponent(Self.campaignName) }
    public var schools: URL { url.appendingPathComponent(Self.schoolsName) }
    public var journal: URL { url.appendingPathComponent(Self.journalName) }
    public var torn: URL { url.appendingPathComponent(Self.tornName) }
    public var reasons: URL { url.appendingPathComponent(Self.reasonsName) }
    public var accounts: URL { url.appendingPathComponent(Self.accountsName) }
    public var checkpoint: URL { url.appendingPathComponent(Self.checkpointName) }
}
