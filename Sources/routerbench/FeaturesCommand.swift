import ArgumentParser
import BenchCore
import BenchStore
import Encoders
import Foundation
import Learning
import LogImport

struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "List, import or compute the feature sets feature-level routers read.",
    subcommands: [List.self, Import.self, Text.self, Embed.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Feature sets stored in a database, with their shapes.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
      let store = try database.open()
      let names = try store.featureSetNames()
      if names.isEmpty {
        note("no feature sets; add one with `routerbench features import`, `features text` or `features embed`")
      }
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

  struct Embed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Embed every sample's prompt with a registered text encoder and store the vectors as a feature set.",
      discussion: """
        The feature set is named after the encoder (`run --feature-set NAME` then routes on it). Prompts are \
        embedded in length-sorted batches; each finished batch is committed at once, so a killed run resumes \
        when run again (chunks of another encoder identity or of changed prompts are discarded). Model files \
        are cached under .cache/ by make (docs/features.md).
        Encoders: \(EncoderRegistry.builtIn.entries.map { "\($0.name) — \($0.summary)" }.joined(separator: "; ")).
        """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The encoder: \(EncoderRegistry.builtIn.names.joined(separator: ", ")).") var encoder: String
    @Option(name: .customLong("max-tokens"), help: "Truncate prompts to this many tokens, special tokens included (default: the encoder's).")
    var maxTokens: Int?
    @Option(help: "Prompts per batch.") var batch: Int = 64
    @Option(help: "Batches embedded at once.") var jobs: Int = 1

    func validate() throws {
      guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
      guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
      if let maxTokens, maxTokens < 2 { throw ValidationError("--max-tokens must be at least 2") }
      guard EncoderRegistry.builtIn.names.contains(encoder) else {
        throw ValidationError("unknown encoder '\(encoder)'; one of \(EncoderRegistry.builtIn.names.joined(separator: ", "))")
      }
    }

    func run() async throws {
      let store = try database.open()
      let e = try EncoderRegistry.builtIn.make(encoder, settings: EncoderSettings(maxTokens: maxTokens))
      let r = try await EmbeddingJob(encoder: e, batchSize: batch, jobs: jobs).run(
        store: store, log: { note("==> " + $0) }, progress: { p in progressLine(p.line, final: p.done == p.total) })
      var lines = ["\(r.wrote ? "stored" : "unchanged:") feature set '\(r.featureSet)' (\(r.samples) × \(r.dimension)) "
                   + "from \(r.embeddedChunks) chunks embedded now, \(r.resumedChunks) resumed, in \(r.seconds.durationText)"]
      if let limit = e.maxTokens {
        lines.append("\(r.truncatedPrompts) prompts truncated to \(limit) tokens, \(r.emptyPrompts) empty prompts")
      } else {
        lines.append("\(r.emptyPrompts) empty prompts")
      }
      if r.discardedChunks > 0 { lines.append("\(r.discardedChunks) stale chunks discarded") }
      for l in lines { note(l) }
    }
  }
}
