import BenchCore
import Testing

@testable import VLRouterBenchPreset

/// The bundled CSVs parse, hold the paper's figures, and the strict parser names file, line and column.
@Suite struct PresetResourceTests {
  @Test("Every bundled resource parses, with the paper's counts")
  func resourcesParse() throws {
    let p = try VLRouterBench.load()
    #expect(p.datasets.count == 14 && p.models.count == 17)
    #expect(p.datasets.map(\.testSamples).reduce(0, +) == 6108)  // 20% of 30,540
    #expect(p.table2.count == 13)
    // 6 tables × (14 datasets + All) × 13 methods × 2 metrics, plus 13 All-Datasets rank scores per table.
    #expect(p.perDatasetFigures.count == 6 * (15 * 13 * 2 + 13))
    #expect(p.baselines.count == 14)
    #expect(p.catalog.name == "vl-routerbench" && p.catalog.prices.count == 17)
  }

  @Test("Values match the paper: Table 1, Table 2, Table A1")
  func spotChecks() throws {
    let p = try VLRouterBench.load()
    // Table 1: GPT-4o $2.50 / $10.00 per 1M tokens; DeepSeek-VL2 27B total, 4.5B active.
    #expect(p.catalog.prices["GPT4o"] == TokenPrice(inputPerMillion: 2.5, outputPerMillion: 10))
    let dsv2 = try #require(p.models.first { $0.info.name == "deepseek_vl2" })
    #expect(dsv2.info.displayName == "DeepSeek-VL2" && dsv2.info.paramsB == 27 && dsv2.activeParamsB == 4.5)
    #expect(p.models.first { $0.info.name == "GeminiFlash2-5" }?.info.paramsB == nil)
    #expect(p.models.first { $0.info.name == "GPT4o" }?.kind == .api)
    let chart = try #require(p.datasets.first { $0.info.name == "ChartQA_TEST" })
    #expect(chart.info.displayName == "ChartQA" && chart.info.group == .chartDoc && chart.testSamples == 500)
    // Table 2: MLP 77.49 ± 0.56 %, 1.13 ± 0.13 USD/10K, Rank Score 74.23 ± 0.22, rank 3.
    let mlp = try #require(p.table2.first { $0.router == "MLP" })
    #expect(mlp.accuracy == 77.49 && mlp.cost == 1.13 && mlp.rankScore == 74.23)
    #expect(mlp.accuracyStd == 0.56 && mlp.costStd == 0.13 && mlp.rankScoreStd == 0.22 && mlp.rank == 3)
    #expect(p.table2.first { $0.router == "Oracle" }?.accuracyStd == nil)
    // Table A1 (λ = 0): Oracle on HallusionBench 99.46 % at 0.23 USD/10K; All Datasets 95.60 / 78.01 / 62.43.
    let hall = try #require(p.baselines["HallusionBench"])
    #expect(hall.oracle == 99.46 && hall.oracleCost == 0.23 && hall.strongest == 71.89 && hall.cheapest == 57.84)
    #expect(p.allDatasetsBaselines.oracle == 95.6 && p.allDatasetsBaselines.strongest == 78.01
      && p.allDatasetsBaselines.cheapest == 62.43 && p.allDatasetsBaselines.strongestCost == 2.72)
    let rank = p.perDatasetFigures.first {
      $0.table == "A1" && $0.dataset == "All Datasets" && $0.metric == .rankScore && $0.method == "Oracle"
    }
    #expect(rank?.value == 93.68)
  }

  @Test("The shared preset is the bundled one")
  func sharedIsLoaded() throws {
    #expect(VLRouterBench.shared.catalog == (try VLRouterBench.load()).catalog)
  }
}

@Suite struct StrictParserTests {
  static let header = "dataset,vlmevalkit_name,group,test_samples,approx_total_samples,answer_type"

  /// The `PresetError` `body` throws (nil when it throws none; any other error fails the test).
  func error(_ body: () throws -> Void) -> PresetError? {
    do { try body() } catch let e as PresetError { return e } catch {
      Issue.record("not a PresetError: \(error)")
    }
    return nil
  }

  @Test("A corrupted number names file, line, column and field")
  func badNumber() throws {
    let text = Self.header + "\nMMBench,MMBench_DEV_EN_V11,General,217,1085,multiple_choice\n"
      + "MMStar,MMStar,General,3O1,1505,multiple_choice\n"
    let e = try #require(error { _ = try VLRouterBench.parseDatasets(text) })
    #expect(e.file == "datasets.csv" && e.line == 3 && e.column == 23 && e.field == "test_samples")
    #expect(e.description == "datasets.csv:3:23 (test_samples): '3O1' is not a whole number")
  }

  @Test("A short row, a blank line, a bad header, an unknown group and a stray quote are each errors",
        arguments: [
          ("MMStar,MMStar,General,301,1505", 2, 31, "5 fields, expected 6"),
          ("", 2, 1, "blank line"),
          ("MMStar,MMStar,Generl,301,1505,multiple_choice", 2, 15, "'Generl' is not one of"),
          ("MMStar,MM\"Star,General,301,1505,multiple_choice", 2, 10, "quote inside an unquoted field"),
          ("\"MMStar,MMStar,General,301,1505,multiple_choice", 2, 1, "not closed"),
          ("MMStar,MMStar,General,301,1505,multiple_choice\r", 2, 47, "carriage return"),
        ])
  func malformedLines(line: String, number: Int, column: Int, message: String) throws {
    let text = Self.header + "\n" + line + "\nAI2D,AI2D_TEST,STEM,636,3180,multiple_choice\n"
    let e = try #require(error { _ = try VLRouterBench.parseDatasets(text) })
    #expect(e.line == number && e.column == column, "\(e)")
    #expect(e.description.contains(message), "\(e)")
  }

  @Test("The header must be exactly the expected columns")
  func badHeader() throws {
    let e = try #require(error {
      _ = try VLRouterBench.parseDatasets("dataset,name,group,test_samples,approx_total_samples,answer_type\n")
    })
    #expect(e.line == 1 && e.column == 9 && e.field == "vlmevalkit_name")
  }

  @Test("Quoted fields are read, with doubled quotes")
  func quotedFields() throws {
    let text = Self.header + "\n\"Chart, \"\"QA\"\"\",ChartQA_TEST,Chart & Doc,500,2500,open_vqa\n"
    let d = try VLRouterBench.parseDatasets(text)
    #expect(d.map(\.info.displayName) == ["Chart, \"QA\""] && d[0].info.group == .chartDoc)
  }

  @Test("Tables A1–A6: λ must match its table, datasets must be in the catalog, no duplicates")
  func tableConsistency() throws {
    let datasets = try VLRouterBench.parseDatasets(Self.header + "\nMMStar,MMStar,General,301,1505,multiple_choice\n")
    let head = "table,lambda,group,dataset,metric,method,value\n"
    func fails(_ body: String) -> PresetError? {
      error { _ = try VLRouterBench.parseTables(head + body, datasets: datasets) }
    }
    let wrongTable = fails("A2,0,General,MMStar,avg_acc_pct,KNN,50\n")
    #expect(wrongTable?.line == 2 && wrongTable?.column == 1 && wrongTable?.field == "table")
    #expect(fails("A1,0,General,MMBench,avg_acc_pct,KNN,50\n")?.field == "dataset")
    #expect(fails("A1,0,STEM,MMStar,avg_acc_pct,KNN,50\n")?.field == "group")
    #expect(fails("A1,0,General,MMStar,avg_acc_pct,KNN,150\n")?.description.contains("percentage") == true)
    #expect(fails("A1,0,General,MMStar,rank_score,KNN,50\n")?.field == "metric")
    let dup = fails("A1,0,General,MMStar,avg_acc_pct,KNN,50\nA1,0,General,MMStar,avg_acc_pct,KNN,51\n")
    #expect(dup?.line == 3 && dup?.description.contains("listed twice") == true)
    #expect(fails("A1,0,General,MMStar,avg_acc_pct,KNN,50\n") == nil)
  }

  @Test("A missing calibration target is an error naming the figure")
  func missingBaseline() throws {
    let datasets = try VLRouterBench.parseDatasets(Self.header + "\nMMStar,MMStar,General,301,1505,multiple_choice\n")
    let figures = try VLRouterBench.parseTables(
      "table,lambda,group,dataset,metric,method,value\nA1,0,General,MMStar,avg_acc_pct,Oracle,96.68\n",
      datasets: datasets)
    let e = try #require(error { _ = try VLRouterBench.baselines(figures, datasets: datasets) })
    #expect(e.file == "tables-a1-a6.csv" && e.description.contains("Strongest on MMStar"))
  }

  @Test("models.csv: prices must be non-negative numbers")
  func badPrice() throws {
    let head = "model,vlmevalkit_name,params_b,active_params_b,input_usd_per_1m,output_usd_per_1m,kind\n"
    let e = try #require(error { _ = try VLRouterBench.parseModels(head + "GPT-4o,GPT4o,,,-2.50,10.00,api\n") })
    #expect(e.file == "models.csv" && e.line == 2 && e.column == 16 && e.field == "input_usd_per_1m")
  }
}
