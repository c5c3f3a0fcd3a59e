/// The full-screen review console: a pure state/reducer core, a pure renderer and a curses driver.
public enum ReviewConsoleInfo {
    public static let title = "职业教育提质培优任务审核"
}
