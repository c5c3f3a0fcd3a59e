import Testing
@testable import ClaimKit

@Suite struct CatalogTests {
    @Test func nationalPlanHas56TasksIn11Sections() {
        let c = Fixtures.national
        #expect(c.id == "national-2020")
        #expect(c.tasks.count == 56)
        #expect(c.sections.count == 11)
        let perSection = c.sections.map { s in c.tasks.filter { $0.section == s.number }.count }
        #expect(perSection == [4, 9, 5, 9, 1, 6, 12, 4, 4, 1, 1])
        #expect(c.sections.last?.title == "营造良好发展氛围")
    }

    @Test func tasksThreeAndFourAreSplitAsOnThePlatform() {
        let c = Fixtures.national
        #expect(c.items.filter { $0.task == 3 }.map(\.code) == ["3.1", "3.2", "3.3"])
        #expect(c.items.filter { $0.task == 4 }.map(\.code) == ["4.1", "4.2", "4.3", "4.4", "4.5"])
        #expect(c.item("3.2")?.text == "培育遴选100个左右名师工作室")
        #expect(c.item("4.1")?.text == "培训10000名左右德育骨干管理人员、思政专任教师")
        #expect(c.item("4.2")?.text == "遴选100个左右思政教师研修基地")
        #expect(c.item("2")?.text == "按照师生比不低于1:350的比例核定专职思政教师岗位")
        #expect(c.item("3.1")?.unit == "所")
        #expect(c.item("4.1")?.unit == "名")
    }

    @Test func tasksOneAndTwoCountNothing() {
        for code in ["1", "2"] {
            let item = Fixtures.national.item(code)
            #expect(item != nil)
            #expect(item?.isCountable == false)
        }
    }

    @Test func everyItemHasTextAndDepartments() {
        for catalog in [Fixtures.national, Fixtures.shandong] {
            for item in catalog.items {
                #expect(!item.text.isEmpty, "\(catalog.id) \(item.code)")
                #expect(!item.departments.isEmpty && item.departments.allSatisfy { !$0.isEmpty }, "\(catalog.id) \(item.code)")
                #expect(!item.text.contains(" "), "no PDF spaces in \(item.code)")
            }
        }
    }

    /// Closed by default: the ministries' standards (29–32) and what only a government delivers — 5, a school
    /// in each city of the poorest areas, and 55.1/55.2, provincial and city pilots (formats.md §3).
    @Test func nationalBodiesOnlyTasksAreClosedToSchoolsByDefault() {
        let closed = Fixtures.national.items.filter { !$0.claimable }.map(\.code)
        #expect(closed == ["5", "29", "30", "31", "32", "55.1", "55.2"])
        #expect(!Campaign.defaultOpenItems(of: Fixtures.national).contains("29"))
        #expect(Campaign.defaultOpenItems(of: Fixtures.national).contains("3.1"))
    }

    /// Shandong's claimable items are those schools themselves deliver (formats.md §3); the three "+" the
    /// source lost are back (seeds 002 and 003: 基本保障+发展专项+绩效奖励, 1+X, 金融+财政+土地+信用).
    @Test func shandongClaimsOnlyWhatSchoolsDeliverAndKeepsItsPlusSigns() {
        let claimable = Fixtures.shandong.items.filter(\.claimable).map(\.code)
        #expect(claimable == ["6", "12", "13", "15", "16", "17", "18", "19", "26", "29"])
        #expect(Fixtures.shandong.item("7")!.text.contains("“基本保障+发展专项+绩效奖励”"))
        #expect(Fixtures.shandong.item("19")!.text.hasPrefix("做好1+X证书制度试点"))
        #expect(Fixtures.shandong.item("24")!.text.contains("“金融+财政+土地+信用”"))
    }

    @Test func shandongListHas45Items() {
        #expect(Fixtures.shandong.items.count == 45)
        #expect(Fixtures.shandong.tasks.count == 45)
        #expect(Fixtures.shandong.item("2")?.departments == ["省教育厅", "省发展改革委", "各市人民政府"])
        #expect(Fixtures.shandong.item("3")?.departments.last == "各市、县（市、区）人民政府")
    }

    @Test func formatRoundTrips() throws {
        for catalog in [Fixtures.national, Fixtures.shandong] {
            let again = try CatalogFormat.parse(CatalogFormat.format(catalog), file: "again.tsv")
            #expect(again.items == catalog.items)
            #expect(again.tasks == catalog.tasks)
            #expect(again.sections == catalog.sections)
            #expect(again.title == catalog.title)
        }
    }

    @Test(arguments: [
        ("catalog\tx\tT\ntask\t1\t文本\t教育部\nitem\t1\t-\tmaybe\t", 3, "claimable", "expected yes or no, found \"maybe\""),
        ("catalog\tx\tT\ntask\t1\t文本\t教育部\nitem\t2\t-\tyes\t", 3, "code", "expected 1 or 1.N under task 1, found \"2\""),
        ("catalog\tx\tT\ntask\t2\t文本\t教育部", 2, "number", "expected task 1, found \"2\""),
        ("catalog\tx\tT\ntask\t1\t文本\t\nitem\t1\t-\tyes\t", 2, "departments", "expected departments joined by |, found \"\""),
        ("catalog\tx\tT\n\n# c\nsection\t1\t甲\ttoo many", 4, "section", "expected 3 TAB-separated fields, found 4"),
        ("catalog\tx\tT\nitem\t1\t-\tyes\t文本", 2, "item", "an item before any task"),
        ("catalog\tx\tT\ntask\t1\t文本\t教育部\nitem\t1\t\tyes\t", 3, "unit", "expected a unit such as 所 or -, found nothing"),
        ("tasks\t1", 1, "kind", "expected one of catalog, section, task, item; found \"tasks\""),
        ("catalog\tx\tT\ntask\t1\t文本\t教育部\nitem\t1\t-\tyes\t\nitem\t1\t-\tyes\t", 4, "code", "item 1 appears twice"),
    ])
    func errorsNameFileLineAndField(text: String, line: Int, field: String, problem: String) {
        #expect(throws: CatalogFormat.ParseError(file: "bad.tsv", line: line, field: field, problem: problem)) {
            try CatalogFormat.parse(text, file: "bad.tsv")
        }
    }

    @Test func errorMessageReadsFileLineField() {
        let e = CatalogFormat.ParseError(file: "bad.tsv", line: 3, field: "claimable", problem: "expected yes or no")
        #expect(e.description == "bad.tsv:3: claimable: expected yes or no")
    }
}
