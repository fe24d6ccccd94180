// WordPiece tokenizer throughput (Encoders.WordPieceTokenizer, all-MiniLM-L6-v2's vocabulary), release build, one
// core: prompts/s, MB/s and tokens/s over a prompts file, best of several passes. Prints one JSON line.
//   swift run -c release --package-path benchmarks wordpiece-speed PROMPTS.jsonl [--passes 5] [--model DIR]
// PROMPTS is JSONL with a "prompt" field (scripts/fixtures/dump_real_log_prompts.sh writes one) or plain text, one
// prompt a line. The PyTorch/Hugging Face side: benchmarks/encoders/pytorch_minilm.py prints BertTokenizerFast's
// tokens/s on the same file.
import Encoders
import Foundation

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  defer { args.removeSubrange(i...(i + 1)) }
  return args[i + 1]
}
let passes = Int(option("--passes") ?? "5") ?? 5
let model = URL(fileURLWithPath: option("--model") ?? MiniLMFiles.defaultDirectory(
  repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent()).path)
guard let path = args.first else {
  FileHandle.standardError.write(Data("usage: wordpiece-speed PROMPTS.jsonl [--passes N] [--model DIR]\n".utf8))
  exit(64)
}
let text = try String(contentsOfFile: path, encoding: .utf8)
let prompts: [String] = text.split(separator: "\n").map { line in
  if path.hasSuffix(".jsonl"), let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
     let p = o["prompt"] as? String { return p }
  return String(line)
}
let tokenizer = try WordPieceTokenizer(vocabularyFile: model.appendingPathComponent("vocab.txt"))
let bytes = prompts.reduce(0) { $0 + $1.utf8.count }
var best = Double.infinity
var tokens = 0
for _ in 0..<passes {
  let t0 = DispatchTime.now().uptimeNanoseconds
  var n = 0
  for p in prompts { n += tokenizer.encode(p, maxLength: .max).ids.count }
  let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
  best = min(best, s)
  tokens = n
}
print("{\"prompts\": \(prompts.count), \"bytes\": \(bytes), \"tokens\": \(tokens), \"seconds\": \(best), "
  + "\"prompts_per_s\": \(Int(Double(prompts.count) / best)), \"mb_per_s\": \(Double(bytes) / best / 1e6), "
  + "\"tokens_per_s\": \(Int(Double(tokens) / best))}")
