/// The scroll position of the help or a claim's detail: a box of `height` lines over `lines` lines.
///
/// `lines` and `height` are measured by the view at the current size (the runtime sets them after every
/// action), so the reducer can clamp without knowing how the text wraps.
public struct Scroller: Equatable, Sendable {
    public var top = 0
    public var lines = 0
    public var height = 0

    public init(top: Int = 0) { self.top = top }

    public enum Outcome: Equatable, Sendable {
        case scrolled
        /// A key that does not scroll: the parent decides (a table command, or close).
        case other(Key)
    }

    /// Scrolls on the keymap's scroll keys; anything else goes back to the parent.
    public mutating func handle(_ key: Key) -> Outcome {
        guard let step = Keymap.scroll[key] else { return .other(key) }
        let page = max(1, height - 1)
        let target = switch step {
        case .line(let n): top + n
        case .page(let n): top + n * page
        case .start: 0
        case .end: lines
        }
        top = Geometry.clampedTop(target, count: lines, height: height)
        return .scrolled
    }

    /// New measurements: the top stays where it was unless the box would now end in empty lines.
    public mutating func measure(lines: Int, height: Int) {
        self.lines = lines
        self.height = height
        top = Geometry.clampedTop(top, count: lines, height: height)
    }
}
