import ArgumentParser
import BenchCore
import BenchStore
import Foundation

extension SplitName: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write one split for a router written elsewhere: ids, features, quality and cost (.npy), prompts (JSONL).",
    discussion: """
      Files: ids.txt (sample ids, the keys score files use), models.txt (column order), quality.npy and cost.npy
      (n × K float32; cost in USD per sample), features/<set>.npy, samples.jsonl (sample_id, dataset, prompt,
      image_ref, image_hash, input_tokens). Rank the program's output with `routerbench run --external NAME=FILE`.
      """)
  @OptionGroup var database: DatabaseOptions
  @Option(help: "train, dev or test.") var split: SplitName
  @Option(help: "Output directory.") var out: String

  func run() throws {
    let store = try BenchStore(path: database.db)
    let b = try store.loadBenchmark(name: URL(fileURLWithPath: database.db).deletingPathExtension().lastPathComponent)
    let files = try store.export(split: split, benchmark: b, to: URL(fileURLWithPath: out))
    note("exported \(try b.rows(of: split).count) \(split.rawValue) samples to \(out)/: \(files.joined(separator: ", "))")
  }
}
