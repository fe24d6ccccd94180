import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import LogImport

extension SplitName: ExpressibleByArgument {}

/// `--split`: one part, or all three at once.
enum ExportSplit: String, ExpressibleByArgument, CaseIterable {
  case train, dev, test, all

  var parts: [SplitName] { self == .all ? SplitName.allCases : [SplitName(rawValue: rawValue)!] }
}

/// `--layout`: RouterBench's per-split files, or the VL-RouterBench data release's folders.
enum ExportLayout: String, ExpressibleByArgument, CaseIterable {
  case routerbench
  case vlRouterBench = "vl-routerbench"
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the benchmark for a router written elsewhere: per-split .npy/JSONL files, or the VL-RouterBench release layout.",
    discussion: """
      --layout routerbench (default), per split: ids.txt (sample ids, the keys score files use), models.txt (column \
      order), quality.npy and cost.npy (n × K float32; cost in USD per sample), features/<set>.npy, samples.jsonl \
      (sample_id, dataset, prompt, image_ref, image_hash, input_tokens). --split all writes OUT/train/, OUT/dev/ \
      and OUT/test/ in one call.
      --layout vl-routerbench: the folders of the paper's data release (data/matrices/Y.npz, C.npy, \
      cost_bounds.json, sample_ids.pkl, model_names.pkl; data/registry/meta.parquet, sample_index.pkl, \
      model_index.pkl, models.txt; SPLITS/{train,dev,test}.jsonl; BENCHMARKS/ when prompts are stored), every \
      split at once, so code written for the reference repository runs on this database (docs/interchange.md).
      Rank a program's output with `routerbench run --external NAME=FILE`.
      """)
  @OptionGroup var database: DatabaseOptions
  @Option(help: "train, dev, test or all (default: all).") var split: ExportSplit?
  @Option(help: "routerbench (per-split files) or vl-routerbench (the data release's layout).")
  var layout: ExportLayout = .routerbench
  @Option(help: "Output directory.") var out: String

  func validate() throws {
    if layout == .vlRouterBench, let split, split != .all {
      throw ValidationError("--layout vl-routerbench writes every split (SPLITS/*.jsonl); drop --split \(split.rawValue)")
    }
  }

  func run() throws {
    let store = try database.open()
    let b = try store.loadBenchmark(name: URL(fileURLWithPath: database.db).deletingPathExtension().lastPathComponent)
    let root = URL(fileURLWithPath: out)
    switch layout {
    case .vlRouterBench:
      let files = try ReleaseExport.write(benchmark: b, descriptions: try store.sampleDescriptions(), to: root)
      note("exported \(b.sampleCount) samples × \(b.modelCount) models in the VL-RouterBench layout to \(out)/: "
             + files.joined(separator: ", "))
    case .routerbench:
      let parts = (split ?? .all).parts
      for part in parts {
        let dir = parts.count == 1 ? root : root.appendingPathComponent(part.rawValue)
        let files = try store.export(split: part, benchmark: b, to: dir)
        note("exported \(try b.rows(of: part).count) \(part.rawValue) samples to \(dir.path)/: \(files.joined(separator: ", "))")
      }
    }
  }
}
