import ArgumentParser
import BenchCore
import Foundation

struct RankScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank-score",
    abstract: "Compute VL-RouterBench's Rank Score (Eq. 10–11) from accuracy and cost, to check a paper's number.",
    discussion: """
      Example (Table 2, MLP): routerbench rank-score --accuracy 77.49 --cost 1.13 --cmin 0.142 --cmax 10.7
      prints 74.19 (the paper reports 74.23; its costs are rounded to two decimals).
      """)

  @Option(help: "Average accuracy in percent (0–100).") var accuracy: Double
  @Option(help: "Average cost in USD per 10K samples.") var cost: Double
  @Option(help: "Lowest per-model average cost, USD per 10K samples.") var cmin: Double
  @Option(help: "Highest per-model average cost, USD per 10K samples.") var cmax: Double
  @Option(help: "β, the weight of cost in the harmonic mean.") var beta: Double = 0.1

  func validate() throws {
    guard (0...100).contains(accuracy) else { throw ValidationError("--accuracy must be a percentage in 0…100") }
    guard cost >= 0, cmin > 0, cmax > cmin else { throw ValidationError("need cost ≥ 0 and 0 < cmin < cmax") }
    guard beta > 0 else { throw ValidationError("--beta must be positive") }
  }

  func run() {
    let rs = RankScore(bounds: CostBounds(cmin: cmin / 10_000, cmax: cmax / 10_000), beta: beta)
    print(String(format: "%.2f", rs.score(accuracy: accuracy / 100, cost: cost / 10_000) * 100))
  }
}
