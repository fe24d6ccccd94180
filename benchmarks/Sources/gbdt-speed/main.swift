// GBDT training speed on the ECVL preset's 38B/1B task (the GBDT router's inputs: text, image and statistics of the
// training rows, MES-rule labels at MES 6), against scikit-learn's HistGradientBoostingClassifier on the same
// matrix (benchmarks/ecvl/sklearn_gbdt.py, same settings).
//
//   swift run -c release --package-path benchmarks gbdt-speed OUT_DIR [repeats]
//
// Writes OUT_DIR/gbdt_{train,test}_{x,y}.npy for the Python side and prints the best-of-N fit time, trees and test
// accuracy / AUC / log loss.
import BenchCore
import EdgeCloud
import Foundation
import Learning
import Simulation

let args = CommandLine.arguments
let out = URL(fileURLWithPath: args.count > 1 ? args[1] : "benchmarks/out/ecvl", isDirectory: true)
let repeats = args.count > 2 ? Int(args[2]) ?? 3 : 3
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

let sim = ECVLSimulation.generate()
let models = sim.models.map(\.info.name)
let pair = try EdgeCloudPair(parsing: "InternVL3-38B/InternVL2_5-1B")
let e = models.firstIndex(of: pair.edge)!, c = models.firstIndex(of: pair.cloud)!
let n = sim.sampleCount
let data = try PairData(
  pair: pair, sampleKeys: (0..<n).map(sim.sampleKey),
  datasets: sim.datasets.map { DatasetInfo(name: $0.name, displayName: $0.name, group: .other, answerType: .unknown) },
  sampleDataset: sim.sampleDataset.map(Int32.init), prompts: sim.prompts, hasImage: Array(repeating: true, count: n),
  inputTokens: sim.inputTokens.map(Int32.init), edgeScore: (0..<n).map { sim.scores[$0, e] },
  cloudScore: (0..<n).map { sim.scores[$0, c] }, edgeLatency: (0..<n).map { sim.latency[$0, e] },
  cloudLatency: (0..<n).map { sim.latency[$0, c] }, edgeTokens: (0..<n).map { sim.outputTokens[$0, e] },
  cloudTokens: (0..<n).map { sim.outputTokens[$0, c] })
let inputs = RouterInputs(text: sim.text, image: sim.image, statistics: QueryStatistics.matrix(data))
let labels = data.labels(rule: .mes, mes: .paperDefault)
let split = ScenarioSplit.make(data: data, mes: .paperDefault, seed: 42)
let train = split[.train]!, test = split[.test]!
let x = try inputs.concatenated(RouterBranch.allCases, rows: train)
let tx = try inputs.concatenated(RouterBranch.allCases, rows: test)
let y = train.map { labels[$0] }, ty = test.map { labels[$0] }
for (name, m) in [("gbdt_train_x", x), ("gbdt_test_x", tx)] {
  try NumpyArray(shape: [m.rows, m.columns], values: m.values).write(to: out.appendingPathComponent(name + ".npy"))
}
for (name, v) in [("gbdt_train_y", y), ("gbdt_test_y", ty)] {
  try NumpyArray(shape: [v.count], values: v.map { $0 ? 1 : 0 }).write(to: out.appendingPathComponent(name + ".npy"))
}

var best = Double.infinity
var model: GradientBoostedTrees?
let clock = ContinuousClock()
for _ in 0..<repeats {
  let t0 = clock.now
  model = try GradientBoostedTrees.fit(x: x, y: y, options: GradientBoostedTrees.Options())
  best = min(best, (clock.now - t0).seconds)
}
let p = model!.probabilities(tx)
var correct = 0, loss = 0.0
for (pi, yi) in zip(p, ty) {
  if (pi >= 0.5) == yi { correct += 1 }
  let q = min(max(pi, 1e-15), 1 - 1e-15)
  loss -= yi ? log(q) : log(1 - q)
}
precondition(model!.trees.count == 100, "GBDT fitted \(model!.trees.count) trees")
print(String(format: "swift GBDT: %d × %d, 100 trees depth 5: best of %d fit %.2f s; test accuracy %.4f, log loss %.4f",
             x.rows, x.columns, repeats, best, Double(correct) / Double(ty.count), loss / Double(ty.count)))
print(String(format: "swift_fit_seconds=%.4f", best))
