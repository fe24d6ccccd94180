internal import BenchCore
internal import BenchStore
internal import Foundation
internal import Yams

/// Reads `pricing.yaml`:
///
/// ```yaml
/// version: "2025-06"
/// date: "2025-06-01"
/// models:
///   GPT4o: {input: 2.50, output: 10.00}   # USD per one million tokens
/// ```
enum PricingFile {
  static func read(_ url: URL, path: String) throws(ImportError) -> PriceTable {
    try requireRegularFile(url, displayPath: path)
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: path)
    }
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch {
      throw ImportError(.malformed, "not valid YAML: \(error)", file: path)
    }
    guard let root = node?.mapping else { throw ImportError(.malformed, "expected a mapping at the top", file: path) }
    func scalar(_ n: Node?) -> String? { n?.scalar?.string }
    guard let models = root["models"]?.mapping else {
      throw ImportError(.malformed, "no `models:` mapping (model name → {input, output} USD per 1M tokens)",
                        file: path, row: root.mark?.line, column: "models")
    }
    // Placeholders of `routerbench pricing template`: one error naming every model that still has one.
    let placeholders = models.compactMap { key, value -> String? in
      guard let name = key.scalar?.string else { return nil }
      let cells = ["input", "output"].compactMap { value.mapping?[$0]?.scalar?.string }
      return cells.contains(PricingTemplate.placeholder) ? name : nil
    }
    if !placeholders.isEmpty {
      throw ImportError(.missingPrice, "\(placeholders.count) models still have the placeholder price "
                          + "\(PricingTemplate.placeholder): \(placeholders.joined(separator: ", ")); replace it with the "
                          + "model's input and output price in USD per 1M tokens", file: path,
                        column: placeholders.count == 1 ? "models.\(placeholders[0])" : nil)
    }
    var prices: [String: TokenPrice] = [:]
    for (key, value) in models {
      guard let name = key.scalar?.string else { continue }
      var io: [Double] = []
      for field in ["input", "output"] {
        let where_ = "models.\(name).\(field)"
        guard let cell = value.mapping?[field] else {
          throw ImportError(.missingPrice, "model \(name) has no `\(field)` price", file: path,
                            row: value.mark?.line ?? key.mark?.line, column: where_)
        }
        guard let text = scalar(cell), let v = CellValue.decimal(text.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0
        else {
          throw ImportError(.badValue, "price '\(scalar(cell) ?? "?")' is not a non-negative number (USD per 1M tokens)",
                            file: path, row: cell.mark?.line, column: where_)
        }
        io.append(v)
      }
      prices[name] = TokenPrice(inputPerMillion: io[0], outputPerMillion: io[1])
    }
    return PriceTable(name: url.deletingPathExtension().lastPathComponent, version: scalar(root["version"]),
                      date: scalar(root["date"]), source: path, prices: prices)
  }

  /// The catalog's prices of those of `models` the catalog lists (used when no pricing file is given or found).
  static func catalogPrices(_ catalog: BenchmarkCatalog, for models: [String]) -> PriceTable {
    var prices: [String: TokenPrice] = [:]
    for m in models where catalog.model(named: m) != nil { prices[m] = catalog.prices[m] }
    return PriceTable(name: catalog.name, version: "catalog", date: nil, source: "catalog \(catalog.name)",
                      prices: prices)
  }

  /// Throws one error naming every model of `models` that `table` does not price, saying to pass `--pricing FILE`.
  static func requirePrices(_ table: PriceTable, for models: [String], fromFile: Bool) throws(ImportError) {
    let unpriced = models.filter { table.prices[$0] == nil }
    guard !unpriced.isEmpty else { return }
    let subject = unpriced.count == 1 ? "model \(unpriced[0]) has" : "models "
      + unpriced.dropLast().joined(separator: ", ") + " and \(unpriced[unpriced.count - 1]) have"
    let message = fromFile
      ? "\(subject) no price in this pricing file (priced: \(table.prices.keys.sorted().joined(separator: ", "))); "
        + "add them under `models:` or pass --pricing FILE (`routerbench pricing template DIR` lists every model)"
      : "\(subject) no price: no pricing file was given or found (ROOT/pricing.yaml), and the \(table.name) "
        + "catalog prices only its own models. Pass --pricing FILE (`models: {<name>: {input: …, output: …}}`, USD "
        + "per 1M tokens; `routerbench pricing template DIR > prices.yaml` writes one to fill in)"
    throw ImportError(.missingPrice, message, file: table.source ?? "pricing",
                      column: unpriced.count == 1 ? "models.\(unpriced[0])" : nil)
  }
}
