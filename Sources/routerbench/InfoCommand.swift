import ArgumentParser
import BenchCore
import BenchStore
import Foundation

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info", abstract: "Describe a benchmark database: shape, datasets, splits, feature sets, cost bounds, load time.")
  @OptionGroup var database: DatabaseOptions

  func run() throws {
    _ = try database.open()
    let store = try BenchStore(path: database.db)
    let clock = ContinuousClock()
    let t0 = clock.now
    let b = try store.loadBenchmark(name: URL(fileURLWithPath: database.db).deletingPathExtension().lastPathComponent)
    let load = clock.now - t0
    let seconds = load.seconds
    print("\(database.db): \(b.sampleCount) samples × \(b.modelCount) models (\(b.sampleCount * b.modelCount) records), \(b.datasets.count) datasets")
    print(String(format: "loaded quality and cost matrices in %.3f s", seconds))
    for (k, v) in try store.allMetadata() { print("  \(k): \(v)") }
    print("splits: " + SplitName.allCases.map { "\($0.rawValue) \(b.splits[$0]?.count ?? 0)" }.joined(separator: ", "))
    print("feature sets: " + (try store.featureSetNames()).joined(separator: ", "))
    let bounds = b.costBounds
    print(String(format: "rank-score bounds: c_min %.4f (%@), c_max %.4f (%@) USD per 10K samples",
                 bounds.cmin * 10_000, bounds.cminModel, bounds.cmax * 10_000, bounds.cmaxModel))
  }
}
