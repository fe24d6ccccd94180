// xlsx reading speed (issue 14: ≥ 20× pandas + openpyxl on the same files). Reads every .xlsx given (files or
// folders, recursively) with the importer's XLSXReader — every cell of the first sheet materialised as text, as
// `pd.read_excel` materialises every cell — best of REPEATS after one warm-up read, and prints one JSON line per
// file plus a total. benchmarks/import/xlsx_ratio.sh runs pandas on the same files in the same run.
// Usage: xlsx-read [--repeats 3] PATH…
import Foundation
import LogImport

var repeats = 3
var paths: [String] = []
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
  if a == "--repeats", let n = args.popFirst().flatMap({ Int($0) }) { repeats = n } else { paths.append(a) }
}

var files: [String] = []
for p in paths {
  var isDir: ObjCBool = false
  guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { fatalError("no such file: \(p)") }
  if isDir.boolValue {
    let e = FileManager.default.enumerator(atPath: p)!
    while let f = e.nextObject() as? String { if f.hasSuffix(".xlsx") { files.append(p + "/" + f) } }
  } else { files.append(p) }
}
files.sort()
let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
var totalSeconds = 0.0
var totalRows = 0
var totalBytes = 0
for f in files {
  var rows = 0
  var cells = 0
  var textBytes = 0
  let reader = try XLSXReader(url: URL(fileURLWithPath: f))
  try reader.forEachRow { _, c in rows += 1 }  // warm-up: page cache, allocator
  var best = Double.infinity
  for _ in 0..<repeats {
    rows = 0
    cells = 0
    textBytes = 0
    let d = try clock.measure {
      try XLSXReader(url: URL(fileURLWithPath: f)).forEachRow { _, c in
        rows += 1
        cells += c.count
        for s in c { textBytes += s.utf8.count }
      }
    }
    best = min(best, seconds(d))
  }
  let size = (try FileManager.default.attributesOfItem(atPath: f)[.size] as? NSNumber)?.intValue ?? 0
  totalSeconds += best
  totalRows += rows
  totalBytes += size
  print(String(format: "{\"file\": \"%@\", \"bytes\": %d, \"rows\": %d, \"cells\": %d, \"text_bytes\": %d, \"seconds\": %.4f}",
               f, size, rows, cells, textBytes, best))
}
print(String(format: "{\"total\": true, \"files\": %d, \"bytes\": %d, \"rows\": %d, \"seconds\": %.4f}",
             files.count, totalBytes, totalRows, totalSeconds))
