import ClaimKit
import TerminalText

/// The preview of the claim under the cursor on a claims page: its full item text, state, 修改意见, what
/// the latest resubmission changed and its warnings — readable while deciding, without opening the detail.
/// Under the table when the terminal has rows to spare, beside it when it is wide (`Geometry`).
extension Renderer {
    /// Draws the pane for the page's current claim, below the table from row `top` or beside it.
    mutating func drawPreview(below top: Int) {
        let kind = state.page.kind
        let height = Geometry.previewRows(kind, rows: state.rows, cols: state.cols)
        let width = Geometry.previewColumns(kind, rows: state.rows, cols: state.cols)
        guard height > 0 || width > 0, let key = PageRows.claimKey(state.page, state, ledger) else { return }
        let border = Style(.header)
        if height > 0 {
            put(String(repeating: "─", count: state.cols), row: top, col: 0, style: border)
            put(" \(UIStrings.previewTitle) ", row: top, col: 2, style: Style(.header, bold: true))
            let area = (top: top + 1, left: 1, width: state.cols - 2, height: height - 1)
            lines(Renderer.previewLines(key, state, ledger, width: area.width), in: area)
        } else {
            let left = state.cols - width
            let first = Geometry.headerRows(kind), last = state.rows - 2
            for r in first..<last { put("│", row: r, col: left, style: border) }
            put(" \(UIStrings.previewTitle)", row: first, col: left + 1, style: Style(.header, bold: true), width: width - 1)
            let area = (top: first + 1, left: left + 2, width: width - 3, height: last - first - 1)
            lines(Renderer.previewLines(key, state, ledger, width: area.width), in: area)
        }
    }

    /// The pane's lines for `key`, wrapped to `width`.
    static func previewLines(_ key: ClaimKey, _ state: ConsoleState, _ ledger: Ledger, width: Int) -> [(String, Style)] {
        guard let claim = ledger.claim(key) else { return [] }
        var out: [(String, Style)] = []
        func add(_ text: String, _ style: Style) {
            for line in TextFit.wrap(show(text, state), to: width) { out.append((line, style)) }
        }
        let item = ledger.catalog.item(key.item)
        add("\(key.item) \(item?.text ?? UIStrings.missingItem)", Style(item == nil ? .warning : .normal, bold: true))
        add("\(UIStrings.stateLabel)：\(claim.state.label)（第 \(claim.round) \(UIStrings.round)）  \(UIStrings.total) \(claim.funds.total) \(UIStrings.wan)", stateStyle(claim.state))
        if case .returned(let comment) = claim.state { add("\(UIStrings.commentLabel)：\(comment)", Style(.returned, bold: true)) }
        for line in roundLines(claim, state, ledger) { add(line.0, line.1) }
        for w in ledger.warnings(for: claim) { add("! \(w)", Style(.warning)) }
        return out
    }

    /// What the claim's latest resubmission changed against the round before, and the return comment that
    /// asked for it; a figure the comment named but the school left as it was is marked. Empty in round 1.
    /// The history is read back from the journal, and only for a claim past round 1.
    static func roundLines(_ claim: Claim, _ state: ConsoleState, _ ledger: Ledger) -> [(String, Style)] {
        guard claim.round > 1, let change = RoundChange(history: ledger.history(of: claim.key)) else { return [] }
        var out: [(String, Style)] = [("第 \(change.round) \(UIStrings.round)\(UIStrings.againstPrevious)：", Style(.header, bold: true))]
        if let comment = change.comment { out.append(("  \(UIStrings.previousComment)：\(comment)", Style(.dim))) }
        let changed = change.fields.filter(\.changed)
        for f in changed { out.append(("  \(f.label) \(f.before) → \(f.after)", .plain)) }
        if changed.isEmpty { out.append(("  ! \(UIStrings.nothingChanged)", Style(.warning, bold: true))) }
        for label in change.unchangedNamed { out.append(("  ! \(label) \(UIStrings.unchanged)", Style(.warning, bold: true))) }
        return out
    }
}
