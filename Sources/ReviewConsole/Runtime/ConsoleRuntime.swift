import ClaimKit

/// The effect loop: feeds an action to the reducer, performs the effects it returns against the
/// environment, and feeds each outcome back until none is left. The curses driver and the tests both run
/// the console through this one loop.
public struct ConsoleRuntime {
    public private(set) var state: ConsoleState
    public let environment: any ConsoleEnvironment

    /// A runtime over `environment`; the driver's first action is a `.resize` to the terminal's size, which
    /// also places the cursor.
    public init(state: ConsoleState, environment: any ConsoleEnvironment) {
        self.state = state
        self.environment = environment
    }

    public var ledger: Ledger { environment.ledger }

    /// What the driver itself must do after an action.
    public enum Outcome: Equatable, Sendable {
        /// Repaint every cell.
        case redraw
        case quit
    }

    /// Runs `action` and everything it leads to; returns what only the driver can do.
    @discardableResult
    public mutating func send(_ action: Action) -> [Outcome] {
        var outcomes: [Outcome] = []
        var queue = state.reduce(action, ledger: ledger)
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .record(let decisions):
                do {
                    let written = try environment.record(decisions)
                    queue += state.reduce(.recorded(written), ledger: ledger)
                } catch {
                    // Others' events the store read while trying are shown first; the refusal stays on screen.
                    queue += following()
                    queue += state.reduce(.refused(error), ledger: ledger)
                }
            case .save(let write), .submit(let write):
                do {
                    let written = try environment.write(write)
                    queue += state.reduce(.recorded(written), ledger: ledger)
                } catch {
                    queue += following()
                    queue += state.reduce(.refused(error), ledger: ledger)
                }
            case .follow:
                queue += following()
                let present = environment.presence()
                if present != state.present { queue += state.reduce(.presence(present), ledger: ledger) }
            case .export(let request):
                switch environment.export(request) {
                case .success(let done): queue += state.reduce(.exported(path: done.path, rows: done.rows), ledger: ledger)
                case .failure(let failure): queue += state.reduce(.exportFailed(failure.message), ledger: ledger)
                }
            case .redraw: outcomes.append(.redraw)
            case .quit: outcomes.append(.quit)
            }
        }
        if let lines = Renderer.scrollingLineCount(state, ledger) { state.measureOverlay(lines: lines) }
        if state.quitting {
            environment.leave()
        } else if !state.readOnly {
            environment.announce(school: state.schoolShown)
        }
        return outcomes
    }

    /// The frame for the state as it is now.
    public var frame: Frame { Renderer.render(state, ledger) }

    /// Follows the journal: others' new events, or why following failed — never silently.
    private mutating func following() -> [Effect] {
        do {
            let events = try environment.follow()
            return events.isEmpty ? [] : state.reduce(.followed(events), ledger: ledger)
        } catch {
            return state.reduce(.followFailed(error.description), ledger: ledger)
        }
    }
}
