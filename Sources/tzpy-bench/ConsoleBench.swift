// tzpy-bench console: the ReviewConsole figures (docs/performance.md, "ReviewConsole").
//
//   tzpy-bench console [--schools 600,10000] [--dir /tmp/tzpy-bench] [--repeat 5] [--keys 1000] [--moves 10]
//                      [--tzpy PATH]
//
// For each size, on the same demo store as the ClaimStore benchmark (DIR/s<N>, generated when missing):
//   first frame  open the store, build the console state (school list rows), render the first frame into a
//                Grid, in this process; against reading the store's files with read(2) (median of --repeat)
//   one key      reduce + render of j/k (moving the cursor) on each overview and drill-down, --keys presses,
//                median and p95; against a reference loop that writes a full 80×24 screen of CJK text into
//                a fresh Grid (what a render costs at the least)
//   bytes/move   the real tzpy binary (beside this one, or --tzpy) in a pseudo-terminal at 80×24 with
//                TERM=xterm-256color: wait until the first frame settles, send j, count the bytes it writes
//                until it is quiet; --moves times. The first frame's bytes and wall time are printed too.

import ClaimKit
import ClaimStore
import Foundation
import ReviewConsole
#if canImport(Glibc)
import Glibc
#endif

struct ConsoleOptions {
    var keys = 1000
    var moves = 10
    var tzpy: String?
}

/// The ReviewConsole figures for one store size.
struct ConsoleResult {
    var schools = 0
    var readNs = 0.0
    var firstFrameNs = 0.0
    var openNs = 0.0
    var stateNs = 0.0
    var renderNs = 0.0
    /// Per screen: median and p95 of reduce + render, in ns.
    var keys: [(screen: String, median: Double, p95: Double)] = []
    /// The keys that do more than move.
    var actions: [(name: String, median: Double, p95: Double)] = []
    var referenceNs = 0.0
    var moveBytes: [Int] = []
    /// A scripted review: keys pressed and claims decided.
    var review: (keys: Int, claims: Int) = (0, 0)
    /// The same on a school page (Enter on the school list, then j).
    var schoolMoveBytes: [Int] = []
    var firstFrameBytes = 0
    var processFirstFrameMs = 0.0
    /// Medians of fresh consoles' first frames through the pty, alternating with mawk over the claims CSV.
    var ptyFirstFrameMs = 0.0
    var mawkCSVMs = 0.0

    var national: Bool { schools >= 5000 }
}

func percentile(_ xs: [UInt64], _ p: Double) -> Double {
    let s = xs.sorted()
    return Double(s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)])
}

// MARK: first frame and keys, in process

/// Opens the store and builds the state the driver starts with, then renders the first frame; returns the
/// three durations and the store.
func consoleFirstFrame(_ dir: URL) -> (open: UInt64, state: UInt64, render: UInt64, store: Store) {
    let t0 = nowNs()
    let store = openStore(dir)
    let t1 = nowNs()
    var state = ConsoleState(rows: 24, cols: 80, reviewer: store.actor, reasons: ReturnReasons.load(store.folder))
    state.readOnly = store.readOnlyReason != nil
    _ = state.reduce(.resize(rows: 24, cols: 80), ledger: store.ledger)
    let t2 = nowNs()
    let frame = Renderer.render(state, store.ledger)
    let t3 = nowNs()
    precondition(frame.grid.text.contains("学校列表"), "the first frame is not the school list")
    return (t1 - t0, t2 - t1, t3 - t2, store)
}

/// A screen to time keys on: its name and the keys that reach it from the school list.
let consoleScreens: [(name: String, setup: @Sendable (inout ConsoleState, Ledger) -> Void)] = [
    ("school list", { _, _ in }),
    ("items summary", { s, l in _ = s.reduce(.key(.tab), ledger: l) }),
    ("province summary", { s, l in _ = s.reduce(.key(.tab), ledger: l); _ = s.reduce(.key(.tab), ledger: l) }),
    ("item's schools (largest item)", { s, l in
        _ = s.reduce(.key(.tab), ledger: l)
        let items = l.catalog.items
        let largest = items.indices.max { (l.totals.byItem[items[$0].code]?.intended.claims ?? 0) < (l.totals.byItem[items[$1].code]?.intended.claims ?? 0) } ?? 0
        for _ in 0..<largest { _ = s.reduce(.key(.char("j")), ledger: l) }
        _ = s.reduce(.key(.enter), ledger: l)
    }),
    ("school page", { s, l in _ = s.reduce(.key(.enter), ledger: l) }),
]

/// Times `count` cursor moves (j down to the last row, then k back up) of reduce + render on a screen.
func timeKeys(_ store: Store, _ setup: (inout ConsoleState, Ledger) -> Void, count: Int) -> [UInt64] {
    let ledger = store.ledger
    var state = ConsoleState(rows: 24, cols: 80, reviewer: store.actor)
    _ = state.reduce(.resize(rows: 24, cols: 80), ledger: ledger)
    setup(&state, ledger)
    var down = true
    var times: [UInt64] = []
    times.reserveCapacity(count)
    for i in 0..<(count + 20) {
        let rows = PageRows.count(state.page, state, ledger)
        if down, state.page.cursor >= rows - 1 { down = false } else if !down, state.page.cursor == 0 { down = true }
        let key = Key.char(down ? "j" : "k")
        var frame: Frame?
        let t = timed {
            _ = state.reduce(.key(key), ledger: ledger)
            frame = Renderer.render(state, ledger)
        }
        withExtendedLifetime(frame) {}
        if i >= 20 { times.append(t) }  // the first 20 warm caches up
    }
    return times
}

/// Times the keys that do more than move, `count` times each (reduce + render): entering a school from the
/// list, a new sort order, a filter, and one character typed into the search. Each run asks for something
/// not asked just before, so no memo answers it.
func timeActions(_ store: Store, count: Int) -> [(name: String, times: [UInt64])] {
    let ledger = store.ledger
    func fresh() -> ConsoleState {
        var state = ConsoleState(rows: 24, cols: 80, reviewer: store.actor)
        _ = state.reduce(.resize(rows: 24, cols: 80), ledger: ledger)
        return state
    }
    func press(_ state: inout ConsoleState, _ key: Key) -> UInt64 {
        var frame: Frame?
        let t = timed {
            _ = state.reduce(.key(key), ledger: ledger)
            frame = Renderer.render(state, ledger)
        }
        withExtendedLifetime(frame) {}
        return t
    }
    var enter: [UInt64] = [], sort: [UInt64] = [], filter: [UInt64] = [], search: [UInt64] = []
    var state = fresh()
    let rows = PageRows.count(state.page, state, ledger)
    for i in 0..<count {
        _ = state.reduce(.key(.char("g")), ledger: ledger)
        for _ in 0..<(i * 7 % max(1, min(rows, 200))) { _ = state.reduce(.key(.char("j")), ledger: ledger) }
        enter.append(press(&state, .enter))
        _ = state.reduce(.key(.char("q")), ledger: ledger)
        // Sort: alternate between 待审 (by tally) and 学校名称 (by text), so each Enter sorts anew.
        _ = state.reduce(.key(.char("s")), ledger: ledger)
        let target = i % 2 == 0 ? SchoolSort.pending : .name
        while case .picker(let p)? = state.overlay, p.cursor < target.rawValue { _ = state.reduce(.key(.char("j")), ledger: ledger) }
        while case .picker(let p)? = state.overlay, p.cursor > target.rawValue { _ = state.reduce(.key(.char("k")), ledger: ledger) }
        sort.append(press(&state, .enter))
        // Filter: the flag 有待审核 on and off.
        _ = state.reduce(.key(.char("f")), ledger: ledger)
        _ = state.reduce(.key(.char("j")), ledger: ledger)
        filter.append(press(&state, .enter))
        // Search: one more character each time, then the prompt closed.
        _ = state.reduce(.key(.char("/")), ledger: ledger)
        for c in "职业" { search.append(press(&state, .char(c))) }
        _ = state.reduce(.key(.escape), ledger: ledger)
    }
    return [("enter a school", enter), ("sort the school list", sort), ("filter the school list", filter),
            ("search, one character", search)]
}

/// The reference loop for one key: a full 80×24 screen of CJK text written into a fresh Grid.
func timeReference(count: Int) -> [UInt64] {
    let line = String(repeating: "审核", count: 20)
    var times: [UInt64] = []
    for _ in 0..<count {
        var grid: Grid?
        times.append(timed {
            var g = Grid(rows: 24, cols: 80)
            for r in 0..<24 { g.put(line, row: r, col: 0) }
            grid = g
        })
        withExtendedLifetime(grid) {}
    }
    return times
}

// MARK: bytes through a pseudo-terminal

/// The real tzpy in a pseudo-terminal: spawned with its stdin, stdout and stderr on the terminal's slave.
final class PtyConsole {
    let master: Int32
    let pid: pid_t

    init(tzpy: String, arguments: [String], rows: UInt16, cols: UInt16) {
        // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module (they need _XOPEN_SOURCE), so do
        // what glibc does on Linux: open /dev/ptmx, unlock the slave (TIOCSPTLCK) and ask its number (TIOCGPTN).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        let tiocsptlck: UInt = 0x4004_5431, tiocgptn: UInt = 0x8004_5430  // _IOW('T', 0x31, int), _IOR('T', 0x30, unsigned)
        guard master >= 0, ioctl(master, tiocsptlck, &unlock) == 0, ioctl(master, tiocgptn, &number) == 0 else {
            fail("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slave = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else { fail("TIOCSWINSZ failed") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, without O_NOCTTY: the slave becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        let setsid: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26), a macro Swift does not import
        posix_spawnattr_setflags(&attr, setsid)

        let env = ProcessInfo.processInfo.environment
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "PATH=\(env["PATH"] ?? "/usr/bin:/bin")",
                           "HOME=\(env["HOME"] ?? "/")"]
        let argv = ([tzpy] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, tzpy, &actions, &attr, argv, envp)
        guard rc == 0 else { fail("cannot start \(tzpy): \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// Reads what the console writes until it has been quiet for `quiet` ms (after at least one byte when
    /// `waitForOutput`), or `limit` ms passed. Returns the bytes and the ms from the call to the last byte.
    func drain(quiet: Int32, limit: Double, waitForOutput: Bool = false) -> (bytes: [UInt8], lastMs: Double) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let start = nowNs()
        var last = start
        while ms(Double(nowNs() - start)) < limit {
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, waitForOutput && out.isEmpty ? 100 : quiet)
            if ready < 0 { if errno == EINTR { continue }; break }
            if ready == 0 {
                if waitForOutput && out.isEmpty { continue }
                break
            }
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
            if n <= 0 { break }  // EIO once the child has gone
            out += buffer[0..<n]
            last = nowNs()
        }
        return (out, ms(Double(last - start)))
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
    }

    /// Quits the console (Q, then y) and reaps it; a console that does not quit within 5 s is terminated.
    func quit() {
        send("Q")
        _ = drain(quiet: 200, limit: 2000)
        send("y")
        var status: Int32 = 0
        for _ in 0..<50 {
            _ = drain(quiet: 100, limit: 100)
            if waitpid(pid, &status, WNOHANG) == pid { close(master); return }
        }
        kill(pid, SIGTERM)
        waitpid(pid, &status, 0)
        close(master)
    }
}

/// Control sequences as readable text (ESC as \e), for looking at what a move writes.
func escaped(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).unicodeScalars.map { s -> String in
        switch s.value {
        case 0x1B: "\\e"
        case 0x0D: "\\r"
        case 0x0A: "\\n"
        case 0..<0x20: "^" + String(UnicodeScalar(UInt8(s.value) + 64))
        default: String(s)
        }
    }.joined()
}

// MARK: the run

func runConsole(_ schools: Int, _ options: ConsoleOptions, _ s: BenchSettings) -> ConsoleResult {
    let repeats = s.repeats
    var r = ConsoleResult()
    r.schools = schools
    print("== \(schools) schools (console)")
    let (dir, generated) = prepare(schools, s)
    if let generated { print("  generated in \(fmt(generated, 0)) ms (not a target)") } else { print("  reusing \(dir.path)") }

    // First frame, interleaved with the read(2) baseline; one warm-up of each.
    _ = readAllBytes(dir)
    var store = consoleFirstFrame(dir).store
    var reads: [UInt64] = [], frames: [UInt64] = [], opens: [UInt64] = [], states: [UInt64] = [], renders: [UInt64] = []
    for _ in 0..<repeats {
        reads.append(timed { _ = readAllBytes(dir) })
        let f = consoleFirstFrame(dir)
        store = f.store
        opens.append(f.open)
        states.append(f.state)
        renders.append(f.render)
        frames.append(f.open + f.state + f.render)
    }
    r.readNs = median(reads)
    r.firstFrameNs = median(frames)
    r.openNs = median(opens)
    r.stateNs = median(states)
    r.renderNs = median(renders)
    print("  first frame: \(fmt(ms(r.firstFrameNs), 1)) ms = open \(fmt(ms(r.openNs), 1)) + state \(fmt(ms(r.stateNs), 2)) + render \(fmt(ms(r.renderNs), 2)); read(2) of the store \(fmt(ms(r.readNs), 2)) ms; ratio \(fmt(r.firstFrameNs / r.readNs, 1))  [medians of \(repeats)]")

    // One key on each screen, against the reference loop (run before and after, so both see the same machine).
    var reference = timeReference(count: options.keys / 2)
    for screen in consoleScreens {
        let times = timeKeys(store, screen.setup, count: options.keys)
        r.keys.append((screen.name, median(times), percentile(times, 0.95)))
    }
    reference += timeReference(count: options.keys / 2)
    r.referenceNs = median(reference)
    print("  reference (a full 80×24 screen of CJK into a fresh Grid): \(fmt(us(r.referenceNs), 1)) µs  [median of \(reference.count)]")
    for k in r.keys {
        print("  key (reduce + render) on \(pad(k.screen, 30, left: true)) median \(pad(fmt(us(k.median), 1), 7)) µs  p95 \(pad(fmt(us(k.p95), 1), 7)) µs  ×reference \(fmt(k.median / r.referenceNs, 1))  [\(options.keys) keys]")
    }
    for (name, times) in timeActions(store, count: max(4, options.keys / 10)) {
        r.actions.append((name, median(times), percentile(times, 95)))
        print("  key (reduce + render) \(pad(name, 30, left: true)) median \(pad(fmt(ms(median(times)), 2), 7)) ms  p95 \(pad(fmt(ms(percentile(times, 95)), 2), 7)) ms  [\(times.count)]")
    }
    r.review = scriptedReview(store, limit: 2000)
    print("  scripted review at 80×24 (] and Enter, then ] per school and a per claim; every tenth r 1 Enter): \(r.review.keys) keys for \(r.review.claims) claims = \(fmt(Double(r.review.keys) / Double(max(1, r.review.claims)), 2)) keys per claim")
    withExtendedLifetime(store) {}

    // Bytes for one move, from the real binary in a pseudo-terminal.
    let tzpy = options.tzpy ?? (URL(fileURLWithPath: executablePath()).deletingLastPathComponent().appendingPathComponent("tzpy").path)
    guard access(tzpy, X_OK) == 0 else { fail("no tzpy binary at \(tzpy) (build it: swift build -c release --product tzpy, or pass --tzpy)") }
    let console = PtyConsole(tzpy: tzpy, arguments: ["review", "--data", dir.path], rows: 24, cols: 80)
    let first = console.drain(quiet: 1000, limit: 120_000, waitForOutput: true)
    r.firstFrameBytes = first.bytes.count
    r.processFirstFrameMs = first.lastMs
    guard String(decoding: first.bytes, as: UTF8.self).contains("学校列表") else {
        console.quit()
        fail("the console's first frame did not show the school list: \(escaped(Array(first.bytes.prefix(400))))")
    }
    for i in 0..<options.moves {
        console.send("j")
        let move = console.drain(quiet: 300, limit: 5000)
        r.moveBytes.append(move.bytes.count)
        if i == 0 { print("  bytes of the first move: \(escaped(move.bytes))") }
    }
    console.send("\r")
    _ = console.drain(quiet: 500, limit: 10_000)
    for i in 0..<options.moves {
        console.send("j")
        let move = console.drain(quiet: 300, limit: 5000)
        r.schoolMoveBytes.append(move.bytes.count)
        if i == 0 { print("  bytes of the first move on a school page: \(escaped(move.bytes))") }
    }
    console.quit()

    // Fresh consoles' first frames against mawk summing the same claims (the claims CSV of `tzpy-bench store`),
    // alternating: the first frame is to come within the time mawk takes to merely sum the claims.
    let csv = URL(fileURLWithPath: s.baseDir).appendingPathComponent("s\(schools).claims.csv").path
    if fileSize(csv) == 0 { runQuietly(tzpy, ["export", "--report", "claims", "--format", "csv", "--out", csv, "--data", dir.path]) }
    var ptyFrames: [UInt64] = [], sums: [UInt64] = []
    for _ in 0..<repeats {
        let fresh = PtyConsole(tzpy: tzpy, arguments: ["review", "--data", dir.path], rows: 24, cols: 80)
        ptyFrames.append(UInt64(fresh.drain(quiet: 1000, limit: 120_000, waitForOutput: true).lastMs * 1e6))
        fresh.quit()
        sums.append(timed { runQuietly(mawk, ["-F,", mawkCSV, csv]) })
    }
    r.ptyFirstFrameMs = ms(median(ptyFrames))
    r.mawkCSVMs = ms(median(sums))
    print("  pty first frame of a fresh console \(fmt(r.ptyFirstFrameMs, 1)) ms; mawk over the claims CSV \(fmt(r.mawkCSVMs, 1)) ms; ratio \(fmt(r.ptyFirstFrameMs / r.mawkCSVMs, 2))  [medians of \(repeats), alternating]")
    print("  pty 80×24 (\(tzpy)): first frame \(r.firstFrameBytes) bytes, settled \(fmt(r.processFirstFrameMs, 0)) ms after start; one move (j): \(r.moveBytes.map(String.init).joined(separator: " ")) bytes; on a school page: \(r.schoolMoveBytes.map(String.init).joined(separator: " ")) bytes")
    return r
}

func consoleBenchmark(_ options: ConsoleOptions, _ s: BenchSettings) -> Never {
    makeBaseDir(s)
    let sizes = s.sizes, baseDir = s.baseDir, repeats = s.repeats
    print("tzpy-bench console: sizes \(sizes.map(String.init).joined(separator: ",")) schools, dir \(baseDir), \(repeats) repeats, \(options.keys) keys, \(options.moves) moves")
    let results = sizes.map { runConsole($0, options, s) }

    print("")
    print("targets (province: < 5000 schools; national: ≥ 5000):")
    var missed = 0
    func row(_ schools: Int, _ name: String, _ target: String, _ value: String, _ ratio: String, _ ok: Bool) {
        if !ok { missed += 1 }
        print("  \(pad(String(schools), 6)) \(pad(name, 38, left: true)) \(pad(target, 10, left: true)) \(pad(value, 11)) \(pad(ratio, 16, left: true)) \(ok ? "met" : "MISSED")")
    }
    for r in results {
        let limit = r.national ? 1500.0 : 150.0
        row(r.schools, "first frame (open + state + render)", "< \(Int(limit)) ms", "\(fmt(ms(r.firstFrameNs), 1)) ms",
            "×read \(fmt(r.firstFrameNs / r.readNs, 1))", ms(r.firstFrameNs) < limit)
        if r.national {
            row(r.schools, "pty first frame / mawk CSV", "≤ 1.00", fmt(r.ptyFirstFrameMs / r.mawkCSVMs, 2),
                "\(fmt(r.ptyFirstFrameMs, 0)) / \(fmt(r.mawkCSVMs, 0)) ms", r.ptyFirstFrameMs <= r.mawkCSVMs)
        }
        for k in r.keys {
            row(r.schools, "key p95, \(k.screen)", "< 2 ms", "\(fmt(ms(k.p95), 3)) ms", "×ref \(fmt(k.p95 / r.referenceNs, 1))", ms(k.p95) < 2)
        }
        for a in r.actions {
            row(r.schools, "key p95, \(a.name)", "< 10 ms", "\(fmt(ms(a.p95), 2)) ms", "×ref \(fmt(a.p95 / r.referenceNs, 1))", ms(a.p95) < 10)
        }
        let perClaim = Double(r.review.keys) / Double(max(1, r.review.claims))
        row(r.schools, "keys per claim, scripted review", "≤ 1.5", fmt(perClaim, 2), "\(r.review.claims) claims", perClaim <= 1.5)
        let worst = r.moveBytes.max() ?? 0
        row(r.schools, "bytes per one-row move (max)", "≤ 150", "\(worst)", "median \(Int(median(r.moveBytes.map(UInt64.init))))", worst <= 150)
        let worstSchool = r.schoolMoveBytes.max() ?? 0
        row(r.schools, "bytes per move on a school page (max)", "≤ 150", "\(worstSchool)",
            "median \(Int(median(r.schoolMoveBytes.map(UInt64.init))))", worstSchool <= 150)
    }
    if let a = results.first, let b = results.last, a.schools != b.schools {
        let same = a.moveBytes.max() == b.moveBytes.max()
        print("  bytes per move the same at \(b.schools) as at \(a.schools) schools: \(same ? "yes" : "NO") (\(a.moveBytes.max() ?? 0) vs \(b.moveBytes.max() ?? 0))")
        if !same { missed += 1 }
    }
    print(missed == 0 ? "all targets met" : "\(missed) target(s) missed")
    exit(0)
}
