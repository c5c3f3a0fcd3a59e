import ArgumentParser
import Foundation

/// `tzpy-bench`: the benchmarks behind docs/performance.md, one subcommand each (release build; the figures
/// are ratios to baselines measured in the same run, because the machine is shared and noisy).
@main
struct TzpyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tzpy-bench",
        abstract: "tzpy's benchmarks (docs/performance.md). Build with -c release.",
        subcommands: [StoreBenchCommand.self, ConsoleBenchCommand.self, SheetsBenchCommand.self,
                      MeasureOpenCommand.self, MeasureFollowCommand.self, MeasureImportCommand.self],
        defaultSubcommand: StoreBenchCommand.self
    )
}

/// What every benchmark is run on: the store sizes, where the generated stores live, how often to repeat.
struct BenchSettings {
    var sizes = [600, 10000]
    var baseDir = "/tmp/tzpy-bench"
    var repeats = 5
    var decisions = 20
    /// The demo stores' seed (a store is reused only when generated with the same one).
    let seed: UInt64 = 2020
}

/// The options the benchmarks share.
struct BenchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Store sizes in schools, comma-separated.", valueName: "N,N"),
            transform: BenchOptions.sizes)
    var schools: [Int] = [600, 10000]
    @Option(help: ArgumentHelp("Where the generated stores are kept (reused while complete).", valueName: "DIR"))
    var dir = "/tmp/tzpy-bench"
    @Option(name: .customLong("repeat"), help: "Runs of each timed step (the median is reported).")
    var repeats = 5

    static func sizes(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let n = Int(part), n > 0 else { throw ValidationError("--schools: expected numbers like 600,10000, found \(part)") }
            return n
        }
    }

    func settings(decisions: Int = 20) -> BenchSettings {
        BenchSettings(sizes: schools, baseDir: dir, repeats: repeats, decisions: decisions)
    }
}

/// The store: open against mawk and read(2), peak memory, decide against append + fsync, follow.
struct StoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "The ClaimStore benchmark (the default).")
    @OptionGroup var options: BenchOptions
    @Option(help: "Decisions and follows timed per size.") var decisions = 20

    func validate() throws {
        guard decisions > 0 else { throw ValidationError("--decisions: expected a positive number") }
    }

    func run() { storeBenchmark(options.settings(decisions: decisions)) }
}

/// The console: first frame, one key, the keys that do more, keys per claim, bytes per move through a pty.
struct ConsoleBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "The ReviewConsole benchmark (needs the release tzpy beside it).")
    @OptionGroup var options: BenchOptions
    @Option(help: "Keys timed per screen.") var keys = 1000
    @Option(help: "One-row moves counted through the pseudo-terminal.") var moves = 10
    @Option(help: ArgumentHelp("The tzpy binary to run in the pseudo-terminal.", valueName: "PATH")) var tzpy: String?

    func validate() throws {
        guard keys > 0, moves > 0 else { throw ValidationError("--keys and --moves: expected positive numbers") }
    }

    func run() { consoleBenchmark(ConsoleOptions(keys: keys, moves: moves, tzpy: tzpy), options.settings()) }
}

/// Spreadsheets: export and import at national and province size.
struct SheetsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sheets", abstract: "The spreadsheet benchmark.")
    @OptionGroup var options: BenchOptions

    func run() { sheetsBenchmark(options.settings()) }
}

/// One open in a fresh process, for the store benchmark's peak memory (and for valgrind).
struct MeasureOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "measure-open", abstract: "Open DIR once; print memory and time.",
                                                    shouldDisplay: false)
    @Argument var dir: String
    @Argument(help: "cold: replay the whole journal; warm: load ledger.checkpoint, write nothing; standard: as tzpy opens.")
    var mode = "standard"
    func run() { measureOpen(dir, mode) }
}

/// For profiling follow: WRITES to DIR (one store approves COUNT pending claims, another follows each).
struct MeasureFollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "measure-follow", abstract: "Approve and follow COUNT claims in DIR (writes).",
                                                    shouldDisplay: false)
    @Argument var dir: String
    @Argument var count = 20
    func run() { measureFollow(dir, count) }
}

/// One import in a fresh process, for the spreadsheet benchmark's peak memory.
struct MeasureImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "measure-import", abstract: "Open DIR and import FILES; print memory and time.",
                                                    shouldDisplay: false)
    @Argument var dir: String
    @Argument var files: [String]
    func run() { measureImport(dir, files) }
}
