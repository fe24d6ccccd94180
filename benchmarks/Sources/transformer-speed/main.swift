// Speed of the Learning module's transformer blocks on a MiniLM-L6-shaped encoder (the `transformer-speed`
// executable of the benchmarks package; run by benchmarks/transformer/run.sh).
//
// 1. The machine's sgemm peak: one 4096³ cblas_sgemm, best of 3, before and after the timed work (a shared machine
//    makes single measurements unreliable; the share of peak uses the larger value), and the rate of the model's
//    largest product shape (B·L × 1536 × 384) on its own.
// 2. Inference: `TransformerEncoder.encode` of a batch of 64 sequences × 64 tokens through 6 layers of width 384,
//    12 heads, FFN 1536 (random weights, every token real), best of N runs: tokens/s and GFLOP/s of the matrix
//    products (TransformerConfiguration.forwardFlops; embeddings and element-wise work are not counted).
// 3. Training the top two layers from cached layer-4 states (what an end-to-end router fine-tunes): forward with
//    the cache, dropout 0.1, plus backward; GFLOP/s counts forward + 2 × forward for the backward products.
//
// Usage: transformer-speed [--batch 64] [--length 64] [--runs 5] [--threads N] [--json FILE]
import BenchCore
import BenchmarkSupport
import Foundation
import Learning

var args = Array(CommandLine.arguments.dropFirst())
var batch = 64, length = 64, runs = 5
var jsonPath: String?
while !args.isEmpty {
  let a = args.removeFirst()
  guard !args.isEmpty else { break }
  switch a {
  case "--batch": batch = Int(args.removeFirst()) ?? batch
  case "--length": length = Int(args.removeFirst()) ?? length
  case "--runs": runs = Int(args.removeFirst()) ?? runs
  case "--threads": BLAS.setThreadCount(Int(args.removeFirst()) ?? 1)
  case "--json": jsonPath = args.removeFirst()
  default: break
  }
}

func say(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
let clock = ContinuousClock()
func time(_ body: () throws -> Void) rethrows -> Double { try clock.measure(body).seconds }
say("OpenBLAS \(BLAS.coreName), \(BLAS.threadCount) threads; load average \(loadAverage())")

// MARK: sgemm peak

let peakProbe = SgemmPeak(size: 4096)
@MainActor func measurePeak() -> Double { peakProbe.measure(repeats: 3) }
let peakBefore = measurePeak()

// The FFN's first product: (B·L × 384) · (1536 × 384)ᵀ, as the encoder calls it (transposeB).
let rows = batch * length
let fx = Matrix<Float>(rows: rows, columns: 384, values: (0..<(rows * 384)).map { Float($0 % 13) * 0.01 })
let fw = Matrix<Float>(rows: 1536, columns: 384, values: (0..<(1536 * 384)).map { Float($0 % 11) * 0.01 })
var fy = Matrix<Float>(rows: rows, columns: 1536, repeating: 0)
BLAS.gemm(fx, fw, transposeB: true, into: &fy)
var ffnRate = 0.0
for _ in 0..<5 {
  let t = time { BLAS.gemm(fx, fw, transposeB: true, into: &fy) }
  ffnRate = max(ffnRate, BLAS.gemmFlops(m: rows, n: 1536, k: 384) / t / 1e9)
}

// MARK: Inference

var g = SplitMix64(seed: 20_260_101)
let configuration = TransformerConfiguration.minilmL6
let encoder = try TransformerEncoder(configuration: configuration, using: &g)
let sequences = (0..<batch).map { _ in (0..<length).map { _ in Int32(g.next() % 30_522) } }
let input = try EncoderInput(sequences: sequences)
var sink: Float = 0
sink += try encoder.encode(input).values[0]  // warm-up
var best = Double.infinity
for _ in 0..<runs {
  let t = try time { sink += try encoder.encode(input).values[0] }
  best = min(best, t)
}
let flops = configuration.forwardFlops(batch: batch, length: length)
let tokens = Double(batch * length)

// MARK: Training the top two layers from cached states

let lower = try encoder.encode(input, layers: 4)
var gradient: [Float] = []
var dOut = Matrix<Float>(rows: rows, columns: 384, repeating: 0)
for j in dOut.values.indices { dOut.values[j] = Float(g.nextGaussian()) * 1e-3 }
var bestTrain = Double.infinity
var dropout = SplitMix64(seed: 1)
for _ in 0..<max(2, runs / 2) {
  let t = try time {
    let (_, cache) = try encoder.forward(fromLayer: 4, hidden: lower, mask: input.mask, dropoutUsing: &dropout)
    let grads = encoder.backward(cache, dOutput: dOut, gradient: &gradient,
                                 trainable: [encoder.parameterRange(layers: 4..<6)])
    sink += grads.hidden.values[0]
  }
  bestTrain = min(bestTrain, t)
}
let twoLayerFlops = flops / 3  // 2 of 6 identical layers
let trainFlops = 3 * twoLayerFlops

let peakAfter = measurePeak()
let peak = max(peakBefore, peakAfter)
say(String(format: "sgemm peak (4096³, best of 3): %.1f GFLOP/s before, %.1f after; FFN-shaped product "
  + "(%d×1536×384): %.1f GFLOP/s", peakBefore, peakAfter, rows, ffnRate))
say(String(format: "encode, MiniLM-L6 shape, %d × %d tokens: %.3f s = %.0f tokens/s, %.1f GFLOP/s = %.0f%% of peak",
           batch, length, best, tokens / best, flops / best / 1e9, 100 * flops / best / 1e9 / peak))
say(String(format: "train top 2 layers from cached states (forward + backward, dropout 0.1): %.3f s = %.0f "
  + "sequences/s, %.1f GFLOP/s = %.0f%% of peak", bestTrain, Double(batch) / bestTrain,
           trainFlops / bestTrain / 1e9, 100 * trainFlops / bestTrain / 1e9 / peak))
say("load average after: \(loadAverage())  (checksum \(sink.isFinite ? "finite" : "NaN"))")

struct Summary: Codable {
  var blasKernel: String
  var blasThreads: Int
  var batch: Int
  var length: Int
  var sgemmPeakGflops: Double
  var ffnShapedGemmGflops: Double
  var encodeSeconds: Double
  var encodeTokensPerSecond: Double
  var encodeGflops: Double
  var encodeShareOfPeak: Double
  var trainTopTwoSeconds: Double
  var trainTopTwoGflops: Double
}
let summary = Summary(blasKernel: BLAS.coreName, blasThreads: BLAS.threadCount, batch: batch, length: length,
                      sgemmPeakGflops: peak, ffnShapedGemmGflops: ffnRate, encodeSeconds: best,
                      encodeTokensPerSecond: tokens / best, encodeGflops: flops / best / 1e9,
                      encodeShareOfPeak: flops / best / 1e9 / peak, trainTopTwoSeconds: bestTrain,
                      trainTopTwoGflops: trainFlops / bestTrain / 1e9)
let encoderJSON = JSONEncoder()
encoderJSON.outputFormatting = [.prettyPrinted, .sortedKeys]
let data = try encoderJSON.encode(summary)
if let jsonPath { try data.write(to: URL(fileURLWithPath: jsonPath)) }
print(String(decoding: data, as: UTF8.self))
