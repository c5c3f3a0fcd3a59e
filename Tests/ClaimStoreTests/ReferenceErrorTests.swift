import ClaimKit
import Foundation
import Testing
@testable import ClaimStore

@Suite struct SchoolsFileErrorTests {
    static let file = "/x/schools.tsv"
    static let header = "学校代码\t学校名称\t学校类型\t所在市\t平台管理联系人\t办公电话\t手机号\n"
    static let good = "3701000001\t济南市历城职业中等专业学校\t中职学校\t济南市\t王芳\t0531-88112233\t13805310001\n"

    /// The schools file with `row` on line 4 (after the header, a good school and a comment).
    static func text(_ row: String) -> String {
        header + good + "# 以下为青岛市学校\n" + row + "\n"
    }

    func error(_ text: String) -> StoreError? {
        #expect(throws: StoreError.self) { try ReferenceFiles.parseSchools(text, file: Self.file) }
    }

    @Test func wrongHeader() {
        let text = "学校代码\t学校名称\t学校类别\t所在市\t平台管理联系人\t办公电话\t手机号\n" + Self.good
        let e = error(text)
        #expect(e == .reference(file: Self.file, line: 1, field: "表头",
                                problem: "expected 学校代码 学校名称 学校类型 所在市 平台管理联系人 办公电话 手机号, found 学校代码 学校名称 学校类别 所在市 平台管理联系人 办公电话 手机号"))
        #expect(e?.description == "/x/schools.tsv:1: 表头: expected 学校代码 学校名称 学校类型 所在市 平台管理联系人 办公电话 手机号, found 学校代码 学校名称 学校类别 所在市 平台管理联系人 办公电话 手机号")
    }

    @Test func emptyFile() {
        #expect(error("# 空文件\n\n") == .reference(file: Self.file, line: 1, field: "表头",
                                                 problem: "expected the header row 学校代码 学校名称 学校类型 所在市 平台管理联系人 办公电话 手机号, found an empty file"))
    }

    @Test func wrongColumnCount() {
        let e = error(Self.text("3702000003\t青岛酒店管理职业技术学院\t专科高职院校\t青岛市\t李强\t0532-86051234"))
        #expect(e == .reference(file: Self.file, line: 4, field: "列数", problem: "expected 7 TAB-separated fields, found 6"))
        #expect(e?.description == "/x/schools.tsv:4: 列数: expected 7 TAB-separated fields, found 6")
    }

    @Test func codeOfNineDigits() {
        let e = error(Self.text("370200003\t青岛酒店管理职业技术学院\t专科高职院校\t青岛市\t李强\t0532-86051234\t13905320002"))
        #expect(e == .reference(file: Self.file, line: 4, field: "学校代码",
                                problem: "学校代码：应为10位数字，如 3701000001，实际为「370200003」"))
        #expect(e?.description == "/x/schools.tsv:4: 学校代码: 学校代码：应为10位数字，如 3701000001，实际为「370200003」")
    }

    @Test func badSchoolType() {
        let e = error(Self.text("3702000003\t青岛酒店管理职业技术学院\t高职院校\t青岛市\t李强\t0532-86051234\t13905320002"))
        #expect(e == .reference(file: Self.file, line: 4, field: "学校类型",
                                problem: "学校类型：应为中职学校、专科高职院校、本科高职院校或其他主体，实际为「高职院校」"))
    }

    @Test func officePhoneWithASpace() {
        let e = error(Self.text("3702000003\t青岛酒店管理职业技术学院\t专科高职院校\t青岛市\t李强\t010 87654321\t13905320002"))
        #expect(e == .reference(file: Self.file, line: 4, field: "办公电话",
                                problem: "办公电话：应为区号-号码（区号3–4位以0开头，号码7–8位），如 010-87654321，实际为「010 87654321」"))
        #expect(e?.description == "/x/schools.tsv:4: 办公电话: 办公电话：应为区号-号码（区号3–4位以0开头，号码7–8位），如 010-87654321，实际为「010 87654321」")
    }

    @Test func badMobile() {
        let e = error(Self.text("3702000003\t青岛酒店管理职业技术学院\t专科高职院校\t青岛市\t李强\t0532-86051234\t2390532000"))
        #expect(e == .reference(file: Self.file, line: 4, field: "手机号",
                                problem: "手机号：应为以1开头的11位数字，如 13800000000，实际为「2390532000」"))
    }

    @Test func emptyManager() {
        let e = error(Self.text("3702000003\t青岛酒店管理职业技术学院\t专科高职院校\t青岛市\t\t0532-86051234\t13905320002"))
        #expect(e == .reference(file: Self.file, line: 4, field: "平台管理联系人", problem: "平台管理联系人：应为必填的姓名，实际为「」"))
        let blank = error(Self.text("3702000003\t青岛酒店管理职业技术学院\t专科高职院校\t青岛市\t\u{3000}\t0532-86051234\t13905320002"))
        #expect(blank == .reference(file: Self.file, line: 4, field: "平台管理联系人", problem: "平台管理联系人：应为必填的姓名，实际为「\u{3000}」"))
    }

    @Test func emptySchoolName() {
        let e = error(Self.text("3702000003\t \t专科高职院校\t青岛市\t李强\t0532-86051234\t13905320002"))
        #expect(e == .reference(file: Self.file, line: 4, field: "学校名称", problem: "学校名称：应为必填的姓名，实际为「 」"))
    }

    @Test func duplicateCodeNamesTheFirstLine() {
        let e = error(Self.text("3701000001\t济南市章丘职业中等专业学校\t中职学校\t济南市\t赵敏\t0531-83212345\t13705310009"))
        #expect(e == .reference(file: Self.file, line: 4, field: "学校代码", problem: "3701000001 already appears on line 2"))
        #expect(e?.description == "/x/schools.tsv:4: 学校代码: 3701000001 already appears on line 2")
        // Full-width digits are the same code once normalised.
        let wide = error(Self.text("３７０１０００００１\t济南市章丘职业中等专业学校\t中职学校\t济南市\t赵敏\t0531-83212345\t13705310009"))
        #expect(wide == .reference(file: Self.file, line: 4, field: "学校代码", problem: "3701000001 already appears on line 2"))
    }
}

@Suite struct CampaignFileErrorTests {
    static let file = "/x/campaign.tsv"
    /// A valid campaign file, one key per line (line n is lines[n - 1]).
    static let lines = [
        "province\t山东省",
        "catalog\tnational-2020",
        "start\t2020-10-19",
        "end\t2020-11-30",
        "instructions\t1.填写平台管理联系人及办公电话、手机号\\n2.勾选任务并填写有关信息",
        "contact\t王老师\t0531-81916526",
        "contact\t李老师\t13811111111",
        "open\tdefault",
    ]

    static func text(replacing line: Int? = nil, with row: String? = nil, inserting extra: String? = nil) -> String {
        var rows = lines
        if let line {
            if let row { rows[line - 1] = row } else { rows.remove(at: line - 1) }
        }
        if let extra { rows.insert(extra, at: 4) }
        return rows.joined(separator: "\n") + "\n"
    }

    func error(_ text: String) -> StoreError? {
        #expect(throws: StoreError.self) { try ReferenceFiles.parseCampaign(text, file: Self.file, catalog: TestData.catalog) }
    }

    @Test func theBaseFileIsValid() throws {
        let c = try ReferenceFiles.parseCampaign(Self.text(), file: Self.file, catalog: TestData.catalog)
        #expect(c.province == "山东省")
        #expect(c.instructions == "1.填写平台管理联系人及办公电话、手机号\n2.勾选任务并填写有关信息")
        #expect(c.contacts.map(\.name) == ["王老师", "李老师"])
    }

    @Test func unknownKey() {
        let e = error(Self.text(inserting: "deadline\t2020-11-30"))
        #expect(e == .reference(file: Self.file, line: 5, field: "deadline",
                                problem: "expected one of province, catalog, start, end, instructions, contact, open, city-review"))
        #expect(e?.description == "/x/campaign.tsv:5: deadline: expected one of province, catalog, start, end, instructions, contact, open, city-review")
    }

    @Test func missingEnd() {
        let e = error(Self.text(replacing: 4))
        #expect(e == .reference(file: Self.file, line: 0, field: "end", problem: "missing: expected a line \"end<TAB>…\""))
        #expect(e?.description == "/x/campaign.tsv:0: end: missing: expected a line \"end<TAB>…\"")
    }

    @Test func badDate() {
        let e = error(Self.text(replacing: 3, with: "start\t2020-13-01"))
        #expect(e == .reference(file: Self.file, line: 3, field: "start",
                                problem: "start：应为YYYY-MM-DD 格式的日期（如 2020-11-30），实际为「2020-13-01」"))
        let february = error(Self.text(replacing: 4, with: "end\t2021-02-29"))
        #expect(february == .reference(file: Self.file, line: 4, field: "end",
                                       problem: "end：应为YYYY-MM-DD 格式的日期（如 2020-11-30），实际为「2021-02-29」"))
    }

    @Test func endBeforeStart() {
        let e = error(Self.text(replacing: 4, with: "end\t2020-10-18"))
        #expect(e == .reference(file: Self.file, line: 4, field: "end", problem: "expected a date not before start 2020-10-19, found 2020-10-18"))
        #expect(e?.description == "/x/campaign.tsv:4: end: expected a date not before start 2020-10-19, found 2020-10-18")
    }

    @Test func catalogIDMismatch() {
        let e = error(Self.text(replacing: 2, with: "catalog\tshandong-2020"))
        #expect(e == .reference(file: Self.file, line: 2, field: "catalog",
                                problem: "expected national-2020 (the id in catalog.tsv), found shandong-2020"))
    }

    @Test func unknownOpenItem() {
        let e = error(Self.text(replacing: 8, with: "open\t1 3.1 99.9 4.1"))
        #expect(e == .reference(file: Self.file, line: 8, field: "open", problem: "expected item codes of national-2020, found 99.9"))
    }

    @Test func badContactPhone() {
        let first = error(Self.text(replacing: 6, with: "contact\t王老师\t0531 81916526"))
        #expect(first == .reference(file: Self.file, line: 6, field: "contact",
                                    problem: "联系电话：应为办公电话（如 0351-3046505）或11位手机号，实际为「0531 81916526」"))
        let second = error(Self.text(replacing: 7, with: "contact\t李老师\t12345"))
        #expect(second == .reference(file: Self.file, line: 7, field: "contact",
                                     problem: "联系电话2：应为办公电话（如 0351-3046505）或11位手机号，实际为「12345」"))
        #expect(second?.description == "/x/campaign.tsv:7: contact: 联系电话2：应为办公电话（如 0351-3046505）或11位手机号，实际为「12345」")
    }

    @Test func contactWithoutPhone() {
        let e = error(Self.text(replacing: 6, with: "contact\t王老师"))
        #expect(e == .reference(file: Self.file, line: 6, field: "contact", problem: "expected 3 TAB-separated fields, found 2"))
    }

    @Test func keyGivenTwice() {
        let e = error(Self.text(inserting: "province\t河北省"))
        #expect(e == .reference(file: Self.file, line: 5, field: "province", problem: "given twice (first on line 1)"))
    }

    @Test func emptyProvince() {
        let e = error(Self.text(replacing: 1, with: "province\t\u{3000}"))
        #expect(e == .reference(file: Self.file, line: 1, field: "province", problem: "expected a province name, found nothing"))
    }
}

@Suite struct DataDirReferenceErrorTests {
    @Test func badCatalogLineNamesCatalogFileLineAndField() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            var lines = TestData.catalogText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let index = try #require(lines.firstIndex { $0.hasPrefix("item\t3.1\t所\tyes\t") })
            lines[index] = lines[index].replacingOccurrences(of: "\tyes\t", with: "\t可以\t")
            try lines.joined(separator: "\n").write(to: dir.catalog, atomically: true, encoding: .utf8)
            let expected = StoreError.reference(file: dir.catalog.path, line: index + 1, field: "claimable",
                                                problem: "expected yes or no, found \"可以\"")
            #expect(throws: expected) { try TestData.open(root) }
            #expect(StoreCheck.run(dir) == expected)
        }
    }

    @Test func badSchoolsLineInADataDirNamesTheSchoolsFile() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            var text = try String(contentsOf: dir.schools, encoding: .utf8)
            text = text.replacingOccurrences(of: "0532-86051234", with: "010 87654321")
            try text.write(to: dir.schools, atomically: true, encoding: .utf8)
            let expected = StoreError.reference(file: dir.schools.path, line: 3, field: "办公电话",
                                                problem: "办公电话：应为区号-号码（区号3–4位以0开头，号码7–8位），如 010-87654321，实际为「010 87654321」")
            #expect(throws: expected) { try TestData.open(root) }
            #expect(StoreCheck.run(dir) == expected)
        }
    }

    @Test func badCampaignLineInADataDirNamesTheCampaignFile() throws {
        try withTemporaryDirectory { root in
            try TestData.create(at: root)
            let dir = DataDirectory(root)
            var text = try String(contentsOf: dir.campaign, encoding: .utf8)
            text = text.replacingOccurrences(of: "end\t2020-11-30", with: "end\t2020-10-01")
            try text.write(to: dir.campaign, atomically: true, encoding: .utf8)
            let expected = StoreError.reference(file: dir.campaign.path, line: 4, field: "end",
                                                problem: "expected a date not before start 2020-10-19, found 2020-10-01")
            #expect(throws: expected) { try TestData.open(root) }
            #expect(StoreCheck.run(dir) == expected)
        }
    }
}
