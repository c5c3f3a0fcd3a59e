import ClaimExchange
import ClaimKit
import Foundation
import ReviewConsole
#if canImport(Glibc)
import Glibc
#endif

/// Performs the console's export effect: builds the requested report from the ledger and writes it as an
/// .xlsx file named after the report, the school or item, and the local time, so repeated exports never
/// overwrite each other. Files only, no curses: the driver calls it and feeds the outcome back.
enum ReportExport {
    /// The report kind, school and item a console request stands for.
    static func parameters(_ request: ExportRequest) -> (kind: ReportKind, school: String?, item: String?) {
        switch request {
        case .schoolList: (.schools, nil, nil)
        case .school(let code): (.school, code, nil)
        case .items: (.items, nil, nil)
        case .itemClaims(let item): (.claims, nil, item)
        }
    }

    static func write(_ request: ExportRequest, ledger: Ledger, names: [String: String] = [:], into directory: URL,
                      now: time_t = time(nil)) -> Result<(path: String, rows: Int), ExportFailure> {
        let (kind, school, item) = parameters(request)
        let report: Report
        do {
            report = try Reports.make(kind, ledger: ledger, school: school, item: item, names: names)
        } catch {
            return .failure(ExportFailure(error.message))
        }
        var parts = [kind.title]
        if let code = school { parts.append(ledger.school(code)?.name ?? code) }
        if let item { parts.append("任务\(item)") }
        parts.append(stamp(now))
        let name = parts.joined(separator: "-").map { "/\\:*?\"<>|".contains($0) ? "_" : $0 }
        let url = directory.appendingPathComponent(String(name) + ".xlsx")
        do {
            try ReportWriter.write(report, format: .xlsx, to: url)
        } catch {
            return .failure(ExportFailure(error.description))
        }
        return .success((url.path, report.rowCount))
    }

    /// `20261123-143005`, local time.
    static func stamp(_ t: time_t) -> String {
        var now = t
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%04d%02d%02d-%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
