import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct SchoolsFileRoundTripTests {
    @Test func chineseSchoolsRoundTrip() throws {
        let schools = TestData.schools + [
            TestData.school("3713000101", "临沂市兰陵县职业教育中心学校", .secondary, "临沂市",
                            manager: "司马建国", office: "0539-5211234", mobile: "15853900004"),
            TestData.school("3717000077", "菏泽产教融合发展有限公司", .other, "菏泽市",
                            manager: "曹桂英", office: "0530-85612345", mobile: "17753000005"),
        ]
        let text = ReferenceFiles.formatSchools(schools)
        #expect(text.hasPrefix("学校代码\t学校名称\t学校类型\t所在市\t平台管理联系人\t办公电话\t手机号\n"))
        #expect(text.contains("3717000077\t菏泽产教融合发展有限公司\t其他主体\t菏泽市\t曹桂英\t0530-85612345\t17753000005\n"))
        let parsed = try ReferenceFiles.parseSchools(text, file: "/x/schools.tsv")
        #expect(parsed == schools)
        #expect(ReferenceFiles.formatSchools(parsed) == text)
    }

    @Test func emptySchoolListRoundTrips() throws {
        let text = ReferenceFiles.formatSchools([])
        #expect(text == "学校代码\t学校名称\t学校类型\t所在市\t平台管理联系人\t办公电话\t手机号\n")
        #expect(try ReferenceFiles.parseSchools(text, file: "/x/schools.tsv") == [])
    }

    @Test func handEditedFileWithBOMCommentsAndFullWidthDigitsParses() throws {
        let text = "\u{FEFF}学校代码\t学校名称\t学校类型\t所在市\t平台管理联系人\t办公电话\t手机号\n"
            + "# 济南市\n"
            + "\n"
            + "３７０１０００００１\t 济南市历城职业中等专业学校 \t中职学校\t济南市\t王芳\t０５３１－８８１１２２３３\t13805310001\n"
        let parsed = try ReferenceFiles.parseSchools(text, file: "/x/schools.tsv")
        #expect(parsed == [TestData.jinan])
    }

    /// A schools file saved with Windows line ends (Excel, Notepad): `rows` means to drop the CR.
    @Test func schoolsFileWithCRLFLineEndsParses() throws {
        let text = ReferenceFiles.formatSchools(TestData.schools).replacingOccurrences(of: "\n", with: "\r\n")
        let parsed = try ReferenceFiles.parseSchools(text, file: "/x/schools.tsv")
        #expect(parsed == TestData.schools)
    }
}

@Suite struct CampaignFileRoundTripTests {
    func expectSame(_ a: Campaign, _ b: Campaign) {
        #expect(a.province == b.province)
        #expect(a.catalog.id == b.catalog.id)
        #expect(a.start == b.start)
        #expect(a.end == b.end)
        #expect(a.instructions == b.instructions)
        #expect(a.contacts == b.contacts)
        #expect(a.openItems == b.openItems)
    }

    @Test func defaultOpenItemsRoundTrip() throws {
        let campaign = TestData.campaign()
        let text = ReferenceFiles.formatCampaign(campaign)
        #expect(text == """
            province\t山东省
            catalog\tnational-2020
            start\t2020-10-19
            end\t2020-11-30
            instructions\t1.填写平台管理联系人及办公电话、手机号\\n2.勾选任务并填写有关信息\\n3.提交
            contact\t王老师\t0531-81916526
            contact\t李老师\t13811111111
            open\tdefault

            """)
        let parsed = try ReferenceFiles.parseCampaign(text, file: "/x/campaign.tsv", catalog: TestData.catalog)
        expectSame(parsed, campaign)
        #expect(parsed.instructions.contains("\n"))
        #expect(parsed.contacts.count == 2)
        #expect(parsed.openItems.count == 63)
    }

    @Test func customOpenItemsRoundTrip() throws {
        // 29 is not claimable by default: a campaign may still open it.
        let open: Set<String> = ["1", "3.1", "4.1", "18.2", "29"]
        let campaign = TestData.campaign(open: open, instructions: "请于11月30日前提交。\n咨询电话见下方省厅联系人。",
                                         contacts: [try ProvinceContact(name: "欧阳老师", phone: "0531-86912345"),
                                                    try ProvinceContact(name: "张老师", phone: "13912345678", field: "联系电话2")])
        let text = ReferenceFiles.formatCampaign(campaign)
        #expect(text.contains("open\t1 3.1 4.1 18.2 29\n"))
        let parsed = try ReferenceFiles.parseCampaign(text, file: "/x/campaign.tsv", catalog: TestData.catalog)
        expectSame(parsed, campaign)
        #expect(parsed.openItems == open)
        #expect(ReferenceFiles.formatCampaign(parsed) == text)
    }

    @Test func noContactsAndEmptyInstructionsRoundTrip() throws {
        let campaign = TestData.campaign(open: [], instructions: "", contacts: [])
        let parsed = try ReferenceFiles.parseCampaign(ReferenceFiles.formatCampaign(campaign), file: "/x/campaign.tsv",
                                                      catalog: TestData.catalog)
        expectSame(parsed, campaign)
    }

    /// A campaign file saved with Windows line ends: `rows` means to drop the CR.
    @Test func campaignFileWithCRLFLineEndsParses() throws {
        let campaign = TestData.campaign()
        let text = ReferenceFiles.formatCampaign(campaign).replacingOccurrences(of: "\n", with: "\r\n")
        let parsed = try ReferenceFiles.parseCampaign(text, file: "/x/campaign.tsv", catalog: TestData.catalog)
        expectSame(parsed, campaign)
    }

    /// Instructions that hold a backslash (a Windows share, a path) must come back unchanged too.
    @Test func instructionsWithABackslashRoundTrip() throws {
        let campaign = TestData.campaign(instructions: "材料请上传至 \\\\jyt-server\\new申报\\2020 文件夹\n逾期不予受理")
        let parsed = try ReferenceFiles.parseCampaign(ReferenceFiles.formatCampaign(campaign), file: "/x/campaign.tsv",
                                                      catalog: TestData.catalog)
        #expect(parsed.instructions == campaign.instructions)
    }
}

@Suite struct JournalCodecRoundTripTests {
    static let comment = "经费预算填写不完整\t请补充：\n1.学校自筹依据\r\n2.路径 D:\\申报\\2020\\ 末尾反斜杠\\"

    /// One event of every kind, each with the `seen` state it would carry.
    static func events() -> [ReviewEvent] {
        let t = Timestamp(seconds: 1_603_094_400) // 2020-10-19T08:00:00Z
        var list: [ReviewEvent] = []
        let kinds: [(ReviewEvent.Kind, ReviewState?)] = [
            (.submitted, nil), (.withdrawn, .pending), (.approved, .pending), (.returned, .pending),
            (.resubmitted, .returned(comment: "")), (.reopened, .approved), (.passed, .cityPending),
        ]
        for (i, (kind, seen)) in kinds.enumerated() {
            let carriesFunds = kind == .submitted || kind == .resubmitted
            list.append(ReviewEvent(seq: i + 1, time: Timestamp(seconds: t.seconds + Int64(i) * 3661), actor: "zhangsan",
                                    school: "3701000001", item: "3.1", round: kind == .resubmitted ? 2 : 1, kind: kind,
                                    seen: seen, basis: i, quantity: carriesFunds ? 3 : nil,
                                    funds: carriesFunds ? Funds(wan: 6, 5, 4, 1) : nil,
                                    comment: kind == .returned ? comment : nil))
        }
        return list
    }

    @Test func everyKindRoundTrips() throws {
        let events = Self.events()
        #expect(Set(events.map(\.kind)) == Set(ReviewEvent.Kind.claimSteps))
        var previous = JournalCodec.genesis
        for event in events {
            let (line, hash) = JournalCodec.encode(event, previousHash: previous)
            #expect(line.hasSuffix("\n"))
            #expect(line.dropLast().split(separator: "\t", omittingEmptySubsequences: false).count == 16)
            #expect(!line.dropLast().contains("\n"))
            let decoded = try decodeLine(String(line.dropLast()))
            #expect(decoded.event == event)
            #expect(decoded.hash == hash)
            previous = hash
        }
    }

    @Test func commentWithTabNewlineBackslashAndChineseRoundTrips() throws {
        let event = ReviewEvent(seq: 42, time: TestData.now, actor: "lisi", school: "3702000003", item: "4.1", round: 1,
                                kind: .returned, seen: .pending, basis: 17, comment: Self.comment)
        let (line, _) = JournalCodec.encode(event, previousHash: JournalCodec.genesis)
        let fields = line.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 16)
        #expect(fields[14] == "经费预算填写不完整\\t请补充：\\n1.学校自筹依据\\r\\n2.路径 D:\\\\申报\\\\2020\\\\ 末尾反斜杠\\\\")
        let decoded = try decodeLine(String(line.dropLast()))
        #expect(decoded.event.comment == Self.comment)
        #expect(decoded.event == event)
    }

    @Test(arguments: [
        (Money.zero, "0"), (Money(units: 1), "0.0001"), (Money(units: 999_999_999_999), "99999999.9999"),
        (Money(units: 125_000), "12.5"),
    ])
    func moneyEdgeValuesRoundTrip(money: Money, text: String) throws {
        let funds = Funds(selfFunded: money, industry: money, sponsor: .zero, local: money)
        for quantity in [nil, 3] as [Int?] {
            let event = ReviewEvent(seq: 1, time: TestData.now, actor: "demo", school: "3701000001", item: "3.1", round: 1,
                                    kind: .submitted, basis: 0, quantity: quantity, funds: funds)
            let (line, _) = JournalCodec.encode(event, previousHash: JournalCodec.genesis)
            let fields = line.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields[9] == (quantity.map(String.init) ?? "-"))
            #expect(fields[10] == Substring(text))
            #expect(fields[12] == "0")
            let decoded = try decodeLine(String(line.dropLast()))
            #expect(decoded.event.funds == funds)
            #expect(decoded.event.quantity == quantity)
            #expect(decoded.event == event)
        }
    }

    @Test func eventWithoutFundsWritesDashes() throws {
        let event = ReviewEvent(seq: 7, time: TestData.now, actor: "zhangsan", school: "3701000001", item: "1", round: 1,
                                kind: .approved, seen: .pending, basis: 3)
        let (line, hash) = JournalCodec.encode(event, previousHash: "0123456789abcdef")
        #expect(line == "7\t2023-11-14T22:13:20Z\tzhangsan\t3701000001\t1\t1\tapproved\tpending\t3\t-\t-\t-\t-\t-\t\t\(hash)\n")
        #expect(try decodeLine(String(line.dropLast())).event == event)
    }

    @Test func hashCoversTheBodyAndChainsFromThePreviousLine() throws {
        var previous = JournalCodec.genesis
        for event in Self.events() {
            let (line, hash) = JournalCodec.encode(event, previousHash: previous)
            let body = String(line.dropLast())
            let decoded = try decodeLine(body)
            let bytes = Array(body.utf8)
            #expect(decoded.bodyLength == bytes.lastIndex(of: 0x09)! + 1)
            #expect(JournalCodec.hash(previous: previous, body: bytes[0..<decoded.bodyLength]) == decoded.hash)
            #expect(decoded.hash == hash)
            #expect(hash.count == 16)
            #expect(hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            // The same body chained from another line gives another hash.
            #expect(JournalCodec.hash(previous: "ffffffffffffffff", body: bytes[0..<decoded.bodyLength]) != hash)
            previous = hash
        }
    }

    @Test func journalFileRoundTripsThroughTheReader() throws {
        try withTemporaryDirectory { root in
            let url = root.appendingPathComponent("journal.tsv")
            var text = JournalCodec.header + "\n"
            var previous = JournalCodec.genesis
            for event in Self.events() {
                let (line, hash) = JournalCodec.encode(event, previousHash: previous)
                text += line
                previous = hash
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
            var read: [ReviewEvent] = []
            let problem = try JournalReader.forEach(url) { line in
                #expect(line.number == read.count + 2)
                read.append(line.event)
            }
            #expect(problem == nil)
            #expect(read == Self.events())
        }
    }
}

@Suite struct CatalogAndReasonsFileTests {
    @Test func catalogWrittenByCreateRoundTrips() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let store = try TestData.open(root)
            let a = store.ledger.catalog, b = TestData.catalog
            #expect(a.id == "national-2020")
            #expect(a.title == b.title)
            #expect(a.sections == b.sections)
            #expect(a.tasks == b.tasks)
            #expect(a.items == b.items)
            let again = try CatalogFormat.parse(CatalogFormat.format(a), file: "again.tsv")
            #expect(again.items == a.items)
            #expect(again.tasks == a.tasks)
            #expect(again.sections == a.sections)
        }
    }

    /// A catalog.tsv re-saved on Windows (CRLF) must still open: CatalogFormat means to drop the CR.
    @Test func dataDirWithACRLFCatalogOpens() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            try TestData.catalogText.replacingOccurrences(of: "\n", with: "\r\n").write(to: dir.catalog, atomically: true, encoding: .utf8)
            let store = try TestData.open(root)
            #expect(store.ledger.catalog.items == TestData.catalog.items)
        }
    }

    @Test func reasonsFileRoundTrips() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            let folder = try SecureDirectory(root)
            #expect(ReturnReasons.load(folder) == StoreSetup.defaultReasons)
            try "# 常用退回理由\n经费预算填写不完整\n\n  承接数量与学校实际不符，请核实  \n".write(to: dir.reasons, atomically: true, encoding: .utf8)
            #expect(ReturnReasons.load(folder) == ["经费预算填写不完整", "承接数量与学校实际不符，请核实"])
            try "# 只有注释\n".write(to: dir.reasons, atomically: true, encoding: .utf8)
            #expect(ReturnReasons.load(folder) == StoreSetup.defaultReasons)
            try FileManager.default.removeItem(at: dir.reasons)
            #expect(ReturnReasons.load(folder) == StoreSetup.defaultReasons)
        }
    }

    @Test func reasonsFileWithCRLFLineEnds() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            let folder = try SecureDirectory(root)
            try "经费预算填写不完整\r\n任务与学校类型不匹配\r\n".write(to: dir.reasons, atomically: true, encoding: .utf8)
            #expect(ReturnReasons.load(folder) == ["经费预算填写不完整", "任务与学校类型不匹配"])
        }
    }
}
