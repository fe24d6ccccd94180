// Training throughput of the four end-to-end routers (CosineCls, RouterDC, ZOOTER, VLC) at their default settings
// (the `e2e-speed` executable of the benchmarks package; run by benchmarks/e2e/run.sh).
//
// 1. The machine's sgemm peak on the BLAS threads the training uses (one by default, as every run of a sweep):
//    one 2048³ cblas_sgemm, best of 3, before and after the timed work; the share of peak uses the larger value.
//    Beside it, the rate of the towers' most common product shape on its own (B·L × 3H × H at width 64: the
//    Q/K/V projection of one batch), to show what a width-64 product reaches.
// 2. A benchmark with the full-scale simulated benchmark's shapes, seeded: `--rows` training rows (default 20,440,
//    the simulated benchmark's training split) × 17 models; text = 384-d token vectors (MiniLM's width) with the
//    simulated prompts' WordPiece lengths: 20 % truncated at 32, the rest uniform in 4…24 (mean 17.6 tokens; the
//    simulated benchmark: 17.53 with 20 % truncated); image = the 16 × 32 `patches` grid, every row with an image.
//    Values are Gaussian: speed does not depend on them.
// 3. Each router fits `--epochs` epochs (default 1) at its defaults otherwise (dual stream for CosineCls, RouterDC
//    and VLC, text for ZOOTER; width 64, 4 heads, FFN 128, batch 64, dropout 0.1), with no dev rows, so the timed
//    loop is training alone (no dev scoring): samples/s and GFLOP/s from the router's fit report
//    (`train_seconds`, `train_gflop`: forward + backward matrix products counted from the shapes,
//    `Backbone.trainingFlops`, formula in docs/end-to-end.md) and the share of the sgemm peak.
// 4. Each router twice, alternating, in the same run (same load): with the attention products of the 16-wide
//    heads in Learning's own loops (`AttentionKernel.smallHeadLimit` 32) and with one cblas_sgemm per (sequence,
//    head) and product (limit 0, the default: the loops measured slower for three of the four routers).
//
// Usage: e2e-speed [--rows 20440] [--epochs 1] [--threads 1] [--routers CosineCls,RouterDC,ZOOTER,VLC]
//                  [--kernels loops,sgemm] [--json FILE]
import BenchCore
import BenchmarkSupport
import Foundation
@_spi(Benchmarks) import Learning
import Routers

var args = Array(CommandLine.arguments.dropFirst())
var trainRows = 20_440, epochs = 1, threads = 1
var routerNames = ["CosineCls", "RouterDC", "ZOOTER", "VLC"]
var kernels = ["loops", "sgemm"]
var jsonPath: String?
while !args.isEmpty {
  let a = args.removeFirst()
  guard !args.isEmpty else { break }
  switch a {
  case "--rows": trainRows = Int(args.removeFirst()) ?? trainRows
  case "--epochs": epochs = Int(args.removeFirst()) ?? epochs
  case "--threads": threads = Int(args.removeFirst()) ?? threads
  case "--routers": routerNames = args.removeFirst().split(separator: ",").map(String.init)
  case "--json": jsonPath = args.removeFirst()
  case "--kernels": kernels = args.removeFirst().split(separator: ",").map(String.init)
  default: break
  }
}
BLAS.setThreadCount(threads)
func say(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
say("OpenBLAS \(BLAS.coreName), \(BLAS.threadCount) threads; load average \(loadAverage())")

// MARK: sgemm peak

let peakProbe = SgemmPeak(size: 2048)
let peakBefore = peakProbe.measure(repeats: 3)

// The Q/K/V projection of one dual-stream text batch: (64·20 × 64) · (192 × 64)ᵀ.
let qkvRows = 64 * 20
let qx = Matrix<Float>(rows: qkvRows, columns: 64, values: (0..<(qkvRows * 64)).map { Float($0 % 13) * 0.01 })
let qw = Matrix<Float>(rows: 192, columns: 64, values: (0..<(192 * 64)).map { Float($0 % 11) * 0.01 })
var qy = Matrix<Float>(rows: qkvRows, columns: 192, repeating: 0)
BLAS.gemm(qx, qw, transposeB: true, into: &qy)
var qkvRate = 0.0
let clock = ContinuousClock()
for _ in 0..<20 {
  let t = clock.measure { for _ in 0..<10 { BLAS.gemm(qx, qw, transposeB: true, into: &qy) } }.seconds / 10
  qkvRate = max(qkvRate, BLAS.gemmFlops(m: qkvRows, n: 192, k: 64) / t / 1e9)
}

// MARK: The benchmark

let k = 17, textWidth = 384, imageTokens = 16, imageWidth = 32
let n = trainRows + 1
var g = SplitMix64(seed: 20_261_201)
var offsets = [0]
offsets.reserveCapacity(n + 1)
for _ in 0..<n {
  let length = g.nextUnit() < 0.2 ? 32 : 4 + Int(g.next() % 21)
  offsets.append(offsets.last! + length)
}
let vectors = (0..<(offsets.last! * textWidth)).map { _ in Float(g.nextGaussian()) }
let text = TextTokens(request: TextRequest(source: .minilmStates, maxTokens: 32), width: textWidth, offsets: offsets,
                      vectors: vectors)
let image = Matrix<Float>(rows: n, columns: imageTokens * imageWidth,
                          values: (0..<(n * imageTokens * imageWidth)).map { _ in Float(g.nextGaussian()) })
let quality = (0..<(n * k)).map { _ in Float(g.nextUnit() < 0.6 ? 1 : 0) }
let cost = (0..<(n * k)).map { j in 1e-4 * Double(1 + j % k) }
let train = Array(0..<trainRows), test = [trainRows]
let benchmark = Benchmark(
  name: "e2e-speed", datasets: [DatasetInfo(name: "A", displayName: "A", group: .general, answerType: .multipleChoice)],
  models: (0..<k).map { ModelInfo(name: "m\($0)", displayName: "m\($0)") },
  sampleIDs: (0..<n).map { "A/\($0)" }, sampleDataset: [Int32](repeating: 0, count: n),
  inputTokens: [Int32](repeating: 100, count: n), quality: Matrix(rows: n, columns: k, values: quality),
  cost: Matrix(rows: n, columns: k, values: cost), splits: [.train: train, .dev: [], .test: test])
let data = TrainingData(benchmark: benchmark.hidingLabels(of: test), trainRows: train, devRows: [],
                        features: image, costBounds: benchmark.costBounds, text: text)
say(String(format: "benchmark: %d training rows × %d models, %d text tokens (%.2f per row), %d × %d image tokens",
           trainRows, k, offsets[trainRows], Double(offsets[trainRows]) / Double(trainRows), imageTokens, imageWidth))

struct RouterResult: Codable {
  var router: String
  /// "loops" (the 16-wide heads' own kernels) or "sgemm" (one BLAS call per sequence, head and product).
  var attention: String
  var backbone: String
  var parameters: Int
  var rows: Int
  var epochs: Int
  var fitWallSeconds: Double
  var trainSeconds: Double
  var trainCPUSeconds: Double
  var trainGflop: Double
  var samplesPerSecond: Double
  var gflopsPerSecond: Double
  var shareOfPeak: Double
}

@MainActor func fit<R: Router>(_ router: R) throws -> (seconds: Double, report: [String: String]) {
  var r = router
  var rng = SplitMix64(seed: 1)
  let t = try clock.measure { try r.fit(data, objective: Objective(lambda: 100, costScale: 100), using: &rng) }
  return (t.seconds, r.fitReport)
}

/// Fits router `name` at its defaults with `epochs` epochs.
@MainActor func fitRouter(_ name: String) throws -> (seconds: Double, report: [String: String]) {
  switch name {
  case "CosineCls":
    var c = CosineClsRouter.Configuration()
    c.settings.maxEpochs = epochs
    return try fit(try CosineClsRouter(configuration: c))
  case "RouterDC":
    var c = RouterDCRouter.Configuration()
    c.settings.maxEpochs = epochs
    return try fit(try RouterDCRouter(configuration: c))
  case "ZOOTER":
    var c = ZooterRouter.Configuration()
    c.settings.maxEpochs = epochs
    return try fit(try ZooterRouter(configuration: c))
  case "VLC":
    var c = VLCRouter.Configuration()
    c.settings.maxEpochs = epochs
    return try fit(try VLCRouter(configuration: c))
  default:
    say("unknown router \(name) (CosineCls, RouterDC, ZOOTER, VLC)")
    exit(64)
  }
}

var measured: [(String, String, Double, [String: String])] = []
for name in routerNames {
  for kernel in kernels {
    AttentionKernel.smallHeadLimit = kernel == "loops" ? 32 : 0
    let result = try fitRouter(name)
    measured.append((name, kernel, result.seconds, result.report))
    say("\(name), attention \(kernel): \(result.report["train_samples_per_second"] ?? "?") samples/s, "
      + "\(result.report["train_gflops_per_second"] ?? "?") GFLOP/s; load average \(loadAverage())")
  }
}
AttentionKernel.smallHeadLimit = 0

let peakAfter = peakProbe.measure(repeats: 3)
let peak = max(peakBefore, peakAfter)
say(String(format: "sgemm peak (2048³, %d thread(s), best of 3): %.1f GFLOP/s before, %.1f after; "
  + "Q/K/V-shaped product (%d×192×64): %.1f GFLOP/s", threads, peakBefore, peakAfter, qkvRows, qkvRate))

var results: [RouterResult] = []
for (name, kernel, wall, r) in measured {
  func number(_ key: String) -> Double {
    guard let v = r[key].flatMap(Double.init) else { preconditionFailure("\(name): fit report has no \(key)") }
    return v
  }
  let seconds = number("train_seconds"), gflop = number("train_gflop")
  let rows = Int(number("train_rows")), runEpochs = Int(number("epochs_run"))
  precondition(runEpochs == epochs, "\(name) ran \(runEpochs) epochs, asked \(epochs)")
  let rate = gflop / seconds
  results.append(RouterResult(router: name, attention: kernel, backbone: r["backbone"] ?? "?", parameters: Int(number("parameters")),
                              rows: rows, epochs: runEpochs, fitWallSeconds: wall, trainSeconds: seconds,
                              trainCPUSeconds: number("train_cpu_seconds"), trainGflop: gflop,
                              samplesPerSecond: Double(rows * runEpochs) / seconds, gflopsPerSecond: rate,
                              shareOfPeak: rate / peak))
}
say("| router | backbone | attention | rows × epochs | train s | CPU s | samples/s | GFLOP | GFLOP/s | % of peak |")
say("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in results {
  say(String(format: "| %@ | %@ | %@ | %d × %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f %% |", r.router as NSString,
             r.backbone as NSString, r.attention as NSString, r.rows, r.epochs, r.trainSeconds, r.trainCPUSeconds,
             r.samplesPerSecond, r.trainGflop, r.gflopsPerSecond, 100 * r.shareOfPeak))
}
say("load average after: \(loadAverage())")

struct Summary: Codable {
  var blasKernel: String
  var blasThreads: Int
  var sgemmPeakGflops: Double
  var qkvShapedGemmGflops: Double
  var routers: [RouterResult]
}
let summary = Summary(blasKernel: BLAS.coreName, blasThreads: BLAS.threadCount, sgemmPeakGflops: peak,
                      qkvShapedGemmGflops: qkvRate, routers: results)
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = try encoder.encode(summary)
if let jsonPath { try json.write(to: URL(fileURLWithPath: jsonPath)) }
print(String(decoding: json, as: UTF8.self))
