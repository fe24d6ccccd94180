// Speed harness for the six feature-level routers (the `learning-speed` executable of the benchmarks package, built
// in release against the root package by path; run by benchmarks/learning/run.sh).
//
// 1. Generates the synthetic full-scale problem below (recipe documented in docs/routers.md), writes it as .npy files
//    so benchmarks/learning/sklearn_routers.py runs on exactly the same data.
// 2. Measures the machine's sgemm peak with one big cblas_sgemm (4096³), repeated.
// 3. Runs the sweep the way the harness does: KNN, PRkNN, OVR, K-means once; Linear and MLP for
//    λ ∈ {0, 10, 100, 1000, 10000, ∞} × seeds 1…5; each run = fit (train, dev for early stopping) + scores on
//    dev and test. Prints timings and writes timings.json (epochs per run, for the Python side to replay).
//
// Usage: speed <output-dir> [--hidden 256] [--quick] [--threads N] [--routers KNN,MLP,…] [--lambdas 0,inf]
import BenchCore
import Foundation
import Learning
import Routers
import VLRouterBenchPreset

// MARK: Arguments

var args = Array(CommandLine.arguments.dropFirst())
let outDir = args.isEmpty ? "/tmp/routerbench-speed" : args.removeFirst()
var hidden = MLPRouter.defaultHidden
var quick = false
var only: Set<String>? = nil
var lambdaOverride: [Double]? = nil
while !args.isEmpty {
  let a = args.removeFirst()
  if a == "--hidden", !args.isEmpty { hidden = args.removeFirst().split(separator: ",").compactMap { Int($0) } }
  if a == "--quick" { quick = true }
  if a == "--threads", !args.isEmpty, let t = Int(args.removeFirst()) { BLAS.setThreadCount(t) }
  if a == "--lambdas", !args.isEmpty {
    lambdaOverride = args.removeFirst().split(separator: ",").compactMap { Lambda(parsing: String($0))?.value }
  }
  if a == "--routers", !args.isEmpty { only = Set(args.removeFirst().split(separator: ",").map(String.init)) }
}
try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)

func say(_ s: String) { FileHandle.standardError.write((s + "\n").data(using: .utf8)!) }

// MARK: Synthetic data (the documented recipe)

let catalog = VLRouterBench.shared
let datasetSizes = catalog.datasets.map(\.totalSamples)
let n = quick ? 3054 : datasetSizes.reduce(0, +)  // 30,540 at full scale
let k = catalog.models.count  // 17
let textWidth = 384, imageWidth = 256, latent = 16
var g = SplitMix64(seed: 20_260_101)

func gaussians(_ count: Int, _ rng: inout SplitMix64, scale: Double = 1) -> [Double] {
  (0..<count).map { _ in rng.nextGaussian() * scale }
}
let datasetOf: [Int] = {
  var out: [Int] = []
  for (d, size) in datasetSizes.enumerated() { out += Array(repeating: d, count: size) }
  return Array(out.prefix(n)) + Array(repeating: datasetSizes.count - 1, count: max(0, n - out.count))
}()
let nd = datasetSizes.count
let centerT = (0..<nd).map { _ in gaussians(textWidth, &g, scale: 0.5) }
let centerI = (0..<nd).map { _ in gaussians(imageWidth, &g, scale: 0.5) }
let eta = (0..<nd).map { _ in gaussians(latent, &g) }
let projT = gaussians(latent * textWidth, &g, scale: 1 / Double(latent).squareRoot())
let projI = gaussians(latent * imageWidth, &g, scale: 1 / Double(latent).squareRoot())
let priceRank: [Int] = {
  let order = (0..<k).sorted { catalog.models[$0].price.outputPerMillion < catalog.models[$1].price.outputPerMillion }
  var r = [Int](repeating: 0, count: k)
  for (pos, m) in order.enumerated() { r[m] = pos }
  return r
}()
let skill = (0..<k).map { _ in gaussians(latent, &g, scale: 0.7) }
let base = (0..<k).map { -0.5 + 2.0 * Double(priceRank[$0]) / Double(k - 1) + g.nextGaussian() * 0.3 }
let effect = (0..<nd).map { _ in gaussians(k, &g, scale: 0.5) }
let verbosity = (0..<k).map { _ in log(20 + 280 * g.nextUnit()) }

var text = [Float](repeating: 0, count: n * textWidth)
var image = [Float](repeating: 0, count: n * imageWidth)
var quality = [Float](repeating: 0, count: n * k)
var cost = [Double](repeating: 0, count: n * k)
var inputTokens = [Int32](repeating: 0, count: n)
for i in 0..<n {
  let d = datasetOf[i]
  let u = (0..<latent).map { eta[d][$0] + g.nextGaussian() }
  for j in 0..<textWidth {
    var s = centerT[d][j] + g.nextGaussian() * 0.8
    for l in 0..<latent { s += u[l] * projT[l * textWidth + j] }
    text[i * textWidth + j] = Float(s)
  }
  for j in 0..<imageWidth {
    var s = centerI[d][j] + g.nextGaussian() * 0.8
    for l in 0..<latent { s += u[l] * projI[l * imageWidth + j] }
    image[i * imageWidth + j] = Float(s)
  }
  let tokensIn = 256 + Int(exp(4.5 + 0.7 * g.nextGaussian()).rounded())
  inputTokens[i] = Int32(tokensIn)
  for m in 0..<k {
    var logit = base[m] + effect[d][m]
    for l in 0..<latent { logit += skill[m][l] * u[l] / Double(latent).squareRoot() }
    quality[i * k + m] = g.nextUnit() < 1 / (1 + exp(-logit)) ? 1 : 0
    let tokensOut = exp(verbosity[m] + 0.5 * g.nextGaussian()).rounded()
    cost[i * k + m] = catalog.models[m].price.cost(inputTokens: Double(tokensIn), outputTokens: tokensOut)
  }
}
let fused = FusionMethod.normalizeConcat.fuse(text: Matrix(rows: n, columns: textWidth, values: text),
                                              image: Matrix(rows: n, columns: imageWidth, values: image))
var order = Array(0..<n)
var splitRNG = g.derived("split")
order.seededShuffle(using: &splitRNG)
let nTrain = Int(0.7 * Double(n)), nDev = Int(0.1 * Double(n))
let trainRows = order[0..<nTrain].sorted(), devRows = order[nTrain..<(nTrain + nDev)].sorted()
let testRows = order[(nTrain + nDev)...].sorted()
let benchmark = Benchmark(
  name: "synthetic-speed", datasets: catalog.datasets.map(\.info), models: catalog.models.map(\.info),
  sampleIDs: (0..<n).map { "S/\($0)" }, sampleDataset: datasetOf.map { Int32($0) }, inputTokens: inputTokens,
  quality: Matrix(rows: n, columns: k, values: quality), cost: Matrix(rows: n, columns: k, values: cost),
  splits: [.train: trainRows, .dev: devRows, .test: testRows])
say("OpenBLAS threads: \(BLAS.threadCount)")
say("data: \(n) rows (\(trainRows.count)/\(devRows.count)/\(testRows.count)), \(k) models, \(fused.columns) features")

// MARK: .npy output

func npy(_ name: String, descr: String, shape: [Int], bytes: Data) throws {
  let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
  let unpadded = 10 + header.utf8.count + 1
  header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
  var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
  let len = UInt16(header.utf8.count)
  data.append(contentsOf: [UInt8(len & 0xFF), UInt8(len >> 8)])
  data.append(header.data(using: .ascii)!)
  data.append(bytes)
  try data.write(to: URL(fileURLWithPath: outDir + "/" + name))
}
func raw<T>(_ a: [T]) -> Data { a.withUnsafeBytes { Data($0) } }
try npy("X.npy", descr: "<f4", shape: [n, fused.columns], bytes: raw(fused.values))
try npy("Y.npy", descr: "|i1", shape: [n, k], bytes: raw(quality.map { Int8($0) }))
try npy("C.npy", descr: "<f8", shape: [n, k], bytes: raw(cost))
try npy("train.npy", descr: "<i8", shape: [trainRows.count], bytes: raw(trainRows.map { Int64($0) }))
try npy("dev.npy", descr: "<i8", shape: [devRows.count], bytes: raw(devRows.map { Int64($0) }))
try npy("test.npy", descr: "<i8", shape: [testRows.count], bytes: raw(testRows.map { Int64($0) }))

// MARK: sgemm peak

let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
let big = quick ? 1024 : 4096
let pa = Matrix<Float>(rows: big, columns: big, values: (0..<(big * big)).map { Float($0 % 7) * 0.1 })
var pc = Matrix<Float>(rows: big, columns: big, repeating: 0)
BLAS.gemm(pa, pa, into: &pc)  // warm-up
/// Best of three big products. Called before and after the sweep: other jobs on a shared machine make single
/// measurements unreliable, and the share of peak below uses the larger value.
func measurePeak() -> Double {
  var best = 0.0
  for _ in 0..<3 {
    let t = clock.measure { BLAS.gemm(pa, pa, into: &pc) }
    best = max(best, BLAS.gemmFlops(m: big, n: big, k: big) / seconds(t) / 1e9)
  }
  return best
}
func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "?"
}
let peakBefore = measurePeak()
say(String(format: "sgemm peak before the sweep (%d³, best of 3): %.1f GFLOP/s; load average %@", big, peakBefore,
           loadAverage() as NSString))

// MARK: Sweep

let data = TrainingData(benchmark: benchmark, trainRows: trainRows, devRows: devRows, features: fused)
let routed = RoutingInputs(benchmark: benchmark, rows: devRows + testRows, features: fused)
let bounds = benchmark.costBounds
let lambdas: [Double] = lambdaOverride ?? [0, 10, 100, 1000, 10000, .infinity]
let seeds: [UInt64] = quick ? [1] : [1, 2, 3, 4, 5]

struct Run: Codable {
  var router: String
  var lambda: String
  var seed: UInt64
  var fitSeconds: Double
  var scoreSeconds: Double
  var epochs: Int
  var bestEpoch: Int
  var testRankScore: Double
  var testAccuracy: Double
}
var runs: [Run] = []

func runOnce<R: Router>(_ router: R, lambda: Double, seed: UInt64) throws -> (Run, R) {
  var r = router
  var rng = SplitMix64(seed: seed)
  let objective = Objective(lambda: lambda)
  let tf = try clock.measure { try r.fit(data, objective: objective, using: &rng) }
  var decisions: [Int] = []
  let ts = try clock.measure { decisions = try r.route(routed) }
  let testDecisions = Array(decisions[devRows.count...])
  let e = Evaluation(benchmark: benchmark, rows: testRows, decisions: testDecisions).overall
  let config = r.fitReport
  let run = Run(router: R.name, lambda: Lambda(lambda)?.label ?? "?", seed: seed, fitSeconds: seconds(tf),
                scoreSeconds: seconds(ts), epochs: Int(config["epochs_run"] ?? "0") ?? 0,
                bestEpoch: Int(config["best_epoch"] ?? "0") ?? 0,
                testRankScore: RankScore(bounds: bounds).score(accuracy: e.accuracy, cost: e.averageCost),
                testAccuracy: e.accuracy)
  say(String(format: "%-8@ λ=%-5@ seed=%llu fit %7.3fs score %6.3fs epochs %2d  test acc %.4f rank %.4f",
             R.name as NSString, run.lambda as NSString, seed, run.fitSeconds, run.scoreSeconds, run.epochs,
             run.testAccuracy, run.testRankScore))
  if let it = config["iterations"] { say("  iterations: \(it) rounds: \(config["evaluation_rounds"] ?? "")") }
  return (run, r)
}

func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }
let total = try clock.measure {
  if wanted(KNNRouter.name) { runs.append(try runOnce(KNNRouter(), lambda: 0, seed: 0).0) }
  if wanted(PRkNNRouter.name) { runs.append(try runOnce(PRkNNRouter(), lambda: 0, seed: 0).0) }
  if wanted(OVRRouter.name) { runs.append(try runOnce(OVRRouter(), lambda: 0, seed: 0).0) }
  if wanted(KMeansRouter.name) { runs.append(try runOnce(KMeansRouter(), lambda: 0, seed: 0).0) }
  for lambda in lambdas where wanted(LinearRouter.name) {
    for seed in seeds { runs.append(try runOnce(LinearRouter(), lambda: lambda, seed: seed).0) }
  }
  for lambda in lambdas where wanted(MLPRouter.name) {
    for seed in seeds { runs.append(try runOnce(MLPRouter(hidden: hidden), lambda: lambda, seed: seed).0) }
  }
}

// MARK: MLP sgemm throughput

let peakAfter = measurePeak()
let peak = max(peakBefore, peakAfter)
say(String(format: "sgemm peak after the sweep: %.1f GFLOP/s; load average %@", peakAfter, loadAverage() as NSString))

let probe = Network.mlp(inputWidth: fused.columns, hidden: hidden, outputs: k, using: &g)
let trainKept = trainRows.filter { i in (0..<k).contains { benchmark.isCorrect(i, $0) } }.count
let forwardTrain = probe.forwardFlops(rows: trainKept)
let firstLayer = BLAS.gemmFlops(m: trainKept, n: hidden.first ?? k, k: fused.columns)
// backward: dW for every layer (= forward flops) + dX for every layer but the first.
let epochFlops = forwardTrain + (2 * forwardTrain - firstLayer) + probe.forwardFlops(rows: devRows.count)
let mlpRuns = runs.filter { $0.router == MLPRouter.name }
let mlpFlops = mlpRuns.reduce(0.0) { $0 + Double($1.epochs) * epochFlops }
let mlpSeconds = mlpRuns.reduce(0.0) { $0 + $1.fitSeconds }
let mlpGflops = mlpSeconds > 0 ? mlpFlops / mlpSeconds / 1e9 : 0

var byRouter: [String: Double] = [:]
for r in runs { byRouter[r.router, default: 0] += r.fitSeconds + r.scoreSeconds }
say("")
for name in ["KNN", "PRkNN", "OVR", "K-means", "Linear", "MLP"] {
  say(String(format: "%-8@ %8.2f s", name as NSString, byRouter[name] ?? 0))
}
say(String(format: "TOTAL    %8.2f s  (%d runs)", seconds(total), runs.count))
say(String(format: "MLP training: %.1f GFLOP/s in sgemm-bound work = %.0f%% of the %.1f GFLOP/s peak (hidden %@)",
           mlpGflops, 100 * mlpGflops / peak, peak, hidden.map(String.init).joined(separator: ",") as NSString))

struct Summary: Codable {
  var rows: Int
  var features: Int
  var models: Int
  var hidden: [Int]
  var peakGflops: Double
  var mlpGflops: Double
  var totalSeconds: Double
  var secondsByRouter: [String: Double]
  var runs: [Run]
}
let summary = Summary(rows: n, features: fused.columns, models: k, hidden: hidden, peakGflops: peak,
                      mlpGflops: mlpGflops, totalSeconds: seconds(total), secondsByRouter: byRouter, runs: runs)
let enc = JSONEncoder()
enc.outputFormatting = [.prettyPrinted, .sortedKeys]
try enc.encode(summary).write(to: URL(fileURLWithPath: outDir + "/timings.json"))
