import Testing
@testable import ClaimKit

@Suite struct WorkflowTests {
    let item = Fixtures.national.item("3.1")!
    var context: WorkflowContext { WorkflowContext(item: item, end: Fixtures.campaign.end, schoolReviewed: false) }

    func event(_ kind: ReviewEvent.Kind, basis: Int, seq: Int, comment: String? = nil, actor: String = "zhangsan",
               time: Timestamp = Fixtures.t0) -> ReviewEvent {
        ReviewEvent(seq: seq, time: time, actor: actor, school: "3701000001", item: "3.1", kind: kind, basis: basis,
                    quantity: kind.bySchool && kind != .withdrawn ? 2 : nil,
                    funds: kind.bySchool && kind != .withdrawn ? Funds(wan: 6, 5, 4, 1) : nil, comment: comment)
    }

    func run(_ events: [ReviewEvent], context: WorkflowContext? = nil) -> Result<Claim, WorkflowError> {
        var claim: Claim?
        for e in events {
            switch Workflow.apply(e, to: claim, context: context ?? self.context) {
            case .success(let c): claim = c
            case .failure(let f): return .failure(f)
            }
        }
        return .success(claim!)
    }

    @Test func approveAfterSubmit() throws {
        let claim = try run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1)), event(.approved, basis: 1, seq: 2)]).get()
        #expect(claim.state == .approved)
        #expect(claim.round == 1)
        #expect(claim.last == Claim.LastEvent(seq: 2, time: Fixtures.t0, actor: "zhangsan", kind: .approved))
        let submitted = try run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1))]).get()
        #expect(Workflow.recorded(event(.approved, basis: 1, seq: 2), before: submitted, after: claim).seen == .pending)
    }

    @Test func returnNeedsAComment() {
        let r = run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1)), event(.returned, basis: 1, seq: 2, comment: "  \u{3000} ")])
        #expect(r.failureReason == .emptyComment)
    }

    @Test func returnThenResubmitStartsANewRound() throws {
        let claim = try run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1)),
                             event(.returned, basis: 1, seq: 2, comment: "经费预算填写不完整"),
                             event(.resubmitted, basis: 2, seq: 3)]).get()
        #expect(claim.state == .pending)
        #expect(claim.round == 2)
        #expect(claim.quantity == 2)
        #expect(claim.last?.kind == .resubmitted && claim.version == 3)
    }

    @Test func reopenOnlyWhileTheSchoolHasNotActed() throws {
        let reopened = try run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1)), event(.approved, basis: 1, seq: 2),
                                event(.reopened, basis: 2, seq: 3)]).get()
        #expect(reopened.state == .pending)
        let afterResubmit = run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1)), event(.returned, basis: 1, seq: 2, comment: "补充"),
                                 event(.resubmitted, basis: 2, seq: 3), event(.reopened, basis: 3, seq: 4)])
        #expect(afterResubmit.failureReason == .wrongState(.pending))
    }

    @Test func illegalTransitionsAreErrors() {
        let s = Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1))
        guard case .alreadyDecided(let by, _, .approved)? = run([s, event(.approved, basis: 1, seq: 2, actor: "lisi"),
                                                                 event(.approved, basis: 2, seq: 3)]).failureReason else {
            Issue.record("a second decision must name the first"); return
        }
        #expect(by == "lisi")
        #expect(run([s, event(.resubmitted, basis: 1, seq: 2)]).failureReason == .wrongState(.pending))
        #expect(run([s, event(.reopened, basis: 1, seq: 2)]).failureReason == .wrongState(.pending))
        #expect(run([event(.approved, basis: 0, seq: 1)]).failureReason == .noClaim)
        #expect(run([s, event(.approved, basis: 1, seq: 2), event(.withdrawn, basis: 2, seq: 3)]).failureReason == .wrongState(.approved))
    }

    @Test func staleDecisionNamesWhoDecided() {
        let r = run([Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1)), event(.approved, basis: 1, seq: 2, actor: "lisi"),
                     event(.returned, basis: 1, seq: 3, comment: "重复")])
        guard case .stale(let by, _, let kind)? = r.failureReason else { Issue.record("\(r)"); return }
        #expect(by == "lisi")
        #expect(kind == .approved)
        #expect(r.failureMessage?.contains("lisi") == true)
    }

    @Test func withdrawOnlyBeforeTheEndAndBeforeReview() throws {
        let s = Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1))
        let ok = try run([s, event(.withdrawn, basis: 1, seq: 2)]).get()
        #expect(ok.state == .withdrawn)
        #expect(!ok.isActive)
        let late = Timestamp(seconds: Day(year: 2020, month: 12, day: 1).daysSinceEpoch * 86400)
        #expect(run([s, event(.withdrawn, basis: 1, seq: 2, time: late)]).failureReason == .campaignClosed(end: Fixtures.campaign.end))
        // The end date is a Beijing date: 23:59:59 there (15:59:59 UTC) is still in, 00:00 the next day is out.
        let lastMoment = Timestamp(seconds: Fixtures.campaign.end.daysSinceEpoch * 86400 + 86399 - 8 * 3600)
        #expect((try? run([s, event(.withdrawn, basis: 1, seq: 2, time: lastMoment)]).get()) != nil)
        let nextBeijingDay = Timestamp(seconds: lastMoment.seconds + 1)
        #expect(run([s, event(.withdrawn, basis: 1, seq: 2, time: nextBeijingDay)]).failureReason == .campaignClosed(end: Fixtures.campaign.end),
                "00:00 Beijing time on 12-01 is 16:00 UTC on 11-30: already closed")
        var reviewed = context
        reviewed.schoolReviewed = true
        #expect(run([s, event(.withdrawn, basis: 1, seq: 2)], context: reviewed).failureReason == .schoolUnderReview)
        let again = try run([s, event(.withdrawn, basis: 1, seq: 2), Fixtures.submit("3.1", 3, Funds(wan: 1, 0, 0, 0), basis: 2, seq: 3)]).get()
        #expect(again.state == .pending && again.quantity == 3)
    }

    @Test func quantityMustFitTheItem() {
        #expect(run([Fixtures.submit("3.1", nil, Funds(wan: 1, 0, 0, 0))]).failureMessage?.contains("承接数量") == true)
        #expect(run([Fixtures.submit("3.1", 0, Funds(wan: 1, 0, 0, 0))]).failureMessage?.contains("正整数") == true)
        let one = WorkflowContext(item: Fixtures.national.item("1")!, end: Fixtures.campaign.end, schoolReviewed: false)
        #expect(run([Fixtures.submit("1", 2, Funds(wan: 1, 0, 0, 0))], context: one).failureMessage?.contains("-") == true)
        #expect((try? run([Fixtures.submit("1", nil, Funds(wan: 1, 0, 0, 0))], context: one).get()) != nil)
    }
}

extension Result where Failure == WorkflowError {
    var failureReason: WorkflowError.Reason? {
        if case .failure(let e) = self { return e.reason }
        return nil
    }
    var failureMessage: String? {
        if case .failure(let e) = self { return e.description }
        return nil
    }
}
