import ClaimKit
import Foundation

/// Creates data dirs: an empty one for a real campaign (`tzpy init`) or a generated demo province.
public enum StoreSetup {
    /// The frequent return reasons a new data dir starts with (one per line in reasons.txt).
    public static let defaultReasons = [
        "经费预算填写不完整", "承接数量与学校实际不符", "经费来源结构不合理，请核实举办方投入",
        "任务与学校类型不匹配", "请补充地市县投入的依据", "汇总金额明显偏高，请核实",
    ]

    /// Writes catalog, campaign, an empty schools file, a journal holding only its header, and reasons.txt.
    /// Refuses a folder that already holds a journal.
    public static func create(at url: URL, catalogText: String, campaign: Campaign, schools: [School] = []) throws(StoreError) {
        let dir = DataDirectory(url)
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw .io(path: url.path, operation: "mkdir", message: "\(error.localizedDescription)")
        }
        guard !FileManager.default.fileExists(atPath: dir.journal.path) else {
            throw .io(path: dir.journal.path, operation: "init", message: "a data dir already exists here; choose an empty folder")
        }
        try FileWriter.writeAtomically(catalogText, to: dir.catalog)
        try FileWriter.writeAtomically(ReferenceFiles.formatCampaign(campaign), to: dir.campaign)
        try FileWriter.writeAtomically(ReferenceFiles.formatSchools(schools), to: dir.schools)
        try FileWriter.writeAtomically(defaultReasons.joined(separator: "\n") + "\n", to: dir.reasons)
        try FileWriter.writeAtomically(JournalCodec.header + "\n", to: dir.journal)
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
        try create(at: url, catalogText: text, campaign: province.campaign, schools: province.schools)
        let store = try Store(url, actor: "demo")
        try store.record(province.events(), keepActorAndTime: true)
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
