import ArgumentParser

@main
struct RouterBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "routerbench",
    abstract: "Offline benchmark harness for routing queries between vision–language models.",
    version: "0.1.0",
    subcommands: [ImportCommand.self])
}
