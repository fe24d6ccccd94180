import BenchCore
import BenchStore
import Foundation
import Testing

@testable import LogImport

/// The committed release-format fixture (scripts/fixtures/make_release_fixture.py) and its expected content.
enum ReleaseFixture {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let root = repository.appendingPathComponent("scripts/fixtures/release")

  struct Expected: Decodable {
    var sample_ids: [String]
    var models: [String]
    var Y: [[Int]]
    var C_float32_bits: [[UInt32]]
    var split: [String: [String]]
  }

  /// C as the fixture's float32 values (from their bit patterns: exact whatever the JSON parser).
  static var cost: [[Double]] { expected.C_float32_bits.map { $0.map { Double(Float(bitPattern: $0)) } } }

  static let expected: Expected = {
    let data = try! Data(contentsOf: root.appendingPathComponent("expected.json"))
    return try! JSONDecoder().decode(Expected.self, from: data)
  }()

  /// A copy of the fixture to modify.
  static func copy(_ label: String = #function) throws -> URL {
    let dir = try temporaryDirectory(label).appendingPathComponent("release")
    try FileManager.default.copyItem(at: root, to: dir)
    return dir
  }

  /// Everything a benchmark database holds that the release layout carries: ids, models, Y, C, the split.
  struct Content: Equatable {
    var ids: [String]
    var models: [String]
    var quality: [Float]
    var cost: [Double]
    var split: [SplitName: [String]]
  }

  static func content(_ store: BenchStore) throws -> Content {
    let b = try store.loadBenchmark()
    var split: [SplitName: [String]] = [:]
    for (p, rows) in b.splits { split[p] = rows.map { b.sampleIDs[$0] }.sorted() }
    // Rows in id order (a log import stores them in dataset order; the layout sorts).
    let order = b.sampleIDs.indices.sorted { b.sampleIDs[$0].utf8.lexicographicallyPrecedes(b.sampleIDs[$1].utf8) }
    return Content(ids: order.map { b.sampleIDs[$0] }, models: b.models.map(\.name),
                   quality: order.flatMap { i in (0..<b.modelCount).map { b.quality[i, $0] } },
                   cost: order.flatMap { i in (0..<b.modelCount).map { b.cost[i, $0] } }, split: split)
  }
}

@Suite struct ReleaseFormatTests {
  @Test func theFixtureImportsAsThePaperPublishedIt() throws {
    let store = try BenchStore.inMemory()
    let s = try ReleaseImport(layout: ReleaseLayout(root: ReleaseFixture.root)).run(into: store)
    let e = ReleaseFixture.expected
    #expect(s.samples == 22 && s.models == 3 && s.records == 66 && s.datasets == 3)
    let c = try ReleaseFixture.content(store)
    #expect(c.ids == e.sample_ids)
    #expect(c.models == e.models)
    #expect(c.quality == e.Y.flatMap { $0 }.map(Float.init))
    #expect(c.cost == ReleaseFixture.cost.flatMap { $0 })
    for p in SplitName.allCases { #expect(c.split[p] == e.split[p.rawValue]!.sorted(), "\(p)") }
    // The paper's split is the stored default, so every run uses it; its sizes are the reference's 70/10/rest.
    #expect(s.splitSizes == [.train: 15, .dev: 2, .test: 5])
    #expect(s.splitSource.contains("SPLITS/"))
    // Datasets from the id prefix, with the catalog's groups; the one outside the catalog is Other.
    let b = try store.loadBenchmark()
    #expect(b.datasets.map(\.name) == ["MMStar", "TextVQA_VAL", "ScienceQA_TEST"])
    #expect(b.datasets.last?.group == .other)
    // What is not read or differs is said: meta.parquet, C.npz superseded, zero costs and the Rank Score bounds.
    #expect(s.notes.contains { $0.contains("meta.parquet not read") })
    #expect(s.notes.contains { $0.contains("C.npz not read") })
    #expect(s.notes.contains { $0.contains("cost_bounds.json averages only the entries > 0") })
    #expect(s.warnings.isEmpty, "\(s.warnings)")
    #expect(try store.metadata(.costSource) == "data/matrices/C.npy")
    // Importing the same release again changes nothing; another release into it is refused.
    #expect(try ReleaseImport(layout: ReleaseLayout(root: ReleaseFixture.root)).run(into: store).unchanged)
  }

  @Test func exportThenImportGivesIdenticalMatricesCostsAndSplit() throws {
    let first = try BenchStore.inMemory()
    try ReleaseImport(layout: ReleaseLayout(root: ReleaseFixture.root)).run(into: first)
    let out = try temporaryDirectory().appendingPathComponent("export")
    let b = try first.loadBenchmark()
    let files = try ReleaseExport.write(benchmark: b, descriptions: try first.sampleDescriptions(), to: out)
    #expect(files.contains("data/registry/meta.parquet") && files.contains("SPLITS/test.jsonl"))
    let second = try BenchStore.inMemory()
    let s = try ReleaseImport(layout: ReleaseLayout(root: out)).run(into: second)
    #expect(s.warnings.isEmpty, "\(s.warnings)")
    #expect(try ReleaseFixture.content(second) == ReleaseFixture.content(first))
    // The same database exports the same bytes (fixed zip timestamps, sorted rows).
    let again = try temporaryDirectory().appendingPathComponent("export")
    try ReleaseExport.write(benchmark: try second.loadBenchmark(), to: again)
    for f in files where !f.hasPrefix("BENCHMARKS/") {
      #expect(try Data(contentsOf: out.appendingPathComponent(f)) == Data(contentsOf: again.appendingPathComponent(f)), "\(f)")
    }
    // Our Y.npz, C.npy and pickles are byte-compatible where numpy's are deterministic: C.npy is identical.
    #expect(try Data(contentsOf: out.appendingPathComponent("data/matrices/C.npy"))
            == Data(contentsOf: ReleaseFixture.root.appendingPathComponent("data/matrices/C.npy")))
  }

  @Test func aLogImportedBenchmarkExportsCorrectnessAndFloat32Costs() throws {
    // A simulated-style benchmark with partial credit and float64 costs: the layout holds Y = score ≥ threshold
    // and float32 costs; re-importing gives exactly that, and a second round trip changes nothing.
    let store = try BenchStore.inMemory()
    try store.transaction { tx in
      _ = try tx.ensureDataset(DatasetInfo(name: "MMStar", displayName: "MMStar", group: .general, answerType: .multipleChoice), position: 0)
      let models = try ["b-model", "A-model"].map { try tx.ensureModel(ModelInfo(name: $0, displayName: $0)) }
      try tx.upsertSamples((0..<12).map { SampleRow(dataset: "MMStar", sourceIndex: "\($0)", prompt: "q\($0)", inputTokens: 10) })
      let file = try tx.recordImportedFile(ImportedFile(path: "x", sha256: "00", kind: "judged", rows: 1, importedAt: "now"))
      let index = try tx.sampleIndex()
      var rows: [RecordRow] = []
      for i in 0..<12 {
        for (j, m) in models.enumerated() {
          let score = Float((i + j) % 3) / 2
          rows.append(RecordRow(sampleId: index["MMStar/\(i)"]!.id, modelId: m, score: score, correct: score >= 1,
                                outputTokens: 3, tokensEstimated: false, costUSD: 0.1 / 3 * Double(i + 1),
                                sourceFileId: file, sourceRow: 1))
        }
      }
      try tx.writeRecords(rows)
      try tx.ensureDefaultSplit(seed: 42)
    }
    let out = try temporaryDirectory().appendingPathComponent("export")
    try ReleaseExport.write(benchmark: try store.loadBenchmark(), descriptions: try store.sampleDescriptions(), to: out)
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("BENCHMARKS/vqa_mc/mmstar_samples.jsonl").path))
    let back = try BenchStore.inMemory()
    try ReleaseImport(layout: ReleaseLayout(root: out)).run(into: back)
    let original = try ReleaseFixture.content(store), reimported = try ReleaseFixture.content(back)
    #expect(reimported.ids == original.ids && reimported.models == ["A-model", "b-model"] && reimported.split == original.split)
    // Columns are code-point sorted in both; quality becomes correctness, cost float32.
    #expect(reimported.quality == original.quality.map { $0 >= 1 ? 1 : 0 })
    #expect(reimported.cost == original.cost.map { Double(Float($0)) })
    #expect(reimported.cost != original.cost)
    let twice = try temporaryDirectory().appendingPathComponent("export")
    try ReleaseExport.write(benchmark: try back.loadBenchmark(), to: twice)
    let third = try BenchStore.inMemory()
    try ReleaseImport(layout: ReleaseLayout(root: twice)).run(into: third)
    #expect(try ReleaseFixture.content(third) == reimported)
  }

  @Test func pythonLoadsTheExportAsTheReferenceCodeDoes() throws {
    let python = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
      .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    guard let python else {
      print("python3 not on PATH: skipped loading the export with numpy/pickle")
      return
    }
    let store = try BenchStore.inMemory()
    try ReleaseImport(layout: ReleaseLayout(root: ReleaseFixture.root)).run(into: store)
    let out = try temporaryDirectory().appendingPathComponent("export")
    try ReleaseExport.write(benchmark: try store.loadBenchmark(), to: out)
    let script = """
      import json, pickle, sys
      root, expected = sys.argv[1], json.load(open(sys.argv[2]))
      try:
          import numpy as np
      except ImportError:
          print('SKIP numpy not installed'); sys.exit(0)
      Y = np.load(root + '/data/matrices/Y.npz')['Y']
      C = np.load(root + '/data/matrices/C.npy')
      ids = pickle.load(open(root + '/data/matrices/sample_ids.pkl', 'rb'))
      models = pickle.load(open(root + '/data/matrices/model_names.pkl', 'rb'))
      assert Y.dtype == np.int8 and C.dtype == np.float32, (Y.dtype, C.dtype)
      assert ids == expected['sample_ids'] and models == expected['models']
      assert Y.tolist() == expected['Y'] and [[float(x) for x in r] for r in C] == expected['C']
      split = {p: [json.loads(l)['sample_id'] for l in open(root + '/SPLITS/' + p + '.jsonl')] for p in ('train', 'dev', 'test')}
      assert {p: sorted(v) for p, v in split.items()} == {p: sorted(v) for p, v in expected['split'].items()}
      b = json.load(open(root + '/data/matrices/cost_bounds.json'))
      per = [float(C[:, j][C[:, j] > 0].mean()) for j in range(C.shape[1])]
      assert abs(b['cmin'] - min(per)) < 1e-9 and abs(b['cmax'] - max(per)) < 1e-9, (b, per)
      try:
          import pandas as pd
          meta = pd.read_parquet(root + '/data/registry/meta.parquet')
          assert list(meta.columns) == ['sample_id', 'dataset', 'split', 'task']
          assert meta['sample_id'].tolist() == ids and meta['dataset'][0] == ids[0].split('/')[0]
          print('OK with meta.parquet')
      except ImportError:
          print('OK (pandas/pyarrow not installed: meta.parquet not checked)')
      """
    let p = Process()
    p.executableURL = python
    p.arguments = ["-c", script, out.path, ReleaseFixture.root.appendingPathComponent("expected.json").path]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    print("python3: \(text)")
    #expect(p.terminationStatus == 0 && (text.contains("OK") || text.contains("SKIP")), "\(text)")
  }

  /// Every way a release can be wrong is an error naming the file (and the cell, line or member).
  @Test func brokenReleasesAreClearErrors() throws {
    func fails(_ change: (URL) throws -> Void, _ message: String, _ label: String = #function) throws {
      let root = try ReleaseFixture.copy(label + message.prefix(12))
      try change(root)
      do {
        _ = try ReleaseImport(layout: ReleaseLayout(root: root)).run(into: try BenchStore.inMemory())
        Issue.record("accepted: \(message)")
      } catch {
        #expect("\(error)".contains(message), "\(error)")
      }
    }
    let m = "data/matrices"
    func put(_ root: URL, _ path: String, _ bytes: [UInt8]) throws {
      try Data(bytes).write(to: root.appendingPathComponent(path))
    }
    // A hostile pickle in place of the ids: refused by opcode, nothing run.
    try fails({ root in
      try FileManager.default.removeItem(at: root.appendingPathComponent("\(m)/sample_ids.pkl"))
      try FileManager.default.copyItem(at: ReleaseFixture.repository.appendingPathComponent("scripts/fixtures/hostile-pickles/os_system_reduce.pkl"),
                                       to: root.appendingPathComponent("\(m)/sample_ids.pkl"))
    }, "data/matrices/sample_ids.pkl: pickle opcode GLOBAL at byte offset 2 is refused")
    // Ids and shapes that do not line up.
    let ids = ReleaseFixture.expected.sample_ids
    try fails({ try put($0, "\(m)/sample_ids.pkl", RestrictedPickle.encode(strings: Array(ids.dropLast()))) },
              "C is 22 × 3 but data/matrices/sample_ids.pkl has 21 ids")
    try fails({ try put($0, "data/registry/sample_index.pkl", RestrictedPickle.encode(strings: [ids[0]] + ids.dropFirst(2) + [ids[0]])) },
              "sample id 'MMStar/0' is item 0 and item 21")
    try fails({ try put($0, "data/registry/model_index.pkl", RestrictedPickle.encode(strings: ["GPT4o", "Janus-Pro-1B", "o3"])) },
              "model o3 of Y has no column in C")
    // Bad cells name the sample and model.
    try fails({ root in
      var y = [Double](repeating: 1, count: 66)
      y[4] = 2
      try ReleaseExport.writeNPZ(["Y.npy": NumpyMatrix(rows: 22, columns: 3, dtype: .int8, values: y).encoded()],
                                 to: root.appendingPathComponent("\(m)/Y.npz"))
    }, "Y[1, 1] = 2.0 (sample MMStar/1, model Janus-Pro-1B) is not in [0, 1]")
    try fails({ root in
      var c = ReleaseFixture.cost.flatMap { $0 }
      c[5] = -0.5
      try put(root, "\(m)/C.npy", NumpyMatrix(rows: 22, columns: 3, dtype: .float32, values: c).encoded())
    }, "C[1, 2] = -0.5 (sample MMStar/1, model deepseek_vl2) is not a cost ≥ 0")
    try fails({ try put($0, "\(m)/Y.npz", Array("not a zip".utf8)) }, "data/matrices/Y.npz")
    try fails({ root in
      try ReleaseExport.writeNPZ(["Q.npy": [0], "R.npy": [1]], to: root.appendingPathComponent("\(m)/Y.npz"))
    }, "no array 'Y' (member Y.npy); the archive holds: Q.npy, R.npy")
    try fails({ try FileManager.default.removeItem(at: $0.appendingPathComponent("\(m)/model_names.pkl")) },
              "data/matrices/model_names.pkl")
    // A split file listing a sample twice, or a line that is not an object.
    try fails({ root in
      let url = root.appendingPathComponent("SPLITS/dev.jsonl")
      try (String(contentsOf: url, encoding: .utf8) + "{\"sample_id\": \"MMStar/7\"}\n").write(to: url, atomically: true, encoding: .utf8)
    }, "sample MMStar/7 is also on line 3 of dev.jsonl")
    try fails({ root in
      try "{\"sample_id\": 3}\n".write(to: root.appendingPathComponent("SPLITS/dev.jsonl"), atomically: true, encoding: .utf8)
    }, "SPLITS/dev.jsonl, row 1")
    try fails({ try FileManager.default.removeItem(at: $0.appendingPathComponent("SPLITS/dev.jsonl")) },
              "SPLITS/dev.jsonl")
  }

  @Test func withoutSplitsOrCNpyTheImportSaysWhatItUsedInstead() throws {
    let root = try ReleaseFixture.copy()
    try FileManager.default.removeItem(at: root.appendingPathComponent("SPLITS"))
    try FileManager.default.removeItem(at: root.appendingPathComponent("data/matrices/C.npy"))
    let store = try BenchStore.inMemory()
    let s = try ReleaseImport(layout: ReleaseLayout(root: root)).run(into: store)
    #expect(s.warnings.contains { $0.contains("not the paper's") })
    #expect(s.warnings.contains { $0.contains("legacy placeholder") })
    #expect(s.splitSource.contains("stratified"))
    #expect(try store.loadBenchmark().cost[0, 0] == Double(Float(0.01)))
  }

  @Test func aReleaseDatabaseRefusesRepricingLogsAndAnotherRelease() async throws {
    let store = try BenchStore.inMemory()
    try ReleaseImport(layout: ReleaseLayout(root: ReleaseFixture.root)).run(into: store)
    let dir = try temporaryDirectory()
    let prices = dir.appendingPathComponent("prices.yaml")
    try write("models:\n  GPT4o: {input: 1, output: 1}\n  Janus-Pro-1B: {input: 1, output: 1}\n  deepseek_vl2: {input: 1, output: 1}\n", to: prices)
    #expect { try Repricing.reprice(store, pricing: prices) } throws: { "\($0)".contains("no token counts to reprice") }
    let other = try ReleaseFixture.copy()
    let changed = ReleaseFixture.cost.flatMap { $0 }.map { $0 * 2 }
    try Data(NumpyMatrix(rows: 22, columns: 3, dtype: .float32, values: changed).encoded())
      .write(to: other.appendingPathComponent("data/matrices/C.npy"))
    #expect { try ReleaseImport(layout: ReleaseLayout(root: other)).run(into: store) } throws: {
      "\($0)".contains("already holds a benchmark")
    }
  }

  @Test func theSplitOfAReleaseCanBeStoredOnAnyDatabase() throws {
    // `run --split-from`: the paper's split over a database imported some other way (here: the same release,
    // whose default split is then replaced by another name's members).
    let store = try BenchStore.inMemory()
    try ReleaseImport(layout: ReleaseLayout(root: ReleaseFixture.root)).run(into: store)
    let dir = try temporaryDirectory().appendingPathComponent("SPLITS")
    var parts = ReleaseFixture.expected.split.reduce(into: [SplitName: [String]]()) { $0[SplitName(rawValue: $1.key)!] = $1.value }
    parts[.test]!.append("MMStar/999")  // not a sample: ignored and counted
    try ReleaseSplitFiles.write(parts, to: dir)
    let s = try ReleaseSplitFiles.store(directory: dir, as: "release", in: store)
    #expect(s.changed && s.ignored == 1 && s.outside == 0 && s.sizes == [.train: 15, .dev: 2, .test: 5])
    #expect(try !ReleaseSplitFiles.store(directory: dir, as: "release", in: store).changed)
    let b = try store.loadBenchmark(split: "release")
    #expect(Set(try b.rows(of: .test).map { b.sampleIDs[$0] }) == Set(ReleaseFixture.expected.split["test"]!))
    try ReleaseSplitFiles.write([.train: ["X/1"], .dev: [], .test: []], to: dir)
    #expect { try ReleaseSplitFiles.store(directory: dir, as: "release", in: store) } throws: {
      "\($0)".contains("none of the 1 sample ids")
    }
  }
}
