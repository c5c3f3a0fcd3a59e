import Foundation
import TerminalText

/// The line the console prints on the terminal while a large store opens, so the screen is never blank:
/// `正在读取审核记录… 12.3 MB / 58.1 MB`, rewritten in place, shown only once the open has taken longer
/// than `delay` (a province opens in a few milliseconds and shows nothing), and cleared before curses starts.
final class OpenProgress {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let delay: UInt64
    private let output: FileHandle
    private var shown = false

    /// Reports on `output` (standard error, the terminal) when it is a terminal; after `delay` seconds.
    init(output: FileHandle = .standardError, delay: Double = 0.1) {
        self.output = output
        self.delay = UInt64(delay * 1e9)
    }

    /// The store's progress callback: `done` of `total` journal bytes replayed.
    func report(done: Int, total: Int) {
        guard isatty(output.fileDescriptor) == 1, DispatchTime.now().uptimeNanoseconds - start >= delay else { return }
        shown = true
        let line = Sanitizer.line("正在读取审核记录… \(OpenProgress.megabytes(done)) / \(OpenProgress.megabytes(total))")
        output.write(Data("\r\(line)\u{1B}[K".utf8))
    }

    /// Clears the line, if one was shown.
    func finish() {
        guard shown else { return }
        output.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
}
