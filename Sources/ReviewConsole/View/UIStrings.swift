/// Every Chinese label the console shows, in one table (no literals scattered through the views).
public enum UIStrings {
    public static let appTitle = "tzpy 提质培优任务审核"
    public static let schoolsTitle = "学校列表"
    public static let schoolTitle = "学校承接任务"
    public static let itemsTitle = "按任务汇总"
    public static let itemSchoolsTitle = "承接学校"
    public static let provinceTitle = "全省汇总"
    public static let helpTitle = "帮助：按键一览"
    public static let helpScroll = "滚动"
    public static let otherKeyCloses = "其他键关闭"
    public static let more = "更多"
    public static let editorHelp = "修改意见编辑：←/→ Home/End Ctrl-A/E 移动，Backspace/Delete 删除，Ctrl-U 清空，数字键选常用意见，Enter 确认，Esc 取消"
    public static let detailKeys = "a 通过 · r 退回修改 · j/k PgUp/PgDn g/G 滚动 · 其他键关闭"
    public static let detailTitle = "承接任务详情"
    public static let intended = "意向承接"
    public static let approved = "已通过"
    public static let tasks = "任务数量"
    public static let total = "汇总"
    public static let manager = "平台管理联系人"
    public static let office = "办公电话"
    public static let mobile = "手机号"
    public static let reviewer = "审核人"
    public static let progress = "进度"
    public static let provinceApproved = "全省已通过"
    public static let wan = "万元"
    public static let saving = "正在保存…"
    public static let exporting = "正在导出…"
    public static let exportFailed = "导出失败"
    public static func exported(path: String, rows: Int) -> String { "已导出 \(rows) 行到 \(path)" }
    public static let returnPrompt = "修改意见（Enter 确认，Esc 取消，数字键选常用意见）："
    public static let searchPrompt = "搜索（名称或代码）："
    public static let emptyComment = "修改意见不能为空"
    public static let quitAsk = "确定退出 tzpy 吗？(y/n)"
    public static let confirmYesNo = "按 y 确认，n 或 Esc 取消"
    public static let noClaim = "此行没有可审核的承接任务"
    public static let notPending = "只能审核待审核的任务"
    public static let nothingToUndo = "没有可撤销的本人决定"
    public static let noPendingSchool = "没有其他有待审核任务的学校"
    public static let noMatch = "没有匹配项"
    public static let tooSmall = "终端太小"
    public static let readOnly = "只读"
    public static let filterTitle = "筛选学校"
    public static let sortTitle = "排序方式"
    public static let all = "全部"
    public static let warningMark = "!"
    public static let tagMark = "*"
    public static let byCity = "按地市"
    public static let byType = "按学校类型"
    public static let history = "审核记录"
    public static let warnings = "提示"
    public static let quantity = "承接数量"
    public static let round = "轮"
    public static let wideOn = "已开启宽符号替换：引号、间隔号、箭头和边框改用不会被画成两格的字符"
    public static let wideOff = "已关闭宽符号替换"

    /// 学校状态 as the list shows it.
    public static func schoolStatus(_ s: SchoolStatus) -> String {
        switch s {
        case .notSubmitted: "未提交"
        case .pending: "待审核"
        case .inReview: "审核中"
        case .done: "已完成"
        case .hasReturns: "有退回"
        }
    }
}

/// Where a school's review stands, from its claim counts.
public enum SchoolStatus: CaseIterable, Sendable {
    case notSubmitted, pending, inReview, done, hasReturns
}
