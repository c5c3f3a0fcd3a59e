import ClaimKit
import ClaimStore
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// Shared test data: the bundled national catalog, three Shandong schools and the 2020 campaign.
enum Province {
    static let catalogText: String = try! BundledData.catalogText("national-2020").text
    static let catalog: Catalog = try! BundledData.catalog("national-2020")
    static let campaign = Campaign(
        province: "山东省", catalog: catalog, openItems: Campaign.defaultOpenItems(of: catalog),
        start: Day(year: 2020, month: 10, day: 19), end: Day(year: 2020, month: 11, day: 30),
        instructions: "1.填写平台管理联系人及办公电话、手机号 2.勾选任务并填写有关信息 3.提交", contacts: [])

    static let jinan = try! School(code: "3701000001", name: "济南市历城职业中等专业学校", type: .secondary, city: "济南市",
                                   contacts: SchoolContacts(manager: "王芳", officePhone: "0531-88112233", mobile: "13805310001"))
    static let qingdao = try! School(code: "3702000003", name: "青岛酒店管理职业技术学院", type: .higher, city: "青岛市",
                                     contacts: SchoolContacts(manager: "李强", officePhone: "0532-86051234", mobile: "13905320002"))
    static let weifang = try! School(code: "3707000012", name: "山东潍坊信息工程职业技术大学", type: .undergraduate, city: "潍坊市",
                                     contacts: .unfilled)
    static let schools = [jinan, qingdao, weifang]

    static func text(_ code: String) -> String { catalog.item(code)!.text }
}

/// A temporary folder holding a data dir (`data/`) and the files a test imports; removed on deinit.
final class Workspace {
    let root: URL
    let data: URL
    private(set) lazy var store: Store = try! Store(data, actor: "zhangsan", clock: { Timestamp(seconds: 1_700_000_000) })

    /// A data dir with `schools` and an empty journal.
    init(schools: [School] = Province.schools, campaign: Campaign = Province.campaign, catalogText: String = Province.catalogText) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("exchange-tests-\(UUID().uuidString)")
        data = root.appendingPathComponent("data")
        try StoreSetup.create(at: data, catalogText: catalogText, campaign: campaign, schools: schools,
                              accounts: ["zhangsan", "lisi"].map { try! Account(name: $0, role: .province) })
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Tests/Fixtures: small files committed with the tests.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    var ledger: Ledger { store.ledger }

    func file(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Writes `bytes` as the file `name` and returns its URL.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = file(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Writes rows of cells as a UTF-8 CSV with LF line ends (cells are written as given, unquoted).
    @discardableResult
    func csv(_ name: String, _ rows: [[String]]) throws -> URL {
        try write(name, Array(rows.map { $0.joined(separator: ",") + "\n" }.joined().utf8))
    }

    /// Writes one sheet with XLSXWriter; cells that look like numbers become numeric cells, as in Excel.
    @discardableResult
    func xlsx(_ name: String, sheet: String, _ rows: [[String]], merging: [CellRange] = []) throws -> URL {
        let url = file(name)
        let writer = try XLSXWriter(url: url)
        try writer.beginSheet(name: sheet, columns: [], frozenRows: 0)
        for row in rows { try writer.appendRow(row.map(Workspace.cell)) }
        try writer.endSheet(merging: merging)
        try writer.finish()
        return url
    }

    /// A code or phone number (ten or more digits) stays text; other whole numbers and decimals are numeric.
    static func cell(_ text: String) -> OutputCell {
        if text.isEmpty { return .empty }
        if text.count < 10, let n = Int(text) { return .integer(n) }
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal = (parts.count == 2 || text.count < 10) && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        return isDecimal ? .decimal(text) : .text(text)
    }

    /// Imports `urls`, each labelled by its file name so that messages read `NAME:…`.
    func importing(_ urls: [URL], dryRun: Bool = false) -> ImportSummary {
        Importer(store: store).run(urls.map { ($0, $0.lastPathComponent) }, dryRun: dryRun)
    }

    /// Reads one file as the importer does and plans it against the store, without writing.
    func plan(_ url: URL) -> ImportPlan {
        ImportPlan(FileReading.read(url, file: url.lastPathComponent, catalog: Province.catalog), ledger: store.ledger, at: store.now)
    }

    var journalBytes: [UInt8] { [UInt8]((try? Data(contentsOf: DataDirectory(data).journal)) ?? Data()) }
    var journalLines: Int { journalBytes.count { $0 == 0x0A } }
    var schoolsText: String { (try? String(contentsOf: DataDirectory(data).schools, encoding: .utf8)) ?? "" }

    /// A store opened afresh on the data dir: what another process would see.
    func reopened() throws -> Store { try Store(data, actor: "lisi") }

    /// Records a submission as the school would (the claim must be new or pending).
    @discardableResult
    func submit(_ school: String, _ item: String, _ quantity: Int?, _ funds: Funds) throws -> Claim {
        let basis = store.ledger.claim(ClaimKey(school: school, item: item))?.version ?? 0
        try store.record(Decision(.submitted, ClaimKey(school: school, item: item), basis: basis, quantity: quantity,
                                  funds: funds))
        return store.ledger.claim(ClaimKey(school: school, item: item))!
    }

    /// Records a reviewer's decision on the claim as it stands.
    @discardableResult
    func decide(_ kind: ReviewEvent.Kind, _ school: String, _ item: String, comment: String? = nil) throws -> Claim {
        let key = ClaimKey(school: school, item: item)
        try store.record(Decision(kind, key, basis: store.ledger.claim(key)!.version, comment: comment))
        return store.ledger.claim(key)!
    }
}

/// Funds from four amounts in 万元 written as text (`"0.0001"`).
func funds(_ a: String, _ b: String, _ c: String, _ d: String) -> Funds {
    try! Funds(selfFunded: Money.parse(a), industry: Money.parse(b), sponsor: Money.parse(c), local: Money.parse(d))
}

/// A short province-wide sheet: school, item, quantity and the four funds.
enum Flat {
    static let header = ["学校代码", "学校名称", "学校类型", "所在市", "序号", "承接数量", "学校自筹", "行业企业投入", "举办方投入", "地市县投入"]

    /// A row for `school` (name, type and city included unless `bare`); `parts` in 万元 as text.
    static func row(_ school: School, _ item: String, _ quantity: Int?, _ parts: [String], bare: Bool = false) -> [String] {
        [school.code] + (bare ? ["", "", ""] : [school.name, school.type.rawValue, school.city])
            + [item, quantity.map(String.init) ?? "-"] + parts
    }
}
