import BenchCore
import BenchStore
import Foundation
import Testing

@testable import LogImport
import VLRouterBenchPreset

@Suite struct ImporterTests {
  func importFixture(_ f: Fixture, into store: BenchStore, _ configure: (inout ImportOptions) -> Void = { _ in })
    async throws -> ImportSummary
  {
    var o = ImportOptions(root: f.root)
    configure(&o)
    return try await Importer(options: o).run(into: store)
  }

  @Test func importsEveryConventionWithScoresTokensCostsAndProvenance() async throws {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll()
    let store = try BenchStore.inMemory()
    let s = try await importFixture(f, into: store)
    #expect(s.samples == 20 && s.models == 2 && s.records == 40 && s.recordsImported == 40 && s.datasets == 5)
    #expect(s.filesRead == 18 + 5)  // 10 prediction + 8 judged files (OCRBench has none) + 5 dataset files
    #expect(s.splitStored && s.featureSets == ["text"])

    let b = try store.loadBenchmark()
    #expect(b.name == "tiny-test")
    #expect(b.models.map(\.name) == ["Alpha-VL", "beta_vl.2"])
    #expect(b.datasets.map(\.name) == ["MMStar", "HallusionBench", "MathVista_MINI", "DocVQA_VAL", "OCRBench"])
    let counter = ApproximateTokenCounter()
    for (d, dataset) in Fixture.datasets.enumerated() {
      for i in 0..<4 {
        let row = d * 4 + i
        #expect(b.sampleIDs[row] == "\(dataset)/\(Fixture.questions[dataset]![i].0)")
        #expect(Int(b.inputTokens[row]) == Fixture.inputTokens(dataset, i))
        for (m, model) in Fixture.models.enumerated() {
          let cell = Fixture.cell(m, dataset, i)
          #expect(b.quality[row, m] == cell.score, "\(model) \(dataset) #\(i)")
          let expectedCost = Fixture.prices[model]!.cost(inputTokens: Double(Fixture.inputTokens(dataset, i)),
                                                        outputTokens: Double(counter.count(cell.prediction)))
          #expect(b.cost[row, m] == expectedCost, "\(model) \(dataset) #\(i)")
        }
      }
    }
    // 4 samples per dataset: round(0.8) = 1 test, round(0.4) = 0 dev, 3 train.
    #expect(b.splits[.test]?.count == 5 && b.splits[.dev]?.count == 0 && b.splits[.train]?.count == 15)
    #expect(try store.metadata(.simulated) == "true")
    #expect(try store.metadata(.preset) == "tiny-test")
    #expect(try store.metadata(.tokenCounter) == "approximate-v1")
    #expect(try store.featureShape(ofFeatureSet: "text") == [3])

    let features = try store.loadFeatures(name: "text")
    #expect(features.rows == 20 && features.columns == 3)
    #expect(Array(features.row(5)) == [7.5, 8, 8.5])

    // Provenance: judged file and row for judged datasets, the prediction file for OCRBench.
    let mmstar = try #require(try store.provenance(sample: "MMStar/0", model: "Alpha-VL"))
    #expect(mmstar.file == "work_dir/Alpha-VL/\(Fixture.run)/Alpha-VL_MMStar_openai_result.tsv" && mmstar.row == 2)
    let judgedBytes = try Data(contentsOf: f.file("Alpha-VL", "MMStar", "_openai_result"))
    #expect(mmstar.sha256 == SHA256.hex(judgedBytes))
    let ocr = try #require(try store.provenance(sample: "OCRBench/3", model: "beta_vl.2"))
    #expect(ocr.file == "work_dir/beta_vl.2/\(Fixture.run)/beta_vl.2_OCRBench.tsv" && ocr.row == 5)
    let importedFiles = try store.dump()["importedFile"]!.count
    #expect(importedFiles == 26)  // 23 log files + pricing, features, simulation.json
    let summary = try store.summary()
    #expect(summary.count == 10)
    let mm = try #require(summary.first { $0.model == "Alpha-VL" && $0.dataset == "MMStar" })
    #expect(mm.correct == 2 && mm.samples == 4)
  }

  @Test func reimportingTheSameFilesChangesNothing() async throws {
    let dir = try temporaryDirectory()
    let f = Fixture(root: dir.appendingPathComponent("root"))
    try f.writeAll()
    let store = try BenchStore(path: dir.appendingPathComponent("b.sqlite").path)
    _ = try await importFixture(f, into: store)
    let before = try store.dump()
    let again = try await importFixture(f, into: store)
    #expect(again.groupsSkipped == 10 && again.recordsImported == 0 && again.filesRead == 0)
    #expect(try store.dump() == before)
  }

  @Test func aChangedFileIsReimportedAndItsRecordsReplaced() async throws {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll()
    let store = try BenchStore.inMemory()
    _ = try await importFixture(f, into: store)
    // Flip Alpha-VL's first MMStar hit.
    let url = f.file("Alpha-VL", "MMStar", "_openai_result")
    let text = try String(contentsOf: url, encoding: .utf8)
    try write(text.replacingOccurrences(of: "\"A\"\t\"1\"", with: "\"A\"\t\"0\""), to: url)
    let s = try await importFixture(f, into: store)
    #expect(s.groupsSkipped == 9 && s.recordsImported == 4)
    #expect(try store.loadBenchmark().quality[0, 0] == 0)
  }

  @Test func samplesComeFromPredictionFilesWithoutLMUDataAndCatalogPricesWithoutPricing() async throws {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll(pricing: false, lmuData: false, features: false, simulation: false)
    // Rename the models to catalog names, which the paper's price table covers.
    for (old, new) in zip(Fixture.models, ["GPT4o", "Janus-Pro-1B"]) {
      let dir = f.workDir.appendingPathComponent(old)
      for run in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
        let runDir = dir.appendingPathComponent(run)
        for name in try FileManager.default.contentsOfDirectory(atPath: runDir.path) {
          try FileManager.default.moveItem(at: runDir.appendingPathComponent(name),
                                           to: runDir.appendingPathComponent(new + name.dropFirst(old.count)))
        }
      }
      try FileManager.default.moveItem(at: dir, to: f.workDir.appendingPathComponent(new))
    }
    let store = try BenchStore.inMemory()
    let s = try await importFixture(f, into: store)
    #expect(s.samples == 20 && s.records == 40)
    let b = try store.loadBenchmark()
    #expect(b.models.map(\.name) == ["GPT4o", "Janus-Pro-1B"])
    // 1 image per sample without a dataset file.
    #expect(Int(b.inputTokens[3]) == ApproximateTokenCounter().count("Count the dogs.") + 256)
    let gpt = VLRouterBench.shared.catalog.prices["GPT4o"]!
    let out = Double(ApproximateTokenCounter().count(Fixture.cell(0, "MMStar", 0).prediction))
    #expect(b.cost[0, 0] == gpt.cost(inputTokens: Double(b.inputTokens[0]), outputTokens: out))
    #expect(try store.metadata(.simulated) == "false")
  }

  @Test func worksOnAWorkDirectoryItselfAndPrefersTheNewestRun() async throws {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll()
    // An older run of Alpha-VL × MMStar with other hits must be ignored.
    let old = f.workDir.appendingPathComponent("Alpha-VL/T20240101_G0000000")
    try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
    var rows = [["index", "question", "prediction", "hit"]]
    for (i, _) in Fixture.questions["MMStar"]!.enumerated() { rows.append(["\(i)", "q", "Z", "0"]) }
    try write(tsv(rows), to: old.appendingPathComponent("Alpha-VL_MMStar.tsv"))
    try write(tsv(rows), to: old.appendingPathComponent("Alpha-VL_MMStar_openai_result.tsv"))
    let store = try BenchStore.inMemory()
    let s = try await Importer(options: ImportOptions(root: f.workDir, pricing: f.root.appendingPathComponent("pricing.yaml"),
                                                lmuData: f.root.appendingPathComponent("LMUData"))).run(into: store)
    #expect(s.records == 40 && s.featureSets.isEmpty)
    #expect(try store.loadBenchmark().quality[0, 0] == 1)
    #expect(try store.metadata(.simulated) == "false")
  }

  @Test func longestDatasetNameWinsAndShadowDatasetsAreNotRead() async throws {
    let scanner = WorkDirectoryScanner(
      knownDatasets: Dictionary(uniqueKeysWithValues: (VLRouterBench.shared.datasets.map(\.info.name) + Importer.shadowDatasets)
        .map { ($0, DatasetInfo(name: $0, displayName: $0, group: .other, answerType: .unknown)) }),
      rules: .standard, readers: .standard)
    #expect(scanner.datasetAndSuffix(of: "a_b_MathVerse_MINI_gpt-4o-mini_score", model: "a_b")! == ("MathVerse_MINI", "_gpt-4o-mini_score"))
    #expect(scanner.datasetAndSuffix(of: "a_b_MathVerse_MINI_Vision_Only_gpt-4o-mini_score", model: "a_b")!
            == ("MathVerse_MINI_Vision_Only", "_gpt-4o-mini_score"))
    #expect(scanner.datasetAndSuffix(of: "m_MMBench_DEV_EN_V11_openai_result", model: "m")! == ("MMBench_DEV_EN_V11", "_openai_result"))
    #expect(scanner.datasetAndSuffix(of: "m_MMStarX", model: "m") == nil)
    #expect(scanner.datasetAndSuffix(of: "other_MMStar", model: "m") == nil)
    #expect(WorkDirectoryScanner.isRunDirectory("T20250426_Ga32ffdf2") && WorkDirectoryScanner.isRunDirectory("T20260401-123456"))
    #expect(!WorkDirectoryScanner.isRunDirectory("T2025_G1") && !WorkDirectoryScanner.isRunDirectory("logs"))
  }

  @Test func circularRotationsAreNotSamples() {
    #expect(GroupParser.isCircular("MMBench_DEV_EN_V11") && GroupParser.isCircularCopy(index: "1000003"))
    #expect(!GroupParser.isCircularCopy(index: "3"))
    #expect(!GroupParser.isCircular("MMStar"))
  }
}

/// Each bad input fails with a message naming file, row and column — and leaves the database as it was.
@Suite struct ImportErrorTests {
  /// Imports the good fixture, breaks something, re-imports; returns the error after checking the database
  /// content did not change.
  func failingReimport(configure: (inout ImportOptions) -> Void = { _ in }, fresh: Bool = false,
                       _ breakIt: (Fixture) throws -> Void) async throws -> ImportError {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll()
    let store = try BenchStore.inMemory()
    if !fresh { _ = try await Importer(options: ImportOptions(root: f.root)).run(into: store) }
    let before = try store.dump()
    try breakIt(f)
    var o = ImportOptions(root: f.root)
    configure(&o)
    let e = try await #require(throws: ImportError.self) { _ = try await Importer(options: o).run(into: store) }
    #expect(try store.dump() == before, "the database changed after a failed import")
    return e
  }

  func replace(_ url: URL, _ old: String, _ new: String) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(old))
    try write(text.replacingOccurrences(of: old, with: new), to: url)
  }

  @Test("Without a pricing file, models the catalog does not know are an error naming every one of them")
  func unpricedModelsWithoutPricingFile() async throws {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll(pricing: false)
    let store = try BenchStore.inMemory()
    let e = try await #require(throws: ImportError.self) {
      _ = try await Importer(options: ImportOptions(root: f.root)).run(into: store)
    }
    #expect(e.kind == .missingPrice)
    #expect(e.description.contains("models Alpha-VL and beta_vl.2 have no price"), "\(e)")
    #expect(e.description.contains("pass --pricing FILE") || e.description.contains("Pass --pricing FILE"))
    #expect(try store.counts()[.record] == 0)
    // A catalog that knows neither model gives the same answer; the paper's prices never price an unknown model.
    var o = ImportOptions(root: f.root)
    o.catalog = .empty
    let again = try await #require(throws: ImportError.self) { _ = try await Importer(options: o).run(into: store) }
    #expect(again.description.contains("models Alpha-VL and beta_vl.2 have no price"))
  }

  @Test("A catalog prices its own models without a pricing file, and only those")
  func catalogPricesOnlyItsOwnModels() async throws {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll(pricing: false)
    var o = ImportOptions(root: f.root)
    o.catalog = BenchmarkCatalog(name: "test", datasets: ImportOptions.defaultCatalog.datasets,
                                 models: [ModelInfo(name: "Alpha-VL", displayName: "Alpha VL")],
                                 prices: ["Alpha-VL": TokenPrice(inputPerMillion: 1, outputPerMillion: 2)])
    let e = try await #require(throws: ImportError.self) {
      _ = try await Importer(options: o).run(into: try BenchStore.inMemory())
    }
    #expect(e.kind == .missingPrice && e.column == "models.beta_vl.2")
    #expect(e.description.contains("model beta_vl.2 has no price") && !e.description.contains("Alpha-VL has"))
    o.catalog.models.append(ModelInfo(name: "beta_vl.2", displayName: "Beta"))
    o.catalog.prices["beta_vl.2"] = TokenPrice(inputPerMillion: 3, outputPerMillion: 4)
    let store = try BenchStore.inMemory()
    _ = try await Importer(options: o).run(into: store)
    #expect(try store.loadBenchmark().models.map(\.displayName) == ["Alpha VL", "Beta"])
  }

  @Test func missingPrice() async throws {
    let e = try await failingReimport { f in try replace(f.root.appendingPathComponent("pricing.yaml"), "  Alpha-VL: {input: 0.5, output: 2}\n", "") }
    #expect(e.kind == .missingPrice && e.file == "pricing.yaml" && e.column == "models.Alpha-VL")
    #expect(e.description.contains("model Alpha-VL has no price"))
  }

  @Test func badPriceValue() async throws {
    let e = try await failingReimport { f in try replace(f.root.appendingPathComponent("pricing.yaml"), "output: 0.25", "output: cheap") }
    #expect(e.kind == .badValue && e.row == 7 && e.column == "models.beta_vl.2.output")
    #expect(e.description.hasPrefix("pricing.yaml, row 7, column 'models.beta_vl.2.output': price 'cheap'"))
  }

  @Test func duplicateSampleModelRows() async throws {
    let e = try await failingReimport { f in
      let url = f.file("beta_vl.2", "HallusionBench", "_auxmatch")
      try replace(url, "\"VS_chart_2_0_0_0\"", "\"VD_illusion_1_0_0_1\"")
    }
    #expect(e.kind == .duplicate && e.row == 4 && e.column == "index")
    #expect(e.file == "work_dir/beta_vl.2/\(Fixture.run)/beta_vl.2_HallusionBench_auxmatch.tsv")
    #expect(e.description.contains("'VD_illusion_1_0_0_1' appears twice") && e.description.contains("first in row 3"))
  }

  @Test func aScoreThatIsNotANumber() async throws {
    let e = try await failingReimport { f in
      try replace(f.file("Alpha-VL", "MMStar", "_openai_result"), "\"0\"\t\"Match Log: ok\"", "\"zero\"\t\"Match Log: ok\"")
    }
    #expect(e.kind == .badValue && e.row == 3 && e.column == "hit")
    #expect(e.description == "work_dir/Alpha-VL/\(Fixture.run)/Alpha-VL_MMStar_openai_result.tsv, row 3, column 'hit': hit 'zero' is not a number")
  }

  @Test func unreadableFile() async throws {
    let e = try await failingReimport(configure: { $0.pricing = URL(fileURLWithPath: "/nonexistent/prices.yaml") }) { _ in }
    #expect(e.kind == .unreadable && e.file == "/nonexistent/prices.yaml")
  }

  @Test func unterminatedQuoteInAPredictionFile() async throws {
    let e = try await failingReimport { f in
      try write("\"index\"\t\"prediction\"\n\"0\"\t\"A\n\"1\"\tB\n", to: f.file("Alpha-VL", "OCRBench"))
    }
    // The quoted field of row 2 swallows the line end; `"1"` after its closing quote is malformed.
    #expect(e.kind == .malformed && e.row == 2 && e.file?.hasSuffix("Alpha-VL_OCRBench.tsv") == true)
    #expect(e.description.contains("malformed quoting"))
  }

  @Test func predictionFileWithoutItsJudgedFile() async throws {
    // Y/N has no recomputation (ImageVQA datasets without `_results` are recomputed from the prediction file, MCQ
    // by exact matching).
    let e = try await failingReimport { f in try FileManager.default.removeItem(at: f.file("beta_vl.2", "HallusionBench", "_auxmatch")) }
    #expect(e.kind == .missingJudgedFile && e.file == "work_dir/beta_vl.2/\(Fixture.run)/beta_vl.2_HallusionBench.tsv")
    #expect(e.description.contains("beta_vl.2_HallusionBench_auxmatch"))
  }

  @Test func missingColumn() async throws {
    let e = try await failingReimport { f in try replace(f.file("Alpha-VL", "HallusionBench", "_auxmatch"), "\"score\"", "\"scores\"") }
    #expect(e.kind == .missingColumn && e.row == 1 && e.column == "score")
  }

  @Test func raggedRow() async throws {
    let e = try await failingReimport { f in try replace(f.file("Alpha-VL", "OCRBench"), "\"It says 42\"", "\"It says 42\"\t\"extra\"") }
    #expect(e.kind == .malformed && e.row == 3 && e.description.contains("6 cells but the header has 5"))
  }

  @Test func raggedMatrixIsRefusedNamingModelDatasetCountAndKeys() async throws {
    let e = try await failingReimport(fresh: true) { f in
      for suffix in ["", "_openai_result"] {
        let url = f.file("beta_vl.2", "MMStar", suffix)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try write(lines.prefix(3).joined(separator: "\n") + "\n", to: url)  // header + samples 0, 1
      }
    }
    #expect(e.kind == .incomplete)
    #expect(e.description.contains("model beta_vl.2 lacks 2 of 4 samples of MMStar (e.g. MMStar/2, MMStar/3)"))
    #expect(e.description.contains("--missing drop-sample"))
  }

  /// A fresh import whose last dataset fails to parse after the writer has stored the earlier datasets: the
  /// whole transaction is rolled back (the dump equals the empty database's).
  @Test func aParserErrorAfterEarlierDatasetsWereWrittenRollsEverythingBack() async throws {
    let e = try await failingReimport(fresh: true) { f in
      try replace(f.file("beta_vl.2", "OCRBench"), "\"It says 24\"", "\"It says 24\"\t\"extra\"")
    }
    #expect(e.kind == .malformed && e.file?.hasSuffix("beta_vl.2_OCRBench.tsv") == true)
  }

  @Test func predictionIndexNotInTheDatasetFile() async throws {
    let e = try await failingReimport { f in try replace(f.file("Alpha-VL", "OCRBench"), "\"3\"\t\"Write", "\"33\"\t\"Write") }
    #expect(e.kind == .badValue && e.row == 5 && e.column == "index" && e.description.contains("'33' is not a sample of OCRBench"))
  }
}

@Suite struct MissingPolicyTests {
  func raggedFixture() throws -> Fixture {
    let f = Fixture(root: try temporaryDirectory())
    try f.writeAll()
    for suffix in ["", "_openai_result"] {
      let url = f.file("beta_vl.2", "MMStar", suffix)
      let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      try write(lines.prefix(4).joined(separator: "\n") + "\n", to: url)  // samples 0, 1, 2
    }
    return f
  }

  @Test func dropSampleDropsWhatSomeModelLacks() async throws {
    let f = try raggedFixture()
    let store = try BenchStore.inMemory()
    let s = try await Importer(options: ImportOptions(root: f.root, missing: .dropSample)).run(into: store)
    #expect(s.droppedSamples == ["MMStar/3"] && s.samples == 19 && s.records == 38)
    let b = try store.loadBenchmark()
    #expect(b.sampleCount == 19 && !b.sampleIDs.contains("MMStar/3"))
    #expect(try store.loadFeatures(name: "text").rows == 19)
    #expect(b.splits.values.reduce(0) { $0 + $1.count } == 19)
  }

  @Test func dropModelDropsIncompleteModels() async throws {
    let f = try raggedFixture()
    let store = try BenchStore.inMemory()
    let s = try await Importer(options: ImportOptions(root: f.root, missing: .dropModel)).run(into: store)
    #expect(s.droppedModels == ["beta_vl.2"] && s.models == 1 && s.records == 20)
    #expect(try store.loadBenchmark().models.map(\.name) == ["Alpha-VL"])
  }
}
