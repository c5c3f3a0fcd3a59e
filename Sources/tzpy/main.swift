import ArgumentParser

/// tzpy: the provincial review console for 职业教育提质培优 task claims, and its command line.
struct Tzpy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tzpy",
        abstract: "职业教育提质培优行动计划任务审核台 — review school task claims in the terminal.",
        subcommands: [ReviewCommand.self, CatalogCommand.self, InitCommand.self, DemoCommand.self, TotalsCommand.self,
                      ClaimsCommand.self, DecideCommand.self, LogCommand.self, CheckCommand.self,
                      ImportCommand.self, ExportCommand.self, AccountsCommand.self, GateCommand.self, WhoamiCommand.self,
                      WithdrawCommand.self, ReopenCommand.self, SubmitCommand.self, SchoolCommand.self],
        defaultSubcommand: ReviewCommand.self
    )
}

Tzpy.main()
