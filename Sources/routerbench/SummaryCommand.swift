import ArgumentParser
import BenchStore
import Foundation

/// `routerbench summary --db FILE [--format csv|md|json]`: one row per (model, dataset).
struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Per (model, dataset): samples, accuracy %, cost per 10K samples, token sums.",
    discussion: "Columns: model,dataset,samples,accuracy_pct,cost_usd_per_10k,input_tokens,output_tokens,estimated_tokens "
      + "(accuracy = mean score × 100, partial credit kept; token columns are sums; estimated_tokens = output tokens of "
      + "records whose counts are estimates).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, md, json }

  @Option(help: "The benchmark database (SQLite).")
  var db: String

  @Option(help: "csv, md or json.")
  var format: Format = .csv

  static let columns = ["model", "dataset", "samples", "accuracy_pct", "cost_usd_per_10k", "input_tokens",
                        "output_tokens", "estimated_tokens"]

  static func cells(_ t: ModelDatasetTotals) -> [String] {
    [t.model, t.dataset, "\(t.samples)", String(format: "%.4f", t.accuracyPercent), String(format: "%.6f", t.costPer10K),
     "\(t.inputTokens)", "\(t.outputTokens)", "\(t.estimatedTokens)"]
  }

  static func render(_ rows: [ModelDatasetTotals], format: Format) -> String {
    switch format {
    case .csv:
      func q(_ s: String) -> String { s.contains { $0 == "," || $0 == "\"" || $0 == "\n" } ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
      return ([columns.joined(separator: ",")] + rows.map { cells($0).map(q).joined(separator: ",") })
        .joined(separator: "\n") + "\n"
    case .md:
      return (["| " + columns.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: columns.count)]
        + rows.map { "| " + cells($0).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" })
        .joined(separator: "\n") + "\n"
    case .json:
      let objects: [[String: Any]] = rows.map { t in
        ["model": t.model, "dataset": t.dataset, "samples": t.samples, "accuracy_pct": t.accuracyPercent,
         "cost_usd_per_10k": t.costPer10K, "input_tokens": t.inputTokens, "output_tokens": t.outputTokens,
         "estimated_tokens": t.estimatedTokens]
      }
      let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data()
      return String(decoding: data, as: UTF8.self) + "\n"
    }
  }

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
    let rows = try BenchStore(path: db).modelDatasetTotals()
    print(Self.render(rows, format: format), terminator: "")
  }
}
