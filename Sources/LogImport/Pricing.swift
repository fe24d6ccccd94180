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
        guard let text = scalar(cell), let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0
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

  /// The VL-RouterBench paper's prices (Table 1), used when no pricing file is given or found.
  static var catalog: PriceTable {
    PriceTable(name: "vl-routerbench", version: "paper", date: nil, source: "VLRouterBenchCatalog",
               prices: Dictionary(uniqueKeysWithValues: VLRouterBenchCatalog.models.map { ($0.info.name, $0.price) }))
  }
}
