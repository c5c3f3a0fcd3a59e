/// A key press as the console understands it, independent of curses key codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case resize
    /// A mouse click (button 1) on a screen cell.
    case click(row: Int, col: Int)
    /// The mouse wheel, up or down.
    case wheelUp, wheelDown

    /// How the help screen names the key.
    public var label: String {
        switch self {
        case .char(" "): "空格"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .resize: "resize"
        case .click: "鼠标点击"
        case .wheelUp: "滚轮上"
        case .wheelDown: "滚轮下"
        }
    }
}

/// What a key means on the table screens. The keymap maps keys to these; the reducer acts on them.
public enum Command: Hashable, Sendable, CaseIterable {
    case down, up, pageDown, pageUp, top, bottom, open, back, nextScreen, previousScreen
    case approve, returnClaim, undo, tag, approveAll, search, nextMatch, previousMatch
    case filter, clearFilter, sort, nextPending, previousPending, redraw, help, detail, quit, toggleAmbiguous, export, exportReturns
}

/// How far a scroll key moves a scrolling box.
public enum ScrollStep: Hashable, Sendable {
    case line(Int)
    case page(Int)
    case start
    case end
}

/// One row of the keymap: the keys, the command, and the help text (the help screen is generated from this).
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let command: Command
    public let help: String
    /// What the key does on a city reviewer's console, where it means something else (nil: the same).
    public let cityHelp: String?

    public init(keys: [Key], command: Command, help: String, cityHelp: String? = nil) {
        self.keys = keys
        self.command = command
        self.help = help
        self.cityHelp = cityHelp
    }
}

/// The console's keymap: vi keys and arrows both. Data, not code: the help screen lists exactly this.
public enum Keymap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("j"), .down], command: .down, help: "下移一行"),
        KeyBinding(keys: [.char("k"), .up], command: .up, help: "上移一行"),
        KeyBinding(keys: [.pageDown, .ctrl("f")], command: .pageDown, help: "下翻一页"),
        KeyBinding(keys: [.pageUp, .ctrl("b")], command: .pageUp, help: "上翻一页"),
        KeyBinding(keys: [.char("g"), .home], command: .top, help: "到第一行"),
        KeyBinding(keys: [.char("G"), .end], command: .bottom, help: "到最后一行"),
        KeyBinding(keys: [.enter, .char("l"), .right], command: .open, help: "进入（学校、任务、详情）"),
        KeyBinding(keys: [.char("q"), .escape, .char("h"), .left], command: .back, help: "返回（在首屏按 q 询问是否退出）"),
        KeyBinding(keys: [.tab], command: .nextScreen, help: "切换到下一个总览：学校列表 → 按任务汇总 → 全省汇总"),
        KeyBinding(keys: [.backTab], command: .previousScreen, help: "切换到上一个总览"),
        KeyBinding(keys: [.char("a")], command: .approve, help: "通过光标所在的承接任务",
                   cityHelp: "市级审核通过光标所在的承接任务（交省厅审核）"),
        KeyBinding(keys: [.char("r")], command: .returnClaim, help: "退回修改（输入修改意见）"),
        KeyBinding(keys: [.char("u")], command: .undo, help: "撤销本人最近一次决定（学校尚未再操作时）",
                   cityHelp: "（市级审核人不能撤销：撤销审核由省厅进行）"),
        KeyBinding(keys: [.char(" ")], command: .tag, help: "标记/取消标记"),
        KeyBinding(keys: [.char("A")], command: .approveAll, help: "批量通过已标记的任务（无标记时为本页全部待审核），先确认",
                   cityHelp: "批量市级审核通过已标记的任务（无标记时为本页全部待市级审核），先确认"),
        KeyBinding(keys: [.char("v")], command: .detail, help: "查看承接任务详情（全文、经费、警告、历次审核）"),
        KeyBinding(keys: [.char("/")], command: .search, help: "按名称或代码搜索"),
        KeyBinding(keys: [.char("n")], command: .nextMatch, help: "下一个匹配"),
        KeyBinding(keys: [.char("N")], command: .previousMatch, help: "上一个匹配"),
        KeyBinding(keys: [.char("f")], command: .filter, help: "筛选（有待审、有重新提交、有提示、有退回、状态、地市、学校类型，可组合）"),
        KeyBinding(keys: [.char("F")], command: .clearFilter, help: "清除全部筛选"),
        KeyBinding(keys: [.char("s")], command: .sort, help: "排序（每个表格；再选同一项为倒序）"),
        KeyBinding(keys: [.char("]")], command: .nextPending, help: "下一所有待审核任务的学校"),
        KeyBinding(keys: [.char("[")], command: .previousPending, help: "上一所有待审核任务的学校"),
        KeyBinding(keys: [.char("E")], command: .export, help: "导出当前页所示内容（含筛选和排序）为 Excel 工作簿（存到 $TZPY_EXPORT_DIR 或启动目录）"),
        KeyBinding(keys: [.char("R")], command: .exportReturns, help: "导出退回修改通知（学校页面为本校，其他页面为全部学校）"),
        KeyBinding(keys: [.char("w")], command: .toggleAmbiguous, help: "切换“”·等符号的宽字符替换（终端把它们画成两格时用）"),
        KeyBinding(keys: [.ctrl("l")], command: .redraw, help: "重绘屏幕"),
        KeyBinding(keys: [.char("?")], command: .help, help: "帮助（本页）"),
        KeyBinding(keys: [.char("Q")], command: .quit, help: "退出 tzpy"),
    ]

    /// How the help and the claim detail scroll: the table's movement keys, except that in the detail `j`/`k`
    /// (and `n`/`p`) step to the next or previous claim (`detailSteps`), so there only the arrows and page keys
    /// scroll.
    public static let scroll: [Key: ScrollStep] = [
        .down: .line(1), .up: .line(-1), .char("j"): .line(1), .char("k"): .line(-1),
        .pageDown: .page(1), .ctrl("f"): .page(1), .char(" "): .page(1), .pageUp: .page(-1), .ctrl("b"): .page(-1),
        .home: .start, .char("g"): .start, .end: .end, .char("G"): .end,
        .wheelDown: .line(3), .wheelUp: .line(-3),
    ]

    /// Keys of the claim detail that step to another claim of the list beneath it, instead of scrolling.
    public static let detailSteps: [Key: Int] = [.char("j"): 1, .char("n"): 1, .char("k"): -1, .char("p"): -1]

    /// Keys that answer yes to a confirmation: `y` only, never Enter.
    public static func confirms(_ key: Key) -> Bool { key == .char("y") || key == .char("Y") }

    /// Keys that close a picker or a prompt without choosing.
    public static func closes(_ key: Key) -> Bool { key == .escape || key == .char("q") || key == .ctrl("c") }

    static let index: [Key: Command] = {
        var map: [Key: Command] = [:]
        for b in bindings { for k in b.keys { map[k] = b.command } }
        return map
    }()

    /// The command a key means on a table screen, if any.
    public static func command(for key: Key) -> Command? { index[key] }
}

/// What a key means on the school screens (school mode). The school keymap maps keys to these.
public enum SchoolCommand: Hashable, Sendable, CaseIterable {
    case down, up, pageDown, pageUp, top, bottom
    case tick, edit, contacts, save, submit, withdraw, showReturns, showPreview, showClaiming, help, back, quit, redraw
}

/// One row of the school keymap: the keys, the command, the screens it works on, and its help text.
public struct SchoolKeyBinding: Sendable {
    public let keys: [Key]
    public let command: SchoolCommand
    /// The screens the command works on (elsewhere the key says where it does).
    public let screens: [SchoolDesk.Screen]
    public let help: String
}

extension Keymap {
    private static let allScreens: [SchoolDesk.Screen] = [.claiming, .preview, .returns]

    /// The school screens' keys: data, from which the school help screen is generated.
    public static let schoolBindings: [SchoolKeyBinding] = [
        SchoolKeyBinding(keys: [.char("j"), .down], command: .down, screens: allScreens, help: "下移一行"),
        SchoolKeyBinding(keys: [.char("k"), .up], command: .up, screens: allScreens, help: "上移一行"),
        SchoolKeyBinding(keys: [.pageDown, .ctrl("f")], command: .pageDown, screens: allScreens, help: "下翻一页"),
        SchoolKeyBinding(keys: [.pageUp, .ctrl("b")], command: .pageUp, screens: allScreens, help: "上翻一页"),
        SchoolKeyBinding(keys: [.char("g"), .home], command: .top, screens: allScreens, help: "到第一行"),
        SchoolKeyBinding(keys: [.char("G"), .end], command: .bottom, screens: allScreens, help: "到最后一行"),
        SchoolKeyBinding(keys: [.char(" ")], command: .tick, screens: [.claiming, .returns],
                         help: "勾选/取消勾选（承接任务：是否承接；需修改的任务：本次提交）"),
        SchoolKeyBinding(keys: [.enter, .char("e")], command: .edit, screens: [.claiming, .returns],
                         help: "填写承接数量和经费（Tab/↓ 下一栏，↑ 上一栏，Enter 确定，Esc 放弃）"),
        SchoolKeyBinding(keys: [.char("c")], command: .contacts, screens: [.claiming],
                         help: "填写平台管理联系人、办公电话、手机号"),
        SchoolKeyBinding(keys: [.char("s")], command: .save, screens: [.claiming, .returns], help: "保存（草稿，可稍后继续填写）"),
        SchoolKeyBinding(keys: [.char("S")], command: .submit, screens: [.claiming, .returns], help: "提交（先确认）"),
        SchoolKeyBinding(keys: [.char("w")], command: .withdraw, screens: [.preview],
                         help: "继续修改：撤回提交（结束日期前、省厅未开始审核时），先确认"),
        SchoolKeyBinding(keys: [.char("m")], command: .showReturns, screens: [.preview, .claiming], help: "需修改的任务"),
        SchoolKeyBinding(keys: [.char("p")], command: .showPreview, screens: [.claiming, .returns], help: "本校任务情况预览"),
        SchoolKeyBinding(keys: [.char("t")], command: .showClaiming, screens: [.preview, .returns], help: "承接任务"),
        SchoolKeyBinding(keys: [.ctrl("l")], command: .redraw, screens: allScreens, help: "重绘屏幕"),
        SchoolKeyBinding(keys: [.char("?")], command: .help, screens: allScreens, help: "帮助（本页）"),
        SchoolKeyBinding(keys: [.char("q"), .escape], command: .back, screens: allScreens, help: "返回上一屏（在首屏询问是否退出）"),
        SchoolKeyBinding(keys: [.char("Q")], command: .quit, screens: allScreens, help: "退出 tzpy"),
    ]

    static let schoolIndex: [Key: SchoolKeyBinding] = {
        var map: [Key: SchoolKeyBinding] = [:]
        for b in schoolBindings { for k in b.keys { map[k] = b } }
        return map
    }()

    /// The school binding of a key, if any.
    public static func schoolBinding(for key: Key) -> SchoolKeyBinding? { schoolIndex[key] }

    /// Keys that move between the inline form's fields.
    public static let formSteps: [Key: Int] = [.tab: 1, .down: 1, .backTab: -1, .up: -1]
}
