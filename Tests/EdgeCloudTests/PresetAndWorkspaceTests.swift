import BenchCore
import BenchStore
import Foundation
import LogImport
import Reports
import Simulation
import Sweep
import Testing
@testable import EdgeCloud

/// The simulated preset's calibration (ECVL-Router Table 1–2, App. A.4), and scenario runs end to end through a
/// database: stored, reused, rerun when a setting changes, written as the paper's tables.
@Suite struct PresetAndWorkspaceTests {
  static let pairs = ["InternVL3-38B/InternVL2_5-1B", "InternVL3-8B/InternVL2_5-1B", "InternVL3-38B/InternVL3-8B"]

  @Test("The ecvl preset lands on Table 1's All-at-Large / All-at-Small APSP and AIL, with App. A.4's shapes")
  func calibration() throws {
    let sim = ECVLSimulation.generate(ECVLSimulationConfig(features: false))
    #expect(sim.sampleCount == 22_750)
    let n = Double(sim.sampleCount)
    let models = sim.models.map(\.info.name)
    #expect(models == ["InternVL2_5-1B", "InternVL3-8B", "InternVL3-38B"])
    // Over all samples the shares and means are exact by construction.
    for (m, profile) in sim.models.enumerated() {
      let solved = (0..<sim.sampleCount).filter { sim.scores[$0, m] >= 6 }.count
      #expect(abs(Double(solved) / n - profile.targetAPSP) < 1e-4, "\(profile.info.name) APSP")
      let mean = (0..<sim.sampleCount).reduce(0.0) { $0 + sim.latency[$1, m] } / n
      #expect(abs(mean - profile.targetAIL) < 1e-3, "\(profile.info.name) AIL \(mean)")
      #expect((0..<sim.sampleCount).allSatisfy { (1...10).contains(sim.scores[$0, m]) && sim.scores[$0, m] == sim.scores[$0, m].rounded() })
    }
    // Larger models score higher and take longer.
    func mean(_ m: Int, _ f: (Int, Int) -> Double) -> Double { (0..<sim.sampleCount).reduce(0.0) { $0 + f($1, m) } / n }
    let scores = (0..<3).map { m in mean(m) { sim.scores[$0, $1] } }
    #expect(scores[0] < scores[1] && scores[1] < scores[2], "\(scores)")
    let tokens = (0..<3).map { m in mean(m) { Double(sim.outputTokens[$0, $1]) } }
    #expect(tokens[0] < tokens[2])
    // The small model's latency is right-skewed: median ≈ 0.6 s, P99 ≈ 5.5 s (App. A.4.2).
    let small = (0..<sim.sampleCount).map { sim.latency[$0, 0] }.sorted()
    let median = small[small.count / 2], p99 = small[Int(0.99 * Double(small.count))]
    #expect((0.5...0.7).contains(median) && (4.5...6.5).contains(p99), "median \(median), P99 \(p99)")
    // Scores spread over 1–10 with mean ≈ 5.6 and median 6 (App. A.4.1); ChartQA easiest, MMStar hardest.
    let all = (0..<sim.sampleCount).flatMap { i in (0..<3).map { sim.scores[i, $0] } }.sorted()
    let overall = all.reduce(0, +) / Double(all.count)
    #expect(abs(overall - 5.6) < 0.4 && all[all.count / 2] == 6, "mean \(overall)")
    #expect(Set(all).count == 10)
    var byDataset = [Double](repeating: 0, count: sim.datasets.count), count = [Double](repeating: 0, count: sim.datasets.count)
    for i in 0..<sim.sampleCount {
      byDataset[sim.sampleDataset[i]] += (0..<3).reduce(0.0) { $0 + sim.scores[i, $1] }
      count[sim.sampleDataset[i]] += 3
    }
    let means = zip(byDataset, count).map { $0 / $1 }
    let names = sim.datasets.map(\.name)
    #expect(names[means.indices.max { means[$0] < means[$1] }!] == "ChartQA")
    #expect(names[means.indices.min { means[$0] < means[$1] }!] == "MMStar")

    // On the test part of each pair's 60/20/20 split: Table 1's APSP to ±0.002, AIL to ±6 %.
    let paper: [String: (apsp: Double, ail: Double)] = [
      "InternVL2_5-1B": (0.456, 0.94), "InternVL3-8B": (0.529, 1.63), "InternVL3-38B": (0.549, 7.44),
    ]
    for text in Self.pairs {
      let pair = try EdgeCloudPair(parsing: text)
      let e = models.firstIndex(of: pair.edge)!, c = models.firstIndex(of: pair.cloud)!
      let data = try PairData(
        pair: pair, sampleKeys: (0..<sim.sampleCount).map(sim.sampleKey),
        datasets: sim.datasets.map { DatasetInfo(name: $0.name, displayName: $0.name, group: .other, answerType: .unknown) },
        sampleDataset: sim.sampleDataset.map(Int32.init), prompts: sim.prompts,
        hasImage: Array(repeating: true, count: sim.sampleCount), inputTokens: sim.inputTokens.map(Int32.init),
        edgeScore: (0..<sim.sampleCount).map { sim.scores[$0, e] }, cloudScore: (0..<sim.sampleCount).map { sim.scores[$0, c] },
        edgeLatency: (0..<sim.sampleCount).map { sim.latency[$0, e] },
        cloudLatency: (0..<sim.sampleCount).map { sim.latency[$0, c] },
        edgeTokens: (0..<sim.sampleCount).map { sim.outputTokens[$0, e] },
        cloudTokens: (0..<sim.sampleCount).map { sim.outputTokens[$0, c] })
      let test = ScenarioSplit.make(data: data, mes: .paperDefault, seed: 42)[.test]!
      for (edge, model) in [(true, pair.edge), (false, pair.cloud)] {
        let m = data.metrics(rows: test, edge: Array(repeating: edge, count: test.count), mes: .paperDefault)
        let want = paper[model]!
        #expect(abs(m.apsp - want.apsp) <= 0.002, "\(text) all at \(model): APSP \(m.apsp)")
        #expect(abs(m.ail / want.ail - 1) <= 0.06, "\(text) all at \(model): AIL \(m.ail)")
      }
      // Table 1's RCS1 of All-at-Large and All-at-Small, within what the AIL spread allows.
      let large = data.metrics(rows: test, edge: Array(repeating: false, count: test.count), mes: .paperDefault)
      #expect(abs(large.rcs(Scenario.quality.weights) - (1.2 * paper[pair.cloud]!.apsp - 0.001 * paper[pair.cloud]!.ail)) < 0.003)
    }
  }

  @Test("The same seed gives the same preset; another seed another")
  func determinism() {
    let a = ECVLSimulation.generate(ECVLSimulationConfig(scale: 0.02, seed: 7))
    let b = ECVLSimulation.generate(ECVLSimulationConfig(scale: 0.02, seed: 7))
    let c = ECVLSimulation.generate(ECVLSimulationConfig(scale: 0.02, seed: 8))
    #expect(a.scores == b.scores && a.latency == b.latency && a.text == b.text && a.prompts == b.prompts)
    #expect(a.scores != c.scores)
    #expect(a.sampleCount == 20 + 50 + 240 + 86 + 20 + 35 + 30)  // every dataset × 0.02, at least 20
  }

  /// Simulates (scale 0.05: ≈ 1.1k samples), writes, imports; returns the database.
  static func database() throws -> (BenchStore, URL) {
    let dir = try temporaryDirectory()
    let sim = ECVLSimulation.generate(ECVLSimulationConfig(scale: 0.05, seed: 3))
    try ECVLSimulation.write(sim, to: dir.appendingPathComponent("sim"))
    let store = try BenchStore(path: dir.appendingPathComponent("ecvl.sqlite").path)
    let s = dir.appendingPathComponent("sim")
    _ = try GradedImport.run(GradedImportOptions(
      file: s.appendingPathComponent("scores.csv"),
      features: ECVLSimulation.featureFiles.map { s.appendingPathComponent($0) },
      modelsFile: s.appendingPathComponent("models.csv"), preset: "ecvl", simulated: true), into: store)
    return (store, dir)
  }

  /// GBDT on the statistics branch (16 columns: a debug build fits it in milliseconds; the router on all branches
  /// is the same code on more columns).
  static func gbdtVariant() throws -> EdgeCloudVariant {
    var c = GBDTRouter.Configuration()
    c.trees = 20
    c.maxDepth = 3
    c.branches = [.statistics]
    return .of(try GBDTRouter(configuration: c))
  }

  @Test("Scenario runs end to end: stored with their identity, reused, rerun on any changed setting; Table 1 golden")
  func workspaceEndToEnd() async throws {
    let (store, dir) = try Self.database()
    var w = try ScenarioWorkspace(store: store)
    #expect(w.features == FeatureChoice(text: "text", image: "image"))
    #expect(try w.identity(of: ScenarioRunSpec(variant: try Self.gbdtVariant(), pair: try EdgeCloudPair(parsing: Self.pairs[0]))).features == nil)
    let pairs = try Self.pairs.map { try EdgeCloudPair(parsing: $0) }
    let variants = [try Self.gbdtVariant(), .of(AllAtLarge()), .of(AllAtSmall()), .of(try RandomRouter())]
    let specs = pairs.flatMap { p in variants.map { ScenarioRunSpec(variant: $0, pair: p) } }
    let first = try await w.execute(specs, experiment: nil, jobs: 2)
    #expect(first.allSatisfy(\.computed) && first.count == 12)
    for r in first {
      #expect(r.stored.results.count == 6, "\(r.spec.title)")  // 3 scenarios × dev, test
      #expect(r.stored.curves.count == (r.spec.variant.usesThreshold ? 3 * 2 * 21 : 0))
      #expect(r.stored.run.family == .scenario && r.stored.run.lambda == .notApplicable)
    }
    let table = ScenarioReport.table1(first, scenarios: Scenario.paper)
    assertSnapshot(table.markdown, named: "table1-small.md")
    assertSnapshot(table.latex, named: "table1-small.tex")
    // Decisions are stored per scenario for every test sample.
    let gbdt = first[0]
    let decisions = try store.scenarioDecisions(runID: gbdt.stored.run.id, scenario: "quality", in: w.snapshot)
    #expect(decisions.count == gbdt.result(.quality)!.samples)
    #expect(Double(decisions.filter(\.edge).count) / Double(decisions.count) == gbdt.result(.quality)!.ca)

    // A second plan with the same settings computes nothing; results are identical.
    var again = try ScenarioWorkspace(store: store)
    let second = try await again.execute(specs)
    #expect(second.allSatisfy { !$0.computed })
    #expect(zip(first, second).allSatisfy { $0.stored.results == $1.stored.results })

    // Every setting is in the identity: MES, labels, scenario weights, τ grid, split seed, configuration, seed.
    let base = ScenarioRunSpec(variant: try Self.gbdtVariant(), pair: pairs[0])
    var changed: [ScenarioRunSpec] = []
    var s = base; s.mes = try MES(5); changed.append(s)
    s = base; s.rule = .winSoft(1); changed.append(s)
    s = base; s.scenarios = [.quality, .efficiency, .custom(name: "speed2", weights: RCSWeights(alpha: 1, beta: 0.1, gamma: 0.002))]
    changed.append(s)
    s = base; s.grid = try ThresholdGrid(values: [0, 0.5, 1]); changed.append(s)
    s = base; s.splitSeed = 7; changed.append(s)
    var c = GBDTRouter.Configuration(); c.trees = 21; c.maxDepth = 3; c.branches = [.statistics]
    s = base; s.variant = .of(try GBDTRouter(configuration: c)); changed.append(s)
    s = ScenarioRunSpec(variant: .of(try RandomRouter()), pair: pairs[0], seed: 2); changed.append(s)
    var keys = Set([try again.identity(of: base).key, try again.identity(of: ScenarioRunSpec(variant: .of(try RandomRouter()), pair: pairs[0])).key])
    for spec in changed {
      let key = try again.identity(of: spec).key
      #expect(keys.insert(key).inserted, "\(spec.title)")
    }
    // A deterministic router's identity does not depend on the seed.
    var seeded = base
    seeded.seed = 99
    let seededKey = try again.identity(of: seeded).key, baseKey = try again.identity(of: base).key
    #expect(seededKey == baseKey)
    let rerun = try await again.execute(Array(changed.prefix(2)))
    let computed = rerun.map(\.computed)
    #expect(computed == [true, true])
    // The stored split is the MES rule's at that MES; Table 4 across labels scores the same test samples.
    #expect(rerun[1].result(.quality)!.samples == first[0].result(.quality)!.samples)

    // New data is a new fingerprint: every run is computed again.
    try FileManager.default.removeItem(at: dir.appendingPathComponent("sim"))
    let sim = ECVLSimulation.generate(ECVLSimulationConfig(scale: 0.05, seed: 4))
    try ECVLSimulation.write(sim, to: dir.appendingPathComponent("sim"))
    _ = try GradedImport.run(GradedImportOptions(file: dir.appendingPathComponent("sim/scores.csv")), into: store)
    var fresh = try ScenarioWorkspace(store: store)
    let freshKey = try fresh.identity(of: base).key
    #expect(freshKey != baseKey)
  }

  @Test("Table 3, Table 4, the MES sweep, τ curves and validation vs test: layouts and golden files")
  func reportLayouts() async throws {
    let (store, _) = try Self.database()
    var w = try ScenarioWorkspace(store: store)
    let pair = try EdgeCloudPair(parsing: Self.pairs[0])
    let gbdt = try Self.gbdtVariant()
    // Table 4 with GBDT (deterministic, so the golden file holds on every machine).
    let rules = LabelRule.table4
    let labelled = try await w.execute(rules.map { ScenarioRunSpec(variant: gbdt, pair: pair, rule: $0) })
    let t4 = ScenarioReport.table4(labelled, scenarios: Scenario.paper)
    #expect(t4.header == ["Metric", "Proposed", "win-hard", "win-soft (1)", "win-soft (2)"])
    #expect(t4.rows.map { $0[0] } == ["APSP ↑", "CA ↑", "AIL [s] ↓", "RCS1 ↑", "RCS2 ↑", "RCS3 ↑", "ACC ↑", "PGR ↑",
                                       "Token saving ↑", "Time saving [s] ↑"])
    assertSnapshot(t4.markdown, named: "table4-gbdt-small.md")
    // win-hard calls fewer queries edge-competent than the MES rule, win-soft(k) more as k grows; every column
    // is scored on the same test samples, at MES 6.
    let data = try w.pairData(pair)
    let shares = rules.map { r in Double(data.labels(rule: r, mes: .paperDefault).filter { $0 }.count) / Double(data.count) }
    #expect(shares[1] < shares[2] && shares[2] < shares[3] && shares[1] < shares[0], "\(shares)")
    #expect(Set(labelled.map { $0.result(.quality)!.samples }).count == 1)

    let sweep = try await w.execute([4.0, 6.0, 8.0].flatMap { m in
      [gbdt, .of(AllAtLarge()), .of(AllAtSmall())].map { ScenarioRunSpec(variant: $0, pair: pair, mes: try! MES(m)) }
    })
    let mes = ScenarioReport.mesTable(sweep, scenarios: Scenario.paper)
    assertSnapshot(mes.csv, named: "mes-sweep-small.csv")
    let figures = ScenarioReport.mesFigures(sweep, scenarios: Scenario.paper, focus: "GBDT", prefix: "fig12")
    #expect(figures.map(\.path) == ["fig12-apsp.svg", "fig12-ca.svg", "fig12-ail.svg", "fig12-advantage-rcs1.svg",
                                    "fig12-advantage-rcs2.svg", "fig12-advantage-rcs3.svg", "fig12-risk.svg"])
    // APSP falls as the MES rises for All-at-Large (its responses are fixed).
    let large = sweep.filter { $0.spec.variant.name == "All-at-Large" }.map { $0.result(.quality)!.apsp }
    #expect(large[0] > large[1] && large[1] > large[2])

    let tau = ScenarioReport.tauFigures([labelled[0]], scenarios: Scenario.paper, prefix: "fig2")
    #expect(tau.map(\.path) == ["fig2-apsp.svg", "fig2-ca.svg", "fig2-ail.svg", "fig2-rcs1.svg", "fig2-rcs2.svg",
                                "fig2-rcs3.svg"])
    assertSnapshot(tau[3].text, named: "fig2-rcs1-gbdt-small.svg")
    let vt = ScenarioReport.validationTest([labelled[0]], scenarios: Scenario.paper)
    #expect(vt.rows.count == 3)
    assertSnapshot(vt.markdown, named: "validation-test-gbdt-small.md")
    #expect(ScenarioReport.pearson([1, 2, 3], [2, 4, 6.5])! > 0.99 && ScenarioReport.pearson([1, 1], [1, 2]) == nil)

    // Table 3's rows (a tiny ECVL-Router, one epoch: the layout, not the numbers).
    var tiny = ECVLRouter.Configuration()
    tiny.width = 8
    tiny.heads = 2
    tiny.feedForward = 16
    tiny.training.epochs = 1
    var variants: [EdgeCloudVariant] = []
    for (name, branches) in [("ECVL-Router (Full)", RouterBranch.allCases), ("w.o. Image", [.text, .statistics]),
                             ("only Statistic", [.statistics])] as [(String, [RouterBranch])] {
      var c = tiny
      c.branches = branches
      variants.append(.of(try ECVLRouter(configuration: c), name: name))
    }
    let ablation = try await w.execute(variants.map { ScenarioRunSpec(variant: $0, pair: pair) }, jobs: 2)
    let t3 = ScenarioReport.table3(ablation, scenarios: Scenario.paper)
    #expect(t3.header == ["Method", "APSP ↑", "CA ↑", "AIL [s] ↓", "RCS1 ↑", "RCS2 ↑", "RCS3 ↑"])
    #expect(t3.rows.map { $0[0] } == ["ECVL-Router (Full)", "w.o. Image", "only Statistic"])
    #expect(t3.rows.allSatisfy { $0.dropFirst().allSatisfy { $0.split(separator: ".").last?.count == 4 } })
    // An ablation that reads no image still records the text set only.
    let identity = try w.identity(of: ScenarioRunSpec(variant: variants[1], pair: pair))
    #expect(identity.features?.sets == ["text"])
  }

  /// The whole preset through the store (simulate, write, import, run), the default GBDT router on every branch:
  /// it beats both fixed policies on RCS1 for 38B/1B, as in Table 1, and the baselines land on Table 1's rows.
  @Test("Full preset: GBDT beats All-at-Large and All-at-Small on RCS1 for 38B/1B; the baselines match Table 1",
        .enabled(if: SlowTests.enabled, SlowTests.reason))
  func fullPreset() async throws {
    let dir = try temporaryDirectory()
    try ECVLSimulation.write(ECVLSimulation.generate(), to: dir.appendingPathComponent("sim"))
    let store = try BenchStore(path: dir.appendingPathComponent("ecvl.sqlite").path)
    let s = dir.appendingPathComponent("sim")
    let summary = try GradedImport.run(GradedImportOptions(
      file: s.appendingPathComponent("scores.csv"),
      features: ECVLSimulation.featureFiles.map { s.appendingPathComponent($0) },
      modelsFile: s.appendingPathComponent("models.csv")), into: store)
    #expect(summary.samples == 22_750 && summary.records == 68_250)
    var w = try ScenarioWorkspace(store: store)
    let pair = try EdgeCloudPair(parsing: Self.pairs[0])
    let results = try await w.execute(try EdgeCloudRouters.variants(["GBDT", "All-at-Large", "All-at-Small"])
      .map { ScenarioRunSpec(variant: $0, pair: pair) })
    let rcs1 = results.map { $0.result(.quality)!.rcs }
    #expect(rcs1[0] > rcs1[1] && rcs1[0] > rcs1[2], "\(rcs1)")
    #expect(abs(results[1].result(.quality)!.apsp - 0.549) <= 0.002 && abs(results[2].result(.quality)!.apsp - 0.456) <= 0.002)
    #expect(abs(rcs1[1] - 0.652) < 0.01 && abs(rcs1[2] - 0.646) < 0.01)
  }

  @Test("Scenario data errors name the pair, model and sample")
  func dataErrors() throws {
    let (store, _) = try Self.database()
    var w = try ScenarioWorkspace(store: store)
    #expect { _ = try w.pairData(try EdgeCloudPair(parsing: "InternVL3-38B/GPT-5")) } throws: {
      ($0 as? EdgeCloudError)?.key == "GPT-5" && ($0 as? EdgeCloudError)?.kind == .missingData
    }
    #expect { _ = try w.pairData(try EdgeCloudPair(parsing: "InternVL2_5-1B/InternVL3-38B")) } throws: {
      "\($0)".contains("reversed")
    }
    #expect { _ = try ScenarioWorkspace(store: store, textFeatures: "minilm-l6") } throws: {
      ($0 as? EdgeCloudError)?.key == "minilm-l6"
    }
  }
}
