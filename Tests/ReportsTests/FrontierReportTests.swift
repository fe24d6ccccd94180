import BenchCore
import CurveFit
import Foundation
import Testing

@testable import Reports

@Suite struct FrontierReportTests {
  @Test func lambdaIndependentRoutersGetTheirOwnSmallTable() throws {
    let input = stressInput()
    let rows = frontierRows(input)
    let fixed = rows.filter { $0.status == .singlePoint }.map(\.name)
    // The 11 routers run once (λ not applicable) and nothing else.
    #expect(fixed.count == 11 && !fixed.contains("MLP") && !fixed.contains("Linear"), "\(fixed)")
    let main = frontierTable(input, rows)
    #expect(main.rows.map { $0[0] } == ["Single models", "Linear", "MLP", #"=HYPERLINK("http://x")|col"#,
                                        "<script>alert(1)</script>", "Routér 模型 \"q\" 'a' `b`"])
    #expect(!main.rows.contains { $0.last?.contains("needs at least 3 points") == true })
    let small = try #require(fixedPointTable(input, rows))
    #expect(small.rows.map { $0[0] } == fixed)
    let oracle = try #require(rows.first { $0.name == "Oracle" })
    #expect(small.rows[0] == ["Oracle", "baseline", Reports.fixed(oracle.points[0].cost), Reports.fixed(oracle.points[0].quality),
                              Reports.fixed(oracle.aiq)])
    // No λ-independent router: no small table.
    #expect(fixedPointTable(input, rows.filter { $0.status != .singlePoint }) == nil)
  }

  @Test func aRouterWhoseDecisionsIgnoreLambdaIsSinglePointToo() {
    // Three λ runs with the very same outcome: one operating point, not a fit that "needs 3 points" or fails.
    var input = sampleInput()
    let template = input.results.filter { $0.router == "MLP" && $0.lambda == .finite(10) }
    for (k, l) in [Lambda.finite(100), .infinity].enumerated() {
      input.results += template.map { var r = $0; r.lambda = l; r.runID += Int64(100 * (k + 1)); r.router = "Flat"; return r }
    }
    input.results += template.map { var r = $0; r.router = "Flat"; r.runID += 300; return r }
    input.routerOrder.append("Flat")
    let flat = frontierRows(input).first { $0.name == "Flat" }
    #expect(flat?.status == .singlePoint && flat?.points.count == 3)
  }

  /// The real logs' single models (5 models, test split: two cheap models at the top, two dear ones far below):
  /// the bounded fit converges to a flat line, a = 0, b = 0, R² = 0. It is flagged, and the hull is drawn.
  static let realLogSingles = [
    OperatingPoint(cost: 0.1404, quality: 71.79, label: "VLM-R1"),
    OperatingPoint(cost: 0.1418, quality: 74.13, label: "Qwen2.5-VL-3B-Instruct"),
    OperatingPoint(cost: 0.3096, quality: 80.19, label: "Qwen2.5-VL-7B-Instruct"),
    OperatingPoint(cost: 0.6190, quality: 60.37, label: "Llama-3.2-11B-Vision-Instruct"),
    OperatingPoint(cost: 0.5900, quality: 27.28, label: "LLaVA-CoT"),
  ]

  @Test func aDegenerateFitIsFlaggedAndTheHullIsDrawn() throws {
    var input = sampleInput(preset: nil)
    input.singleModels = Self.realLogSingles
    let rows = frontierRows(input)
    let singles = try #require(rows.first)
    #expect(singles.status == .degenerate, "\(singles.fit.map { "\($0)" } ?? "no fit"), R² \(singles.r2 ?? .nan)")
    #expect(singles.message == "degenerate fit (flat): hull drawn")
    let table = frontierTable(input, rows)
    #expect(table.rows[0].last == "degenerate fit (flat): hull drawn")
    let plot = overviewPlot(input, main: mainTable(input, timings: []), frontiers: rows)
    #expect(plot.note?.hasPrefix("Single-model fit degenerate (a = ") == true, "\(plot.note ?? "no note")")
    let hull = try #require(plot.series.first { $0.name == "Single-model hull" })
    #expect(!plot.series.contains { $0.name == "Single-model frontier" })
    // The hull: the three Pareto models, then flat to the dearest model's cost.
    #expect(hull.points.map(\.x) == [0.1404, 0.1418, 0.3096, 0.6190] && hull.points.map(\.y) == [71.79, 74.13, 80.19, 80.19])
    #expect(frontiersCSV(rows).split(separator: "\n")[1].hasPrefix("Single models,,degenerate,5,"))
  }

  @Test func aGoodFitIsNotDegenerateAndFlatDataIsNot() throws {
    let curve = SaturationFrontier(a: 30, b: 1.2, c: 45)
    let points = [0.2, 0.5, 1, 2, 4, 8].map { OperatingPoint(cost: $0, quality: curve($0) + ($0 == 1 ? 0.3 : 0)) }
    let fit = try fitSaturationFrontier(points: points.map { (cost: $0.cost, accuracy: $0.quality) })
    #expect(!isDegenerate(fit, points: points))
    let flat = [1.0, 2, 3].map { OperatingPoint(cost: $0, quality: 50) }
    let flatFit = try fitSaturationFrontier(points: flat.map { (cost: $0.cost, accuracy: $0.quality) })
    #expect(!isDegenerate(flatFit, points: flat), "a flat curve through flat data is the right answer")
  }

  @Test func frontiersCSVIsNumericWithAStatus() {
    let csv = frontiersCSV(frontierRows(stressInput()))
    let lines = csv.split(separator: "\n")
    #expect(lines[0] == "router,family,status,points,a,b,c,a_plus_c,r2,aiq,cost_usd_per_10k,accuracy_pct")
    #expect(!csv.contains("–") && !csv.contains(",-,"))
    let oracle = parseCSVLine(String(lines.first { $0.hasPrefix("Oracle,") }!))
    #expect(oracle[2] == "single_point" && oracle[3] == "1" && oracle[4...8].allSatisfy(\.isEmpty) && Double(oracle[10]) != nil)
    let mlp = parseCSVLine(String(lines.first { $0.hasPrefix("MLP,") }!))
    #expect(mlp[2] == "fitted" && mlp[4...9].allSatisfy { Double($0) != nil } && mlp[10].isEmpty)
  }
}
