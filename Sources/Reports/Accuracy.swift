public import BenchCore
internal import Foundation

/// What a report's accuracy counts (`report --accuracy`).
///
/// VL-RouterBench counts a sample as correct when its score reaches 1.0 (its integer cast of partial credit), so
/// a model with partial credit on TextVQA reads lower in its tables than in VLMEvalKit's, which averages the
/// score: Qwen2.5-VL-7B on TextVQA_VAL is 77.40 % correct but 85.39 % mean score on the real logs. Every table,
/// caption and plot of a report uses one rule and says which; the rank score is computed from the same accuracy.
public enum AccuracyRule: String, Sendable, Hashable, CaseIterable, Codable {
  /// A sample is correct when its score is at least the correctness threshold (default 1.0): the paper's rule and
  /// the default.
  case correct
  /// The mean score × 100, partial credit kept (VLMEvalKit's figure, and what `routerbench summary` shows).
  case score

  /// What the report shows, for its provenance: "correct (score ≥ 1.0; the paper's rule, the default)".
  public func provenance(thresholds: [Float]) -> String {
    switch self {
    case .correct: "correct (score ≥ \(thresholdText(thresholds)); the paper's rule, the default)"
    case .score: "score (mean score, partial credit kept)"
    }
  }

  /// The accuracy of `outcome` as a fraction.
  public func accuracy(of outcome: Outcome) -> Double {
    switch self {
    case .correct: outcome.accuracy
    case .score: outcome.samples == 0 ? 0 : outcome.scoreSum / Double(outcome.samples)
    }
  }
}

extension ReportInput {
  /// Accuracy in % under the report's rule.
  func accuracyPercent(_ o: Outcome) -> Double { accuracy.accuracy(of: o) * 100 }

  /// A result's rank score (a fraction) under the report's rule: the stored one for `.correct`, recomputed from the
  /// mean score with the same bounds and β for `.score`.
  func rankScore(_ r: ResultRow) -> Double {
    switch accuracy {
    case .correct: r.rankScore
    case .score: RankScore(bounds: bounds).score(accuracy: accuracy.accuracy(of: r.outcome), cost: r.outcome.averageCost)
    }
  }

  /// The threshold as a caption writes it ("1.0", "0.5"); several when the runs differ.
  var thresholdText: String { Reports.thresholdText(correctThresholds) }

  /// The sentence every caption carries: what accuracy counts, and how to get the other reading (no markup).
  public var accuracySentence: String {
    switch accuracy {
    case .correct:
      "Accuracy counts a sample as correct when its score is at least \(thresholdText) (VL-RouterBench's rule; "
        + "partial credit below it counts as wrong); report --accuracy score shows the mean score instead."
    case .score:
      "Accuracy is the mean score × 100 (partial credit kept, as VLMEvalKit and routerbench summary report it); "
        + "the rank score uses the same accuracy. The paper counts a sample as correct when its score is at least "
        + "\(thresholdText) (report --accuracy correct, the default)."
    }
  }

  /// The y-axis label of the plots.
  var accuracyAxisLabel: String {
    switch accuracy {
    case .correct: "Accuracy (%, score ≥ \(thresholdText) counts as correct)"
    case .score: "Mean score (%, partial credit kept)"
    }
  }

  /// The provenance line ("accuracy": what the report shows).
  var accuracyProvenance: String { accuracy.provenance(thresholds: correctThresholds) }
}

/// Thresholds as captions write them: "1.0", "0.5", "0.5 or 1.0" (1.0 when none is known).
func thresholdText(_ thresholds: [Float]) -> String {
  (thresholds.isEmpty ? [Float(1)] : thresholds)
    .map { v in v == v.rounded() ? String(format: "%.1f", Double(v)) : "\(v)" }.joined(separator: " or ")
}
