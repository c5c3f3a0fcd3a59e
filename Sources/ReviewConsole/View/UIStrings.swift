import ClaimKit

/// Every Chinese label the console shows, in one table (no literals scattered through the views).
public enum UIStrings {
    // MARK: school mode (the platform's 院校填报 screens, docs/keys.md)
    public static let schoolAppTitle = "tzpy 提质培优任务填报"
    public static func screenTitle(_ screen: SchoolDesk.Screen) -> String {
        switch screen {
        case .claiming: "承接任务"
        case .preview: "本校任务情况预览"
        case .returns: "需修改的任务"
        }
    }
    public static let requirements = "本省申报要求"
    public static let startDate = "开始日期"
    public static let endDate = "结束日期"
    public static let instructions = "说明"
    public static let provinceContact = "省厅联系人"
    public static let provincePhone = "联系电话"
    public static let statusSubmitted = "状态：已提交"
    public static let statusNotSubmitted = "状态：未提交"
    public static let reviewColumn = "省厅审核情况"
    public static let yes = "是"
    public static let tickedMark = "[x]"
    public static let untickedMark = "[ ]"
    public static let notCounted = "-"
    public static let noFunding = "如果无投入，请填写0"
    public static let fundsUnit = "预计投入经费（单位：万元）"
    public static let draftNote = "草稿，省厅看不到，提交后才送审"
    public static let cannotSubmit = "不能提交"
    public static let nothingToSave = "没有需要保存的修改"
    public static let cancelled = "已取消"
    public static let contactsRequired = "平台管理联系人、办公电话、手机号必须填写（c 填写）"
    public static let nothingTicked = "没有勾选要提交的任务"
    public static let noReturns = "没有需修改的任务"
    public static let schoolFormHelp = "填写栏：←/→ Home/End 移动，Backspace/Delete 删除，Ctrl-U 清空，Tab/↓ 下一栏，↑ 上一栏，Enter 确定，Esc 放弃；空栏为未填写，无投入请填 0"
    public static let claimingKeys = "空格 勾选 · Enter 填写 · c 联系人 · s 保存 · S 提交 · p 预览 · ? 帮助"
    public static let previewKeys = "w 继续修改 · m 需修改的任务 · t 承接任务 · ? 帮助 · q 退出"
    public static let returnsKeys = "Enter 修改 · 空格 勾选提交 · s 保存 · S 提交 · q 返回 · ? 帮助"
    public static let formKeys = "Tab/↑/↓ 换栏 · Enter 确定 · Esc 放弃"
    public static func submitAsk(_ n: Int, resubmit: Bool) -> String {
        "\(resubmit ? "重新提交" : "提交") \(n) 项任务到省厅吗？按 y 提交，其他键取消"
    }
    public static func withdrawAsk(_ n: Int) -> String { "继续修改：撤回已提交的 \(n) 项任务以便修改吗？按 y 撤回，其他键取消" }
    public static func submitted(_ n: Int) -> String { "已提交：\(n) 项任务已送省厅审核" }
    public static func withdrawn(_ n: Int) -> String { "已撤回 \(n) 项任务（继续修改），修改后请重新提交" }
    public static func submitRefused(_ n: Int) -> String { "不能提交：有 \(n) 个问题（见上），改正后再按 S" }
    public static func withdrawRefused(started: Bool, end: String, byCity: Bool) -> String {
        (started ? (byCity ? "市级已开始审核，不能继续修改" : "省厅已开始审核，不能继续修改") : "已过结束日期 \(end)，不能继续修改") + "；请联系省厅管理员处理"
    }
    public static func onlyOn(_ screens: [String]) -> String { "此键只在「\(screens.joined(separator: "」「"))」页面使用" }
    public static func itemLocked(_ state: String) -> String { "此任务已提交（\(state)），不能在此修改；需修改请按 w 继续修改或等待省厅审核" }
    public static func problem(_ p: SubmitProblem) -> String {
        switch p {
        case .contactsMissing: contactsRequired
        case .incomplete(let item, let fields): "任务 \(item) 未填写完整：\(fields.joined(separator: "、"))（\(noFunding)）"
        case .nothingTicked: nothingTicked
        case .outsideDates(let start, let end, let today): "不在申报时间内：开始日期 \(start)，结束日期 \(end)（今天 \(today)，北京时间）"
        }
    }

    public static let appTitle = "tzpy 提质培优任务审核"
    public static let schoolsTitle = "学校列表"
    public static let itemsTitle = "按任务汇总"
    public static let itemSchoolsTitle = "承接学校"
    public static let provinceTitle = "全省汇总"
    public static let helpTitle = "帮助：按键一览"
    public static let helpScroll = "滚动"
    public static let helpScrollKeys = "j/k ↑/↓ 一行 · PgDn/PgUp Ctrl-F/B 空格 一页 · g/G Home/End 首尾"
    public static let otherKeyCloses = "其他键关闭"
    public static let more = "更多"
    public static let editorHelp = "修改意见编辑：←/→ Home/End Ctrl-A/E 移动，Backspace/Delete 删除，Ctrl-U 清空，数字键选常用意见，Enter 确认，Esc 取消"
    public static let detailKeys = "a 通过 · r 退回 · j/k 下一条/上一条 · ↑↓ PgUp/PgDn 滚动 · 其他键关闭"
    /// A city reviewer's detail keys: the same `a`, which passes the claim on to the province.
    public static let cityDetailKeys = "a 市级审核通过 · r 退回 · j/k 下一条/上一条 · ↑↓ PgUp/PgDn 滚动 · 其他键关闭"
    public static let detailTitle = "承接任务详情"
    public static let intended = "意向承接"
    /// The items page's 承接数量 column (active claims' sum / the plan's target).
    public static let quantityTarget = "承接数量"
    /// The province page's column: the sum over schools of each school's 任务数量.
    public static let schoolTasks = "学校任务数"
    public static let approved = "已通过"
    /// The status line's short forms, so that 全省已通过 stays at 80 columns.
    public static let intendedShort = "意向"
    public static let approvedShort = "通过"
    public static let tasks = "任务数量"
    public static let total = "汇总"
    public static let manager = "平台管理联系人"
    public static let office = "办公电话"
    public static let mobile = "手机号"
    public static let reviewer = "审核人"
    public static let progress = "进度"
    public static let provinceApproved = "全省已通过"
    public static let wan = "万元"
    public static let tagged = "已标记"
    public static let alsoHere = "同时在审"
    public static let bulkTitle = "确认批量通过"
    public static let discardComment = "放弃已输入的修改意见吗？按 y 放弃，其他键继续编辑"
    public static let returnTitle = "退回修改"
    public static let previewTitle = "预览"
    public static let stateLabel = "状态"
    public static let commentLabel = "修改意见"
    public static let previousComment = "上轮修改意见"
    public static let againstPrevious = "与上一轮相比"
    public static let nothingChanged = "各项数值均未修改"
    public static let unchanged = "未修改"
    public static let missingItem = "目录中没有此任务（任务序号不在当前任务目录中）"
    public static let saving = "正在保存…"
    public static let exporting = "正在导出…"
    public static let exportFailed = "导出失败"
    public static func exported(path: String, rows: Int) -> String { "已导出 \(rows) 行到 \(path)" }
    public static let returnPrompt = "修改意见（Enter 确认，Esc 取消，数字键选常用意见）："
    public static let searchPrompt = "搜索（名称或代码）："
    public static let emptyComment = "修改意见不能为空"
    public static let commentTooLong = "修改意见最多 \(CommentText.limit) 个字"
    public static let quitAsk = "确定退出 tzpy 吗？按 y 退出，其他键取消"
    public static let confirmYesNo = "按 y 确认，其他键取消"
    public static let noClaim = "此行没有可审核的承接任务"
    public static let notPending = "只能审核待审核的任务"
    /// A school's status in the school list's 状态 column (6 columns wide): the label, or its short form.
    public static func statusCell(_ status: SchoolReviewStatus) -> String {
        status == .cityPending ? "待市审" : status.label
    }
    /// A city reviewer's form of `notPending`: its queue is the claims waiting for the city.
    public static let notCityPending = "只能审核待市级审核的任务"
    public static let nothingToUndo = "没有可撤销的本人决定"
    public static let noPendingSchool = "没有其他有待审核任务的学校"
    public static let noMatch = "没有匹配项"
    public static let tooSmall = "终端太小"
    public static let readOnly = "只读"
    public static let readOnlyRefusal = "数据目录为只读，不能审核"
    public static let demoData = "演示数据"
    public static let followFailed = "无法读取他人的新决定，画面可能不是最新"
    public static let exportOverGate = "通过 SSH 网关时不能在服务器上保存文件；请在本机运行 ssh … export --report … --out - > 文件.xlsx"
    public static let filterTitle = "筛选学校"
    public static let sortTitle = "排序方式"
    public static let all = "全部"
    public static let warningMark = "!"
    public static let tagMark = "*"
    /// Marks the picker entries in force.
    public static let activeMark = "✓ "
    public static let history = "审核记录"
    public static let warnings = "提示"
    public static let quantity = "承接数量"
    public static let quantityShort = "数量"
    public static let round = "轮"

    public static let wideOn = "已开启宽符号替换：引号、间隔号、箭头和边框改用不会被画成两格的字符"
    public static let wideOff = "已关闭宽符号替换"
    public static let unknownKey = "未定义的按键"
    public static let helpHint = "按 ? 查看帮助"
    public static let searchFirst = "先按 / 输入搜索内容"
    public static let nothingToApprove = "没有待审核的任务可批量通过"
    public static let bulkCancelled = "已取消批量通过"
    public static let returnCancelled = "已取消退回"
    public static let savedPrefix = "已保存"
    public static let schoolDone = "本校待审核任务已全部审完，按 ] 转到下一所有待审任务的学校"
    public static let filterPrefix = "筛选"
    public static let sortPrefix = "排序"
    public static let descending = "（倒序）"
    public static let conflict = "未保存，他人已先操作"
    public static let notSaved = "未保存"
    public static let others = "另有"

    /// The tables' orders as the sort picker names them.
    static let orders: [TableSort: String] = [
        .natural: "默认顺序", .total: "汇总", .quantity: "承接数量", .state: "省厅审核情况", .schools: "承接学校/条目",
        .pending: "待审", .intended: "意向汇总", .approvedMoney: "已通过汇总", .progress: "进度",
    ]

    /// The school-list flags as the filter names them.
    static let flags: [SchoolFlag: String] = [
        .hasPending: "有待审核", .hasResubmitted: "有重新提交", .hasWarnings: "有提示", .hasReturns: "有退回",
    ]

    /// Where a command works, for the message when it is pressed elsewhere.
    static let commandPlaces: [Command: String] = [
        .filter: "筛选只用于学校列表",
        .approveAll: "批量通过用于学校承接任务页面（或先用空格标记任务）",
        .nextPending: "在学校列表或学校页面使用 ] 和 [",
        .previousPending: "在学校列表或学校页面使用 ] 和 [",
    ]

    /// The school statuses, sort columns, cities and types as the pickers list them.
    static func choice(_ c: PickerChoice) -> String {
        switch c {
        case .allSchools: all
        case .status(let s): "状态：\(s.label)"
        case .city(let city): "地市：\(city)"
        case .type(let t): "类型：\(t.rawValue)"
        case .flag(let f): "条件：\(flags[f]!)"
        case .sort(let s): Layout.sortLabel(s)
        case .order(let o): orders[o]!
        }
    }
}
