import ClaimKit

/// The Chinese text of a message line: the one place messages become prose, from the strings table.
public enum MessageText {
    static func text(_ message: Message, _ state: ConsoleState, _ ledger: Ledger) -> String {
        func school(_ code: String) -> String { ledger.school(code)?.name ?? code }
        func decision(_ e: Claim.LastEvent) -> String { "\(state.shown(e.actor)) 于 \(e.time.beijing) \(e.kind.label)" }
        switch message {
        case .saving: return UIStrings.saving
        case .saved(let events, let done):
            guard let e = events.last else { return UIStrings.savedPrefix }
            let what = events.count > 1 ? "\(e.kind.label) \(events.count) 条" : "\(e.kind.label) \(school(e.school)) 的任务 \(e.item)"
            return "\(UIStrings.savedPrefix)：\(what)" + (done ? "。\(UIStrings.schoolDone)" : "")
        case .refused(let error):
            return "\(error.isConflict ? UIStrings.conflict : UIStrings.notSaved)：\(error.description)"
        case .readOnly(let why): return "\(UIStrings.readOnlyRefusal)" + (why.map { "：\($0)" } ?? "")
        case .othersActed(let e, let more):
            let rest = more > 0 ? "（\(UIStrings.others) \(more) 条）" : ""
            return "\(state.shown(e.actor)) \(e.kind.label)了 \(school(e.school)) 的任务 \(e.item)\(rest)"
        case .followFailed(let why): return "\(UIStrings.followFailed)：\(why)"
        case .exporting: return UIStrings.exporting
        case .exported(let path, let rows): return UIStrings.exported(path: path, rows: rows)
        case .exportFailed(let why): return "\(UIStrings.exportFailed)：\(why)"
        case .unknownKey(let key): return "\(UIStrings.unknownKey) \(key.label)；\(UIStrings.helpHint)"
        case .notHere(let command): return UIStrings.commandPlaces[command] ?? UIStrings.helpHint
        case .noClaim: return UIStrings.noClaim
        case .notPending(let s, let last):
            let rule = state.isCityReviewer ? UIStrings.notCityPending : UIStrings.notPending
            return "\(rule)：当前为「\(s.label)」" + (last.map { "（\(decision($0))）" } ?? "")
        case .nothingToUndo: return UIStrings.nothingToUndo
        case .nothingToApprove: return UIStrings.nothingToApprove
        case .bulkCancelled: return UIStrings.bulkCancelled
        case .returnCancelled: return UIStrings.returnCancelled
        case .emptyComment: return UIStrings.emptyComment
        case .commentTooLong: return UIStrings.commentTooLong
        case .commentInvalid(let why): return why
        case .noPendingSchool: return UIStrings.noPendingSchool
        case .searchFirst: return UIStrings.searchFirst
        case .noMatch: return UIStrings.noMatch
        case .filtered(let f): return "\(UIStrings.filterPrefix)：\(filterText(f) ?? UIStrings.all)"
        case .sorted(let s, let descending):
            return "\(UIStrings.sortPrefix)：\(Layout.sortLabel(s))\(descending ? UIStrings.descending : "")"
        case .ordered(let order, let descending):
            return "\(UIStrings.sortPrefix)：\(UIStrings.orders[order]!)\(descending ? "↓" : "↑")"
        case .wideSymbols(let on): return on ? UIStrings.wideOn : UIStrings.wideOff
        case .draftSaved(let items, let contacts):
            return "\(UIStrings.savedPrefix)：" + [items > 0 ? "草稿 \(items) 项任务" : nil, contacts ? "联系人" : nil].compactMap { $0 }.joined(separator: "、")
                + "（\(UIStrings.draftNote)）"
        case .nothingToSave: return UIStrings.nothingToSave
        case .submitted(let n): return UIStrings.submitted(n)
        case .withdrawn(let n): return UIStrings.withdrawn(n)
        case .submitRefused(let n): return UIStrings.submitRefused(n)
        case .withdrawRefused(let started, let end, let byCity):
            let contacts = ledger.campaign.contacts.map { "\($0.name) \($0.phone)" }.joined(separator: "，")
            return UIStrings.withdrawRefused(started: started, end: "\(end)", byCity: byCity) + (contacts.isEmpty ? "" : "：\(contacts)")
        case .fieldInvalid(let e): return e.description
        case .notOnScreen(let command):
            let screens = Keymap.schoolBindings.first { $0.command == command }?.screens ?? []
            return UIStrings.onlyOn(screens.map(UIStrings.screenTitle))
        case .cancelled: return UIStrings.cancelled
        case .itemLocked(let s): return UIStrings.itemLocked(s.label)
        }
    }

    /// `状态=待审核 地市=济南市`: the filter as the header line and the messages show it; nil when empty.
    static func filterText(_ f: SchoolFilter) -> String? {
        var parts: [String] = []
        if let s = f.status { parts.append("状态=\(s.label)") }
        if let c = f.city { parts.append("地市=\(c)") }
        if let t = f.type { parts.append("类型=\(t.rawValue)") }
        for flag in SchoolFlag.allCases where f.flags.contains(flag) { parts.append(UIStrings.flags[flag]!) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// `筛选：地市=济南市；排序：待审↓`: how an exported list says which rows it holds and in what order.
    public static func listLabel(_ list: SchoolListExport) -> String {
        let order = "\(UIStrings.sortPrefix)：\(Layout.sortLabel(list.sort))\(list.sort.isDescending(reversed: list.descending) ? "↓" : "↑")"
        guard let f = filterText(list.filter) else { return order }
        return "\(UIStrings.filterPrefix)：\(f)；\(order)"
    }
}
