import Testing
@testable import ClaimKit

/// The city pre-review step (`city-review on`): a 中职学校's claim waits for its city (待市级审核), a city
/// pass sends it to the province's queue, a city return goes back to the school, and only then may the
/// province decide. Through `Workflow.apply` and through the ledger.
@Suite struct CityReviewTests {
    let item = Fixtures.national.item("3.1")!
    var viaCity: WorkflowContext { WorkflowContext(item: item, end: Fixtures.campaign.end, schoolReviewed: false, cityStep: true) }
    let s = Fixtures.submit("3.1", 1, Funds(wan: 6, 5, 4, 1))

    func event(_ kind: ReviewEvent.Kind, basis: Int, seq: Int, comment: String? = nil, actor: String = "jinan") -> ReviewEvent {
        ReviewEvent(seq: seq, time: Fixtures.t0, actor: actor, school: "3701000001", item: "3.1", kind: kind, basis: basis,
                    quantity: kind.bySchool && kind != .withdrawn ? 2 : nil,
                    funds: kind.bySchool && kind != .withdrawn ? Funds(wan: 6, 5, 4, 1) : nil, comment: comment)
    }

    func run(_ events: [ReviewEvent], context: WorkflowContext? = nil) -> Result<Claim, WorkflowError> {
        var claim: Claim?
        for e in events {
            switch Workflow.apply(e, to: claim, context: context ?? viaCity) {
            case .success(let c): claim = c
            case .failure(let f): return .failure(f)
            }
        }
        return .success(claim!)
    }

    @Test func aSubmissionWaitsForTheCityAndAPassSendsItOn() throws {
        let waiting = try run([s]).get()
        #expect(waiting.state == .cityPending && !waiting.cityPassed)
        let passed = try run([s, event(.passed, basis: 1, seq: 2)]).get()
        #expect(passed.state == .pending && passed.cityPassed && passed.round == 1)
        #expect(passed.last?.kind == .passed)
        let approved = try run([s, event(.passed, basis: 1, seq: 2), event(.approved, basis: 2, seq: 3, actor: "zhangwei")]).get()
        #expect(approved.state == .approved)
        #expect(ReviewState.cityPending.word == "city-pending" && ReviewState.cityPending.label == "待市级审核")
        #expect(ReviewEvent.Kind.passed.rawValue == "passed" && ReviewEvent.Kind.passed.label == "市级审核通过")
    }

    @Test func theProvinceCannotApproveWhatTheCityHasNotPassed() {
        let r = run([s, event(.approved, basis: 1, seq: 2, actor: "zhangwei")])
        #expect(r.failureReason == .wrongState(.cityPending))
        #expect(r.failureMessage == "3701000001 的任务 3.1 不能通过：当前状态为「待市级审核」")
    }

    @Test func withoutTheCityStepThereIsNothingToPass() throws {
        let plain = WorkflowContext(item: item, end: Fixtures.campaign.end, schoolReviewed: false)
        #expect(try run([s], context: plain).get().state == .pending)
        #expect(run([s, event(.passed, basis: 1, seq: 2)], context: plain).failureReason == .wrongState(.pending))
        #expect(run([event(.passed, basis: 0, seq: 1)]).failureReason == .noClaim)
    }

    @Test func aSecondPassIsAConflictNamingTheFirst() {
        guard case .alreadyDecided(let by, _, .passed)? = run([s, event(.passed, basis: 1, seq: 2, actor: "jinan2"),
                                                               event(.passed, basis: 2, seq: 3)]).failureReason else {
            Issue.record("a second pass must name the first"); return
        }
        #expect(by == "jinan2")
        guard case .stale(_, _, .passed)? = run([s, event(.passed, basis: 1, seq: 2), event(.passed, basis: 1, seq: 3)]).failureReason else {
            Issue.record("a pass on an old basis is stale"); return
        }
    }

    @Test func aCityReturnGoesToTheSchoolAndAResubmissionBackToTheCity() throws {
        let returned = try run([s, event(.returned, basis: 1, seq: 2, comment: "经费预算填写不完整")]).get()
        #expect(returned.state == .returned(comment: "经费预算填写不完整"))
        let again = try run([s, event(.returned, basis: 1, seq: 2, comment: "补充"), event(.resubmitted, basis: 2, seq: 3)]).get()
        #expect(again.state == .cityPending && again.round == 2)
        #expect(run([s, event(.returned, basis: 1, seq: 2, comment: " ")]).failureReason == .emptyComment)
    }

    @Test func aReopenGoesBackToWhoeverDecided() throws {
        let cityReturn = try run([s, event(.returned, basis: 1, seq: 2, comment: "补充"),
                                  event(.reopened, basis: 2, seq: 3, actor: "zhangwei")]).get()
        #expect(cityReturn.state == .cityPending, "the city's return is reopened to the city")
        let provinceReturn = try run([s, event(.passed, basis: 1, seq: 2), event(.returned, basis: 2, seq: 3, comment: "补充", actor: "zhangwei"),
                                      event(.reopened, basis: 3, seq: 4, actor: "zhangwei")]).get()
        #expect(provinceReturn.state == .pending && provinceReturn.cityPassed, "the city's pass stands")
        let approval = try run([s, event(.passed, basis: 1, seq: 2), event(.approved, basis: 2, seq: 3, actor: "zhangwei"),
                                event(.reopened, basis: 3, seq: 4, actor: "zhangwei")]).get()
        #expect(approval.state == .pending)
        #expect(run([s, event(.passed, basis: 1, seq: 2), event(.reopened, basis: 2, seq: 3)]).failureReason == .wrongState(.pending),
                "a pass is not reopened: the province returns the claim instead")
    }

    @Test func aReplacedSubmissionWaitsForTheCityAgain() throws {
        let replaced = try run([s, event(.passed, basis: 1, seq: 2), event(.submitted, basis: 2, seq: 3)]).get()
        #expect(replaced.state == .cityPending && !replaced.cityPassed)
        #expect(try run([s, event(.submitted, basis: 1, seq: 2)]).get().state == .cityPending)
    }

    @Test func aWaitingClaimMayBeWithdrawnButAPassedSchoolIsUnderReview() throws {
        #expect(try run([s, event(.withdrawn, basis: 1, seq: 2, actor: "3701000001")]).get().state == .withdrawn)
        var ledger = Ledger(campaign: Fixtures.cityReviewCampaign, schools: [Fixtures.school()])
        #expect(throws: Never.self) { _ = try ledger.apply(s).get() }
        #expect(ledger.claim(s.key)?.state == .cityPending)
        #expect(!ledger.isUnderReview("3701000001"))
        #expect(throws: Never.self) { _ = try ledger.apply(Fixtures.submit("1", nil, Funds(wan: 1, 0, 0, 0), seq: 2)).get() }
        #expect(throws: Never.self) { _ = try ledger.apply(event(.passed, basis: 1, seq: 3)).get() }
        #expect(ledger.isUnderReview("3701000001"), "a city's pass starts the review")
        let withdraw = ReviewEvent(seq: 4, time: Fixtures.t0, actor: "3701000001", school: "3701000001", item: "1", kind: .withdrawn, basis: 2)
        guard case .failure(.workflow(let e)) = ledger.apply(withdraw) else { Issue.record("withdrawal after a pass"); return }
        #expect(e.reason == .schoolUnderReview)
        #expect(ledger.isUnderCityReviewOnly("3701000001"), "only the city has acted")
        #expect(throws: Never.self) { _ = try ledger.apply(event(.approved, basis: 3, seq: 4, actor: "zhangwei")).get() }
        #expect(!ledger.isUnderCityReviewOnly("3701000001"), "once the province approves, the province has started")
    }

    @Test func onlyA中职SchoolTakesTheCityStep() throws {
        let higher = Fixtures.school("3702000001", city: "青岛市", type: .higher)
        var ledger = Ledger(campaign: Fixtures.cityReviewCampaign, schools: [Fixtures.school(), higher])
        #expect(ledger.needsCityReview("3701000001") && !ledger.needsCityReview("3702000001"))
        _ = try ledger.apply(s).get()
        _ = try ledger.apply(Fixtures.submit("3.1", 2, Funds(wan: 1, 0, 0, 0), school: "3702000001", seq: 2)).get()
        #expect(ledger.claim(ClaimKey(school: "3702000001", item: "3.1"))?.state == .pending)
        let pass = ReviewEvent(seq: 3, time: Fixtures.t0, actor: "qingdao", school: "3702000001", item: "3.1", kind: .passed, basis: 2)
        guard case .failure(.workflow(let e)) = ledger.apply(pass) else { Issue.record("a pass of a 专科 claim"); return }
        #expect(e.reason == .wrongState(.pending))
        let plain = Ledger(campaign: Fixtures.campaign, schools: [Fixtures.school()])
        #expect(!plain.needsCityReview("3701000001"), "off by default")
    }

    @Test func totalsCountTheClaimsWaitingForTheCity() throws {
        var ledger = Ledger(campaign: Fixtures.cityReviewCampaign, schools: [Fixtures.school()])
        _ = try ledger.apply(s).get()
        _ = try ledger.apply(Fixtures.submit("1", nil, Funds(wan: 2, 0, 0, 0), seq: 2)).get()
        #expect(ledger.totals.province.cityPending == 2 && ledger.totals.province.pending == 0)
        #expect(ledger.totals.province.intended.claims == 2 && ledger.totals.province.intended.funds.total == Money(wan: 18))
        #expect(ledger.totals.byCity["济南市"]?.cityPending == 2)
        #expect(SchoolReviewStatus(ledger.totals.bySchool["3701000001"]) == .cityPending)
        _ = try ledger.apply(event(.passed, basis: 1, seq: 3)).get()
        #expect(ledger.totals.province.cityPending == 1 && ledger.totals.province.pending == 1)
        #expect(SchoolReviewStatus(ledger.totals.bySchool["3701000001"]) == .pending)
        let fresh = Totals.recompute(ledger.claims, task: { Fixtures.national.item($0.item)!.task }, school: { _ in Fixtures.school() })
        #expect(ledger.totals.sameFigures(as: fresh))
    }
}
