import ArgumentParser
import BenchCore
import Foundation
import Routers

struct ListRouters: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "routers", abstract: "List the registered routers and the groups usable in --routers.")

  func run() {
    let reg = RouterRegistry.builtIn
    let width = reg.entries.map(\.name.count).max() ?? 8
    print("name".padding(toLength: width, withPad: " ", startingAt: 0) + "  family      λ  seed  features  summary")
    for e in reg.entries {
      print(e.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + e.family.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + "  "
            + (e.dependsOnLambda ? "yes" : "no ") + "  " + (e.dependsOnSeed ? "yes " : "no  ") + "  "
            + (e.needsFeatures ? "yes     " : "no      ") + "  " + e.summary)
    }
    print("\ngroups: " + RouterRegistry.groups.keys.sorted().joined(separator: ", "))
  }
}
