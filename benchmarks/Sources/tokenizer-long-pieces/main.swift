// cl100k tokenizer speed on hostile, space-free input (issue 14): one pre-tokenised piece as long as the whole
// text, which the textbook merge loop handles in quadratic time. Prints one JSON line per (kind, size).
// Usage: tokenizer-long-pieces [sizes in bytes, default 65536 1048576 104857600] [--kinds letters,a,digits,spaces]
//   letters: seeded random a–z (one piece)     a: "aaaa…" (one piece)
//   digits:  0–9 (pre-tokenised into groups of 3)   spaces: U+0020 only (one whitespace piece)
// Needs the vocabulary (make vocab, or ROUTERBENCH_TIKTOKEN). Run by benchmarks/tokenizer/run.sh.
import Foundation
import LogImport

var sizes: [Int] = []
var kinds = ["letters", "a", "digits", "spaces"]
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
  if a == "--kinds", let k = args.popFirst() { kinds = k.split(separator: ",").map(String.init) }
  else if let n = Int(a) { sizes.append(n) }
}
if sizes.isEmpty { sizes = [65_536, 1_048_576, 104_857_600] }

let tok = try CL100KTokenizer()
let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func text(_ kind: String, _ n: Int) -> String {
  var bytes = [UInt8](repeating: 0, count: n)
  var state: UInt64 = 0x1234_5678
  for i in 0..<n {
    switch kind {
    case "a": bytes[i] = 0x61
    case "digits": bytes[i] = 0x30 + UInt8(i % 10)
    case "spaces": bytes[i] = 0x20
    default:
      state = state &* 6364136223846793005 &+ 1442695040888963407
      bytes[i] = 0x61 + UInt8((state >> 33) % 26)
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

for kind in kinds {
  for n in sizes {
    let s = text(kind, n)
    // Best of 3 below 10 MB, one run above (each run is seconds).
    let runs = n <= 10_000_000 ? 3 : 1
    var best = Double.infinity
    var tokens = 0
    for _ in 0..<runs {
      let d = clock.measure { tokens = tok.count(s) }
      best = min(best, seconds(d))
    }
    let line = String(format: "{\"kind\": \"%@\", \"bytes\": %d, \"tokens\": %d, \"seconds\": %.4f, \"mb_per_s\": %.2f}",
                      kind, n, tokens, best, Double(n) / 1e6 / best)
    FileHandle.standardOutput.write(Data((line + "\n").utf8))  // unbuffered: each case shows as it finishes
  }
}
