import BenchCore
import BenchStore
import Foundation

/// A unique temporary directory per test (Swift Testing runs tests in parallel in one process).
func temporaryDirectory(_ label: String = #function) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("BenchStoreTests-\(label.prefix(24))-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A small synthetic benchmark written through the store's transaction API.
struct SmallBench {
  var datasets: [DatasetInfo] = [
    DatasetInfo(name: "MMStar", displayName: "MMStar", group: .general, answerType: .multipleChoice),
    DatasetInfo(name: "OCRBench", displayName: "OCRBench", group: .chartDoc, answerType: .ocr),
  ]
  /// Deliberately not in code-point order; "GPT4o" < "Janus-Pro-1B" < "deepseek_vl2" in BINARY collation.
  var models: [ModelInfo] = [
    ModelInfo(name: "deepseek_vl2", displayName: "DeepSeek-VL2"),
    ModelInfo(name: "GPT4o", displayName: "GPT-4o"),
    ModelInfo(name: "Janus-Pro-1B", displayName: "Janus-Pro-1B", paramsB: 1),
  ]
  var samplesPerDataset = 10
  var prices: [String: TokenPrice] = [
    "deepseek_vl2": TokenPrice(inputPerMillion: 0.35, outputPerMillion: 0.5),
    "GPT4o": TokenPrice(inputPerMillion: 2.5, outputPerMillion: 10),
    "Janus-Pro-1B": TokenPrice(inputPerMillion: 0.05, outputPerMillion: 0.05),
  ]

  func key(_ d: Int, _ i: Int) -> String { "\(datasets[d].name)/\(i)" }
  func inputTokens(_ d: Int, _ i: Int) -> Int { 256 + 10 * d + i }
  func score(_ d: Int, _ i: Int, _ m: Int) -> Float { Float((d * 7 + i * 3 + m * 5) % 4) / 3 }
  func outputTokens(_ d: Int, _ i: Int, _ m: Int) -> Int32 { Int32(1 + (i + m) % 9) }
  func cost(_ d: Int, _ i: Int, _ m: Int) -> Double {
    prices[models[m].name]!.cost(inputTokens: Double(inputTokens(d, i)), outputTokens: Double(outputTokens(d, i, m)))
  }

  /// Writes everything; `skip` leaves out some (dataset, sample, model) cells.
  func write(to store: BenchStore, skip: Set<[Int]> = []) throws {
    try store.transaction { tx in
      for (p, d) in datasets.enumerated() { _ = try tx.ensureDataset(d, position: p) }
      var modelIds: [Int64] = []
      for m in models { modelIds.append(try tx.ensureModel(m)) }
      _ = try tx.activatePriceTable(PriceTable(name: "test", prices: prices), createdAt: "2025-01-01T00:00:00Z")
      var rows: [SampleRow] = []
      for d in datasets.indices {
        for i in 0..<samplesPerDataset {
          rows.append(SampleRow(dataset: datasets[d].name, sourceIndex: "\(i)", prompt: "q\(i)",
                                inputTokens: inputTokens(d, i), category: "c\(i % 2)"))
        }
      }
      try tx.upsertSamples(rows)
      let index = try tx.sampleIndex()
      var fileIds: [Int64] = []
      for m in models {
        fileIds.append(try tx.recordImportedFile(ImportedFile(path: "work_dir/\(m.name)/x.tsv", sha256: "ab",
                                                              kind: "judged", rows: 1, importedAt: "now")))
      }
      var records: [RecordRow] = []
      for d in datasets.indices {
        for i in 0..<samplesPerDataset {
          for m in models.indices where !skip.contains([d, i, m]) {
            let s = score(d, i, m)
            records.append(RecordRow(sampleId: index[key(d, i)]!.id, modelId: modelIds[m], score: s,
                                     correct: s >= 1, outputTokens: outputTokens(d, i, m), tokensEstimated: true,
                                     costUSD: cost(d, i, m), sourceFileId: fileIds[m], sourceRow: Int32(i + 2)))
          }
        }
      }
      try tx.writeRecords(records)
    }
  }
}
