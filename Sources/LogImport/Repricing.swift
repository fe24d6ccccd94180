internal import BenchCore
public import BenchStore
public import Foundation

/// `routerbench reprice`: a new active price table from a pricing file, costs recomputed from the stored token
/// counts — one transaction, no re-import.
public enum Repricing {
  public struct Result: Sendable {
    public var recordsUpdated: Int
    public var table: String
    public var warnings: [String]
  }

  /// Refused (database unchanged) when a stored model has no price; zero prices and constant output-token counts
  /// are warnings.
  public static func reprice(_ store: BenchStore, pricing url: URL) throws(ImportError) -> Result {
    let path = url.path
    let table = try PricingFile.read(url, path: path)
    let (sha, _) = try sha256(ofFile: url, displayPath: path)
    let now = ISO8601DateFormatter().string(from: Date())
    var warnings = Self.warnings(prices: table, totals: (try? store.modelDatasetTotals()) ?? [])
    do {
      let updated = try store.transaction { tx in
        if let source = try tx.metadata(.costSource), source != "tokens" {
          throw ImportError(.usage, "the costs of this database were imported from \(source) (a VL-RouterBench release): "
                              + "it has no token counts to reprice", file: store.path)
        }
        let models = try tx.models().map(\.info.name).sorted()
        if let m = models.first(where: { table.prices[$0] == nil }) {
          throw ImportError(.missingPrice, "model \(m) has no price; costs cannot be computed (priced: "
                              + table.prices.keys.sorted().joined(separator: ", ") + ")", file: path, column: "models.\(m)")
        }
        _ = try tx.activatePriceTable(PriceTable(name: table.name, version: table.version, date: table.date,
                                                 source: "\(path) sha256:\(sha.prefix(12)) at \(now)",
                                                 prices: table.prices), createdAt: now)
        try tx.recordImportedFile(ImportedFile(path: path, sha256: sha, kind: "pricing", rows: table.prices.count,
                                               importedAt: now))
        return try tx.recomputeCosts()
      }
      warnings.sort()
      return Result(recordsUpdated: updated, table: table.name, warnings: warnings)
    } catch {
      throw Importer.importError(error)
    }
  }

  /// Zero prices of stored models; models whose output-token count is the same on every record of a dataset.
  static func warnings(prices: PriceTable, totals: [ModelDatasetTotals]) -> [String] {
    var out: [String] = []
    for m in Set(totals.map(\.model)).sorted() {
      if let p = prices.prices[m], p.inputPerMillion == 0 || p.outputPerMillion == 0 {
        out.append("model \(m) has a zero price (input \(p.inputPerMillion), output \(p.outputPerMillion) USD per 1M tokens)")
      }
    }
    for t in totals where t.samples > 1 && t.distinctOutputTokens == 1 {
      out.append("model \(t.model) has the same output-token count on all \(t.samples) \(t.dataset) records")
    }
    return out
  }
}
