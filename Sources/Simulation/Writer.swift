public import Foundation
internal import BenchCore

/// The evaluation-run directory name every model's files go in (`T<date>_G<commit>`, the 2024–2026 layout).
public let simulatedEvalID = "T20251025_G5f3c2a1b"

/// Writes a simulated benchmark as a VLMEvalKit-style folder:
///
/// ```
/// DIR/work_dir/<model>/T20251025_G5f3c2a1b/<model>_<dataset>.tsv           predictions
///                                          <model>_<dataset>_<judged>.tsv  per-sample judged file
///                                          <model>_<dataset>_acc.csv …     aggregates
/// DIR/LMUData/<dataset>.tsv
/// DIR/features/{text,image,patches}.npy, sample_ids.txt
/// DIR/pricing.yaml
/// DIR/simulation.json
/// ```
/// See docs/simulation.md for every file's columns. Output is byte-identical for the same benchmark.
///
/// - Parameter progress: called with a short line per stage (and per model).
public func write(_ sim: SimulatedBenchmark, to dir: URL, progress: (String) -> Void = { _ in }) throws {
  let plan = try WritePlan(sim, dir: dir, progress: progress)
  for m in sim.models.indices {
    progress("writing work_dir/\(sim.models[m].name) (\(m + 1)/\(sim.models.count))")
    try plan.writeModel(m)
  }
  try plan.finish(progress: progress)
}

/// How the per-sample files under `work_dir/` (prediction and judged files; not the aggregates) are written.
public enum PerSampleFormat: String, Sendable, Hashable, CaseIterable {
  /// `.tsv`, every field quoted (pandas `QUOTE_ALL`), as VLMEvalKit's `PRED_FORMAT=tsv`.
  case tsv
  /// `.xlsx`, one worksheet, every cell a string (as VLMEvalKit's default `PRED_FORMAT`, through xlsxwriter).
  case xlsx
}

/// `write(_:to:progress:)` with up to `jobs` models written concurrently (the same bytes as the serial writer), the
/// per-sample files in `format`.
public func write(_ sim: SimulatedBenchmark, to dir: URL, jobs: Int, format: PerSampleFormat = .tsv,
                  progress: @escaping @Sendable (String) -> Void = { _ in }) async throws {
  var p = try WritePlan(sim, dir: dir, progress: progress)
  p.format = format
  let plan = p
  let count = sim.models.count
  try await withThrowingTaskGroup(of: Void.self) { group in
    var next = 0
    func start(_ m: Int) {
      progress("writing work_dir/\(sim.models[m].name) (\(m + 1)/\(count))")
      group.addTask { try plan.writeModel(m) }
    }
    while next < min(max(1, jobs), count) { start(next); next += 1 }
    while try await group.next() != nil {
      if next < count { start(next); next += 1 }
    }
  }
  try plan.finish(progress: progress)
}

/// The directories, the dataset TSVs and the per-dataset row cache, made once before the per-model files.
struct WritePlan: Sendable {
  let sim: SimulatedBenchmark
  let dir: URL
  let workDir: URL
  let cache: [LogWriter.DatasetRows]
  /// The format of the per-sample files under `work_dir/`.
  var format = PerSampleFormat.tsv

  init(_ sim: SimulatedBenchmark, dir: URL, progress: (String) -> Void) throws {
    self.sim = sim
    self.dir = dir
    let fm = FileManager.default
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    progress("writing LMUData dataset TSVs (\(sim.datasets.count) datasets)")
    let lmu = dir.appendingPathComponent("LMUData", isDirectory: true)
    try fm.createDirectory(at: lmu, withIntermediateDirectories: true)
    for d in sim.datasets.indices {
      try LogWriter.datasetTSV(sim, dataset: d).write(to: lmu.appendingPathComponent(sim.datasets[d].name + ".tsv"))
    }
    workDir = dir.appendingPathComponent("work_dir", isDirectory: true)
    cache = sim.datasets.indices.map { LogWriter.DatasetRows(sim, dataset: $0) }
  }

  func writeModel(_ m: Int) throws {
    let runDir = workDir.appendingPathComponent(sim.models[m].name, isDirectory: true)
      .appendingPathComponent(simulatedEvalID, isDirectory: true)
    try FileManager.default.createDirectory(at: runDir, withIntermediateDirectories: true)
    for d in sim.datasets.indices {
      for file in LogWriter.modelFiles(sim, model: m, dataset: d, rows: cache[d]) {
        if format == .xlsx, file.name.hasSuffix(".tsv") {
          let url = runDir.appendingPathComponent(String(file.name.dropLast(4)) + ".xlsx")
          try LogWriter.writeXLSX(tsv: file.bytes, to: url)
        } else {
          try Data(file.bytes).write(to: runDir.appendingPathComponent(file.name))
        }
      }
    }
  }

  func finish(progress: (String) -> Void) throws {
    progress("writing features (text \(FeatureGenerator.textWidth), image \(FeatureGenerator.imageWidth), "
             + "patches \(FeatureGenerator.patchCount)×\(FeatureGenerator.patchWidth))")
    let features = dir.appendingPathComponent("features", isDirectory: true)
    try FileManager.default.createDirectory(at: features, withIntermediateDirectories: true)
    try sim.features.text.write(to: features.appendingPathComponent("text.npy"))
    try sim.features.image.write(to: features.appendingPathComponent("image.npy"))
    try sim.features.patches.write(to: features.appendingPathComponent("patches.npy"))
    let ids = sim.samples.indices.map { sim.sampleID($0) + "\n" }.joined()
    try Data(ids.utf8).write(to: features.appendingPathComponent("sample_ids.txt"))
    progress("writing pricing.yaml and simulation.json")
    try Data(LogWriter.pricingYAML(sim).utf8).write(to: dir.appendingPathComponent("pricing.yaml"))
    try LogWriter.manifest(sim).write(to: dir.appendingPathComponent("simulation.json"))
  }
}

/// One file's name and contents.
struct GeneratedFile {
  var name: String
  var bytes: [UInt8]
}

enum LogWriter {
  // MARK: Dataset TSVs

  /// Columns of a dataset's TSV, `image` included.
  static func datasetColumns(_ judge: JudgeKind) -> [String] {
    ["index", "image", "question"] + (judge.hasOptions ? Vocabulary.optionLetters : []) + ["answer", "category"]
  }

  static func datasetFields(_ s: SimulatedSample, judge: JudgeKind, image: Bool) -> [String] {
    var f = [s.index]
    if image { f.append(Data(s.image).base64EncodedString()) }
    f.append(s.question)
    if judge.hasOptions { f += s.options }
    f += [s.answer, s.category]
    return f
  }

  static func datasetTSV(_ sim: SimulatedBenchmark, dataset d: Int) -> DelimitedText {
    let judge = sim.judge(ofDataset: d)
    var t = DelimitedText(capacity: sim.datasetRows[d].count * 200)
    t.row(datasetColumns(judge))
    for i in sim.datasetRows[d] { t.row(datasetFields(sim.samples[i], judge: judge, image: true)) }
    return t
  }

  // MARK: Per-model files

  /// A dataset's rows as the prediction and judged files start them: the quoted, tab-separated dataset fields
  /// without `image` (computed once, shared by every model).
  struct DatasetRows {
    var rows: [Int]
    var header: [String]
    var prefixes: [[UInt8]]

    init(_ sim: SimulatedBenchmark, dataset d: Int) {
      let judge = sim.judge(ofDataset: d)
      rows = Array(sim.datasetRows[d])
      header = LogWriter.datasetColumns(judge).filter { $0 != "image" } + ["prediction"]
      prefixes = rows.map { i in
        var t = DelimitedText()
        t.row(LogWriter.datasetFields(sim.samples[i], judge: judge, image: false))
        t.bytes.removeLast()  // the newline: the prediction follows
        return t.bytes
      }
    }
  }

  /// The prediction file, the per-sample judged file (none for OCRBench) and the aggregate(s) of one
  /// (model, dataset).
  static func modelFiles(_ sim: SimulatedBenchmark, model m: Int, dataset d: Int, rows cache: DatasetRows)
    -> [GeneratedFile]
  {
    let judge = sim.judge(ofDataset: d)
    let rows = cache.rows
    let prefix = sim.models[m].name + "_" + sim.datasets[d].name
    var text: [UInt8] = []
    var spans: [Range<Int>] = []
    spans.reserveCapacity(rows.count)
    for i in rows {
      let start = text.count
      sim.appendPrediction(row: i, model: m, to: &text)
      spans.append(start..<text.count)
    }
    let capacity = text.count + cache.prefixes.reduce(0) { $0 + $1.count + 8 }

    var pred = DelimitedText(capacity: capacity)
    pred.row(cache.header)
    for j in rows.indices {
      pred.bytes += cache.prefixes[j]
      pred.separatorThenField(utf8: text[spans[j]])
      pred.endRow()
    }
    var files = [GeneratedFile(name: prefix + ".tsv", bytes: pred.bytes)]

    func judged(_ suffix: String, _ extra: [String], _ values: (Int) -> [String]) {
      var t = DelimitedText(capacity: capacity + rows.count * 40)
      t.row(cache.header + extra)
      for (j, i) in rows.enumerated() {
        t.bytes += cache.prefixes[j]
        t.separatorThenField(utf8: text[spans[j]])
        for v in values(i) { t.separatorThenField(v) }
        t.endRow()
      }
      files.append(GeneratedFile(name: prefix + suffix, bytes: t.bytes))
    }
    let scores = rows.map { Double(sim.quality[$0, m]) }
    let hits = rows.map { sim.isCorrect(row: $0, model: m) }
    let categories = rows.map { sim.samples[$0].category }

    switch judge {
    case .multipleChoice:
      judged("_openai_result.tsv", ["hit", "log"]) { i in
        let s = sim.samples[i]
        let given = sim.givenAnswer(row: i, model: m) ?? ""
        let option = Vocabulary.optionLetters.firstIndex(of: given).map { s.options[$0] } ?? ""
        return [sim.isCorrect(row: i, model: m) ? "1" : "0", "Match Log: \(given). \(option). "]
      }
      files.append(csv(prefix + "_acc.csv", header: ["split", "Overall"] + sortedUnique(categories),
                       rows: [["none", PythonLiteral.float(mean(hits))]
                              + sortedUnique(categories).map { c in PythonLiteral.float(mean(hits, where: categories, is: c)) }]))
    case .yesNo:
      judged("_auxmatch.tsv", ["extracted", "score"]) { i in
        [sim.givenAnswer(row: i, model: m) ?? "Unknown", PythonLiteral.bool(sim.isCorrect(row: i, model: m))]
      }
      files.append(hallusionScore(prefix, sim: sim, rows: rows, hits: hits))
    case .textVQA, .chartQA, .anls:
      judged("_results.tsv", ["eval_gt", "eval_pred", "eval_match", "eval_score"]) { i in
        let s = sim.samples[i]
        let given = sim.givenAnswer(row: i, model: m) ?? ""
        let match: [Double]
        if judge == .anls {
          match = s.acceptedAnswers.map { Text.normalizedLevenshtein(groundTruth: $0, prediction: given) }
        } else {
          match = s.acceptedAnswers.map { _ in sim.isCorrect(row: i, model: m) ? 1.0 : 0.0 }
        }
        let score = match.reduce(0, +) / Double(match.count)
        return [PythonLiteral.list(s.acceptedAnswers), given, PythonLiteral.list(match), PythonLiteral.float(score)]
      }
      let header: [String], values: [String]
      if judge == .chartQA {
        header = sortedUnique(categories) + ["Overall"]
        values = sortedUnique(categories).map { c in PythonLiteral.float(100 * mean(scores, where: categories, is: c)) }
          + [PythonLiteral.float(100 * mean(scores))]
      } else {
        header = ["Overall"] + sortedUnique(categories)
        values = [PythonLiteral.float(100 * mean(scores))]
          + sortedUnique(categories).map { c in PythonLiteral.float(100 * mean(scores, where: categories, is: c)) }
      }
      files.append(csv(prefix + "_acc.csv", header: header, rows: [values]))
    case .ocr:
      files.append(GeneratedFile(name: prefix + "_score.json", bytes: Array(ocrScore(hits: hits, categories: categories).utf8)))
    case .mathExtract:
      var prefetched: [Bool] = []
      judged("_gpt-4o-mini.tsv", ["res", "log"]) { i in
        let pre = sim.outputTokens[i, m] <= 2
        prefetched.append(pre)
        return [sim.givenAnswer(row: i, model: m) ?? "", pre ? "Prefetch succeed" : "Succeed"]
      }
      let label = sim.datasets[d].name == "MathVista_MINI" ? "Task&Skill" : "Subject"
      files.append(mathScore(prefix + "_gpt-4o-mini_score.csv", label: label, hits: hits, prefetched: prefetched,
                             categories: categories, overallFirst: label == "Task&Skill"))
    case .mathScore:
      judged("_gpt-4o-mini_score.tsv", ["extract", "score"]) { i in
        [sim.givenAnswer(row: i, model: m) ?? "", PythonLiteral.bool(sim.isCorrect(row: i, model: m))]
      }
      files.append(csv(prefix + "_gpt-4o-mini_score.csv", header: ["split", "Overall"],
                       rows: [["Overall", PythonLiteral.float(100 * mean(hits))]]
                         + sortedUnique(categories).map { c in [c, PythonLiteral.float(100 * mean(hits, where: categories, is: c))] }))
    }
    return files
  }

  // MARK: Aggregates

  static func csv(_ name: String, header: [String], rows: [[String]]) -> GeneratedFile {
    var t = DelimitedText(separator: 0x2C)
    t.row(header)
    for r in rows { t.row(r) }
    return GeneratedFile(name: name, bytes: t.bytes)
  }

  static func sortedUnique(_ xs: [String]) -> [String] { Array(Set(xs)).sorted() }

  static func mean(_ hits: [Bool]) -> Double {
    hits.isEmpty ? 0 : Double(hits.count { $0 }) / Double(hits.count)
  }

  static func mean(_ hits: [Bool], where keys: [String], is key: String) -> Double {
    mean(zip(hits, keys).filter { $0.1 == key }.map(\.0))
  }

  static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

  static func mean(_ xs: [Double], where keys: [String], is key: String) -> Double {
    mean(zip(xs, keys).filter { $0.1 == key }.map(\.0))
  }

  /// `_score.csv` of HallusionBench (0–100): aAcc = mean score; fAcc = share of (l2-category, set, figure) groups
  /// all correct; qAcc = share of (l2-category, set, question) groups all correct. Rows: Overall, VD, VS, then each
  /// l2-category.
  static func hallusionScore(_ prefix: String, sim: SimulatedBenchmark, rows: [Int], hits: [Bool]) -> GeneratedFile {
    struct Item { var category: String, l2: String, set: String, figure: String, question: String, hit: Bool }
    let items = zip(rows, hits).map { i, h -> Item in
      let p = sim.samples[i].index.split(separator: "_").map(String.init)
      return Item(category: sim.samples[i].category, l2: p[0] + "_" + p[1], set: p[3], figure: p[4], question: p[5],
                  hit: h)
    }
    func allCorrectShare(_ xs: [Item], _ key: (Item) -> String) -> Double {
      var groups: [String: Bool] = [:]
      for x in xs { groups[key(x), default: true] = groups[key(x), default: true] && x.hit }
      return groups.isEmpty ? 0 : Double(groups.values.count { $0 }) / Double(groups.count)
    }
    func row(_ name: String, _ xs: [Item]) -> [String] {
      [name, PythonLiteral.float(100 * mean(xs.map(\.hit))),
       PythonLiteral.float(100 * allCorrectShare(xs) { $0.l2 + "/" + $0.set + "/" + $0.figure }),
       PythonLiteral.float(100 * allCorrectShare(xs) { $0.l2 + "/" + $0.set + "/" + $0.question })]
    }
    var out = [row("Overall", items)]
    for c in sortedUnique(items.map(\.category)) { out.append(row(c, items.filter { $0.category == c })) }
    for l in sortedUnique(items.map(\.l2)) { out.append(row(l, items.filter { $0.l2 == l })) }
    return csv(prefix + "_score.csv", header: ["split", "aAcc", "fAcc", "qAcc"], rows: out)
  }

  /// OCRBench's `_score.json`: hit counts per group, `Final Score` (total hits) and `Final Score Norm` (= Final
  /// Score / 10, as VLMEvalKit computes it for its 1000-sample OCRBench).
  static func ocrScore(hits: [Bool], categories: [String]) -> String {
    let recognition: Set<String> = ["Regular Text Recognition", "Irregular Text Recognition",
                                    "Artistic Text Recognition", "Handwriting Recognition",
                                    "Digit String Recognition", "Non-Semantic Text Recognition"]
    func count(_ accept: (String) -> Bool) -> Int { zip(hits, categories).count { $0.0 && accept($0.1) } }
    let groups: [(String, Int)] = [
      ("Text Recognition", count { recognition.contains($0) }),
      ("Scene Text-centric VQA", count { $0 == "Scene Text-centric VQA" }),
      ("Doc-oriented VQA", count { $0 == "Doc-oriented VQA" }),
      ("Key Information Extraction", count { $0 == "Key Information Extraction" }),
      ("Handwritten Mathematical Expression Recognition", count { $0 == "Handwritten Mathematical Expression Recognition" }),
    ]
    let final = groups.reduce(0) { $0 + $1.1 }
    var lines = groups.map { "    \"\($0.0)\": \($0.1)" }
    lines.append("    \"Final Score\": \(final)")
    lines.append("    \"Final Score Norm\": \(PythonLiteral.float(Double(final) / 10))")
    return "{\n" + lines.joined(separator: ",\n") + "\n}"
  }

  /// MathVista / MathVision `_score.csv` (0–100): label, tot, prefetch, hit, prefetch_rate, acc; an Overall row
  /// and one per category (MathVista: Overall first; MathVision: sorted with Overall among the subjects).
  static func mathScore(_ name: String, label: String, hits: [Bool], prefetched: [Bool], categories: [String],
                        overallFirst: Bool) -> GeneratedFile {
    func row(_ key: String, _ select: (String) -> Bool) -> [String] {
      var tot = 0, pre = 0, hit = 0
      for j in hits.indices where select(categories[j]) {
        tot += 1
        if prefetched[j] { pre += 1 }
        if hits[j] { hit += 1 }
      }
      let rate = tot == 0 ? 0 : Double(pre) / Double(tot) * 100
      let acc = tot == 0 ? 0 : Double(hit) / Double(tot) * 100
      return [key, String(tot), String(pre), String(hit), PythonLiteral.float(rate), PythonLiteral.float(acc)]
    }
    var keyed = sortedUnique(categories).map { c in (c, row(c) { $0 == c }) }
    let overall = ("Overall", row("Overall") { _ in true })
    if overallFirst { keyed.insert(overall, at: 0) } else { keyed.append(overall); keyed.sort { $0.0 < $1.0 } }
    return csv(name, header: [label, "tot", "prefetch", "hit", "prefetch_rate", "acc"], rows: keyed.map(\.1))
  }

  // MARK: xlsx

  /// Writes the rows of a tab-separated `QUOTE_ALL` text made by `DelimitedText` (every field quoted, `""` for a
  /// quote, no tab or newline outside quotes) as an `.xlsx` whose cells are all strings.
  static func writeXLSX(tsv bytes: [UInt8], to url: URL) throws {
    let writer = try XLSXWriter(url: url)
    var fields: [String] = []
    var field: [UInt8] = []
    var i = 0
    while i < bytes.count {
      precondition(bytes[i] == 0x22, "DelimitedText output has every field quoted")
      i += 1
      field.removeAll(keepingCapacity: true)
      while true {
        if bytes[i] == 0x22 {
          if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
          i += 1
          break
        }
        field.append(bytes[i])
        i += 1
      }
      fields.append(String(decoding: field, as: UTF8.self))
      if bytes[i] == 0x0A {
        try writer.writeRow(fields)
        fields.removeAll(keepingCapacity: true)
      }
      i += 1  // the tab or the newline
    }
    try writer.close()
  }

  // MARK: Pricing and manifest

  static func pricingYAML(_ sim: SimulatedBenchmark) -> String {
    var s = """
      # Prices of the VL-RouterBench candidate models (paper Table 1), USD per 1M tokens.
      version: 1
      date: "2025-10-25"
      currency: USD
      unit: per_1m_tokens
      models:

      """
    for (m, p) in zip(sim.models, sim.prices) {
      s += "  \(m.name): {input: \(p.inputPerMillion), output: \(p.outputPerMillion)}\n"
    }
    return s
  }

  struct Manifest: Codable {
    var simulated: Bool
    var preset: String
    var scale: Double
    var seed: UInt64
    var split_seed: UInt64
    var eval_id: String
    var counts: Counts
    var generator: String
    var token_rule: String
    var latent_dimension: Int
    var difficulty_spread: [String: Double]
    struct Counts: Codable {
      var datasets: Int
      var models: Int
      var samples: Int
      var per_dataset: [String: Int]
    }
  }

  static func manifest(_ sim: SimulatedBenchmark) throws -> Data {
    let names = sim.datasets.map(\.name)
    let m = Manifest(
      simulated: true, preset: sim.config.preset.rawValue, scale: sim.config.scale, seed: sim.config.seed,
      split_seed: sim.config.splitSeed, eval_id: simulatedEvalID,
      counts: .init(datasets: sim.datasets.count, models: sim.models.count, samples: sim.sampleCount,
                    per_dataset: Dictionary(uniqueKeysWithValues: zip(names, sim.datasetRows.map(\.count)))),
      generator: "RouterBench Simulation: item-response model P(correct) = sigmoid(b[m,d] + a[m].z[i] - "
        + "sigma[d]*delta[i]), L = \(Profiles.latentDimension) latent factors; b calibrated per split part to "
        + "fixed per-model accuracy targets, sigma[d] by bisection to the paper's Oracle (Table A1, lambda = 0); "
        + "features are noisy linear views of (z, delta)",
      token_rule: "input = words(question) + 256 per image; output = words(prediction); every word is one "
        + "cl100k_base token",
      latent_dimension: Profiles.latentDimension,
      difficulty_spread: Dictionary(uniqueKeysWithValues: zip(names, sim.calibration.difficultySpread)))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(m) + Data("\n".utf8)
  }
}
