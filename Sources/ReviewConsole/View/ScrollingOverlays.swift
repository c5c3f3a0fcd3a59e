import ClaimKit
import TerminalText

/// The overlays that scroll (help, claim detail): their lines, drawn in the full-screen box from the
/// scroller's top, and counted for the runtime, which tells the scroller how far it may go.
extension Renderer {
    static func overlayArea(_ state: ConsoleState) -> (width: Int, height: Int) {
        Geometry.overlayArea(rows: state.rows, cols: state.cols)
    }

    /// How many lines the open scrolling overlay has at the current size; nil when none is open.
    public static func scrollingLineCount(_ state: ConsoleState, _ ledger: Ledger) -> Int? {
        switch state.overlay {
        case .help?: helpLines(state).count
        case .detail(let key, _)?: detailLines(key, state, ledger).count
        default: nil
        }
    }

    /// The help screen's key column.
    static let helpKeyWidth = 22

    /// The help screen, generated from the keymap: how to scroll it, every binding, the editor's keys.
    static func helpLines(_ state: ConsoleState) -> [(String, Style)] {
        let width = overlayArea(state).width
        var out: [(String, Style)] = []
        /// `text` wrapped to the box with a hanging indent: continuation lines start `indent` columns in.
        func add(_ text: String, _ style: Style, indent: Int) {
            let shown = show(text, state)
            guard let first = TextFit.wrap(shown, to: width).first else { return }
            out.append((first, style))
            let rest = String(shown.dropFirst(first.count))
            guard !rest.isEmpty else { return }
            for line in TextFit.wrap(rest, to: width - indent) { out.append((String(repeating: " ", count: indent) + line, style)) }
        }
        add("\(UIStrings.helpScroll)：\(UIStrings.helpScrollKeys)；\(UIStrings.otherKeyCloses)", Style(.dim), indent: 2)
        if state.desk != nil {
            for b in Keymap.schoolBindings {
                add(TextFit.pad(b.keys.map(\.label).joined(separator: " "), to: helpKeyWidth) + b.help, .plain, indent: helpKeyWidth)
            }
            add(UIStrings.schoolFormHelp, Style(.dim), indent: 2)
            return out
        }
        for b in Keymap.bindings {
            let help = state.isCityReviewer ? b.cityHelp ?? b.help : b.help
            add(TextFit.pad(b.keys.map(\.label).joined(separator: " "), to: helpKeyWidth) + help, .plain, indent: helpKeyWidth)
        }
        add(UIStrings.editorHelp, Style(.dim), indent: 2)
        return out
    }

    /// A claim's detail: item text, quantity and funds, warnings, every round with its comments.
    static func detailLines(_ key: ClaimKey, _ state: ConsoleState, _ ledger: Ledger) -> [(String, Style)] {
        guard let claim = ledger.claim(key) else { return [] }
        let item = ledger.catalog.item(key.item)
        let width = overlayArea(state).width
        var out: [(String, Style)] = []
        for line in TextFit.wrap(show(item?.text ?? UIStrings.missingItem, state), to: width) {
            out.append((line, Style(item == nil ? .warning : .normal, bold: true)))
        }
        out.append(("\(UIStrings.quantity)：\(claim.quantity.map { "\($0) \(item?.unit ?? "")" } ?? "-")   \(UIStrings.total)：\(claim.funds.total) \(UIStrings.wan)   状态：\(claim.state.label)（第 \(claim.round) 轮）", .plain))
        out.append((zip(Funds.partLabels, claim.funds.parts).map { "\($0) \($1)" }.joined(separator: "   "), .plain))
        for line in roundLines(claim, state, ledger) {
            for (i, part) in TextFit.wrap(show(line.0, state), to: width).enumerated() { out.append((i == 0 ? part : "    " + part, line.1)) }
        }
        let warnings = ledger.warnings(for: claim)
        if !warnings.isEmpty {
            out.append(("\(UIStrings.warnings)：", Style(.warning, bold: true)))
            for w in warnings { out.append(("  ! \(w)", Style(.warning))) }
        }
        out.append(("\(UIStrings.history)：", Style(.header, bold: true)))
        for e in ledger.history(of: claim.key) {
            var line = "  \(e.time.beijing)  \(state.shown(e.actor))  第\(e.round)\(UIStrings.round)  \(e.kind.label)"
            // Each submission's figures, so every round can be read against the one before.
            if let f = e.funds {
                let quantity = e.quantity.map { "\(UIStrings.quantityShort) \($0)  " } ?? ""
                line += "  \(quantity)\(UIStrings.total) \(f.total)（\(f.parts.map(\.description).joined(separator: "+"))）"
            }
            if let c = e.comment { line += "：\(c)" }
            for (i, part) in TextFit.wrap(show(line, state), to: width).enumerated() {
                out.append((i == 0 ? part : "    " + part, stateStyleFor(e.kind)))
            }
        }
        out.append((state.isCityReviewer ? UIStrings.cityDetailKeys : UIStrings.detailKeys, Style(.dim)))
        return out
    }

    /// Draws a scrolling overlay: the full-screen box, the visible part of its lines, and where they do not all fit, the
    /// position (first–last/total, ↑ and ↓ 更多 when there is more that way) on the box's bottom border.
    mutating func drawScrolling(_ all: [(String, Style)], title: String, top requested: Int) {
        // The box leaves the outermost columns; blank them too, so the page beneath does not peek out.
        for r in 1..<max(1, state.rows - 1) { grid.fill(row: r, style: .plain) }
        let area = box(title: title, width: state.cols - 2, height: state.rows - 2)
        let top = Geometry.clampedTop(requested, count: all.count, height: area.height)
        lines(Array(all.dropFirst(top)), in: area)
        guard all.count > area.height, area.height > 0 else { return }
        var mark = " \(top + 1)-\(min(all.count, top + area.height))/\(all.count)"
        if top > 0 { mark += " ↑" }
        if top + area.height < all.count { mark += " ↓ \(UIStrings.more)" }
        mark = show(mark + " ")
        let width = DisplayWidth.of(mark)
        guard width <= area.width else { return }
        put(mark, row: area.top + area.height, col: area.left + area.width - width, style: Style(.header, bold: true))
    }
}
