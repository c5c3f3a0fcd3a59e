#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Sheets

/// Exports used to be staged at `.NAME.<pid>.tmp`: a colleague who can write the folder (a shared exports
/// folder, /tmp) planted symlinks at the next pids and the export wrote through them into the victim's file.
@Suite struct PlantedTemporaryFileTests {
    @Test(arguments: ["csv", "xlsx"])
    func exportsNeverWriteThroughAPlantedName(format: String) throws {
        let scratch = try Scratch()
        let victim = try scratch.existing("victim", "mine\n")
        let url = scratch.file("退回通知.\(format)")
        let pid = Int(getpid())
        for p in pid..<(pid + 200) {
            try FileManager.default.createSymbolicLink(at: scratch.file(".退回通知.\(format).\(p).tmp"), withDestinationURL: victim)
        }
        if format == "csv" {
            let writer = try CSVWriter(url: url)
            try writer.appendRow([.text("学校代码"), .text("修改意见")])
            try writer.finish()
        } else {
            let writer = try XLSXWriter(url: url)
            try writer.beginSheet(name: "退回", columns: [OutputColumn("学校代码", width: 12)], frozenRows: 1)
            try writer.appendRow([.text("3701000001")])
            try writer.finish()
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: url.path))
        // Nothing else is left behind: the planted links and the export.
        #expect(try scratch.names().filter { !$0.hasPrefix(".退回通知.\(format).") } == ["victim", "退回通知.\(format)"].sorted())
    }

    @Test func temporaryNamesAreUnpredictableAndExclusive() throws {
        let scratch = try Scratch()
        let url = scratch.file("a.csv")
        let (one, _) = try AtomicFile.create(for: url)
        let (two, _) = try AtomicFile.create(for: url)
        #expect(one != two)
    }
}
