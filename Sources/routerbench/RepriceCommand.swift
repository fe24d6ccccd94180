import ArgumentParser
import BenchStore
import Foundation
import LogImport

/// `routerbench reprice --db FILE --pricing FILE`: new active price table, costs recomputed, no re-import.
struct RepriceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reprice",
    abstract: "Recompute every record's cost from stored token counts with a new price table (one transaction).",
    discussion: "Refused, database unchanged, when a stored model has no price. Zero prices and constant output-token "
      + "counts are warnings.")

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Price table (YAML: version, date, models: {name: {input, output}} in USD per 1M tokens).")
  var pricing: String

  func run() throws {
    let r = try Repricing.reprice(try database.open(), pricing: URL(fileURLWithPath: pricing))
    for w in r.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
    print("repriced \(r.recordsUpdated) records with price table \(r.table)")
  }
}
