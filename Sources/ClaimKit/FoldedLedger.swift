/// What a ledger has folded out of its journal, apart from the reference data: the claim records as they
/// lie in memory, the actors they name, the return comments and the journal position. A checkpoint stores
/// this (ClaimStore's `Checkpoint`) so an open can skip replaying the journal up to it.
///
/// Package-visible only: the records are the ledger's own fixed-layout type, copied as bytes.
package struct FoldedLedger: Sendable {
    /// The claim table's records, in the order first submitted.
    package var records: [ClaimRecord]
    /// The actors the records number, as the journal writes them (escaped), in numbering order.
    package var actors: [[UInt8]]
    /// The 修改意见 of each returned claim, by record number, in record order.
    package var returnComments: [(record: Int32, comment: String)]
    /// The seq of the last event folded.
    package var lastSeq: Int
    /// The time of the last event folded, or nil for none.
    package var lastEventTime: Timestamp?
    /// The schools' saved drafts (`draft` events), which are in no record.
    package var drafts: Drafts

    package init(records: [ClaimRecord], actors: [[UInt8]], returnComments: [(record: Int32, comment: String)],
                 lastSeq: Int, lastEventTime: Timestamp?, drafts: Drafts = Drafts()) {
        self.records = records
        self.actors = actors
        self.returnComments = returnComments
        self.lastSeq = lastSeq
        self.lastEventTime = lastEventTime
        self.drafts = drafts
    }
}

extension Ledger {
    /// The ledger's folded state, for a checkpoint (the records are shared, not copied).
    package var folded: FoldedLedger {
        FoldedLedger(records: table.records, actors: (0..<actorCodes.count).map { Array(actorCodes.code($0)) },
                     returnComments: returnComments.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                     lastSeq: lastSeq, lastEventTime: lastEventTime, drafts: drafts)
    }

    /// The ledger over `campaign` and `schools` holding `folded`, its totals computed from the records; nil
    /// when `folded` does not fit them (a school, item or actor number out of range, a claim twice, an event
    /// after `lastSeq`, a return without its comment or a comment on a claim not returned, a draft of a school or
    /// item not here, or one that does not fit its item). The records'
    /// state and kind bytes must already be valid cases (the checkpoint loader checks them as bytes).
    package init?(campaign: Campaign, schools: [School], folded: FoldedLedger) {
        self.init(campaign: campaign, schools: schools)
        guard let table = ClaimTable(schools: schools.count, items: campaign.catalog.items.count, records: folded.records) else { return nil }
        let actors = Int32(folded.actors.count), seq = Int32(truncatingIfNeeded: folded.lastSeq)
        var returned = 0
        for r in folded.records {
            guard r.actor >= 0, r.actor < actors, r.seq >= 1, r.seq <= seq else { return nil }
            if r.state == .returned { returned += 1 }
        }
        guard returned == folded.returnComments.count else { return nil }
        for (r, comment) in folded.returnComments {
            guard r >= 0, Int(r) < folded.records.count, folded.records[Int(r)].state == .returned, !comment.isEmpty,
                  returnComments.updateValue(comment, forKey: r) == nil else { return nil }
        }
        for name in folded.actors {
            guard name.withUnsafeBytes({ actorCodes.insert($0) }) == actorNames.count else { return nil }   // a name twice
            actorNames.append(name.withUnsafeBytes { JournalEscape.unescape($0) })
        }
        for (school, item, entry) in folded.drafts.all {
            guard schoolCodes.find(school) != nil, let i = itemCodes.find(item), entry.ticked,
                  Ledger.draftProblem(entry, item: catalog.items[i]) == nil else { return nil }
        }
        self.table = table
        drafts = folded.drafts
        lastSeq = folded.lastSeq
        lastEventTime = folded.lastEventTime
        version += 1
        recomputeTotals()
    }
}

extension ClaimRecord {
    /// True when `byte` is a state's code (a checkpoint's record byte, checked before it becomes a record).
    package static func isStateCode(_ byte: UInt8) -> Bool { StateCode(rawValue: byte) != nil }
}
