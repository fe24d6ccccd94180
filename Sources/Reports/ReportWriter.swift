public import BenchStore
internal import CBLAS
public import Foundation

/// Writes every file of a stored report under `directory`: the tables, plots (SVG, and PDF when `rsvg-convert` is
/// there), the leaderboard in Markdown, CSV and JSON, index.html (`writeReport`), and `timings.json` with the run
/// throughput and the BLAS kernel. The leaderboard files written with the report leave out run dates (they change
/// between runs; `routerbench leaderboard` shows them). Every interval and p-value comes from one
/// ``ReportBootstrap``.
///
/// - Returns: notes for the user (e.g. that PDF copies were skipped).
@discardableResult
public func writeFullReport(_ report: StoredReport, store: BenchStore, to directory: URL, bootstrap: Int,
                            seed: UInt64) throws -> [String] {
  // The BLAS kernel decides the float sums of the trained routers (docs/architecture.md, "Determinism"); the line
  // names only the kernel and OpenBLAS's build, so machines running the same kernels print the same page.
  var input = report.input
  input.provenance.append(("BLAS kernel", BLASKernel.provenance))
  let main = mainTable(input, timings: report.timings)
  let boot = try report.bootstrap(main: main, store: store, resamples: bootstrap, seed: seed)
  let notes = try writeReport(input, timings: report.timings, bootstrap: boot, provenance: report.runProvenance,
                              to: directory)
  var throughput: [String: Double] = [:]
  for r in main { if let t = r.throughputKTokensPerSecond { throughput[r.router] = t } }
  try writeTimingsJSON(["main_table_throughput_k_tokens_per_s": throughput], to: directory, replacing: true)
  return notes
}

/// `timings.json`: measured stage times of a pipeline run (never part of the tables), added to what the report
/// wrote there (throughput, BLAS kernel).
public func writeTimingsJSON(to directory: URL, stages: [(stage: String, seconds: Double)], total: Double,
                             planned: Int, resumed: Int) throws {
  var timing: [String: Any] = ["total_seconds": total, "runs_planned": planned, "runs_resumed": resumed]
  for (k, v) in stages { timing["\(k)_seconds"] = v }
  try writeTimingsJSON(timing, to: directory, replacing: false)
}

/// Writes `fields` and the BLAS kernel into `timings.json`, over the file's earlier fields unless `replacing`.
func writeTimingsJSON(_ fields: [String: Any], to directory: URL, replacing: Bool) throws {
  let url = directory.appendingPathComponent("timings.json")
  var timing: [String: Any] = [:]
  if !replacing, let data = try? Data(contentsOf: url),
     let old = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { timing = old }
  timing.merge(fields) { $1 }
  timing.merge(BLASKernel.timings) { $1 }
  let data = try JSONSerialization.data(withJSONObject: timing, options: [.prettyPrinted, .sortedKeys])
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  try data.write(to: url, options: .atomic)
}

/// The OpenBLAS kernel this process runs (`openblas_get_corename`; the `routerbench` executable pins it, see
/// `BLASKernelPin` in Learning).
enum BLASKernel {
  static var name: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }
  static var configuration: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }

  /// "Haswell (OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY MAX_THREADS=64)": the family once.
  static var provenance: String {
    let n = name
    return "\(n) (" + configuration.split(separator: " ").filter { $0.lowercased() != n.lowercased() }
      .joined(separator: " ") + ")"
  }

  /// The kernel and how it was chosen (machine-specific: timings.json only).
  static var timings: [String: Any] {
    let env = ProcessInfo.processInfo.environment
    var t: [String: Any] = ["blas_kernel": name, "blas_configuration": configuration]
    t["blas_openblas_coretype"] = env["OPENBLAS_CORETYPE"] ?? "(unset: OpenBLAS chose from the CPU model)"
    if let choice = env["ROUTERBENCH_BLAS_CORETYPE"] { t["blas_routerbench_coretype"] = choice }
    t["blas_pinned_by_reexec"] = env["ROUTERBENCH_BLAS_REEXEC"] == "1"
    return t
  }
}
