import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import Learning
import LogImport

struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "List, import or compute the feature sets feature-level routers read.",
    subcommands: [List.self, Import.self, Text.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Feature sets stored in a database, with their shapes.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let store = try database.open()
      let names = try store.featureSetNames()
      if names.isEmpty { note("no feature sets; add one with `routerbench features import` or `features text`") }
      for n in names {
        let m = try store.loadFeatures(name: n)
        print("\(n)\t\(m.rows) × \(m.columns)")
      }
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Store a .npy feature matrix (float32, N × D or N × … flattened per row) under a name.",
      discussion: "IDS is a text file of sample ids (`<dataset>/<index>`), one per row of the matrix, in the same order.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The feature set's name, e.g. bge-m3 or siglip (default: the file's name).") var name: String?
    @Option(help: "Sample ids, one per line, aligned with the matrix rows (default: NAME_ids.txt or sample_ids.txt beside the file).")
    var ids: String?
    @Argument(help: "The .npy file.") var file: String

    func run() throws {
      let o = try FeatureImport.importFile(URL(fileURLWithPath: file), ids: ids.map { URL(fileURLWithPath: $0) },
                                           name: name, into: try database.open())
      note(o.wrote ? "stored feature set '\(o.name)' (\(o.rows) × \(o.dimension))" : "feature set '\(o.name)' unchanged")
    }
  }

  struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compute the built-in text features (hashed word 1–2-grams and character 3–5-grams) from the prompts.",
      discussion: "For logs without embeddings: `routerbench run --feature-set hashed-text` then routes on the prompt text.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The feature set's name.") var name: String = "hashed-text"
    @Option(help: "Dimension of the hashed vector.") var dimension: Int = 4096

    func run() throws {
      let store = try database.open()
      let samples = try store.sampleDescriptions()
      let featurizer = HashedTextFeaturizer(dimension: dimension)
      let m = featurizer.features(samples.map(\.prompt))
      _ = try store.saveFeatureSet(name: name, sampleKeys: samples.map(\.sampleID), matrix: m,
                                   source: "HashedTextFeaturizer(dimension: \(dimension))")
      note("stored feature set '\(name)' (\(m.rows) × \(m.columns)) from the prompts")
    }
  }
}
