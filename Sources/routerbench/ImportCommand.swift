import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import LogImport

extension MissingPolicy: ExpressibleByArgument {}
extension GroupErrorPolicy: ExpressibleByArgument {}

/// `--tokenizer`: the exact cl100k BPE (default) or the fast approximation.
enum TokenizerChoice: String, ExpressibleByArgument, CaseIterable {
  /// The chosen counter; cl100k falls back to the approximation, with a warning, when the vocabulary is missing.
  func counter() -> any TokenCounter {
    switch self {
    case .approximate: return ApproximateTokenCounter()
    case .cl100k:
      do { return try CL100KTokenizer() } catch {
        note("warning: cl100k vocabulary unavailable (\(error)); using the approximate token counter (run `make vocab`)")
        return ApproximateTokenCounter()
      }
    }
  }

  case cl100k, approximate
}

/// `--vqa-period-rule`: VLMEvalKit's TextVQA period regex before (old) or after (new) May 2025.
enum PeriodRuleChoice: String, ExpressibleByArgument, CaseIterable {
  case old, new
  var rule: VQAPeriodRule { self == .old ? .legacy : .current }
}

/// `routerbench import WORK_DIR --db FILE`: VLMEvalKit-style logs → one SQLite benchmark file.
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import VLMEvalKit-style evaluation logs into a benchmark database.",
    discussion: """
      WORK_DIR is a VL-RouterBench data release (data/matrices/Y.npz, C.npy, …, SPLITS/; docs/interchange.md), \
      a root holding work_dir/ (as `routerbench simulate` writes it; LMUData/, pricing.yaml, features/ \
      and simulation.json beside it are used by default), a VLMEvalKit work directory, a single model's folder \
      (<model>/<model>_<dataset>.xlsx) or a folder holding several work directories. The import is one \
      transaction: on any error the database is left unchanged (--on-error skip skips unreadable (model, dataset) \
      groups instead). Files already imported (same SHA-256) are skipped; a changed group replaces the stored one \
      whole. See docs/importing.md.
      """)

  @Argument(help: "The root (with work_dir/), a VLMEvalKit work directory, one model's folder, or a folder of work directories.")
  var workDir: String

  @Option(help: "The SQLite benchmark file to create or update.")
  var db: String

  @Option(help: "Price table (YAML: version, date, models: {name: {input, output}} in USD per 1M tokens).")
  var pricing: String?

  @Option(name: .customLong("lmudata"), help: "Directory of dataset TSVs (<dataset>.tsv).")
  var lmuData: String?

  @Option(parsing: .upToNextOption, help: ".npy feature files (sample_ids.txt beside them).")
  var features: [String] = []

  @Option(help: "When a model lacks samples: refuse, drop-sample or drop-model.")
  var missing: MissingPolicy = .refuse

  @Option(name: .customLong("on-error"),
          help: "A (model, dataset) group that cannot be read or scored: refuse (the whole import) or skip (it, listing the reason).")
  var onError: GroupErrorPolicy = .refuse

  @Option(help: "Seed of the default 7:1:2 stratified split (stored if none is).")
  var seed: UInt64 = 42

  @Option(help: "A record is correct when its score is at least this.")
  var correctThreshold: Float = 1.0

  @Flag(help: "Print the wall and CPU time of each import phase to stderr.")
  var timings = false

  @Option(help: "Token counter: cl100k (exact; falls back to approximate with a warning without the vocabulary) or approximate.")
  var tokenizer: TokenizerChoice = .cl100k

  @Option(help: "TextVQA period rule: old (VLMEvalKit before May 2025) or new; default: by each run's date.")
  var vqaPeriodRule: PeriodRuleChoice?

  @Option(help: "Write a Markdown import report (cross-check against VLMEvalKit's aggregates, notes, warnings) here.")
  var report: String?

  @Option(name: .customLong("xlsx-max-part-mib"),
          help: "xlsx zip-bomb limit: largest inflated sheet or shared-strings part, in MiB (default 512).")
  var xlsxMaxPartMiB: Int64?

  @Option(name: .customLong("xlsx-max-ratio"),
          help: "xlsx zip-bomb limit: highest compression ratio of a part over 1 MiB, declared or actual (default 200).")
  var xlsxMaxRatio: Int64?

  @Option(name: .customLong("xlsx-max-cell-mib"), help: "Largest xlsx cell, in MiB of UTF-8 (default 8).")
  var xlsxMaxCellMiB: Int?

  /// The xlsx limits the options ask for (XLSXLimits' defaults otherwise).
  var xlsxLimits: XLSXLimits {
    var limits = XLSXLimits()
    if let xlsxMaxPartMiB {
      limits.maxSheetBytes = xlsxMaxPartMiB << 20
      limits.maxSharedStringsBytes = xlsxMaxPartMiB << 20
    }
    if let xlsxMaxRatio { limits.maxCompressionRatio = xlsxMaxRatio }
    if let xlsxMaxCellMiB { limits.maxCellBytes = xlsxMaxCellMiB << 20 }
    return limits
  }

  func validate() throws {
    for (flag, value) in [("--xlsx-max-part-mib", xlsxMaxPartMiB), ("--xlsx-max-ratio", xlsxMaxRatio),
                          ("--xlsx-max-cell-mib", xlsxMaxCellMiB.map(Int64.init))] {
      if let value, value < 1 || value > 1 << 30 { throw ValidationError("\(flag) \(value): expected 1 … 2^30") }
    }
    if let lmuData, !isDirectory(lmuData) {
      throw ValidationError("--lmudata \(lmuData): no such directory (it should hold the dataset TSVs, <dataset>.tsv)")
    }
  }

  func run() async throws {
    // A database file this command creates is removed again when the import fails: a failed import leaves
    // nothing behind (an existing database is left as it was: the import is one transaction).
    let created = !FileManager.default.fileExists(atPath: db)
    do {
      if let release = ReleaseLayout.detect(URL(fileURLWithPath: workDir)) {
        try importRelease(release)
      } else {
        try await importLogs()
      }
    } catch {
      if created { removeDatabaseFiles(db) }
      throw error
    }
  }

  /// A VL-RouterBench data release (data/matrices, SPLITS/): matrices, ids and split, no logs.
  func importRelease(_ layout: ReleaseLayout) throws {
    let unusable = [("--pricing", pricing != nil), ("--lmudata", lmuData != nil), ("--features", !features.isEmpty),
                    ("--report", report != nil), ("--vqa-period-rule", vqaPeriodRule != nil)]
      .filter(\.1).map(\.0)
    if !unusable.isEmpty {
      throw ValidationError("\(workDir) is a VL-RouterBench data release (data/matrices/): \(unusable.joined(separator: ", ")) "
                              + "do not apply (its costs are C.npy; add features later with `routerbench features import`)")
    }
    let store = try BenchStore(path: db)
    let s = try ReleaseImport(layout: layout, correctThreshold: correctThreshold, seed: seed).run(into: store)
    for n in s.notes { note(n) }
    for w in s.warnings { note("warning: " + w) }
    if s.unchanged {
      print("\(db): already holds this release; nothing changed")
      return
    }
    let sizes = SplitName.allCases.compactMap { p in s.splitSizes[p].map { "\(p.rawValue) \($0)" } }.joined(separator: ", ")
    print("""
      imported the VL-RouterBench release \(workDir) in \(String(format: "%.2f", s.seconds)) s
      \(db): \(s.samples) samples × \(s.models) models = \(s.records) records, \(s.datasets) datasets; \
      split: \(s.splitSource)\(sizes.isEmpty ? "" : " (\(sizes))")
      """)
  }

  func importLogs() async throws {
    let err = FileHandle.standardError
    let counter = tokenizer.counter()
    let store = try BenchStore(path: db)
    var options = ImportOptions(
      root: URL(fileURLWithPath: workDir), pricing: pricing.map { URL(fileURLWithPath: $0) },
      lmuData: lmuData.map { URL(fileURLWithPath: $0) }, features: features.map { URL(fileURLWithPath: $0) },
      missing: missing, seed: seed, correctThreshold: correctThreshold, tokenCounter: counter,
      readers: .standard(xlsxLimits: xlsxLimits), vqaPeriodRule: vqaPeriodRule?.rule)
    options.onError = onError
    let s = try await Importer(options: options).run(into: store) { event in
      switch event {
      case .group(let i, let n, let model, let dataset, let records, let skipped):
        err.write(Data("[\(i)/\(n)] \(model) × \(dataset): \(skipped ? "unchanged, skipped" : "\(records) records")\n".utf8))
      case .note(let text):
        err.write(Data("\(text)\n".utf8))
      }
    }
    if let report {
      try ImportReport.markdown(s, root: workDir).write(toFile: report, atomically: true, encoding: .utf8)
      let agree = s.crossChecks.count { $0.isAgreement }
      err.write(Data("report: \(report) (\(agree)/\(s.crossChecks.count) stored aggregates reproduced)\n".utf8))
    }
    if timings {
      err.write(Data(String(format: "CPU %.2f s (all threads); writer waited %.2f s for parsers\n", s.cpuSeconds,
                            s.writerWaitSeconds).utf8))
      for (i, (name, seconds)) in s.phases.enumerated() {
        let cpu = i < s.phaseCPUSeconds.count ? String(format: ", CPU %.3f s", s.phaseCPUSeconds[i]) : ""
        err.write(Data(String(format: "  %@: %.3f s%@\n", name, seconds, cpu).utf8))
      }
    }
    for g in s.skippedGroups { err.write(Data("skipped \(g.description)\n".utf8)) }
    for g in s.vanishedGroups { err.write(Data("no longer found: \(g.description)\n".utf8)) }
    print("""
      imported \(s.recordsImported) records in \(String(format: "%.2f", s.seconds)) s \
      (\(String(format: "%.0f", s.recordsPerSecond)) records/s; \(s.filesRead) files read, \(s.groupsSkipped) groups unchanged\
      \(s.skippedGroups.isEmpty ? "" : ", \(s.skippedGroups.count) groups skipped on error")\
      \(s.vanishedGroups.isEmpty ? "" : ", \(s.vanishedGroups.count) groups no longer found"))
      \(db): \(s.samples) samples × \(s.models) models = \(s.records) records, \(s.datasets) datasets\
      \(s.splitStored ? ", default split stored (seed \(seed))" : "")\
      \(s.featureSets.isEmpty ? "" : ", feature sets: " + s.featureSets.joined(separator: ", "))
      """)
  }
}

/// Deletes a SQLite database and its WAL and shared-memory files (a database this command created).
func removeDatabaseFiles(_ path: String) {
  for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// Whether `path` is a directory (following symlinks).
func isDirectory(_ path: String) -> Bool {
  var isDir: ObjCBool = false
  return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
}
