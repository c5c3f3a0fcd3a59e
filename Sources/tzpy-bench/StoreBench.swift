// The ClaimStore benchmark (`tzpy-bench store`, the default; issues 4 and 13) and the tools every benchmark
// shares. For each size it generates (or reuses) a demo store (`StoreSetup.demo`, seed 2020) at DIR/s<N>,
// then measures from the same run, alternating: reading the store's bytes, opening it, mawk summing count and
// four funds per school over the same journal.tsv and over a claims CSV of the same claims (`tzpy export
// --report claims`, made once beside the store), and `tzpy totals --json` as a process; then the peak memory
// of an open in a fresh child process, one decision on a copy (against a plain append + fsync), and one follow
// that picks up one new event (against fstat + pread). Ratios to the baselines are the figures that travel
// between machines. The commands are in BenchCommand.swift; results in docs/performance.md.

import ClaimKit
import ClaimStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: small tools

/// Monotonic nanoseconds.
@inline(__always) func nowNs() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU time of the whole process (every thread) so far, in nanoseconds: on a shared machine, what an open
/// costs apart from waiting for a core.
func processCPUNs() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` and returns its duration in nanoseconds.
@inline(__always) func timed(_ body: () throws -> Void) rethrows -> UInt64 {
    let t0 = nowNs()
    try body()
    return nowNs() - t0
}

func median(_ xs: [UInt64]) -> Double {
    precondition(!xs.isEmpty)
    let s = xs.sorted()
    return s.count % 2 == 1 ? Double(s[s.count / 2]) : (Double(s[s.count / 2 - 1]) + Double(s[s.count / 2])) / 2
}

func ms(_ ns: Double) -> Double { ns / 1e6 }
func us(_ ns: Double) -> Double { ns / 1e3 }

func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let n = s.count
    guard n < width else { return s }
    let fill = String(repeating: " ", count: width - n)
    return left ? s + fill : fill + s
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tzpy-bench: \(message)\n".utf8))
    exit(1)
}

/// Peak resident set size of this process so far, in KiB (Linux reports ru_maxrss in KiB).
func maxRSSKiB() -> Int {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if canImport(Darwin)
    return Int(usage.ru_maxrss) / 1024
    #else
    return Int(usage.ru_maxrss)
    #endif
}

/// A field of /proc/self/status in KiB (VmRSS: resident now; VmHWM: this process image's peak); 0 where unavailable.
func procStatusKiB(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
    }
    return 0
}

func currentRSSKiB() -> Int { procStatusKiB("VmRSS") }

/// The account the benchmark acts as: the demo store's creator, a province reviewer.
let benchActor = UnixUser.effective

func openStore(_ url: URL, actor: String = benchActor, checkpoint: Store.CheckpointPolicy = .standard) -> Store {
    do { return try Store(url, actor: actor, checkpoint: checkpoint) } catch { fail("cannot open \(url.path): \(error)") }
}

/// The opens the benchmark compares: `cold` replays the whole journal (no checkpoint read or written), `warm`
/// loads ledger.checkpoint and replays the tail (and writes nothing), `standard` is what tzpy does.
func checkpointPolicy(_ mode: String) -> Store.CheckpointPolicy {
    switch mode {
    case "cold": .ignore
    case "warm": Store.CheckpointPolicy(load: true, writeAfter: nil)
    default: .standard
    }
}

/// Reads every regular file of `dir` into memory with read(2), ledger.checkpoint excepted (the baseline is
/// the store's own data, as before there was a checkpoint); returns the byte count.
func readAllBytes(_ dir: URL) -> Int {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { fail("cannot list \(dir.path)") }
    var total = 0
    for name in names.sorted() where name != DataDirectory.checkpointName {
        let path = dir.path + "/" + name
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { continue }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
        var buffer = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; fail("read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            done += n
        }
        total += done
        withExtendedLifetime(buffer) {}
    }
    return total
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

/// Pending claims in a deterministic order (school, then item), as (key, version). Takes what it needs from the
/// ledger and lets go of it, so that later appends do not copy the claims dictionary.
func pendingClaims(_ store: Store) -> [(key: ClaimKey, version: Int)] {
    var found: [(key: ClaimKey, version: Int)] = []
    for claim in store.ledger.claims where claim.state == .pending {
        found.append((claim.key, claim.version))
    }
    found.sort { ($0.key.school, $0.key.item) < ($1.key.school, $1.key.item) }
    return found
}

/// Picks `count` entries spread evenly over `list`.
func spread<T>(_ list: [T], _ count: Int) -> [T] {
    guard list.count > count else { return list }
    return (0..<count).map { list[$0 * list.count / count] }
}

func approve(_ store: Store, _ claim: (key: ClaimKey, version: Int)) {
    do {
        try store.record(Decision(.approved, claim.key, basis: claim.version))
    } catch {
        fail("decision on \(claim.key) failed: \(error)")
    }
}

func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

// MARK: hidden subcommands

/// `measure-open DIR [cold|warm|standard]`: one open in this fresh process; prints key=value pairs for the parent.
func measureOpen(_ dir: String, _ mode: String) -> Never {
    let before = maxRSSKiB()
    let beforeNow = currentRSSKiB()
    let t0 = nowNs(), cpu0 = processCPUNs()
    let store = openStore(URL(fileURLWithPath: dir), checkpoint: checkpointPolicy(mode))
    let elapsed = nowNs() - t0, cpu = processCPUNs() - cpu0
    let after = maxRSSKiB()
    let afterNow = currentRSSKiB()
    let hwm = procStatusKiB("VmHWM")
    let claims = store.ledger.claims.count
    print("before_maxrss_kib=\(before) before_rss_kib=\(beforeNow) after_maxrss_kib=\(after) after_rss_kib=\(afterNow) after_hwm_kib=\(hwm) open_ms=\(fmt(ms(Double(elapsed)), 2)) open_cpu_ms=\(fmt(ms(Double(cpu)), 2)) claims=\(claims) last_seq=\(store.ledger.lastSeq) checkpoint=\(store.checkpointOutcome)")
    withExtendedLifetime(store) {}
    exit(0)
}

/// `measure-follow DIR [COUNT]`: for profiling follow; writes COUNT approvals into DIR.
func measureFollow(_ dir: String, _ count: Int) -> Never {
    let url = URL(fileURLWithPath: dir)
    let a = openStore(url)
    let b = openStore(url, actor: DemoProvince.reviewerAccounts[0].name)
    let claims = spread(pendingClaims(a), count)
    var times: [UInt64] = []
    for claim in claims {
        approve(a, claim)
        var got = 0
        times.append(timed { got = (try? b.follow())?.count ?? -1 })
        if got != 1 { fail("follow returned \(got) events, expected 1") }
    }
    print("follows=\(times.count) median_us=\(fmt(us(median(times)), 1))")
    exit(0)
}

// MARK: the benchmark

/// The ClaimStore figures for one store size.
struct StoreResult {
    var schools = 0
    var claims = 0
    var events = 0
    var journalBytes = 0
    var storeBytes = 0
    var generateMs: Double?
    var checkpointBytes = 0
    var checkpointWriteNs = 0.0
    var readNs = 0.0
    /// Open replaying the whole journal (no checkpoint).
    var openNs = 0.0
    /// Open loading ledger.checkpoint and replaying the tail (none here: the checkpoint is of the whole journal).
    var warmOpenNs = 0.0
    /// The same on the copy with just under the most journal past its checkpoint that an open leaves alone.
    var tailOpenNs = 0.0
    var tailBytes = 0
    var tailEvents = 0
    var tailHwmKiB = 0
    /// Warm opens of the store without the tail, alternated with the tailed ones.
    var tailBaseNs = 0.0
    var rssBeforeKiB = 0
    var rssPeakKiB = 0
    var rssAfterKiB = 0
    var hwmKiB = 0
    var childOpenMs = ""
    var warmRssPeakKiB = 0
    var warmHwmKiB = 0
    var warmChildOpenMs = ""
    /// CPU time of the child's open (all threads): what it costs apart from waiting for a core.
    var childCPUMs = ""
    var warmChildCPUMs = ""
    var decideNs = 0.0
    var appendNs = 0.0
    var followNs = 0.0
    var preadNs = 0.0
    var csvBytes = 0
    var mawkJournalNs = 0.0
    var mawkCSVNs = 0.0
    var totalsNs = 0.0

    var national: Bool { schools >= 5000 }
    var openRatio: Double { openNs / readNs }
    var decideRatio: Double { decideNs / appendNs }
    var followRatio: Double { followNs / preadNs }
    var peakMB: Double { Double(rssPeakKiB) / 1024 }
    /// The store's share of the peak (the child's peak less what it held before opening), per claim.
    var bytesPerClaim: Double { Double(rssPeakKiB - rssBeforeKiB) * 1024 / Double(max(claims, 1)) }
    var nsPerClaim: Double { openNs / Double(max(claims, 1)) }
    var peakOverJournal: Double { Double(rssPeakKiB) * 1024 / Double(max(journalBytes, 1)) }
    var warmPeakOverJournal: Double { Double(warmRssPeakKiB) * 1024 / Double(max(journalBytes, 1)) }
    var warmNsPerClaim: Double { warmOpenNs / Double(max(claims, 1)) }
}

/// The tzpy binary built beside this benchmark.
let tzpyBinary = URL(fileURLWithPath: executablePath()).deletingLastPathComponent().appendingPathComponent("tzpy").path

/// Runs a program to completion with its output thrown away; fails the benchmark if it fails. With
/// posix_spawn and waitpid, not Foundation's Process: its waitUntilExit polls, so every time it measured
/// came out a multiple of 50 ms.
func runQuietly(_ path: String, _ arguments: [String]) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid = pid_t()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { fail("cannot start \(path)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 { guard errno == EINTR else { fail("waitpid failed") } }
    guard status == 0 else { fail("\(path) \(arguments.joined(separator: " ")) exited with status \(status)") }
}

/// mawk summing count and the four funds per school over the journal (columns school, self … local) and over
/// the claims CSV (学校代码, 学校自筹 … 地市县投入): the same work an open does for the totals, by the fastest awk.
let mawk = "/usr/bin/mawk"
let mawkJournal = #"NR > 1 && $1 != "batch" { n[$4]++; a[$4] += $11; b[$4] += $12; c[$4] += $13; d[$4] += $14 } END { for (k in n) s++; print s }"#
let mawkCSV = #"NR > 1 { n[$1]++; a[$1] += $9; b[$1] += $10; c[$1] += $11; d[$1] += $12 } END { for (k in n) s++; print s }"#

/// How a target row ends.
func yes(_ ok: Bool) -> String { ok ? "met" : "MISSED" }

/// Makes the benchmarks' folder.
func makeBaseDir(_ s: BenchSettings) {
    do { try FileManager.default.createDirectory(atPath: s.baseDir, withIntermediateDirectories: true) } catch {
        fail("cannot create \(s.baseDir): \(error)")
    }
}

/// Generates DIR/s<N> unless a complete one is already there (the marker beside it is written last).
func prepare(_ schools: Int, _ s: BenchSettings) -> (URL, Double?) {
    let fm = FileManager.default, baseDir = s.baseDir, seed = s.seed
    let dir = URL(fileURLWithPath: baseDir).appendingPathComponent("s\(schools)")
    let marker = URL(fileURLWithPath: baseDir).appendingPathComponent("s\(schools).complete")
    let stamp = "schools=\(schools) seed=\(seed)\n"
    if (try? String(contentsOf: marker, encoding: .utf8)) == stamp, fm.fileExists(atPath: dir.appendingPathComponent("journal.tsv").path) {
        return (dir, nil)
    }
    try? fm.removeItem(at: marker)
    try? fm.removeItem(at: dir)
    print("  generating \(dir.path) (StoreSetup.demo, \(schools) schools, seed \(seed)) …")
    var elapsed: UInt64 = 0
    do {
        elapsed = try timed { _ = try StoreSetup.demo(at: dir, schools: schools, seed: seed) }
    } catch { fail("demo generation failed: \(error)") }
    do { try stamp.write(to: marker, atomically: true, encoding: .utf8) } catch { fail("cannot write \(marker.path)") }
    return (dir, ms(Double(elapsed)))
}

func run(_ schools: Int, _ s: BenchSettings) -> StoreResult {
    let fm = FileManager.default, baseDir = s.baseDir, repeats = s.repeats, decisions = s.decisions
    var r = StoreResult()
    r.schools = schools
    print("== \(schools) schools")
    let (dir, generated) = prepare(schools, s)
    r.generateMs = generated
    if let generated { print("  generated in \(fmt(generated, 0)) ms (not a target)") } else { print("  reusing \(dir.path)") }
    r.journalBytes = fileSize(dir.appendingPathComponent("journal.tsv").path)

    // Baseline and open, interleaved so that both see the same machine state; one warm-up of each first.
    r.storeBytes = readAllBytes(dir)
    do {
        // tzpy's own open: writes ledger.checkpoint when it replayed a long journal (or found it stale).
        let first = openStore(dir)
        r.claims = first.ledger.claims.count
        r.events = first.ledger.lastSeq
        if let reason = first.readOnlyReason { fail("the demo store opened read-only: \(reason)") }
        let warm = openStore(dir, checkpoint: checkpointPolicy("warm"))
        guard case .loaded = warm.checkpointOutcome else { fail("no checkpoint to load after the first open: \(warm.checkpointOutcome)") }
        // What writing it costs the open that does (encode, write, fsync, rename).
        r.checkpointWriteNs = Double(timed {
            do { try first.writeCheckpoint() } catch { fail("cannot write the checkpoint: \(error)") }
        })
    }
    r.checkpointBytes = fileSize(dir.appendingPathComponent(DataDirectory.checkpointName).path)
    // The claims CSV of the same claims, made once beside the store.
    let csv = URL(fileURLWithPath: baseDir).appendingPathComponent("s\(schools).claims.csv").path
    if fileSize(csv) == 0 { runQuietly(tzpyBinary, ["export", "--report", "claims", "--format", "csv", "--out", csv, "--data", dir.path]) }
    r.csvBytes = fileSize(csv)
    let journal = dir.appendingPathComponent("journal.tsv").path
    var reads: [UInt64] = [], opens: [UInt64] = [], warmOpens: [UInt64] = [], awkJournal: [UInt64] = [], awkCSV: [UInt64] = [], totals: [UInt64] = []
    for _ in 0..<repeats {
        reads.append(timed { _ = readAllBytes(dir) })
        var store: Store?
        opens.append(timed { store = openStore(dir, checkpoint: checkpointPolicy("cold")) })
        store = nil
        warmOpens.append(timed { store = openStore(dir, checkpoint: checkpointPolicy("warm")) })
        store = nil
        _ = store
        awkJournal.append(timed { runQuietly(mawk, ["-F\t", mawkJournal, journal]) })
        awkCSV.append(timed { runQuietly(mawk, ["-F,", mawkCSV, csv]) })
        totals.append(timed { runQuietly(tzpyBinary, ["totals", "--json", "--data", dir.path]) })
    }
    r.readNs = median(reads)
    r.openNs = median(opens)
    r.warmOpenNs = median(warmOpens)
    r.mawkJournalNs = median(awkJournal)
    r.mawkCSVNs = median(awkCSV)
    r.totalsNs = median(totals)
    print("  read \(r.storeBytes) bytes: \(fmt(ms(r.readNs), 2)) ms; open (\(r.claims) claims, \(r.events) events): \(fmt(ms(r.openNs), 1)) ms; ratio \(fmt(r.openRatio, 1))  [medians of \(repeats)]")
    print("  mawk per school over journal.tsv (\(fmt(Double(r.journalBytes) / 1e6, 1)) MB): \(fmt(ms(r.mawkJournalNs), 1)) ms, open/mawk \(fmt(r.openNs / r.mawkJournalNs, 2)); over the claims CSV (\(fmt(Double(r.csvBytes) / 1e6, 1)) MB): \(fmt(ms(r.mawkCSVNs), 1)) ms, open/mawk \(fmt(r.openNs / r.mawkCSVNs, 2)); tzpy totals --json (a process): \(fmt(ms(r.totalsNs), 1)) ms, /mawk-csv \(fmt(r.totalsNs / r.mawkCSVNs, 2))")
    print("  open per claim: \(fmt(r.nsPerClaim, 0)) ns")
    print("  warm open (ledger.checkpoint, \(fmt(Double(r.checkpointBytes) / 1e6, 1)) MB): \(fmt(ms(r.warmOpenNs), 2)) ms = \(fmt(r.warmNsPerClaim, 0)) ns/claim; warm/mawk-journal \(fmt(r.warmOpenNs / r.mawkJournalNs, 2)), warm/mawk-csv \(fmt(r.warmOpenNs / r.mawkCSVNs, 2)); cold/warm \(fmt(r.openNs / r.warmOpenNs, 1)); writing it: \(fmt(ms(r.checkpointWriteNs), 1)) ms (once)")

    // Peak memory of one open, cold and warm, each in a fresh child process.
    let fields = childOpen(dir, "cold"), warmFields = childOpen(dir, "warm")
    r.warmRssPeakKiB = Int(warmFields["after_maxrss_kib"] ?? "") ?? 0
    r.warmHwmKiB = Int(warmFields["after_hwm_kib"] ?? "") ?? 0
    r.warmChildOpenMs = warmFields["open_ms"] ?? "?"
    r.warmChildCPUMs = warmFields["open_cpu_ms"] ?? "?"
    r.childCPUMs = fields["open_cpu_ms"] ?? "?"
    r.rssBeforeKiB = Int(fields["before_maxrss_kib"] ?? "") ?? 0
    r.rssPeakKiB = Int(fields["after_maxrss_kib"] ?? "") ?? 0
    r.rssAfterKiB = Int(fields["after_rss_kib"] ?? "") ?? 0
    r.childOpenMs = fields["open_ms"] ?? "?"
    r.hwmKiB = Int(fields["after_hwm_kib"] ?? "") ?? 0
    print("  child open: peak RSS \(fmt(Double(r.rssPeakKiB) / 1024)) MB (before opening \(fmt(Double(r.rssBeforeKiB) / 1024)) MB, store's share \(fmt(Double(r.rssPeakKiB - r.rssBeforeKiB) / 1024)) MB; resident after open \(fmt(Double(r.rssAfterKiB) / 1024)) MB; VmHWM \(fmt(Double(r.hwmKiB) / 1024)) MB); open in the child \(r.childOpenMs) ms (CPU \(r.childCPUMs) ms, both threads)")
    print("  per claim: \(fmt(r.bytesPerClaim, 0)) B of peak memory (the store's share); peak / journal size \(fmt(r.peakOverJournal, 2))")
    print("  warm child open: peak RSS \(fmt(Double(r.warmRssPeakKiB) / 1024)) MB (VmHWM \(fmt(Double(r.warmHwmKiB) / 1024)) MB), peak / journal size \(fmt(r.warmPeakOverJournal, 2)); open in the child \(r.warmChildOpenMs) ms (CPU \(r.warmChildCPUMs) ms)")

    // Decisions and follows on a copy, so the demo store stays reusable.
    let work = URL(fileURLWithPath: baseDir).appendingPathComponent("s\(schools)-work")
    try? fm.removeItem(at: work)
    do { try fm.copyItem(at: dir, to: work) } catch { fail("cannot copy \(dir.path) to \(work.path): \(error)") }
    // The copy's dirty pages to disk first, or the first decision's fsync pays for writing the whole copy.
    sync()
    defer { try? fm.removeItem(at: work) }

    let a = openStore(work)
    let pending = pendingClaims(a)
    guard pending.count >= 2 * decisions + 1 else { fail("only \(pending.count) pending claims; need \(2 * decisions + 1)") }
    let chosen = spread(pending, 2 * decisions + 1)
    let forDecide = stride(from: 0, to: chosen.count - 1, by: 2).map { chosen[$0] }
    let forFollow = stride(from: 1, to: chosen.count, by: 2).map { chosen[$0] }

    // One decision (lock + follow + append + fsync) against a plain 100-byte append + fsync in the same dir.
    let scratchPath = work.appendingPathComponent("bench-scratch.tmp").path
    let scratch = open(scratchPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard scratch >= 0 else { fail("cannot create \(scratchPath)") }
    let line = [UInt8](repeating: 0x41, count: 99) + [0x0A]
    func plainAppend() {
        let n = line.withUnsafeBytes { write(scratch, $0.baseAddress!, $0.count) }
        guard n == line.count, fsync(scratch) == 0 else { fail("scratch append failed") }
    }
    plainAppend()  // warm-up
    var decides: [UInt64] = [], appends: [UInt64] = []
    for claim in forDecide {
        decides.append(timed { approve(a, claim) })
        appends.append(timed { plainAppend() })
    }
    close(scratch)
    unlink(scratchPath)
    r.decideNs = median(decides)
    r.appendNs = median(appends)
    print("  decide: \(fmt(ms(r.decideNs), 2)) ms; plain 100-byte append+fsync: \(fmt(ms(r.appendNs), 2)) ms; ratio \(fmt(r.decideRatio, 2))  [medians of \(decides.count)]")

    // One follow with one new event, against fstat + pread of 100 bytes on the journal.
    let b = openStore(work, actor: DemoProvince.reviewerAccounts[0].name)
    let journalPath = work.appendingPathComponent("journal.tsv").path
    let jfd = open(journalPath, O_RDONLY | O_CLOEXEC)
    guard jfd >= 0 else { fail("cannot open \(journalPath)") }
    var hundred = [UInt8](repeating: 0, count: 100)
    func statAndRead() {
        var st = stat()
        guard fstat(jfd, &st) == 0 else { fail("fstat failed") }
        let at = max(0, Int(st.st_size) - 100)
        let n = hundred.withUnsafeMutableBytes { pread(jfd, $0.baseAddress!, 100, off_t(at)) }
        guard n > 0 else { fail("pread failed") }
    }
    statAndRead()  // warm-up
    var follows: [UInt64] = [], preads: [UInt64] = []
    for claim in forFollow {
        approve(a, claim)
        var got = 0
        follows.append(timed {
            do { got = try b.follow().count } catch { fail("follow failed: \(error)") }
        })
        guard got == 1 else { fail("follow returned \(got) events, expected 1") }
        preads.append(timed { statAndRead() })
    }
    close(jfd)
    r.followNs = median(follows)
    r.preadNs = median(preads)
    print("  follow (1 new event): \(fmt(us(r.followNs), 1)) µs; fstat+pread 100 bytes: \(fmt(us(r.preadNs), 1)) µs; ratio \(fmt(r.followRatio, 0))  [medians of \(follows.count)]")

    // A warm open with the longest tail an open leaves alone: just under the journal bytes past the
    // checkpoint from which an open rewrites it (1 MB, or an eighth of a smaller journal) (approvals in batches of 200 on the copy; opens that write nothing).
    let limit = (Store.CheckpointPolicy.standard.threshold(journal: r.journalBytes) ?? 1 << 20) - (16 << 10)
    var left = pendingClaims(a)[...]
    while a.bytesPastCheckpoint < limit, !left.isEmpty {
        let batch = left.prefix(200)
        left = left.dropFirst(batch.count)
        do { _ = try a.record(batch.map { Decision(.approved, $0.key, basis: $0.version) }) } catch { fail("tail batch failed: \(error)") }
    }
    let tailed = openStore(work, checkpoint: checkpointPolicy("warm"))
    guard case .loaded = tailed.checkpointOutcome else { fail("the copy's checkpoint did not load: \(tailed.checkpointOutcome)") }
    r.tailBytes = tailed.bytesPastCheckpoint
    r.tailEvents = tailed.ledger.lastSeq - r.events
    // Alternating with warm opens of the store without the tail, so that the difference is the tail's.
    var tailOpens: [UInt64] = [], plainOpens: [UInt64] = []
    for _ in 0..<repeats {
        var store: Store?
        plainOpens.append(timed { store = openStore(dir, checkpoint: checkpointPolicy("warm")) })
        store = nil
        tailOpens.append(timed { store = openStore(work, checkpoint: checkpointPolicy("warm")) })
        _ = store
    }
    r.tailOpenNs = median(tailOpens)
    r.tailBaseNs = median(plainOpens)
    r.tailHwmKiB = Int(childOpen(work, "warm")["after_hwm_kib"] ?? "") ?? 0
    print("  warm open with a tail of \(fmt(Double(r.tailBytes) / 1024, 0)) KB (\(r.tailEvents) events past the checkpoint): \(fmt(ms(r.tailOpenNs), 2)) ms against \(fmt(ms(r.tailBaseNs), 2)) ms without it, alternating: +\(fmt((r.tailOpenNs - r.tailBaseNs) / Double(max(r.tailEvents, 1)), 0)) ns per tail event; /mawk-csv \(fmt(r.tailOpenNs / r.mawkCSVNs, 2)); peak in a fresh child \(fmt(Double(r.tailHwmKiB) / 1024)) MB (warm without the tail \(fmt(Double(r.warmHwmKiB) / 1024)) MB)  [medians of \(repeats)]")
    withExtendedLifetime((a, b, tailed)) {}
    return r
}

/// One open of `dir` in a fresh child process (`measure-open`, `mode` as `checkpointPolicy`): its key=value pairs.
/// Through /bin/sh, which forks the benchmark as a child of its own: on Linux a process started by
/// posix_spawn (vfork + exec, as Foundation's Process does) inherits the spawner's peak RSS in ru_maxrss,
/// which would report this (large) parent's peak; a plain fork from the small shell does not.
func childOpen(_ dir: URL, _ mode: String) -> [String: String] {
    childMeasurement("/bin/sh", ["-c", "\"$0\" \"$@\"; exit $?", executablePath(), "measure-open", dir.path, mode])
}

/// Runs a benchmark child (`executable` with `arguments`) and returns the key=value pairs it prints.
func childMeasurement(_ executable: String, _ arguments: [String]) -> [String: String] {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: executable)
    child.arguments = arguments
    let pipe = Pipe()
    child.standardOutput = pipe
    do { try child.run() } catch { fail("cannot start \(executable): \(error)") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    guard child.terminationStatus == 0 else { fail("\(arguments.joined(separator: " ")) exited with \(child.terminationStatus)") }
    var fields: [String: String] = [:]
    for pair in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        let kv = pair.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
    }
    return fields
}

/// `tzpy-bench store`: every size, then the table and the targets beside what was measured.
func storeBenchmark(_ s: BenchSettings) -> Never {
    makeBaseDir(s)
    let sizes = s.sizes, baseDir = s.baseDir, repeats = s.repeats, decisions = s.decisions
    print("tzpy-bench: sizes \(sizes.map(String.init).joined(separator: ",")) schools, dir \(baseDir), \(repeats) repeats, \(decisions) decisions/follows")
    let results = sizes.map { run($0, s) }

    // The table, then each target beside what was measured.

    print("")
    let header = ["schools", "claims", "journal MB", "cold ms", "warm ms", "ns/claim c/w", "mawk-j ms", "mawk-csv ms", "warm/mawk-csv", "peak MB c/w", "peak/journal c/w", "decide ms (×append)", "follow µs (×pread)"]
    let widths = [7, 8, 10, 8, 8, 12, 9, 11, 13, 11, 16, 19, 18]
    print(zip(header, widths).map { pad($0, $1) }.joined(separator: "  "))
    for r in results {
        let cells = [
            "\(r.schools)", "\(r.claims)", fmt(Double(r.journalBytes) / 1e6, 1), fmt(ms(r.openNs), 1), fmt(ms(r.warmOpenNs), 1),
            "\(fmt(r.nsPerClaim, 0))/\(fmt(r.warmNsPerClaim, 0))", fmt(ms(r.mawkJournalNs), 1), fmt(ms(r.mawkCSVNs), 1),
            fmt(r.warmOpenNs / r.mawkCSVNs, 2), "\(fmt(r.peakMB, 0))/\(fmt(Double(r.warmRssPeakKiB) / 1024, 0))",
            "\(fmt(r.peakOverJournal, 2))/\(fmt(r.warmPeakOverJournal, 2))", "\(fmt(ms(r.decideNs), 2)) (\(fmt(r.decideRatio, 2)))",
            "\(fmt(us(r.followNs), 1)) (\(fmt(r.followRatio, 0)))",
        ]
        print(zip(cells, widths).map { pad($0, $1) }.joined(separator: "  "))
    }

    print("")
    print("targets (issue 13; province: ≤ 1000 schools, national: ≥ 5000; sizes between are for the scaling line), target and measured side by side:")
    var missed = 0
    for r in results {
        var rows: [(String, String, String, Bool)] = []
        if r.national {
            rows.append(("warm open / mawk journal", "≤ 1.00", fmt(r.warmOpenNs / r.mawkJournalNs, 2), r.warmOpenNs <= r.mawkJournalNs))
            rows.append(("warm open / mawk CSV", "≤ 1.00", fmt(r.warmOpenNs / r.mawkCSVNs, 2), r.warmOpenNs <= r.mawkCSVNs))
            rows.append(("warm + longest tail / mawk CSV", "≤ 1.00", fmt(r.tailOpenNs / r.mawkCSVNs, 2), r.tailOpenNs <= r.mawkCSVNs))
            rows.append(("cold open / mawk journal", "≤ 1.00", fmt(r.openNs / r.mawkJournalNs, 2), r.openNs <= r.mawkJournalNs))
            rows.append(("cold open / mawk CSV", "≤ 1.00", fmt(r.openNs / r.mawkCSVNs, 2), r.openNs <= r.mawkCSVNs))
            rows.append(("totals / mawk CSV", "≤ 1.00", fmt(r.totalsNs / r.mawkCSVNs, 2), r.totalsNs <= r.mawkCSVNs))
            rows.append(("cold peak / journal", "≤ 3.00", fmt(r.peakOverJournal, 2), r.peakOverJournal <= 3))
            rows.append(("warm peak / journal", "≤ 3.00", fmt(r.warmPeakOverJournal, 2), r.warmPeakOverJournal <= 3))
            let tailPeak = Double(r.tailHwmKiB) * 1024 / Double(max(r.journalBytes, 1))
            rows.append(("warm + longest tail peak / journal", "≤ 3.00", fmt(tailPeak, 2), tailPeak <= 3))
        } else if r.schools <= 1000 {
            rows.append(("province warm open", "< 5 ms", "\(fmt(ms(r.warmOpenNs), 1)) ms", ms(r.warmOpenNs) < 5))
            rows.append(("province warm + longest tail", "< 10 ms", "\(fmt(ms(r.tailOpenNs), 1)) ms", ms(r.tailOpenNs) < 10))
            rows.append(("province cold open", "< 10 ms", "\(fmt(ms(r.openNs), 1)) ms", ms(r.openNs) < 10))
        }
        rows.append(("decide / append", "≤ 1.30", fmt(r.decideRatio, 2), r.decideRatio <= 1.3))
        rows.append(("follow", "< 100 µs", "\(fmt(us(r.followNs), 1)) µs", us(r.followNs) < 100))
        for (name, target, value, ok) in rows {
            if !ok { missed += 1 }
            print("  \(pad(String(r.schools), 6)) \(pad(name, 34, left: true)) \(pad(target, 9, left: true)) \(pad(value, 10)) \(yes(ok))")
        }
    }
    if let small = results.min(by: { $0.claims < $1.claims }), let large = results.max(by: { $0.claims < $1.claims }), large.claims > small.claims {
        let growth = large.nsPerClaim / small.nsPerClaim
        print("  linear: warm open per claim \(fmt(small.warmNsPerClaim, 0)) ns at \(small.schools) schools, \(fmt(large.warmNsPerClaim, 0)) ns at \(large.schools) (×\(fmt(large.warmNsPerClaim / small.warmNsPerClaim, 2)))")
        print("  linear: cold open per claim \(fmt(small.nsPerClaim, 0)) ns at \(small.schools) schools, \(fmt(large.nsPerClaim, 0)) ns at \(large.schools) (×\(fmt(growth, 2))); memory \(fmt(small.bytesPerClaim, 0)) → \(fmt(large.bytesPerClaim, 0)) B per claim")
    }
    print(missed == 0 ? "all targets met" : "\(missed) target(s) missed")
    exit(0)
}
