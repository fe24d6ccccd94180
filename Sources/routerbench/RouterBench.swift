import ArgumentParser

@main
struct RouterBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "routerbench",
    abstract: "Offline benchmark harness for routing queries between vision–language models.",
    discussion: "Start with `routerbench reproduce` (simulate → import → run → report). See README.md.",
    version: "0.1.0",
    subcommands: [
      Simulate.self,
      ImportCommand.self,
      SummaryCommand.self,
      RepriceCommand.self,
      ReproduceCommand.self,
      RunCommand.self,
      ReportCommand.self,
      LeaderboardCommand.self,
      RunsCommand.self,
      MergeCommand.self,
      InfoCommand.self,
      ExportCommand.self,
      FeaturesCommand.self,
      ListRouters.self,
      RankScoreCommand.self,
      FitCommand.self,
    ])
}
