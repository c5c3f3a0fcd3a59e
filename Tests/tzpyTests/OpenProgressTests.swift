import Foundation
import Testing
@testable import tzpy
#if canImport(Glibc)
import Glibc
#endif

/// The line the console shows while a large store opens: on a terminal only, after the delay, rewritten in
/// place, and cleared before curses starts.
@Suite struct OpenProgressTests {
    /// Runs `body` with the slave side of a new pseudo-terminal and returns what reached the master side.
    static func throughTerminal(_ body: (FileHandle) -> Void) throws -> String {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw POSIXError(.ENOTTY) }
        defer { close(master) }
        var raw = termios()
        tcgetattr(slave, &raw)
        cfmakeraw(&raw)
        tcsetattr(slave, TCSANOW, &raw)
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        body(handle)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func onATerminalItShowsTheBytesReadAndClearsTheLine() throws {
        let text = try Self.throughTerminal { tty in
            let progress = OpenProgress(output: tty, delay: 0)
            progress.report(done: 12_345_678, total: 61_026_758)
            progress.report(done: 16_500_000, total: 61_026_758)
            progress.finish()
        }
        #expect(text == "\r正在读取审核记录… 12.3 MB / 61.0 MB\u{1B}[K\r正在读取审核记录… 16.5 MB / 61.0 MB\u{1B}[K\r\u{1B}[K")
    }

    @Test func aQuickOpenShowsNothing() throws {
        let text = try Self.throughTerminal { tty in
            let progress = OpenProgress(output: tty, delay: 60)
            progress.report(done: 4_194_304, total: 5_000_000)
            progress.finish()
        }
        #expect(text.isEmpty)
    }

    @Test func notOnATerminalItWritesNothing() throws {
        let pipe = Pipe()
        let progress = OpenProgress(output: pipe.fileHandleForWriting, delay: 0)
        progress.report(done: 1, total: 2)
        progress.finish()
        try pipe.fileHandleForWriting.close()
        #expect(pipe.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
