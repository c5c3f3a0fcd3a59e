#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClaimKit
import Foundation

/// Creates data dirs: an empty one for a real campaign (`tzpy init`) or a generated demo province.
public enum StoreSetup {
    /// The frequent return reasons a new data dir starts with (one per line in reasons.txt).
    public static let defaultReasons = [
        "经费预算填写不完整", "承接数量与学校实际不符", "经费来源结构不合理，请核实举办方投入",
        "任务与学校类型不匹配", "请补充地市县投入的依据", "汇总金额明显偏高，请核实",
    ]

    /// Writes catalog, campaign, an empty schools file, accounts.tsv, a journal holding only its header, and
    /// reasons.txt, into a folder made mode 0750 (0640 files): only the creating user can write them.
    /// The creator (the Unix user, or the service account in shared mode) becomes a province account,
    /// followed by `accounts`. Refuses a folder that already holds a journal.
    public static func create(at url: URL, catalogText: String, campaign: Campaign, schools: [School] = [],
                              accounts: [Account] = []) throws(StoreError) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if mkdir(url.path, SecureDirectory.directoryMode) != 0 {
            let e = errno
            guard e == EEXIST else { throw .io(path: url.path, operation: "mkdir", message: String(cString: strerror(e))) }
        }
        let folder = try SecureDirectory(url)
        guard !folder.exists(DataDirectory.journalName) else {
            throw .io(path: DataDirectory(url).journal.path, operation: "init", message: "a data dir already exists here; choose an empty folder")
        }
        guard UnixUser.isEffective(folder.owner) else {
            throw .io(path: url.path, operation: "init", message: "the folder belongs to \(folder.ownerName); a data dir must belong to the user who creates it")
        }
        if let hazard = try folder.writeHazard([]) { throw hazard }
        let creator: Account
        do { creator = try Account(name: UnixUser.effective, role: .province) } catch {
            throw .io(path: url.path, operation: "init", message: "the user name cannot be an account name: \(error)")
        }
        try folder.writeAtomically(catalogText, to: DataDirectory.catalogName)
        try folder.writeAtomically(ReferenceFiles.formatCampaign(campaign), to: DataDirectory.campaignName)
        try folder.writeAtomically(ReferenceFiles.formatSchools(schools), to: DataDirectory.schoolsName)
        try folder.writeAtomically(AccountsFile.format([creator] + accounts.filter { $0.name != creator.name }), to: DataDirectory.accountsName)
        try folder.writeAtomically(defaultReasons.joined(separator: "\n") + "\n", to: DataDirectory.reasonsName)
        try folder.writeAtomically(JournalCodec.header + "\n", to: DataDirectory.journalName)
    }

    /// Generates the demo province into `url` (see `DemoProvince`) and returns the open store.
    @discardableResult
    public static func demo(at url: URL, schools count: Int, seed: UInt64) throws(StoreError) -> Store {
        let (text, _) = try BundledData.catalogText("national-2020")
        let catalog: Catalog
        do { catalog = try CatalogFormat.parse(text, file: "national-2020.tsv") } catch {
            throw .reference(file: error.file, line: error.line, field: error.field, problem: error.problem)
        }
        let province = DemoProvince(catalog: catalog, schools: count, seed: seed)
        try create(at: url, catalogText: text, campaign: province.campaign, schools: province.schools,
                   accounts: DemoProvince.reviewerAccounts)
        let store = try Store(url, actor: UnixUser.effective)
        try store.recordGenerated(province.events())
        return store
    }

    /// The per-user demo data dir: `$XDG_DATA_HOME/tzpy/demo`, by default `~/.local/share/tzpy/demo`.
    public static var demoDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return base.appendingPathComponent("tzpy/demo")
    }
}
