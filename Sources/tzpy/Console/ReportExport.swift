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
    /// The report a console request stands for, and the words its file name carries (school, item).
    static func report(_ request: ExportRequest, ledger: Ledger, names: [String: String]) throws(Reports.Problem) -> (Report, ReportKind, [String]) {
        switch request {
        case .schoolList(let list):
            let plain = list.filter.isEmpty && list.sort == .code && !list.descending
            return (try Reports.schools(ledger: ledger, codes: list.schools, filterLabel: plain ? nil : MessageText.listLabel(list)),
                    .schools, [])
        case .school(let code):
            return (try Reports.make(.school, ledger: ledger, school: code, names: names), .school, [ledger.school(code)?.name ?? code])
        case .items:
            return (try Reports.make(.items, ledger: ledger, names: names), .items, [])
        case .itemClaims(let item, let schools):
            return (try Reports.claims(ledger: ledger, item: item, codes: schools, filterLabel: nil, names: names), .claims, ["任务\(item)"])
        case .cities:
            return (try Reports.make(.cities, ledger: ledger, names: names), .cities, [])
        case .returns(let school):
            return (try Reports.make(.returns, ledger: ledger, school: school, names: names), .returns,
                    school.map { [ledger.school($0)?.name ?? $0] } ?? [])
        }
    }

    static func write(_ request: ExportRequest, ledger: Ledger, names: [String: String] = [:], into directory: URL,
                      now: time_t = time(nil)) -> Result<(path: String, rows: Int), ExportFailure> {
        let report: Report, kind: ReportKind, words: [String]
        do {
            (report, kind, words) = try Self.report(request, ledger: ledger, names: names)
        } catch {
            return .failure(ExportFailure(error.message))
        }
        let parts = [kind.title] + words + [stamp(now)]
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
