public import BenchCore
internal import GRDB
public import Foundation

/// What an external program needs to know about one sample.
public struct SampleDescription: Sendable, Hashable, Codable {
  public var sampleID: String
  public var dataset: String
  public var prompt: String
  public var imageRef: String?
  public var imageHash: String?
  public var inputTokens: Int

  enum CodingKeys: String, CodingKey {
    case sampleID = "sample_id", dataset, prompt, imageRef = "image_ref", imageHash = "image_hash"
    case inputTokens = "input_tokens"
  }
}

extension BenchStore {
  /// Prompt, image reference and input tokens of every sample, in benchmark row order.
  public func sampleDescriptions() throws -> [SampleDescription] {
    try writer.read { db in
      try Row.fetchAll(db, sql: """
        SELECT s.key, d.name, s.prompt, s.imageRef, s.imageHash, s.inputTokens
        FROM sample s JOIN dataset d ON d.id = s.datasetId ORDER BY s.id
        """).map { r in
        SampleDescription(sampleID: r[0], dataset: r[1], prompt: r[2], imageRef: r[3], imageHash: r[4], inputTokens: r[5])
      }
    }
  }

  /// Writes one split for an external router: `ids.txt`, `models.txt`, `quality.npy` and `cost.npy` (n × K
  /// float32; cost in USD per sample), `features/<set>.npy` (n × D float32) and `samples.jsonl`. Returns the files.
  @discardableResult
  public func export(split: SplitName, benchmark: Benchmark, to dir: URL) throws -> [String] {
    let rows = try benchmark.rows(of: split)
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("features"), withIntermediateDirectories: true)
    var files: [String] = []
    func put(_ name: String, _ data: Data) throws {
      try data.write(to: dir.appendingPathComponent(name), options: .atomic)
      files.append(name)
    }
    try put("ids.txt", Data(rows.map { benchmark.sampleIDs[$0] + "\n" }.joined().utf8))
    try put("models.txt", Data(benchmark.models.map { $0.name + "\n" }.joined().utf8))
    let q = benchmark.quality.selecting(rows: rows)
    try put("quality.npy", NumpyArray(shape: [q.rows, q.columns], values: q.values).encoded())
    let c = benchmark.cost.selecting(rows: rows)
    try put("cost.npy", NumpyArray(shape: [c.rows, c.columns], values: c.values.map { Float($0) }).encoded())
    for name in try featureSetNames() {
      let f = try loadFeatures(name: name).selecting(rows: rows)
      try put("features/\(name).npy", NumpyArray(shape: [f.rows, f.columns], values: f.values).encoded())
    }
    let all = try sampleDescriptions()
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var jsonl = Data()
    for i in rows {
      jsonl.append(try enc.encode(all[i]))
      jsonl.append(0x0A)
    }
    try put("samples.jsonl", jsonl)
    return files
  }
}
