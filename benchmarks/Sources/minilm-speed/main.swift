// `minilm-l6` embedding throughput (Encoders.MiniLMEncoder: the real all-MiniLM-L6-v2 weights), release build, on a
// prompts file, with the batching of `features embed` (prompts sorted by untruncated token count, then file order;
// consecutive batches of --batch; truncation to --max-tokens). Prints one JSON line.
//   minilm-speed PROMPTS.jsonl [--batch 64] [--max-tokens 256] [--passes 3] [--model DIR]
// Timed, as benchmarks/encoders/pytorch_minilm.py times PyTorch: the forward pass, mean pooling and L2
// normalisation per batch; tokenisation is excluded (done before the clock starts). Tokens = the batches' real
// (unpadded) tokens, [CLS] and [SEP] included. GFLOP/s (and its share of the sgemm peak measured in the same run) counts the padded batches' matrix products
// (`TransformerConfiguration.forwardFlops`), the work actually done. benchmarks/encoders/run.sh runs both sides.
import BenchCore
import Encoders
import Foundation
import Learning

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  defer { args.removeSubrange(i...(i + 1)) }
  return args[i + 1]
}
let batchSize = Int(option("--batch") ?? "64") ?? 64
let maxTokens = Int(option("--max-tokens") ?? "256") ?? 256
let passes = Int(option("--passes") ?? "3") ?? 3
let model = option("--model").map { URL(fileURLWithPath: $0) } ?? MiniLMFiles.locate()
guard let path = args.first else {
  FileHandle.standardError.write(Data("usage: minilm-speed PROMPTS.jsonl [--batch 64] [--max-tokens 256] [--passes 3] [--model DIR]\n".utf8))
  exit(64)
}
let text = try String(contentsOfFile: path, encoding: .utf8)
let prompts: [String] = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }.map { line in
  if path.hasSuffix(".jsonl"), let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
     let p = o["prompt"] as? String { return p }
  return String(line)
}
let encoder = try MiniLMEncoder(files: MiniLMFiles(directory: model), maxTokens: maxTokens)
let order = prompts.indices.sorted {
  let a = encoder.tokenCount(prompts[$0]), b = encoder.tokenCount(prompts[$1])
  return a != b ? a < b : $0 < $1
}
// Tokenised once, outside the clock.
let t0 = DispatchTime.now().uptimeNanoseconds
let batches: [(input: EncoderInput, tokens: Int)] = try stride(from: 0, to: order.count, by: batchSize).map { start in
  let texts = order[start..<min(start + batchSize, order.count)].map { prompts[$0] }
  let b = encoder.tokenizer.batch(texts, maxLength: maxTokens)
  let mask = SequenceMask(lengths: b.lengths, length: b.length)
  return (try EncoderInput(tokens: b.ids, mask: mask), b.lengths.reduce(0, +))
}
let tokenizeSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
let tokens = batches.reduce(0) { $0 + $1.tokens }
let padded = batches.reduce(0) { $0 + $1.input.batchSize * $1.input.length }
let flops = batches.reduce(0.0) {
  $0 + encoder.model.configuration.forwardFlops(batch: $1.input.batchSize, length: $1.input.length)
}
// The machine's sgemm peak in the same run: one 4096³ product, best of 3, before and after the timed passes.
let big = 4096
let pa = Matrix<Float>(rows: big, columns: big, values: (0..<(big * big)).map { Float($0 % 7) * 0.1 })
var pc = Matrix<Float>(rows: big, columns: big, repeating: 0)
@MainActor func measurePeak() -> Double {
  var fastest = 0.0
  for _ in 0..<3 {
    let t = DispatchTime.now().uptimeNanoseconds
    BLAS.gemm(pa, pa, into: &pc)
    let s = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
    fastest = max(fastest, BLAS.gemmFlops(m: big, n: big, k: big) / s / 1e9)
  }
  return fastest
}
var peak = measurePeak()
var best = Double.infinity
var checksum: Float = 0
for _ in 0..<passes {
  let start = DispatchTime.now().uptimeNanoseconds
  for b in batches {
    let hidden = try encoder.model.encode(b.input)
    let v = L2Normalization.forward(Pooling.mean(hidden, mask: b.input.mask)).normalized
    checksum += v.values[0]
  }
  best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
peak = max(peak, measurePeak())
print("{\"side\": \"swift\", \"prompts\": \(prompts.count), \"batch\": \(batchSize), \"tokens\": \(tokens), "
  + "\"padded_tokens\": \(padded), \"blas_core\": \"\(BLAS.coreName)\", \"seconds\": \(best), "
  + "\"tokens_per_s\": \(Int(Double(tokens) / best)), \"gflops\": \(flops / best / 1e9), "
  + "\"sgemm_peak_gflops\": \(peak), \"share_of_peak\": \(flops / best / 1e9 / peak), "
  + "\"tokenize_seconds\": \(tokenizeSeconds), \"checksum_finite\": \(checksum.isFinite)}")
