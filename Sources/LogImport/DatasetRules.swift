public import BenchCore
internal import Foundation

/// How a per-sample judged file is named after `<model>_<dataset>`: the part before the extension.
public enum JudgedFileSuffix: Sendable, Hashable, CustomStringConvertible {
  /// Exactly this suffix, e.g. `_auxmatch`, `_results`.
  case exact(String)
  /// `_<judge><tail>` for any judge name, e.g. tail `_result` matches `_openai_result` and
  /// `_gpt-4o-mini_result`; tail "" matches `_gpt-4o-mini` (MathVista) but never a known aggregate or
  /// intermediate suffix (`_score`, `_acc`, `_extract`, …).
  case judge(tail: String)

  /// Suffixes VLMEvalKit uses for aggregates and intermediates; never a judge name on their own.
  static let reservedTails = ["_score", "_acc", "_acc_all", "_fine", "_metrics", "_extract", "_result", "_results",
                              "_auxmatch", "_tmp", "_PREV", "_checkpoint", "_structs", "_rating", "_config", "_meta",
                              "_response", "_processed", "_supp"]

  public func matches(_ suffix: String) -> Bool {
    switch self {
    case .exact(let s): return suffix == s
    case .judge(let tail):
      guard suffix.hasPrefix("_"), suffix.hasSuffix(tail), suffix.count > tail.count + 1 else { return false }
      let judge = suffix.dropFirst().dropLast(tail.count)
      if judge.contains("vanilla") { return false }  // PRINT_VANILLA side files of circular MCQ
      if tail.isEmpty { return !Self.reservedTails.contains { suffix.hasSuffix($0) } }
      return !Self.reservedTails.contains("_" + judge)
    }
  }

  public var description: String {
    switch self {
    case .exact(let s): s
    case .judge(let tail): "_<judge>\(tail)"
    }
  }
}

/// A column a rule reads; optional columns may be absent (the rule then sees `nil`).
public struct RuleColumn: Sendable, Hashable {
  public var name: String
  public var required: Bool
  public init(_ name: String, required: Bool = true) {
    self.name = name
    self.required = required
  }
}

/// The cells of one row that a rule asked for, in the order of its `columns`.
public struct RuleRow {
  let row: TableRow
  let positions: [Int?]
  /// The value of `columns[i]`, or `nil` when that optional column is absent from the file.
  public subscript(_ i: Int) -> String? { positions[i].map { row[$0] } }
}

/// How one kind of dataset turns a row of its per-sample file into a score in [0, 1].
///
/// Add a dataset by registering a rule for it in `DatasetRules` (by name, or for its `AnswerType`).
public protocol DatasetRule: Sendable {
  /// What the rule does, for messages and `docs/importing.md`.
  var summary: String { get }
  /// The per-sample judged file this rule reads; `nil` when the prediction file alone gives the score.
  var judgedFile: JudgedFileSuffix? { get }
  /// Columns read from the judged file (or from the prediction file when `judgedFile` is `nil`).
  var columns: [RuleColumn] { get }
  /// The row's score in [0, 1]. A cell it cannot score throws `ImportError(.badValue, …, column: name)`; the
  /// importer adds the file and row.
  func score(_ row: RuleRow) throws(ImportError) -> Float
  /// The score in full precision, for the cross-check against VLMEvalKit's aggregates (default: `score`).
  func preciseScore(_ row: RuleRow) throws(ImportError) -> Double
  /// The rule used when `judgedFile` is absent (recomputing from the prediction file); default `nil` (refuse).
  var fallback: (any DatasetRule)? { get }
  /// The rule as it applies to a run of `era` (the TextVQA period rule, the ChartQA argument order).
  func forEra(_ era: RunEra) -> any DatasetRule
}

/// Rules by dataset name, falling back to rules by answer type.
public struct DatasetRules: Sendable {
  public var byDataset: [String: any DatasetRule]
  public var byAnswerType: [AnswerType: any DatasetRule]

  public init(byDataset: [String: any DatasetRule], byAnswerType: [AnswerType: any DatasetRule]) {
    self.byDataset = byDataset
    self.byAnswerType = byAnswerType
  }

  /// The VLMEvalKit conventions of the 14 VL-RouterBench datasets (docs/importing.md, "Scoring rules").
  public static var standard: DatasetRules {
    DatasetRules(
      byDataset: [
        "DocVQA_VAL": RuleWithFallback(ANLSRule(), else: ANLSRecomputeRule()),
        "InfoVQA_VAL": RuleWithFallback(ANLSRule(), else: ANLSRecomputeRule()),
        "TextVQA_VAL": RuleWithFallback(NumericScoreRule(judgedFile: .exact("_results"), column: "eval_score"),
                                        else: VQAAccuracyRule()),
        "ChartQA_TEST": RuleWithFallback(ChartQARecordedRule(), else: ChartQARule()),
        "MathVerse_MINI": BooleanScoreRule(judgedFile: .judge(tail: "_score"), column: "score"),
        "MathVista_MINI": MathVistaRule(),
        "MathVision_MINI": MathVisionRule(),
        "OCRBench": OCRBenchRule(),
      ],
      byAnswerType: [
        .multipleChoice: RuleWithFallback(NumericScoreRule(judgedFile: .judge(tail: "_result"), column: "hit"),
                                          else: ExactMatchingChoiceRule()),
        .yesNo: BooleanScoreRule(judgedFile: .exact("_auxmatch"), column: "score"),
        .openVQA: NumericScoreRule(judgedFile: .exact("_results"), column: "eval_score"),
        .math: ExtractedAnswerRule(),
        .ocr: OCRBenchRule(),
      ])
  }

  public func rule(for dataset: DatasetInfo) -> (any DatasetRule)? {
    byDataset[dataset.name] ?? byAnswerType[dataset.answerType]
  }
}

// MARK: - Value parsing

enum CellValue {
  /// `True`/`False` (any case), `1`/`0`, `1.0`/`0.0`, surrounding spaces allowed.
  static func bool(_ s: String) -> Bool? {
    switch s {  // the common spellings, without allocating
    case "True", "1", "true", "1.0": return true
    case "False", "0", "false", "0.0": return false
    default: break
    }
    switch trimmed(s).lowercased() {
    case "true", "1", "1.0": return true
    case "false", "0", "0.0": return false
    default: return nil
    }
  }

  /// A finite number, or `True`/`False` as 1/0; surrounding spaces allowed.
  static func number(_ s: String) -> Double? {
    switch s {
    case "1", "1.0": return 1
    case "0", "0.0": return 0
    default: break
    }
    let t = trimmed(s)
    if let v = decimal(t), v.isFinite { return v }
    switch t.lowercased() {
    case "true": return 1
    case "false": return 0
    default: return nil
    }
  }

  /// A plain decimal number — `[+-] digits [. digits] [(e|E) [+-] digits]` (or `.5`, `5.`) — and nothing else:
  /// Swift's `Double(_:)` also reads hex floats (`0x1`), `inf` and `nan`, which pandas never writes into a score
  /// column and VLMEvalKit would not average.
  static func decimal<S: StringProtocol>(_ s: S) -> Double? {
    var digits = 0, i = s.utf8.startIndex
    let u = s.utf8, end = u.endIndex
    func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    if i < end, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
    while i < end, digit(u[i]) { digits += 1; i = u.index(after: i) }
    if i < end, u[i] == UInt8(ascii: ".") {
      i = u.index(after: i)
      while i < end, digit(u[i]) { digits += 1; i = u.index(after: i) }
    }
    guard digits > 0 else { return nil }
    if i < end, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
      i = u.index(after: i)
      if i < end, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
      var exponent = 0
      while i < end, digit(u[i]) { exponent += 1; i = u.index(after: i) }
      guard exponent > 0 else { return nil }
    }
    guard i == end else { return nil }
    return Double(String(s))
  }

  /// `s` without leading / trailing ASCII spaces and tabs.
  static func trimmed(_ s: String) -> Substring {
    var sub = Substring(s)
    while let c = sub.first, c == " " || c == "\t" { sub.removeFirst() }
    while let c = sub.last, c == " " || c == "\t" { sub.removeLast() }
    return sub
  }

  static func unitScore(_ s: String, name: String) throws(ImportError) -> Float {
    guard let v = number(s) else {
      throw ImportError(.badValue, "\(name) '\(s.prefix(40))' is not a number", column: name)
    }
    guard v >= 0, v <= 1 else { throw ImportError(.badValue, "\(name) \(v) is outside [0, 1]", column: name) }
    return Float(v)
  }
}

// MARK: - Rules

/// A numeric score column in [0, 1] (MCQ `hit` 0/1, VQA `eval_score` with partial credit).
public struct NumericScoreRule: DatasetRule {
  public var judgedFile: JudgedFileSuffix?
  public var column: String
  public init(judgedFile: JudgedFileSuffix?, column: String) {
    self.judgedFile = judgedFile
    self.column = column
  }
  public var summary: String { "`\(column)` of `\(judgedFile?.description ?? "prediction")` (number in [0, 1])" }
  public var columns: [RuleColumn] { [RuleColumn(column)] }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    try CellValue.unitScore(row[0] ?? "", name: column)
  }
}

/// A boolean column, `True`/`False` (HallusionBench `_auxmatch`, MathVerse `_<judge>_score`).
public struct BooleanScoreRule: DatasetRule {
  public var judgedFile: JudgedFileSuffix?
  public var column: String
  public init(judgedFile: JudgedFileSuffix?, column: String) {
    self.judgedFile = judgedFile
    self.column = column
  }
  public var summary: String { "`\(column)` of `\(judgedFile?.description ?? "prediction")` (True/False)" }
  public var columns: [RuleColumn] { [RuleColumn(column)] }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    let s = row[0] ?? ""
    guard let b = CellValue.bool(s) else {
      throw ImportError(.badValue, "\(column) '\(s.prefix(40))' is neither True nor False", column: column)
    }
    return b ? 1 : 0
  }
}

/// DocVQA / InfoVQA: `eval_match` holds normalised Levenshtein distances to each ground truth; the
/// per-sample ANLS is 1 − min(distance) when that is ≥ 0.5, else 0 (not the file's `eval_score`).
public struct ANLSRule: DatasetRule {
  public init() {}
  public var summary: String { "ANLS = 1 − min(`eval_match`) if ≥ 0.5 else 0, from `_results`" }
  public var judgedFile: JudgedFileSuffix? { .exact("_results") }
  public var columns: [RuleColumn] { [RuleColumn("eval_match")] }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    let s = row[0] ?? ""
    let items = PythonLiteral.list(s) ?? [s]
    var best = Double.infinity
    for item in items {
      guard let d = CellValue.number(item), d >= 0, d <= 1 else {
        throw ImportError(.badValue, "eval_match '\(s.prefix(40))' is not a list of distances in [0, 1]",
                          column: columns[0].name)
      }
      best = min(best, d)
    }
    guard best.isFinite else { throw ImportError(.badValue, "eval_match is an empty list", column: columns[0].name) }
    let anls = 1 - best
    return anls >= 0.5 ? Float(anls) : 0
  }
}

/// OCRBench has no per-sample file: correct iff any answer of the Python-list `answer` is a substring of the
/// prediction, both lower-cased, trimmed, newlines as spaces; for "Handwritten Mathematical Expression
/// Recognition" spaces and newlines are removed and case is kept (`OCRBenchScore.normalise`, Python's semantics
/// through `PythonText`). An answer that normalises to "" matches nothing.
public struct OCRBenchRule: DatasetRule {
  public init() {}
  public var summary: String { "recomputed: some `answer` is a substring of `prediction` (OCRBench rule)" }
  public var judgedFile: JudgedFileSuffix? { nil }
  public var columns: [RuleColumn] {
    [RuleColumn("answer"), RuleColumn("prediction"), RuleColumn("category", required: false)]
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    let answerCell = row[0] ?? ""
    let answers = PythonLiteral.list(answerCell) ?? [answerCell]
    let category = row[2]
    let p = OCRBenchScore.normalise(row[1] ?? "", category: category)
    return answers.contains { a in
      let a = OCRBenchScore.normalise(a, category: category)
      return !a.isEmpty && PythonText.contains(p, a)
    } ? 1 : 0
  }
}

/// MathVista / MathVision `_<judge>` files: the judge's extracted answer `res` is correct iff, trimmed, it
/// equals `answer` ignoring case — numerically when both parse as numbers (|a − b| ≤ 1e-6) — or, for
/// multiple-choice rows, equals `answer_option` (the letter) when that column exists.
public struct ExtractedAnswerRule: DatasetRule {
  public init() {}
  public var summary: String { "recomputed: trimmed `res` equals `answer` (case-insensitive, numeric if both parse)" }
  public var judgedFile: JudgedFileSuffix? { .judge(tail: "") }
  public var columns: [RuleColumn] {
    [RuleColumn("res"), RuleColumn("answer"), RuleColumn("answer_option", required: false),
     RuleColumn("question_type", required: false)]
  }
  public func score(_ row: RuleRow) throws(ImportError) -> Float {
    let res = row[0] ?? ""
    if Self.same(res, row[1] ?? "") { return 1 }
    if let option = row[2], row[3] == nil || row[3] == "multi_choice", !option.isEmpty, Self.same(res, option) {
      return 1
    }
    return 0
  }

  static func same(_ a: String, _ b: String) -> Bool {
    let x = a.trimmingCharacters(in: .whitespacesAndNewlines), y = b.trimmingCharacters(in: .whitespacesAndNewlines)
    if let u = CellValue.decimal(x), let v = CellValue.decimal(y), u.isFinite, v.isFinite { return abs(u - v) <= 1e-6 }
    return x.caseInsensitiveCompare(y) == .orderedSame && !x.isEmpty
  }
}
