import BenchCore
import Foundation
import Testing
@testable import EdgeCloud

enum SlowTests {
  static var enabled: Bool { ProcessInfo.processInfo.environment["ROUTERBENCH_SLOW"] == "1" }
  static let reason: Comment = "full-scale/exhaustive: run with ROUTERBENCH_SLOW=1 (make test-all)"
}

func temporaryDirectory(_ label: String = #function) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("EdgeCloudTests-\(label.prefix(24).filter { $0.isLetter })-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Compares text with a golden file under Tests/EdgeCloudTests/Snapshots; `RECORD_SNAPSHOTS=1` re-records.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: url)
    return
  }
  guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record("missing snapshot \(name); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  #expect(text == golden, "snapshot \(name) differs; re-record with RECORD_SNAPSHOTS=1 if intended",
          sourceLocation: sourceLocation)
}

/// A pair's data given per sample as (edge score, cloud score, edge latency, cloud latency); one dataset, prompts
/// "q<i>", output tokens 10 (edge) and 30 (cloud).
func pairData(_ rows: [(Double, Double, Double, Double)], datasets: Int = 1) throws -> PairData {
  let n = rows.count
  return try PairData(
    pair: EdgeCloudPair(edge: "small", cloud: "large"), sampleKeys: (0..<n).map { "D\($0 % datasets)/\($0)" },
    datasets: (0..<datasets).map { DatasetInfo(name: "D\($0)", displayName: "D\($0)", group: .other, answerType: .unknown) },
    sampleDataset: (0..<n).map { Int32($0 % datasets) }, prompts: (0..<n).map { "q\($0)" },
    hasImage: Array(repeating: true, count: n), inputTokens: Array(repeating: 100, count: n),
    edgeScore: rows.map(\.0), cloudScore: rows.map(\.1), edgeLatency: rows.map(\.2), cloudLatency: rows.map(\.3),
    edgeTokens: Array(repeating: 10, count: n), cloudTokens: Array(repeating: 30, count: n))
}

/// ROC AUC by the Mann–Whitney statistic (ties count half).
func auc(_ p: [Float], _ y: [Bool]) -> Double {
  var pos: [Float] = [], neg: [Float] = []
  for (pi, yi) in zip(p, y) { if yi { pos.append(pi) } else { neg.append(pi) } }
  var s = 0.0
  for a in pos { for b in neg { s += a > b ? 1 : (a == b ? 0.5 : 0) } }
  return s / Double(pos.count * neg.count)
}

/// Central differences against an analytic gradient, with the tolerance of the Learning tests' `expectGradient`
/// (Tests/LearningTests/TransformerTestSupport.swift): h = step·max(1, |θ|), |analytic − numeric| ≤ 2e-3 +
/// 2e-2·|numeric|, the loss in Double.
@discardableResult
func expectGradient(_ analytic: [Float], at x: [Float], step: Float = 1e-2, label: String,
                    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Float]) -> Double) -> Double {
  #expect(analytic.count == x.count, "\(label): \(analytic.count) gradients for \(x.count) values",
          sourceLocation: sourceLocation)
  var worst = 0.0
  var failures = 0
  for j in x.indices {
    var plus = x, minus = x
    let h = step * max(1, abs(x[j]))
    plus[j] += h
    minus[j] -= h
    let numeric = (f(plus) - f(minus)) / Double(plus[j] - minus[j])
    let error = abs(Double(analytic[j]) - numeric)
    worst = max(worst, error)
    if !(error <= 2e-3 + 2e-2 * abs(numeric)) {
      failures += 1
      if failures <= 5 {
        Issue.record("\(label) entry \(j): analytic \(analytic[j]) numeric \(numeric)", sourceLocation: sourceLocation)
      }
    }
  }
  if failures > 5 { Issue.record("\(label): \(failures) entries failed in all", sourceLocation: sourceLocation) }
  return worst
}
