import ClaimKit

extension ConsoleState {
    /// Applies `action` and returns the effects for the runtime: the console's only state transition.
    ///
    /// The ledger is read, never written: a decision becomes visible only when the runtime has recorded it
    /// durably and the next render reads the updated ledger.
    public mutating func reduce(_ action: Action, ledger: Ledger) -> [Effect] {
        switch action {
        case .resize(let r, let c):
            rows = r
            cols = c
            reanchor(ledger)
            return []
        case .tick:
            return [.follow]
        case .recorded(let events):
            saving = max(0, saving - 1)
            if desk != nil { deskRecorded(events, ledger) } else { recorded(events, ledger) }
            return []
        case .refused(let error):
            saving = max(0, saving - 1)
            message = .refused(error)
            reanchor(ledger)
            return []
        case .followed(let events):
            let others = events.filter { $0.actor != reviewer }
            if let e = others.last { message = .othersActed(e, more: others.count - 1) }
            reanchor(ledger)
            return []
        case .followFailed(let why):
            message = .followFailed(why)
            return []
        case .presence(let present):
            self.present = present
            return []
        case .exported(let path, let rows):
            message = .exported(path: path, rows: rows)
            return []
        case .exportFailed(let why):
            message = .exportFailed(why)
            return []
        case .key(let key):
            return handle(key, ledger)
        }
    }

    private mutating func handle(_ key: Key, _ ledger: Ledger) -> [Effect] {
        if key == .resize { return [] }
        if let overlay { return handle(key, in: overlay, ledger) }
        if desk != nil, !isTooSmall { return deskKey(key, ledger) }
        if isTooSmall {
            if key == .char("Q") || key == .char("q") { overlay = .confirm(Confirmation(.quit)) }
            return []
        }
        if key == .ctrl("c") {
            overlay = .confirm(Confirmation(.quit))
            return []
        }
        switch key {
        case .click(let row, _):
            click(screenRow: row, ledger)
            return []
        case .wheelDown, .wheelUp:
            move(by: key == .wheelDown ? 3 : -3, ledger)
            return []
        default: break
        }
        guard let command = Keymap.command(for: key) else {
            message = .unknownKey(key)
            return [.follow]
        }
        message = nil
        return run(command, ledger) + [.follow]
    }

    /// Carries out a table command: on a table, or from the claim detail (`a`, `r`), with the same effects.
    mutating func run(_ command: Command, _ ledger: Ledger) -> [Effect] {
        switch command {
        case .down: move(by: 1, ledger)
        case .up: move(by: -1, ledger)
        case .pageDown: move(by: max(1, bodyRows - 1), ledger)
        case .pageUp: move(by: -max(1, bodyRows - 1), ledger)
        case .top: move(to: 0, ledger)
        case .bottom: move(to: PageRows.count(page, self, ledger) - 1, ledger)
        case .open: open(ledger)
        case .detail:
            if let key = PageRows.claimKey(page, self, ledger) { overlay = .detail(key, Scroller()) }
        case .back: back(ledger)
        case .quit: overlay = .confirm(Confirmation(.quit))
        case .nextScreen: cycleScreens(by: 1, ledger)
        case .previousScreen: cycleScreens(by: -1, ledger)
        case .approve: return approve(ledger)
        case .returnClaim: startReturn(ledger)
        case .undo: return undo(ledger)
        case .tag: toggleTag(ledger)
        case .approveAll: confirmApproveAll(ledger)
        case .search: overlay = .search(SearchPrompt())
        case .nextMatch, .previousMatch:
            guard let query = lastSearch else { message = .searchFirst; return [] }
            if !jump(to: query, forward: command == .nextMatch, skipCurrent: true, ledger) { message = .noMatch }
        case .filter:
            guard page.kind == .schools else { message = .notHere(command); return [] }
            overlay = .picker(Picker(.filter, options: filterChoices(ledger)))
        case .clearFilter:
            guard !filter.isEmpty else { return [] }
            filter = SchoolFilter()
            message = .filtered(filter)
            if page.kind == .schools { move(to: 0, ledger) }
        case .sort:
            if page.kind == .schools {
                overlay = .picker(Picker(.sort, options: SchoolSort.allCases.map(PickerChoice.sort), cursor: sort.rawValue))
            } else {
                let choices = TableSort.choices(page.kind)
                overlay = .picker(Picker(.sort, options: choices.map(PickerChoice.order), cursor: choices.firstIndex(of: page.order) ?? 0))
            }
        case .nextPending: nextPendingSchool(forward: true, ledger)
        case .previousPending: nextPendingSchool(forward: false, ledger)
        case .redraw: return [.redraw]
        case .export:
            message = .exporting
            return [.export(exportRequest(ledger))]
        case .exportReturns:
            message = .exporting
            if case .school(let code) = page.kind { return [.export(.returns(school: code))] }
            return [.export(.returns(school: nil))]
        case .help: overlay = .help(Scroller())
        case .toggleAmbiguous:
            ambiguousWide.toggle()
            message = .wideSymbols(ambiguousWide)
            return [.redraw]
        }
        return []
    }

    // MARK: overlays

    private mutating func handle(_ key: Key, in current: Overlay, _ ledger: Ledger) -> [Effect] {
        switch current {
        case .help(var scroller):
            if case .other = scroller.handle(key) { overlay = nil } else { overlay = .help(scroller) }
        case .detail(let claim, var scroller):
            if let step = Keymap.detailSteps[key] {
                stepDetail(from: claim, by: step, ledger)
                return []
            }
            guard case .other(let other) = scroller.handle(key) else {
                overlay = .detail(claim, scroller)
                return []
            }
            overlay = nil
            if let command = Keymap.command(for: other), command == .approve || command == .returnClaim {
                return run(command, ledger)
            }
        case .confirm(let confirmation):
            overlay = nil
            let yes = confirmation.handle(key) == .confirmed
            switch confirmation.purpose {
            case .quit:
                if yes {
                    quitting = true
                    return [.quit]
                }
            case .approve(let bulk):
                guard yes else { message = .bulkCancelled; return [] }
                return approveAll(bulk, ledger)
            case .submit(let write):
                guard yes else { message = .cancelled; return [] }
                saving += 1
                message = .saving
                return [.submit(write), .follow]
            case .withdraw(let decisions):
                guard yes else { message = .cancelled; return [] }
                saving += 1
                message = .saving
                return [.record(decisions), .follow]
            }
        case .comment(var editor):
            switch editor.handle(key, reasons: reasons) {
            case .editing: overlay = .comment(editor)
            case .problem(let why):
                message = why
                overlay = .comment(editor)
            case .cancelled:
                overlay = nil
                message = .returnCancelled
            case .submit(let text):
                overlay = nil
                return returnClaim(editor.key, comment: text, ledger)
            }
        case .search(var prompt):
            switch prompt.handle(key) {
            case .cancelled: overlay = nil
            case .done(let text):
                overlay = nil
                if !text.isEmpty { lastSearch = text }
            case .changed(let text):
                overlay = .search(prompt)
                message = !text.isEmpty && !jump(to: text, forward: true, skipCurrent: false, ledger) ? .noMatch : nil
            }
        case .picker(var picker):
            switch picker.handle(key) {
            case .moved: overlay = .picker(picker)
            case .cancelled: overlay = nil
            case .chosen(let choice):
                overlay = nil
                choose(choice, ledger)
            }
        }
        return []
    }

    /// Sets the measured size of a scrolling overlay's text (the runtime asks the view after every action).
    public mutating func measureOverlay(lines: Int) {
        let height = Geometry.overlayArea(rows: rows, cols: cols).height
        switch overlay {
        case .help(var s):
            s.measure(lines: lines, height: height)
            overlay = .help(s)
        case .detail(let key, var s):
            s.measure(lines: lines, height: height)
            overlay = .detail(key, s)
        default: break
        }
    }
}
