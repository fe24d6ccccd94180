public import BenchCore
public import Foundation

/// `routerbench pricing template WORK_DIR > prices.yaml`: a price file for every model of a work directory —
/// the catalog's prices (VL-RouterBench Table 1) where it knows the model, the placeholder `FILL_IN` elsewhere.
/// `PricingFile.read` (every import, `reprice`) refuses a file that still holds a placeholder, naming each model.
public enum PricingTemplate {
  /// What stands for a price that has to be filled in.
  public static let placeholder = "FILL_IN"

  /// The models of the work directory (the names `routerbench import` would store), code-point sorted.
  public static func models(in root: URL, catalog: BenchmarkCatalog = ImportOptions.defaultCatalog)
    throws(ImportError) -> [String]
  {
    let layout = try ImportPlan.scan(options: ImportOptions(root: root, catalog: catalog))
    return Set(layout.groups.map(\.model)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The models of `models` the template leaves a placeholder for (the catalog has no price for them).
  public static func unpriced(_ models: [String], catalog: BenchmarkCatalog = ImportOptions.defaultCatalog) -> [String] {
    models.filter { catalog.model(named: $0) == nil || catalog.prices[$0] == nil }
  }

  /// The YAML text: a header saying what to do, then `models:` with one line per model.
  public static func yaml(models: [String], catalog: BenchmarkCatalog = ImportOptions.defaultCatalog,
                          source: String) -> String {
    let unknown = unpriced(models, catalog: catalog).count
    let known = models.count - unknown
    var out = """
      # Prices for `routerbench import \(source) --pricing THIS_FILE`, in USD per 1M tokens (input, output).
      # Written by `routerbench pricing template`: every model found under \(source).
      # \(known) of \(models.count) models carry the \(catalog.name) catalog's prices (VL-RouterBench Table 1); \
      \(unknown == 0 ? "nothing to fill in." : "replace each \(placeholder) (\(unknown) models) — the import refuses the file until none is left.")
      version: "template"
      currency: USD
      unit: per_1m_tokens
      models:

      """
    for m in models {
      let key = String(decoding: ReleaseSplitFiles.jsonString(m), as: UTF8.self)
      if let p = catalog.prices[m], catalog.model(named: m) != nil {
        out += "  \(key): {input: \(p.inputPerMillion), output: \(p.outputPerMillion)}   # \(catalog.name) catalog\n"
      } else {
        out += "  \(key): {input: \(placeholder), output: \(placeholder)}\n"
      }
    }
    return out
  }
}
