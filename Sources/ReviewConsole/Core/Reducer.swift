import ClaimKit

extension ConsoleState {
    /// Applies `action` and returns the effects for the driver: the console's only state transition.
    ///
    /// The ledger is read, never written: a decision becomes visible only when the driver has recorded it
    /// durably and the next render reads the updated ledger.
    public mutating func reduce(_ action: Action, ledger: Ledger) -> [Effect] {
        switch action {
        case .resize(let r, let c):
            rows = r
            cols = c
            clampCursor(ledger)
            return []
        case .tick:
            return [.follow]
        case .recorded(let events):
            saving = max(0, saving - 1)
            let mine = events.filter { $0.kind == .approved || $0.kind == .returned }
            myDecisions.append(contentsOf: mine.map(\.key))
            if let last = events.last, last.kind == .reopened { myDecisions.removeAll { $0 == last.key } }
            tags.subtract(events.map(\.key))
            message = Message(kind: .success, text: ConsoleState.describe(events))
            refreshRows(ledger)
            if events.count == 1, case .school = page.kind { move(by: 1, ledger) }
            return []
        case .exported(let path, let rows):
            message = Message(kind: .success, text: UIStrings.exported(path: path, rows: rows))
            return []
        case .exportFailed(let why):
            message = Message(kind: .error, text: "\(UIStrings.exportFailed)：\(why)")
            return []
        case .refused(let why):
            saving = max(0, saving - 1)
            message = Message(kind: .error, text: why)
            refreshRows(ledger)
            return []
        case .followFailed(let why):
            message = Message(kind: .error, text: "\(UIStrings.followFailed)：\(why)")
            return []
        case .followed(let events):
            let others = events.filter { $0.actor != reviewer }
            if let e = others.last {
                let more = others.count > 1 ? "（另有 \(others.count - 1) 条）" : ""
                message = Message(kind: .notice, text: "\(shown(e.actor)) \(e.kind.label)了 \(ledger.school(e.school)?.name ?? e.school) 的任务 \(e.item)\(more)")
            }
            refreshRows(ledger)
            return []
        case .key(let key):
            return handle(key, ledger)
        }
    }

    static func describe(_ events: [ReviewEvent]) -> String {
        guard let e = events.last else { return "" }
        if events.count > 1 { return "已保存：\(e.kind.label) \(events.count) 条" }
        return "已保存：\(e.kind.label) \(e.school) 的任务 \(e.item)"
    }

    /// Rebuilds the cached row lists after the data, filter or sort changed, keeping the cursor on its row.
    public mutating func refreshRows(_ ledger: Ledger) {
        let current = page.kind == .schools ? PageRows.schoolCode(page, self) : nil
        schoolRows = PageRows.schoolRows(self, ledger)
        if citiesOfSchools != ledger.schools.count {
            cities = PageRows.cities(ledger)
            citiesOfSchools = ledger.schools.count
        }
        if let current, let i = schoolRows.firstIndex(of: current), page.kind == .schools { page.cursor = i }
        if case .itemSchools(let item) = page.kind { itemSchoolRows = PageRows.itemSchoolRows(item, ledger) }
        clampCursor(ledger)
    }

    // MARK: keys

    private mutating func handle(_ key: Key, _ ledger: Ledger) -> [Effect] {
        if key == .resize { return [] }
        if let overlay { return handleOverlay(overlay, key, ledger) }
        if Layout.isTooSmall(self) {
            if key == .char("Q") || key == .char("q") { overlay = .quitAsk }
            return []
        }
        guard let command = Keymap.command(for: key) else {
            message = Message(kind: .info, text: "未定义的按键 \(key.label)；按 ? 查看帮助")
            return [.follow]
        }
        message = nil
        var effects = run(command, ledger)
        effects.append(.follow)
        return effects
    }

    private mutating func run(_ command: Command, _ ledger: Ledger) -> [Effect] {
        let height = Layout.bodyRows(self)
        switch command {
        case .down: move(by: 1, ledger)
        case .up: move(by: -1, ledger)
        case .pageDown: move(by: max(1, height - 1), ledger)
        case .pageUp: move(by: -max(1, height - 1), ledger)
        case .top: move(by: -Int.max / 2, ledger)
        case .bottom: move(by: Int.max / 2, ledger)
        case .open: open(ledger)
        case .detail:
            if let key = PageRows.claimKey(page, self, ledger) { openScrolling(.detail(key)) }
        case .back:
            if stack.count > 1 {
                stack.removeLast()
                refreshRows(ledger)
            } else {
                overlay = .quitAsk
            }
        case .quit: overlay = .quitAsk
        case .nextScreen, .previousScreen:
            let list = ConsoleState.overviews
            let here = list.firstIndex(of: stack[0].kind) ?? 0
            let next = (here + (command == .nextScreen ? 1 : list.count - 1)) % list.count
            stack = [Page(list[next])]
            refreshRows(ledger)
        case .approve: return approve(ledger)
        case .returnClaim: startReturn(ledger)
        case .undo: return undo(ledger)
        case .tag:
            if let key = PageRows.claimKey(page, self, ledger) {
                if tags.remove(key) == nil { tags.insert(key) }
                move(by: 1, ledger)
            }
        case .approveAll: confirmApproveAll(ledger)
        case .search: overlay = .search(LineEditor())
        case .nextMatch, .previousMatch:
            guard let q = lastSearch else { message = Message(kind: .info, text: "先按 / 输入搜索内容"); return [] }
            if !jump(to: q, forward: command == .nextMatch, skipCurrent: true, ledger) { message = Message(kind: .info, text: UIStrings.noMatch) }
        case .filter:
            guard page.kind == .schools else { message = Message(kind: .info, text: "筛选只用于学校列表"); return [] }
            overlay = .picker(Picker(purpose: .filter, title: UIStrings.filterTitle, options: filterOptions(ledger).map(\.label)))
        case .sort:
            guard page.kind == .schools else { message = Message(kind: .info, text: "排序只用于学校列表"); return [] }
            overlay = .picker(Picker(purpose: .sort, title: UIStrings.sortTitle, options: SchoolSort.allCases.map(Layout.sortLabel)))
        case .nextPending, .previousPending: nextPendingSchool(forward: command == .nextPending, ledger)
        case .redraw: return [.redraw]
        case .export:
            message = Message(kind: .info, text: UIStrings.exporting)
            return [.export(ExportRequest.forPage(page.kind))]
        case .help: openScrolling(.help)
        case .toggleAmbiguous:
            ambiguousWide.toggle()
            message = Message(kind: .info, text: ambiguousWide ? UIStrings.wideOn : UIStrings.wideOff)
            return [.redraw]
        }
        return []
    }

    mutating func move(by delta: Int, _ ledger: Ledger) {
        let count = PageRows.count(page, self, ledger)
        page.cursor = max(0, min(count - 1, page.cursor + delta))
        scrollToCursor()
    }

    mutating func clampCursor(_ ledger: Ledger) {
        let count = PageRows.count(page, self, ledger)
        page.cursor = max(0, min(count - 1, page.cursor))
        scrollToCursor()
    }

    mutating func scrollToCursor() {
        let height = max(1, Layout.bodyRows(self))
        if page.cursor < page.top { page.top = page.cursor }
        if page.cursor >= page.top + height { page.top = page.cursor - height + 1 }
        page.top = max(0, page.top)
    }

    private mutating func open(_ ledger: Ledger) {
        switch page.kind {
        case .schools:
            guard let code = PageRows.schoolCode(page, self) else { return }
            stack.append(Page(.school(code)))
        case .items:
            let items = ledger.catalog.items
            guard items.indices.contains(page.cursor) else { return }
            itemSchoolRows = PageRows.itemSchoolRows(items[page.cursor].code, ledger)
            stack.append(Page(.itemSchools(items[page.cursor].code)))
        case .school, .itemSchools:
            if let key = PageRows.claimKey(page, self, ledger) { openScrolling(.detail(key)) }
        case .province:
            break
        }
    }

    // MARK: decisions

    private func draft(_ kind: ReviewEvent.Kind, _ claim: Claim, comment: String? = nil) -> ReviewEvent {
        ReviewEvent(time: Timestamp(seconds: 0), actor: reviewer, school: claim.school, item: claim.item, kind: kind,
                    seen: claim.state, basis: claim.version, comment: comment)
    }

    private mutating func pendingClaim(_ ledger: Ledger) -> Claim? {
        if readOnly { message = Message(kind: .error, text: "数据目录为只读，不能审核"); return nil }
        guard let key = PageRows.claimKey(page, self, ledger), let claim = ledger.claim(key) else {
            message = Message(kind: .info, text: UIStrings.noClaim)
            return nil
        }
        guard claim.state == .pending else {
            let who = claim.lastDecision.map { "（\(shown($0.actor)) 于 \($0.time) \($0.kind.label)）" } ?? ""
            message = Message(kind: .info, text: "\(UIStrings.notPending)：当前为「\(claim.state.label)」\(who)")
            return nil
        }
        return claim
    }

    private mutating func approve(_ ledger: Ledger) -> [Effect] {
        guard let claim = pendingClaim(ledger) else { return [] }
        saving += 1
        message = Message(kind: .info, text: UIStrings.saving)
        return [.record([draft(.approved, claim)])]
    }

    private mutating func startReturn(_ ledger: Ledger) {
        guard let claim = pendingClaim(ledger) else { return }
        overlay = .comment(LineEditor(limit: CommentText.limit), claim.key)
    }

    private mutating func undo(_ ledger: Ledger) -> [Effect] {
        if readOnly { message = Message(kind: .error, text: "数据目录为只读，不能审核"); return [] }
        while let key = myDecisions.last {
            if let claim = ledger.claim(key), let last = claim.last, last.actor == reviewer,
               last.kind == .approved || last.kind == .returned {
                saving += 1
                message = Message(kind: .info, text: UIStrings.saving)
                return [.record([draft(.reopened, claim)])]
            }
            myDecisions.removeLast()
        }
        message = Message(kind: .info, text: UIStrings.nothingToUndo)
        return []
    }

    private mutating func confirmApproveAll(_ ledger: Ledger) {
        if readOnly { message = Message(kind: .error, text: "数据目录为只读，不能审核"); return }
        let listed = PageRows.claimKeys(page, self, ledger)
        guard !listed.isEmpty else { message = Message(kind: .info, text: "批量通过只用于学校承接任务或承接学校页面"); return }
        let tagged = listed.filter { tags.contains($0) }
        let keys = (tagged.isEmpty ? listed : tagged).filter { ledger.claim($0)?.state == .pending }
        guard !keys.isEmpty else { message = Message(kind: .info, text: "没有待审核的任务可批量通过"); return }
        let money = keys.reduce(Money.zero) { $0 + (ledger.claim($1)?.funds.total ?? .zero) }
        let scope = tagged.isEmpty ? "全部待审核" : "已标记"
        overlay = .confirmApprove(keys, text: "批量通过\(scope)的 \(keys.count) 条承接任务，汇总 \(money) 万元？")
    }

    // MARK: overlays

    private mutating func handleOverlay(_ current: Overlay, _ key: Key, _ ledger: Ledger) -> [Effect] {
        switch current {
        case .help, .detail:
            if case .detail = current, key == .char("a") || key == .char("r") {
                overlay = nil
                return run(key == .char("a") ? .approve : .returnClaim, ledger)
            }
            if let command = Keymap.command(for: key), Keymap.overlayScroll.contains(command) {
                scrollOverlay(current, command, ledger)
                return []
            }
            overlay = nil
        case .quitAsk:
            if key == .char("y") || key == .char("Y") || key == .enter {
                quitting = true
                return [.quit]
            }
            overlay = nil
        case .confirmApprove(let keys, _):
            overlay = nil
            guard key == .char("y") || key == .char("Y") || key == .enter else {
                message = Message(kind: .info, text: "已取消批量通过")
                return []
            }
            let drafts = keys.compactMap { ledger.claim($0) }.filter { $0.state == .pending }.map { draft(.approved, $0) }
            saving += 1
            message = Message(kind: .info, text: UIStrings.saving)
            return [.record(drafts)]
        case .comment(var editor, let claimKey):
            switch key {
            case .escape:
                overlay = nil
                message = Message(kind: .info, text: "已取消退回")
            case .enter:
                let text: String
                do { text = try CommentText.validate(editor.text) } catch {
                    message = Message(kind: .error, text: error.description)
                    return []
                }
                guard !text.isEmpty else {
                    message = Message(kind: .error, text: UIStrings.emptyComment)
                    return []
                }
                overlay = nil
                guard let claim = ledger.claim(claimKey), claim.state == .pending else {
                    message = Message(kind: .error, text: UIStrings.notPending)
                    return []
                }
                saving += 1
                message = Message(kind: .info, text: UIStrings.saving)
                return [.record([draft(.returned, claim, comment: text)])]
            case .char(let c) where editor.text.isEmpty && c.isASCII && c.isNumber:
                let n = Int(String(c))! - 1
                if reasons.indices.contains(n) { editor = LineEditor(reasons[n], limit: CommentText.limit) }
                overlay = .comment(editor, claimKey)
            case .char where editor.isFull:
                message = Message(kind: .error, text: UIStrings.commentTooLong)
            default:
                editor.handle(key)
                overlay = .comment(editor, claimKey)
            }
        case .search(var editor):
            switch key {
            case .escape:
                overlay = nil
            case .enter:
                overlay = nil
                lastSearch = editor.text.isEmpty ? lastSearch : editor.text
            default:
                editor.handle(key)
                overlay = .search(editor)
                if !editor.text.isEmpty, !jump(to: editor.text, forward: true, skipCurrent: false, ledger) {
                    message = Message(kind: .info, text: UIStrings.noMatch)
                } else {
                    message = nil
                }
            }
        case .picker(var picker):
            switch key {
            case .down, .char("j"): picker.cursor = min(picker.options.count - 1, picker.cursor + 1); overlay = .picker(picker)
            case .up, .char("k"): picker.cursor = max(0, picker.cursor - 1); overlay = .picker(picker)
            case .enter:
                overlay = nil
                choose(picker, ledger)
            default:
                overlay = nil
            }
        }
        return []
    }

    private mutating func openScrolling(_ o: Overlay) {
        overlay = o
        overlayTop = 0
    }

    /// Scrolls the help or detail overlay by a line, a page or to an end, within its lines.
    private mutating func scrollOverlay(_ current: Overlay, _ command: Command, _ ledger: Ledger) {
        let count = Renderer.scrollingLines(current, self, ledger)?.count ?? 0
        let height = max(1, Renderer.overlayArea(self).height)
        let top = Renderer.clampedTop(overlayTop, count: count, height: height)
        let target: Int
        switch command {
        case .down: target = top + 1
        case .up: target = top - 1
        case .pageDown: target = top + max(1, height - 1)
        case .pageUp: target = top - max(1, height - 1)
        case .top: target = 0
        default: target = count
        }
        overlayTop = Renderer.clampedTop(target, count: count, height: height)
    }

    /// The filter picker's entries: all, each status, each city, each school type.
    func filterOptions(_ ledger: Ledger) -> [(label: String, filter: SchoolFilter)] {
        var out: [(String, SchoolFilter)] = [(UIStrings.all, SchoolFilter())]
        for s in SchoolReviewStatus.allCases { out.append(("状态：\(s.label)", SchoolFilter(status: s))) }
        var seen = Set<String>()
        for s in ledger.schools where seen.insert(s.city).inserted { out.append(("地市：\(s.city)", SchoolFilter(city: s.city))) }
        for t in SchoolType.allCases { out.append(("类型：\(t.rawValue)", SchoolFilter(type: t))) }
        return out
    }

    private mutating func choose(_ picker: Picker, _ ledger: Ledger) {
        switch picker.purpose {
        case .filter:
            let options = filterOptions(ledger)
            guard options.indices.contains(picker.cursor) else { return }
            filter = options[picker.cursor].filter
            message = Message(kind: .info, text: "筛选：\(options[picker.cursor].label)")
        case .sort:
            let chosen = SchoolSort.allCases[picker.cursor]
            sortDescending = chosen == sort ? !sortDescending : false
            sort = chosen
            message = Message(kind: .info, text: "排序：\(Layout.sortLabel(chosen))\(sortDescending ? "（倒序）" : "")")
        }
        // A new order or filter starts at its first row: refreshRows keeps the cursor on the school it was
        // on, which is right when the data changes but not here, so reset after it.
        refreshRows(ledger)
        page.cursor = 0
        page.top = 0
    }

    // MARK: search and navigation

    /// Moves the cursor to the next row (from the cursor) whose name or code contains `query`.
    private mutating func jump(to query: String, forward: Bool, skipCurrent: Bool, _ ledger: Ledger) -> Bool {
        let count = PageRows.count(page, self, ledger)
        guard count > 0 else { return false }
        for step in (skipCurrent ? 1 : 0)..<(count + (skipCurrent ? 0 : 0)) {
            let i = ((page.cursor + (forward ? step : -step)) % count + count) % count
            if rowText(i, ledger).contains(query) {
                page.cursor = i
                scrollToCursor()
                return true
            }
        }
        return false
    }

    private func rowText(_ i: Int, _ ledger: Ledger) -> String {
        switch page.kind {
        case .schools:
            let code = schoolRows[i]
            return code + " " + (ledger.school(code)?.name ?? "")
        case .school(let code):
            let claim = PageRows.claims(ofSchool: code, ledger)[i]
            return claim.item + " " + (ledger.catalog.item(claim.item)?.text ?? "")
        case .items:
            let item = ledger.catalog.items[i]
            return item.code + " " + item.text
        case .itemSchools:
            let code = itemSchoolRows[i]
            return code + " " + (ledger.school(code)?.name ?? "")
        case .province:
            return PageRows.provinceRows(self, ledger)[i].label
        }
    }

    /// `]`/`[`: the next school (in list order) that still has pending claims.
    private mutating func nextPendingSchool(forward: Bool, _ ledger: Ledger) {
        let onSchoolPage: Bool
        if case .school = page.kind { onSchoolPage = true } else { onSchoolPage = false }
        guard page.kind == .schools || onSchoolPage else {
            message = Message(kind: .info, text: "在学校列表或学校页面使用 ] 和 [")
            return
        }
        let current = PageRows.schoolCode(page, self) ?? ""
        let rows = schoolRows
        guard !rows.isEmpty else { return }
        let start = rows.firstIndex(of: current) ?? 0
        for step in 1...rows.count {
            let i = ((start + (forward ? step : -step)) % rows.count + rows.count) % rows.count
            if (ledger.totals.bySchool[rows[i]]?.pending ?? 0) > 0, rows[i] != current {
                if onSchoolPage {
                    stack[stack.count - 1] = Page(.school(rows[i]))
                    if stack.count >= 2, stack[stack.count - 2].kind == .schools { stack[stack.count - 2].cursor = i }
                } else {
                    page.cursor = i
                    scrollToCursor()
                }
                return
            }
        }
        message = Message(kind: .info, text: UIStrings.noPendingSchool)
    }
}
