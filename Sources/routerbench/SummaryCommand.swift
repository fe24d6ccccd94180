import ArgumentParser
import BenchStore
import Foundation
import Reports

/// `routerbench summary --db FILE [--format csv|md|json]`: one row per (model, dataset).
struct SummaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Per (model, dataset): samples, accuracy %, cost per 10K samples, token sums.",
    discussion: "Columns: model,dataset,samples,accuracy_pct,cost_usd_per_10k,input_tokens,output_tokens,estimated_tokens "
      + "(accuracy = mean score × 100, partial credit kept; token columns are sums; estimated_tokens = output tokens of "
      + "records whose counts are estimates).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, md, json }

  @OptionGroup var database: DatabaseOptions

  @Option(help: "csv, md or json.")
  var format: Format = .csv

  func run() throws {
    let rows = try database.open().modelDatasetTotals()
    // Say which accuracy this is: the routing tables count correctness instead (issue: 85.39 here, 77.40 there).
    note("note: accuracy_pct is the mean score × 100 (partial credit kept, as VLMEvalKit reports it); `report` and "
      + "`leaderboard` count a sample as correct when its score reaches the threshold (the paper's rule) unless "
      + "--accuracy score")
    switch format {
    case .csv: print(summaryTable(rows).csv, terminator: "")
    case .md: print(summaryTable(rows).markdown, terminator: "")
    case .json: print(summaryJSON(rows), terminator: "")
    }
  }
}
