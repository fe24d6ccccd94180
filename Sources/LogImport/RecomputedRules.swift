internal import BenchCore

/// What a run's date (run directory `T<date>…`) or `--vqa-period-rule` decides about how VLMEvalKit scored it.
public struct RunEra: Sendable, Hashable {
  /// TextVQA normalisation: the period regex changed in May 2025.
  public var periodRule: VQAPeriodRule
  /// ChartQA: `relaxed_correctness` arguments were swapped until Sep 2025 (#1204).
  public var chartQAOrder: ChartQAScore.ArgumentOrder
  public init(periodRule: VQAPeriodRule, chartQAOrder: ChartQAScore.ArgumentOrder) {
    self.periodRule = periodRule
    self.chartQAOrder = chartQAOrder
  }

  /// The era of a run directory name, or `nil` when it carries no date (flat layout).
  public static func of(runDirectory name: String) -> RunEra? {
    guard let rule = VQAPeriodRule.forRunDirectory(name),
          let date = Int(String(name.dropFirst().prefix(8))) else { return nil }
    return RunEra(periodRule: rule, chartQAOrder: date < 20250901 ? .swapped : .fixed)
  }

  /// What current VLMEvalKit does.
  public static let current = RunEra(periodRule: .current, chartQAOrder: .fixed)
  /// VLMEvalKit before run folders existed (files directly in `<work_dir>/<model>/`, until Nov 2024): the old
  /// TextVQA period regex and the swapped ChartQA arguments.
  public static let beforeRunFolders = RunEra(periodRule: .legacy, chartQAOrder: .swapped)

  /// The era chosen for one (model, dataset) group, with what decided it (docs/importing.md, "Run era").
  public struct Decision: Sendable, Hashable {
    public var era: RunEra
    /// What decided the era, e.g. "run folder T20250426_Ga32ffdf2 (2025-04-26)".
    public var label: String
    /// Further signals seen (status.json, judge file naming, the override).
    public var evidence: [String]
  }

  /// The decision table: (1) a run folder's date; (2) `status.json` without a dated folder: current; (3) the flat
  /// layout with `_results` per-sample files (written since Jul 2025, so the files were copied out of a run
  /// folder): current; (4) the flat layout otherwise: before run folders. Judge file naming is recorded as
  /// evidence. `--vqa-period-rule` overrides the period rule of every decision.
  public static func decide(runDirectory: String?, hasStatusJSON: Bool, suffixes: [String],
                            periodRuleOverride: VQAPeriodRule?) -> Decision {
    var evidence: [String] = []
    if hasStatusJSON { evidence.append("status.json beside the files (the T<date>-<time> era, since Apr 2026)") }
    let judges = Set(suffixes.filter { $0.hasSuffix("_result") && $0.count > "_result".count + 1 })
    if judges.contains("_openai_result") {
      evidence.append("judge files named `_openai_result` (chatgpt-0125 → openai: VLMEvalKit since early 2024)")
    }
    if let named = judges.sorted().first(where: { $0.hasPrefix("_chatgpt-") || $0.hasPrefix("_gpt-") }) {
      evidence.append("judge files named after the judge model (`\(named)`: VLMEvalKit before the openai/gpt4 names)")
    }
    var d: Decision
    if let runDirectory, let e = of(runDirectory: runDirectory) {
      let digits = Array(runDirectory.dropFirst().prefix(8))
      let date = String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8])
      d = Decision(era: e, label: "run folder \(runDirectory) (\(date))", evidence: evidence)
    } else if hasStatusJSON {
      d = Decision(era: .current, label: "no dated run folder, status.json: current VLMEvalKit rules", evidence: evidence)
    } else if suffixes.contains("_results") {
      d = Decision(era: .current, label: "flat layout with `_results` per-sample files (written since Jul 2025): "
                     + "current VLMEvalKit rules", evidence: evidence)
    } else {
      d = Decision(era: .beforeRunFolders, label: "flat layout (no run folder): VLMEvalKit before run folders "
                     + "(until Nov 2024) — old TextVQA period rule, swapped ChartQA arguments", evidence: evidence)
    }
    if let o = periodRuleOverride {
      d.era.periodRule = o
      d.evidence.append("--vqa-period-rule \(o == .legacy ? "old" : "new") overrides the period rule")
    }
    return d
  }
}

extension DatasetRule {
  /// The score with full precision, for the cross-check against VLMEvalKit's aggregates (default: `score`).
  public func preciseScore(_ row: RuleRow) throws(ImportError) -> Double { Double(try score(row)) }
  /// The rule to use when `judgedFile` is absent (recomputation from the prediction file), if any.
  public var fallback: (any DatasetRule)? { nil }
  /// This rule as it applies to a run of `era` (default: unchanged).
  public func forEra(_ era: RunEra) -> any DatasetRule { self }
}

/// A judged-file rule, with a recomputation for runs that wrote no judged file (ImageVQA before Jul 2025).
public struct RuleWithFallback: DatasetRule {
  public var primary: any DatasetRule
  public var recompute: any DatasetRule
  public init(_ primary: any DatasetRule, else recompute: any DatasetRule) {
    self.primary = primary
    self.recompute = recompute
  }
  public var summary: String { primary.summary + "; without it " + recompute.summary }
  public var judgedFile: JudgedFileSuffix? { primary.judgedFile }
  public var columns: [RuleColumn] { primary.columns }
  public func score(_ row: RuleRow) throws(ImportError) -> Float { try primary.score(row) }
  public func preciseScore(_ row: RuleRow) throws(ImportError) -> Double { try primary.preciseScore(row) }
  public var fallback: (any DatasetRule)? { recompute }
  public func forEra(_ era: RunEra) -> any DatasetRule {
    RuleWithFallback(primary.forEra(era), else: recompute.forEra(era))
  }
}

/// Cells as VLMEvalKit sees them after `pd.read_excel` + `str()` (NA strings → "nan").
@inline(__always) func pandas(_ cell: String?) -> String { PandasNA.asPandasString(cell ?? "") }

/// TextVQA: VQA accuracy of `prediction` against the Python-list `answer` (10 human answers), partial credit.
public struct VQAAccuracyRule: DatasetRule {
  public var periodRule: VQAPeriodRule
  public init(periodRule: VQAPeriodRule = .current) { self.periodRule = periodRule }
  public var summary: String { "recomputed: VQA accuracy of `prediction` vs `answer` (\(periodRule) period rule)" }
  public var judgedFile: JudgedFileSuffix? { nil }
  public var columns: [RuleColumn] { [RuleColumn("answer"), RuleColumn("prediction")] }
  public func preciseScore(_ row: RuleRow) throws(ImportError) -> Double {
    let answers = VQAScore.answers(fromCell: pandas(row[0]))
    let s = VQAScore.accuracy(prediction: pandas(row[1]), answers: answers, rule: periodRule)
    guard s.isFinite else { throw ImportError(.badValue, "answer list is empty", column: columns[0].name) }
    return s
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float { Float(try preciseScore(row)) }
  public func forEra(_ era: RunEra) -> any DatasetRule { VQAAccuracyRule(periodRule: era.periodRule) }
}

/// ChartQA: relaxed accuracy (5% numeric tolerance, else case-insensitive exact), 0/1.
public struct ChartQARule: DatasetRule {
  public var order: ChartQAScore.ArgumentOrder
  public init(order: ChartQAScore.ArgumentOrder = .fixed) { self.order = order }
  public var summary: String { "recomputed: ChartQA relaxed accuracy of `prediction` vs `answer`" }
  public var judgedFile: JudgedFileSuffix? { nil }
  public var columns: [RuleColumn] { [RuleColumn("answer"), RuleColumn("prediction")] }
  public func preciseScore(_ row: RuleRow) throws(ImportError) -> Double {
    ChartQAScore.score(prediction: pandas(row[1]), answers: VQAScore.answers(fromCell: pandas(row[0])), order: order)
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float { Float(try preciseScore(row)) }
  public func forEra(_ era: RunEra) -> any DatasetRule { ChartQARule(order: era.chartQAOrder) }
}

/// DocVQA / InfoVQA without `_results`: ANLS of `prediction` against the `answer` list (0 below 0.5).
public struct ANLSRecomputeRule: DatasetRule {
  public init() {}
  public var summary: String { "recomputed: ANLS of `prediction` vs `answer`" }
  public var judgedFile: JudgedFileSuffix? { nil }
  public var columns: [RuleColumn] { [RuleColumn("answer"), RuleColumn("prediction")] }
  public func preciseScore(_ row: RuleRow) throws(ImportError) -> Double {
    ANLSScore.score(prediction: pandas(row[1]), answers: VQAScore.answers(fromCell: pandas(row[0])))
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float { Float(try preciseScore(row)) }
}

/// MathVista `_<judge>` file: VLMEvalKit's answer check of the judge-extracted `res`.
public struct MathVistaRule: DatasetRule {
  public init() {}
  public var summary: String { "recomputed: MathVista check of `res` (option inference / numeric equality)" }
  public var judgedFile: JudgedFileSuffix? { .judge(tail: "") }
  public var columns: [RuleColumn] {
    [RuleColumn("res"), RuleColumn("answer"), RuleColumn("question_type", required: false),
     RuleColumn("answer_type", required: false), RuleColumn("answer_option", required: false),
     RuleColumn("choices", required: false)]
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    guard row[3] != nil else {
      // Without `answer_type` (not a MathVista TSV layout): trimmed `res` equals `answer` (numeric if both parse),
      // or the `answer_option` letter of a multiple-choice row.
      let res = row[0] ?? ""
      if ExtractedAnswerRule.same(res, row[1] ?? "") { return 1 }
      if let option = row[4], row[2] == nil || row[2] == "multi_choice", !option.isEmpty,
         ExtractedAnswerRule.same(res, option) { return 1 }
      return 0
    }
    let r = MathVistaScore.Row(questionType: pandas(row[2]), answerType: pandas(row[3]), answer: pandas(row[1]),
                               answerOption: pandas(row[4]), choices: pandas(row[5]), res: pandas(row[0]))
    return MathVistaScore.isCorrect(r) ? 1 : 0
  }
}

/// MathVision `_<judge>` file: option inference when `choices` is non-empty, else `is_equal(res, answer)`.
public struct MathVisionRule: DatasetRule {
  public init() {}
  public var summary: String { "recomputed: MathVision check of `res` against `answer` / `choices`" }
  public var judgedFile: JudgedFileSuffix? { .judge(tail: "") }
  public var columns: [RuleColumn] {
    [RuleColumn("res"), RuleColumn("answer"), RuleColumn("choices", required: false)]
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    MathVisionScore.isCorrect(res: pandas(row[0]), answer: pandas(row[1]), choices: row[2] ?? "[]") ? 1 : 0
  }
}

/// Correctness columns a dataset outside the catalog may carry, in order of preference.
public enum GenericCorrectness {
  public static let columns = ["hit", "score", "is_correct"]
  /// Judged-file suffixes tried, in order: `_<judge>_result`, `_auxmatch`, `_<judge>_score`, `_results`.
  public static let judgedFiles: [JudgedFileSuffix] = [
    .judge(tail: "_result"), .exact("_auxmatch"), .judge(tail: "_score"), .exact("_results"),
  ]
}

/// A dataset outside the catalog: the first of `hit`, `score`, `is_correct` its judged file (or prediction file)
/// has — 0/1, True/False or a number in [0, 1].
public struct GenericCorrectnessRule: DatasetRule {
  public var judgedFile: JudgedFileSuffix?
  public init(judgedFile: JudgedFileSuffix?) { self.judgedFile = judgedFile }
  public var summary: String {
    "generic: `hit`, `score` or `is_correct` of `\(judgedFile?.description ?? "prediction")`"
  }
  public var columns: [RuleColumn] { GenericCorrectness.columns.map { RuleColumn($0, required: false) } }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    guard let i = (0..<GenericCorrectness.columns.count).first(where: { row[$0] != nil }) else {
      throw ImportError(.badValue, "no correctness column (one of hit, score, is_correct)")
    }
    let s = row[i]!
    if let b = CellValue.bool(s) { return b ? 1 : 0 }
    return try CellValue.unitScore(s, name: GenericCorrectness.columns[i])
  }
}

/// ChartQA `_results` (since Jul 2025): the score is max(`eval_match`) (0/1).
public struct ChartQARecordedRule: DatasetRule {
  public init() {}
  public var summary: String { "max(`eval_match`) of `_results`" }
  public var judgedFile: JudgedFileSuffix? { .exact("_results") }
  public var columns: [RuleColumn] { [RuleColumn("eval_match")] }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    let s = row[0] ?? ""
    var best = -Double.infinity
    for item in PythonLiteral.list(s) ?? [s] {
      guard let v = CellValue.number(item), v >= 0, v <= 1 else {
        throw ImportError(.badValue, "eval_match '\(s.prefix(40))' is not a list of numbers in [0, 1]",
                          column: columns[0].name)
      }
      best = max(best, v)
    }
    guard best.isFinite else { throw ImportError(.badValue, "eval_match is an empty list", column: columns[0].name) }
    return Float(best)
  }
}

/// Multiple choice without a judged file (a run that was never judged, or MMMU's Dec-2023 layout with only
/// `_acc`): VLMEvalKit's exact matching — `can_infer(prediction, choices)` over the option columns `A`…`Z` that
/// are not NA, the answer 'Z' when nothing can be inferred (what `extract_answer_from_item` returns without a
/// judge model), and hit = 1 iff that letter equals `answer` (`GT`). Cells are seen as pandas shows them.
/// Circular datasets (MMBench) fold the rotated copies in: a sample is right only if every rotation is
/// (`scoresCircularCopies`).
public struct ExactMatchingChoiceRule: DatasetRule {
  public init() {}
  static let letters = (65...90).map { String(Unicode.Scalar(UInt8($0))) }
  public var summary: String {
    "recomputed: exact matching (VLMEvalKit's `can_infer` of `prediction` over the options `A`…, against `answer`)"
  }
  public var judgedFile: JudgedFileSuffix? { nil }
  public var columns: [RuleColumn] {
    [RuleColumn("prediction"), RuleColumn("answer")] + Self.letters.map { RuleColumn($0, required: false) }
  }
  /// Rotated copies of circular datasets are scored too and folded into their sample (the minimum).
  public var scoresCircularCopies: Bool { true }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    var options: [(letter: String, text: String)] = []
    for (k, letter) in Self.letters.enumerated() {
      guard let cell = row[k + 2] else { continue }
      let text = pandas(cell)
      if text != "nan" { options.append((letter, text)) }
    }
    let option = OptionMatcher.infer(pandas(row[0]), options: options) ?? "Z"
    return option == pandas(row[1]) ? 1 : 0
  }
}
