import ClaimKit
import Testing
@testable import ReviewConsole

/// The school list's name and city order is memoised per school list (`Ledger.schoolsVersion`), apart from
/// the per-decision keys: a decision leaves it as it was, a school renamed or moved reorders the list.
@Suite struct SchoolOrderTests {
    static func rows(_ sort: SchoolSort, _ state: inout ConsoleState, _ ledger: Ledger) -> [String] {
        state.sort = sort
        return PageRows.schoolRows(state, ledger)
    }

    @Test func theNameAndCityOrderFollowASchoolsChangeNotADecision() throws {
        var ledger = Mini.ledger()
        var state = ConsoleState(rows: 24, cols: 80, reviewer: Fixture.reviewer)
        // By UTF-8 bytes: 济 (E6 B5) before 淄 (E6 B7) before 青 (E9 9D).
        #expect(Self.rows(.name, &state, ledger) == [Mini.jinan, Mini.zibo, Mini.qingdao])
        #expect(Self.rows(.city, &state, ledger) == [Mini.jinan, Mini.zibo, Mini.qingdao])

        let pending = try #require(ledger.claim(Mini.key(Mini.jinan, "1")))
        let versions = (ledger.version, ledger.schoolsVersion)
        ledger.apply(Decision.on(pending, .approved).event(seq: ledger.lastSeq + 1, time: Mini.at(60), actor: "zhangsan"))
        #expect(ledger.version != versions.0 && ledger.schoolsVersion == versions.1, "a decision is not a change of schools")
        #expect(Self.rows(.name, &state, ledger) == [Mini.jinan, Mini.zibo, Mini.qingdao])

        // 青岛's school renamed 三… (E4 B8) and moved to 东营市 (E4 B8 9C): first by name and by city.
        let old = try #require(ledger.school(Mini.qingdao))
        ledger.update(try School(code: old.code, name: "三里河职业学校", type: old.type, city: "东营市", contacts: old.contacts))
        #expect(ledger.schoolsVersion != versions.1)
        #expect(Self.rows(.name, &state, ledger) == [Mini.qingdao, Mini.jinan, Mini.zibo])
        #expect(Self.rows(.city, &state, ledger) == [Mini.qingdao, Mini.jinan, Mini.zibo])
    }

    /// The ranks (compared on 16-byte prefixes first) are those of a plain byte-wise sort, over texts with long
    /// shared prefixes, different lengths, NUL characters and duplicates.
    @Test func ranksAreThoseOfAPlainByteSort() {
        var rng = SplitMix64(seed: 0x5c0_7a11)
        let stems = ["", "济南市", "济南市职业", "\u{0}", "济"]
        let letters = ["\u{0}", "\u{1}", "A", "济", "\u{10FFFF}", "é", "e\u{301}"]
        for _ in 0..<200 {
            let texts: [String] = (0..<Int(rng.next() % 40)).map { _ in
                stems[Int(rng.next() % UInt64(stems.count))] + (0..<Int(rng.next() % 20)).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }.joined()
            }
            let bytes = texts.map { Array($0.utf8) }
            let sorted = bytes.sorted { $0.lexicographicallyPrecedes($1) }
            let expected = bytes.map { t in Int32(sorted.firstIndex(of: t)!) }
            #expect(SchoolRanks.ranks(texts) == expected, "\(texts)")
        }
    }
}
