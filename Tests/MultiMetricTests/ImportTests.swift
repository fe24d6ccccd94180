import BenchCore
import BenchStore
import EdgeCloud
import Foundation
import LogImport
import Testing

@testable import MultiMetric

@Suite struct MultiMetricImportTests {
  func dir(_ files: [String: String]) throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("mm-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: d.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return d
  }

  func importing(_ d: URL, file: String = "scores.csv", metrics: Bool = true, layout: GradedLayout? = nil,
                 missing: MissingPolicy = .refuse) throws -> (BenchStore, MultiMetricImportSummary) {
    let store = try BenchStore(path: d.appendingPathComponent("db.sqlite").path)
    let s = try MultiMetricImport.run(MultiMetricImportOptions(
      file: d.appendingPathComponent(file), layout: layout,
      metricsFile: metrics ? d.appendingPathComponent("metrics.csv") : nil, missing: missing, root: d), into: store)
    return (store, s)
  }

  static let metricsCSV = "metric,higher_is_better,weight\nclarity,true,1\nfid,false,2\n"
  static let long = """
    sample_id,dataset,model,prompt,metric:clarity,metric:fid,latency_s
    0,coco,edge,a dog,0.5,30,1.5
    0,coco,cloud,a dog,0.7,20,
    1,coco,edge,a cat,0.6,25,2
    1,coco,cloud,a cat,0.6,35,

    """
  static let wide = """
    sample_id,dataset,prompt,metric:clarity:edge,metric:fid:edge,latency_s:edge,metric:clarity:cloud,metric:fid:cloud
    0,coco,a dog,0.5,30,1.5,0.7,20
    1,coco,a cat,0.6,25,2,0.6,35

    """

  /// Long and wide layouts of the same values give the same store; orientation and weights from metrics.csv;
  /// values in `record.metrics`, read back by the workspace; ΔP of a hand-made routing.
  @Test func longAndWideAgree() throws {
    var tables: [MetricTable] = []
    for (file, text) in [("scores.csv", Self.long), ("wide.csv", Self.wide)] {
      let d = try dir([file: text, "metrics.csv": Self.metricsCSV])
      let (store, summary) = try importing(d, file: file)
      #expect(summary.metrics == ["clarity", "fid"] && summary.records == 4 && summary.wrote)
      tables.append(try store.metricSnapshot().table)
      var w = try QualityWorkspace(store: store)
      #expect(w.catalog.map(\.higherIsBetter) == [true, false] && w.catalog.map(\.weight) == [1, 2])
      let q = try w.pairQuality(try EdgeCloudPair(parsing: "cloud/edge"))
      // Sample 0 to the cloud: clarity (0.7 + 0.6)/2 = 0.65 vs edge 0.55, cloud 0.65 → 100; fid (20 + 25)/2 = 22.5
      // vs edge 27.5, cloud 27.5 → undefined.
      let p = q.evaluate(rows: [0, 1], cloud: [true, false], rate: .half)
      #expect(p.metrics[0].deltaP == 100 && p.metrics[1].deltaP == nil && p.deltaP == 100)
      #expect(p.undefined == [try MetricName("fid")])
      // Importing the same file again writes nothing.
      let (_, again) = try importing(d, file: file)
      #expect(!again.wrote)
    }
    #expect(tables[0].values == tables[1].values && tables[0].metrics == tables[1].metrics)
    #expect(tables[0].prompts == tables[1].prompts)
  }

  /// Without metrics.csv every metric is higher-is-better with weight 1.
  @Test func defaultsWithoutMetricsFile() throws {
    let d = try dir(["scores.csv": Self.long])
    let (store, _) = try importing(d, metrics: false)
    let w = try QualityWorkspace(store: store)
    #expect(w.catalog.allSatisfy { $0.higherIsBetter && $0.weight == 1 })
  }

  /// Every error names the file, row and column.
  @Test(arguments: [
    ("sample_id,dataset,model,metric:clarity,metric:fid,colour\n0,coco,edge,0.5,3,x\n", "colour", 1),
    ("sample_id,dataset,model,metric:clarity,metric:fid\n0,coco,edge,abc,3\n", "metric:clarity", 2),
    ("sample_id,dataset,model,metric:clarity,metric:fid\n0,coco,edge,0.5,\n", "metric:fid", 2),
    ("sample_id,dataset,model,metric:clarity,metric:fid\n0,coco,edge,0.5,3\n0,coco,edge,0.5,3\n", "model", 3),
    ("sample_id,dataset,model,metric:clarity,metric:fid,latency_s\n0,coco,edge,0.5,3,-1\n", "latency_s", 2),
    ("sample_id,dataset,model,metric:clarity\n0,coco,edge,0.5\n", nil, 1),
    ("sample_id,dataset,metric:clarity:edge,metric:fid:edge,metric:clarity:cloud,metric:fid:cloud\n0,coco,0.5,3,0.2,\n",
     "metric:fid:cloud", 2),
    ("sample_id,dataset,metric:clarity:edge,metric:fid:edge,metric:clarity:cloud\n0,coco,0.5,3,0.2\n",
     "metric:fid:cloud", 1),
  ] as [(String, String?, Int)])
  func namedErrors(text: String, column: String?, row: Int) throws {
    let d = try dir(["scores.csv": text, "metrics.csv": Self.metricsCSV])
    let e = #expect(throws: ImportError.self) { _ = try importing(d) }
    #expect(e?.file == "scores.csv")
    #expect(e?.row == row)
    #expect(e?.column == column)
    // Atomic: nothing stored.
    let store = try BenchStore(path: d.appendingPathComponent("db.sqlite").path)
    #expect(try store.metricSnapshot().table.sampleCount == 0)
  }

  /// A model without a sample is refused (naming the model), or dropped by the policy.
  @Test func missingCells() throws {
    let text = """
      sample_id,dataset,model,metric:clarity,metric:fid
      0,coco,edge,0.5,30
      0,coco,cloud,0.7,20
      1,coco,edge,0.6,25

      """
    let d = try dir(["scores.csv": text, "metrics.csv": Self.metricsCSV])
    let e = #expect(throws: ImportError.self) { _ = try importing(d) }
    #expect(e?.kind == .incomplete && e?.description.contains("cloud") == true)
    let (store, s) = try importing(d, missing: .dropSample)
    #expect(s.droppedSamples == ["coco/1"] && s.samples == 1)
    _ = store
  }

  /// metrics.csv and the file must list the same metrics.
  @Test func catalogMismatch() throws {
    let d = try dir(["scores.csv": Self.long, "metrics.csv": "metric\nclarity\n"])
    let e = #expect(throws: ImportError.self) { _ = try importing(d) }
    #expect(e?.description.contains("fid") == true)
  }
}
