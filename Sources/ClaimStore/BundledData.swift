import ClaimKit
import Foundation

/// Finds the checkout's `Data/` folder (the bundled catalogs) from wherever tzpy runs.
///
/// SwiftPM resources must live inside a target, but the catalogs belong at the top level where people
/// edit them; so tzpy looks for them: `$TZPY_HOME/Data`, then upwards from the executable
/// (`.build/debug/tzpy` → the checkout), then beside this source file.
public enum BundledData {
    public static let catalogIDs = ["national-2020", "shandong-2020"]

    public static var root: URL? {
        var candidates: [URL] = []
        if let home = ProcessInfo.processInfo.environment["TZPY_HOME"] {
            candidates.append(URL(fileURLWithPath: home))
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = Bundle.main.executableURL { dir = exe.resolvingSymlinksInPath().deletingLastPathComponent() }
        for _ in 0..<6 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Data/catalogs").path) }?
            .appendingPathComponent("Data")
    }

    /// The text of a bundled catalog file.
    public static func catalogText(_ id: String) throws(StoreError) -> (text: String, path: String) {
        guard catalogIDs.contains(id) else {
            throw .reference(file: "Data/catalogs", line: 0, field: "catalog", problem: "expected one of \(catalogIDs.joined(separator: ", ")), found \(id)")
        }
        guard let root else {
            throw .io(path: "Data/catalogs", operation: "find", message: "the bundled catalogs were not found; set TZPY_HOME to the tzpy checkout")
        }
        let url = root.appendingPathComponent("catalogs/\(id).tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .io(path: url.path, operation: "read", message: "cannot read the catalog")
        }
        return (text, url.path)
    }

    /// A bundled catalog, parsed.
    public static func catalog(_ id: String) throws(StoreError) -> Catalog {
        let (text, path) = try catalogText(id)
        do { return try CatalogFormat.parse(text, file: path) } catch {
            throw .reference(file: error.file, line: error.line, field: error.field, problem: error.problem)
        }
    }
}
