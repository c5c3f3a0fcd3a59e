import ClaimKit
import Sheets
import TerminalText

/// The figures of one claim row — 承接数量, the four funds and an optional 汇总 — named, read and
/// checked the same way in both layouts.
enum ClaimFigures {
    static let quantityNames = ["承接数量"]
    static let totalNames = ["汇总", "汇总金额"]
    /// In `Funds.partLabels` order; the platform labels the last one 地市级投入 on one page.
    static let fundNames = [["学校自筹"], ["行业企业投入"], ["举办方投入"], ["地市县投入", "地市级投入"]]

    /// Which figure a problem is about, so the layout can name its cell.
    enum Field {
        case quantity, fund(Int), total
    }

    /// Reads 承接数量 (checked against `item` when it is known) and the four funds (cells in
    /// `Funds.partLabels` order), and checks a non-empty 汇总 against their sum. Each problem goes to
    /// `report`; `funds` is nil when any of the four is bad.
    static func read(quantity: CellValue?, funds cells: [CellValue?], total: CellValue?, item: TaskItem?,
                     report: (Field, String) -> Void) -> (quantity: Int?, funds: Funds?) {
        var quantityValue: Int?
        do {
            quantityValue = try CellNumbers.quantity(quantity)
            if let item, let wrong = Workflow.quantityProblem(quantityValue, item: item) {
                report(.quantity, FieldError(field: "承接数量", expected: wrong, found: trimmed(quantity)).echoed)
            }
        } catch { report(.quantity, error.echoed) }

        var parts: [Money] = []
        for (i, (cell, label)) in zip(cells, Funds.partLabels).enumerated() {
            do { parts.append(try CellNumbers.money(cell, field: label)) } catch { report(.fund(i), error.echoed) }
        }
        guard parts.count == 4 else { return (quantityValue, nil) }
        let funds = Funds(selfFunded: parts[0], industry: parts[1], sponsor: parts[2], local: parts[3])
        if !trimmed(total).isEmpty {
            do {
                if try CellNumbers.money(total, field: "汇总") != funds.total {
                    report(.total, "汇总：应为四项经费之和 \(funds.total)，实际为「\(Sanitizer.echo(trimmed(total)))」")
                }
            } catch { report(.total, error.echoed) }
        }
        return (quantityValue, funds)
    }

    private static func trimmed(_ cell: CellValue?) -> String {
        cell?.text.trimmingWhitespace() ?? ""
    }
}
