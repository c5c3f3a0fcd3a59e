// The spreadsheet benchmark (issue 6): `tzpy-bench sheets [--dir DIR]`.
//
// On the national demo store (10,000 schools) it exports the `items` and `claims` reports as .xlsx and .csv,
// imports the national claims CSV into a fresh store, and on the province store (600 schools) exports one
// `school` workbook per school and imports all 600. Each time is printed beside a baseline from the same run:
// writing the same bytes with write(2) for exports, reading them with read(2) for imports. Import memory is the
// peak RSS of a child process (`measure-import`) that opens the store and imports, nothing else.

import ClaimExchange
import ClaimKit
import ClaimStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes `bytes` to `path` with write(2) and fsync: the baseline an export is compared with.
func plainWrite(_ bytes: [UInt8], _ path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { fail("open \(path)") }
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n <= 0 { fail("write \(path)") }
        done += n
    }
    fsync(fd)
    close(fd)
}

func readFile(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

/// A new data dir with `source`'s catalog, campaign and schools and a journal holding only its header.
func emptyCopy(of source: URL, at dir: URL) {
    try? FileManager.default.removeItem(at: dir)
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in [DataDirectory.catalogName, DataDirectory.campaignName, DataDirectory.schoolsName] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try Data().write(to: dir.appendingPathComponent(DataDirectory.journalName))
    } catch { fail("cannot make \(dir.path): \(error)") }
}

func export(_ ledger: Ledger, _ kind: ReportKind, _ format: ExportFormat, to path: String, school: String? = nil) {
    do {
        try ReportWriter.write(try Reports.make(kind, ledger: ledger, school: school), format: format,
                               to: URL(fileURLWithPath: path))
    } catch { fail("export \(kind) \(format): \(error)") }
}

/// `measure-import DIR FILE...`: opens DIR and imports the files in this fresh process; prints the peak RSS
/// (VmHWM: ru_maxrss would carry the parent's peak across fork and exec).
func measureImport(_ dir: String, _ files: [String]) -> Never {
    let t0 = nowNs()
    let store = openStore(URL(fileURLWithPath: dir))
    let opened = nowNs()
    let summary = Importer(store: store).run(Importer.expand(files), dryRun: false)
    let elapsed = nowNs() - opened
    let problems = summary.problems
    if !problems.isEmpty { fail("import had \(problems.count) problems, first: \(problems[0])") }
    print("open_ms=\(fmt(ms(Double(opened - t0)), 1)) import_ms=\(fmt(ms(Double(elapsed)), 1)) maxrss_kib=\(procStatusKiB("VmHWM")) submitted=\(summary.submitted) files=\(summary.files)")
    exit(0)
}

/// Runs `measure-import` in a child and returns its key=value output.
func childImport(_ dir: URL, _ files: [String]) -> [String: String] {
    childMeasurement(executablePath(), ["measure-import", dir.path] + files)
}

func sheetsBenchmark(_ s: BenchSettings) -> Never {
    makeBaseDir(s)
    let baseDir = s.baseDir
    print("tzpy-bench sheets: spreadsheet import and export (times in ms; ratio = time / baseline of the same bytes)")
    let (national, _) = prepare(10000, s)
    let work = URL(fileURLWithPath: baseDir).appendingPathComponent("sheets")
    try? FileManager.default.removeItem(at: work)
    try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let store = openStore(national)
    let ledger = store.ledger
    let rssStore = currentRSSKiB()
    print("national store: \(ledger.schools.count) schools, \(ledger.claims.count) claims, RSS after open \(rssStore / 1024) MiB")
    print("")
    print("export                 rows      bytes        ms   baseline ms   ratio   RSS growth MiB")
    for kind in [ReportKind.items, .claims] {
        for format in [ExportFormat.csv, .xlsx] {
            let path = work.appendingPathComponent("\(kind.rawValue).\(format.rawValue)").path
            let before = procStatusKiB("VmHWM")
            let t = timed { export(ledger, kind, format, to: path) }
            let growth = max(0, procStatusKiB("VmHWM") - max(before, rssStore))
            let bytes = readFile(path)
            let b = timed { plainWrite(bytes, path + ".baseline") }
            let rows = (try? Reports.make(kind, ledger: ledger).rowCount) ?? 0
            print("\(pad("\(kind.rawValue) .\(format.rawValue)", 16, left: true)) \(pad(String(rows), 10)) \(pad(String(bytes.count), 10)) \(pad(fmt(ms(Double(t))), 9)) \(pad(fmt(ms(Double(b)), 1), 13)) \(pad(fmt(Double(t) / Double(max(b, 1)), 1), 7)) \(pad(String(growth / 1024), 16))")
        }
    }
    print("")

    // The national CSV into a fresh store with the same schools.
    let csv = work.appendingPathComponent("claims.csv").path
    let fresh = work.appendingPathComponent("import-national")
    emptyCopy(of: national, at: fresh)
    let csvBytes = readFile(csv).count
    let readNs = timed { _ = readFile(csv) }
    let result = childImport(fresh, [csv])
    let importMs = Double(result["import_ms"] ?? "0") ?? 0
    print("import national CSV: \(result["submitted"] ?? "?") claims, \(csvBytes / 1_048_576) MiB: \(fmt(importMs)) ms (target 3000: \(yes(importMs < 3000))), read(2) of the same bytes \(fmt(ms(Double(readNs)), 1)) ms, ratio \(fmt(importMs / max(ms(Double(readNs)), 0.001), 0)); peak RSS \(Int(result["maxrss_kib"] ?? "0")! / 1024) MiB (target 400: \(yes(Int(result["maxrss_kib"] ?? "0")! < 400 * 1024)))")

    // 600 per-school workbooks from the province store.
    let (province, _) = prepare(600, s)
    let provinceLedger = openStore(province).ledger
    let schoolsDir = work.appendingPathComponent("schools")
    try? FileManager.default.createDirectory(at: schoolsDir, withIntermediateDirectories: true)
    let exportNs = timed {
        for s in provinceLedger.schools {
            export(provinceLedger, .school, .xlsx, to: schoolsDir.appendingPathComponent("\(s.code).xlsx").path, school: s.code)
        }
    }
    let schoolBytes = readAllBytes(schoolsDir)
    let schoolReadNs = timed { _ = readAllBytes(schoolsDir) }
    let freshProvince = work.appendingPathComponent("import-province")
    emptyCopy(of: province, at: freshProvince)
    let r600 = childImport(freshProvince, [schoolsDir.path])
    let import600 = Double(r600["import_ms"] ?? "0") ?? 0
    print("export 600 school .xlsx: \(fmt(ms(Double(exportNs)))) ms (\(schoolBytes / 1024) KiB)")
    print("import 600 school .xlsx: \(r600["submitted"] ?? "?") claims in \(r600["files"] ?? "?") files: \(fmt(import600)) ms, read(2) of the same bytes \(fmt(ms(Double(schoolReadNs)), 2)) ms, ratio \(fmt(import600 / max(ms(Double(schoolReadNs)), 0.001), 0)); peak RSS \(Int(r600["maxrss_kib"] ?? "0")! / 1024) MiB")
    exit(0)
}
