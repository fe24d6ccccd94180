public import BenchCore
public import BenchStore
public import Foundation
internal import ZIPFoundation

/// `routerbench export --layout vl-routerbench --out DIR`: any benchmark database written in the layout of the
/// VL-RouterBench data release (`ReleaseLayout`), so Python code written for the reference repository loads it
/// (`np.load('data/matrices/Y.npz')['Y']`, `np.load('data/matrices/C.npy')`, `pickle.load`, `SPLITS/*.jsonl`).
///
/// As the reference pipeline builds them: rows are the samples sorted by id in code-point order (Python's
/// `sorted`), columns the models sorted the same way; `Y` is **correctness** (score ≥ the benchmark's
/// threshold) as `int8` 0/1 in `Y.npz` (deflated, key `Y`), `C` the cost in USD per sample as `float32`;
/// `cost_bounds.json` uses the reference's formula (per-model mean of the costs > 0). Partial credit and the
/// last bits of a float64 cost are not part of the layout: re-importing gives `score ∈ {0, 1}` and float32
/// costs (an exact round trip for data that came from a release).
public enum ReleaseExport {
  /// The files written, relative to `root`.
  @discardableResult
  public static func write(benchmark b: Benchmark, descriptions: [SampleDescription] = [], to root: URL) throws
    -> [String]
  {
    let order = b.sampleIDs.indices.sorted { codePointLess(b.sampleIDs[$0], b.sampleIDs[$1]) }
    let columns = b.models.indices.sorted { codePointLess(b.models[$0].name, b.models[$1].name) }
    let n = order.count, k = columns.count
    var y = [Double](), c = [Double]()
    y.reserveCapacity(n * k)
    c.reserveCapacity(n * k)
    for i in order {
      for j in columns {
        y.append(b.isCorrect(i, j) ? 1 : 0)
        c.append(Double(Float(b.cost[i, j])))
      }
    }
    let ids = order.map { b.sampleIDs[$0] }
    let models = columns.map { b.models[$0].name }

    let fm = FileManager.default
    let matrices = root.appendingPathComponent(ReleaseLayout.matrices)
    let registry = root.appendingPathComponent(ReleaseLayout.registry)
    try fm.createDirectory(at: matrices, withIntermediateDirectories: true)
    try fm.createDirectory(at: registry, withIntermediateDirectories: true)
    var files: [String] = []
    func put(_ relative: String, _ bytes: [UInt8]) throws {
      try Data(bytes).write(to: root.appendingPathComponent(relative), options: .atomic)
      files.append(relative)
    }
    let m = ReleaseLayout.matrices, r = ReleaseLayout.registry
    try writeNPZ(["Y.npy": NumpyMatrix(rows: n, columns: k, dtype: .int8, values: y).encoded()],
                 to: root.appendingPathComponent("\(m)/Y.npz"))
    files.append("\(m)/Y.npz")
    try put("\(m)/C.npy", NumpyMatrix(rows: n, columns: k, dtype: .float32, values: c).encoded())
    try put("\(m)/sample_ids.pkl", RestrictedPickle.encode(strings: ids))
    try put("\(m)/model_names.pkl", RestrictedPickle.encode(strings: models))
    try put("\(m)/cost_bounds.json", Array(costBoundsJSON(ReleaseCostBounds(cost: c, rows: n, models: models)).utf8))
    try put("\(r)/sample_index.pkl", RestrictedPickle.encode(strings: ids))
    try put("\(r)/model_index.pkl", RestrictedPickle.encode(strings: models))
    try put("\(r)/models.txt", Array(models.map { $0 + "\n" }.joined().utf8))

    // meta.parquet: sample_id, dataset, split, task — what the reference loaders read with pandas.
    var part: [Int: SplitName] = [:]
    for (p, rows) in b.splits { for i in rows { part[i] = p } }
    let datasetOf = order.map { b.datasets[Int(b.sampleDataset[$0])] }
    let meta = ParquetTable(columns: [
      ("sample_id", ids),
      ("dataset", datasetOf.map(\.name)),
      ("split", order.map { part[$0]?.rawValue ?? "unknown" }),
      ("task", datasetOf.map { taskType($0.answerType) }),
    ])
    try put("\(r)/meta.parquet", meta.encoded())

    var parts: [SplitName: [String]] = [:]
    for p in SplitName.allCases {
      let members = Set(b.splits[p] ?? [])
      parts[p] = order.filter(members.contains).map { b.sampleIDs[$0] }
    }
    try ReleaseSplitFiles.write(parts, to: root.appendingPathComponent(ReleaseLayout.splits))
    files += SplitName.allCases.map { "\(ReleaseLayout.splits)/\($0.rawValue).jsonl" }

    // BENCHMARKS/<task>/<dataset>_samples.jsonl: prompts and image references, when the database has prompts.
    if descriptions.contains(where: { !$0.prompt.isEmpty }) {
      let byID = Dictionary(descriptions.map { ($0.sampleID, $0) }, uniquingKeysWith: { a, _ in a })
      var perDataset: [String: (task: String, lines: Data)] = [:]
      for (row, i) in order.enumerated() {
        let d = datasetOf[row]
        let desc = byID[b.sampleIDs[i]]
        var line = "{\"sample_id\": " + jsonText(b.sampleIDs[i]) + ", \"dataset\": " + jsonText(d.name)
          + ", \"task_type\": " + jsonText(taskType(d.answerType)) + ", \"modality\": [\"image\", \"text\"], \"prompt\": "
          + jsonText(desc?.prompt ?? "") + ", \"assets\": ["
        if let ref = desc?.imageRef { line += "{\"type\": \"image\", \"uri\": " + jsonText(ref) + "}" }
        line += "]}\n"
        perDataset[d.name, default: (taskType(d.answerType), Data())].lines.append(contentsOf: Array(line.utf8))
      }
      for (name, entry) in perDataset.sorted(by: { $0.key < $1.key }) {
        let relative = "BENCHMARKS/\(entry.task)/\(name.lowercased())_samples.jsonl"
        try fm.createDirectory(at: root.appendingPathComponent("BENCHMARKS/\(entry.task)"), withIntermediateDirectories: true)
        try entry.lines.write(to: root.appendingPathComponent(relative), options: .atomic)
        files.append(relative)
      }
    }
    return files
  }

  /// The reference pipeline's `task_type` of a dataset (spec §1.5), from its answer type.
  static func taskType(_ a: AnswerType) -> String {
    switch a {
    case .multipleChoice, .yesNo: "vqa_mc"
    case .openVQA: "vqa_oe"
    case .ocr: "ocr_qa"
    case .math: "math"
    case .unknown: "unknown"
    }
  }

  /// Python's `str` order: by Unicode code point (UTF-8 byte order is the same order).
  static func codePointLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  static func jsonText(_ s: String) -> String { String(decoding: ReleaseSplitFiles.jsonString(s), as: UTF8.self) }

  /// `cost_bounds.json` as the reference writes it (`json.dump(…, indent=2)`).
  static func costBoundsJSON(_ b: ReleaseCostBounds) -> String {
    func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "NaN" }
    var s = "{\n  \"cmin\": \(number(b.cmin)),\n  \"cmax\": \(number(b.cmax)),\n"
    s += "  \"description\": \"Cost bounds for Arena Score calculation (written by RouterBench)\",\n"
    s += "  \"cmin_model\": \(jsonText(b.cminModel)),\n  \"cmax_model\": \(jsonText(b.cmaxModel)),\n"
    s += "  \"per_model_avg_costs\": {\n"
    s += zip(b.perModel.indices, b.perModel).map { j, v in "    \(jsonText(b.models[j])): \(number(v))" }.joined(separator: ",\n")
    return s + "\n  }\n}\n"
  }

  /// An `.npz` as `np.savez_compressed` writes it: a zip of deflated `<key>.npy` members (fixed timestamps, so
  /// the same data gives the same bytes).
  static func writeNPZ(_ members: [String: [UInt8]], to url: URL) throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
    let archive = try Archive(url: url, accessMode: .create)
    for (name, bytes) in members.sorted(by: { $0.key < $1.key }) {
      let data = Data(bytes)
      try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                           compressionMethod: .deflate) { position, size in
        data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
  }

  static let fixedDate = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
}
