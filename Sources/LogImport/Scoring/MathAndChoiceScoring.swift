// Per-sample correctness for the math datasets whose per-sample file stores only the judge-extracted
// answer `res` (MathVista, MathVision), VLMEvalKit's option matcher `can_infer`, and reading MCQ `hit`
// columns including MMBench's circular evaluation.

public enum OptionMatcher {
  /// Strings that make VLMEvalKit answer 'Z' (refusal).
  static let refusals = [
    "Sorry, I can't help with images of people yet.", "I can't process this file.",
    "I'm sorry, but without the image provided", "Cannot determine the answer",
  ]
  static let separators: Set<Unicode.Scalar> = [".", "(", ")", "[", "]", ",", ":", ";", "!", "*", "#", "{", "}"]

  /// Options as VLMEvalKit's `list_to_dict`: A, B, C… in order.
  public static func letters(for choices: [String]) -> [(letter: String, text: String)] {
    choices.enumerated().map { (String(Unicode.Scalar(UInt8(65 + $0.offset))), $0.element) }
  }

  /// `can_infer(answer, choices)`: a single option letter standing alone as a word (after punctuation
  /// became spaces), else 'Z' for refusals / a lone "Z", else the unique option whose text occurs in the
  /// lower-cased answer. Nil where VLMEvalKit returns False.
  public static func infer(_ answer: String, options: [(letter: String, text: String)]) -> String? {
    if let o = inferOption(answer, options: options) { return o }
    return inferText(answer, options: options)
  }

  static func inferOption(_ answer: String, options: [(letter: String, text: String)]) -> String? {
    if PythonText.contains(answer, "Failed to obtain answer via API") { return nil }
    for r in refusals where PythonText.contains(answer, r) { return "Z" }
    var mod = String.UnicodeScalarView()
    for c in answer.unicodeScalars { mod.append(separators.contains(c) ? " " : c) }
    let words = PythonText.split(String(mod))
    let hits = options.filter { o in words.contains { PythonText.equal($0, o.letter) } }
    if hits.count == 1 { return hits[0].letter }
    if hits.isEmpty && words.contains(where: { PythonText.equal($0, "Z") }) { return "Z" }
    return nil
  }

  static func inferText(_ answer: String, options: [(letter: String, text: String)]) -> String? {
    let a = PythonText.lower(answer)
    let c = options.filter { PythonText.contains(a, PythonText.lower($0.text)) }
    return c.count == 1 ? c[0].letter : nil
  }
}

public enum MathVistaScore {
  /// One row of `<model>_MathVista_MINI_<judge>.xlsx`, cells as pandas shows them (NA → "nan").
  public struct Row: Sendable {
    public var questionType: String   // multi_choice | free_form
    public var answerType: String     // text | integer | float | list
    public var answer: String
    public var answerOption: String
    public var choices: String        // Python list literal
    public var res: String
    public init(questionType: String, answerType: String, answer: String, answerOption: String, choices: String,
                res: String) {
      self.questionType = questionType
      self.answerType = answerType
      self.answer = answer
      self.answerOption = answerOption
      self.choices = choices
      self.res = res
    }
  }

  /// VLMEvalKit's `post_check(line, prefetch=False)`: multi_choice → `can_infer(res, choices)` equals the
  /// answer option letter; integer → int(res) == int(answer); float → float(res) == float(answer)
  /// (exact, as upstream); text / list answers compare the string "None" with the answer, so they are
  /// never correct unless the answer is literally "None".
  public static func isCorrect(_ row: Row) -> Bool {
    if row.questionType == "multi_choice" {
      guard let choices = PythonListLiteral.strings(row.choices) else { return false }
      guard let inferred = OptionMatcher.infer(row.res, options: OptionMatcher.letters(for: choices)) else {
        return false
      }
      return PythonText.equal(inferred, row.answerOption)
    }
    switch row.answerType {
    case "integer":
      guard let r = PythonText.int(row.res), let a = PythonText.int(row.answer) else { return false }
      return r == a
    case "float":
      guard let r = PythonText.float(row.res), let a = PythonText.float(row.answer) else { return false }
      return r == a
    default:
      return PythonText.equal("None", row.answer)
    }
  }
}

public enum MathVisionScore {
  /// VLMEvalKit's `post_check` for MathVision: with choices, `can_infer(res, choices)` must equal the
  /// answer (case-insensitive); without, `is_equal(res, answer)`: case-insensitive stripped equality, or
  /// both evaluate to numbers within 1e-6. (The latex2sympy fallback is not reproduced.)
  public static func isCorrect(res: String, answer: String, choices: String) -> Bool {
    let list = PythonListLiteral.strings(choices) ?? []
    if !list.isEmpty {
      let inferred = OptionMatcher.infer(res, options: OptionMatcher.letters(for: list)) ?? "False"
      return isEqual(inferred, answer)
    }
    return isEqual(res, answer)
  }

  public static func isEqual(_ a: String, _ b: String) -> Bool {
    let x = PythonText.strip(PythonText.lower(a))
    let y = PythonText.strip(PythonText.lower(b))
    if PythonText.equal(x, y) { return true }
    if let u = evaluateNumber(x), let v = evaluateNumber(y), abs(u - v) < 1e-6 { return true }
    return false
  }

  /// The numeric expressions Python's `eval` accepts that occur as answers: a number literal with an
  /// optional sign, or a quotient of two such. (Leading zeros are a SyntaxError in Python 3.)
  static func evaluateNumber(_ s: String) -> Double? {
    let parts = s.split(separator: "/", omittingEmptySubsequences: false)
    func literal(_ t: Substring) -> Double? {
      var t = PythonText.strip(String(t))
      var sign = 1.0
      while t.hasPrefix("-") || t.hasPrefix("+") { if t.hasPrefix("-") { sign = -sign }; t = PythonText.strip(String(t.dropFirst())) }
      guard let f = t.first, f.isASCII, f.isNumber || f == "." else { return nil }
      guard !t.lowercased().contains("inf"), !t.lowercased().contains("nan") else { return nil }
      if t.count > 1 && t.hasPrefix("0") && t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") })
        && t.contains(where: { $0 != "0" && $0 != "_" }) { return nil }
      return PythonText.float(t).map { sign * $0 }
    }
    switch parts.count {
    case 1: return literal(parts[0])
    case 2:
      guard let n = literal(parts[0]), let d = literal(parts[1]), d != 0 else { return nil }
      return n / d
    default: return nil
    }
  }
}

public enum MCQHits {
  /// Reads a `hit` / `score` cell: 1/0 (int or float text) or True/False.
  public static func parse(_ cell: String) -> Bool? {
    switch PythonText.strip(cell) {
    case "1", "1.0", "True", "true": return true
    case "0", "0.0", "False", "false": return false
    default: return nil
    }
  }

  /// Group of a row for MMBench circular evaluation: `g_index` if present, else `index % 1_000_000`.
  public static func group(index: Int, gIndex: Int?) -> Int { gIndex ?? (index % 1_000_000) }

  /// Circular evaluation: a question counts as correct only if every rotation of it is. Input rows carry
  /// (index, g_index?, hit); output is one (group, hit) per group, sorted by group. Rows already reduced
  /// to main rows (a `_result` file) pass through unchanged.
  public static func circular(_ rows: [(index: Int, gIndex: Int?, hit: Bool)]) -> [(group: Int, hit: Bool)] {
    var g: [Int: Bool] = [:]
    for r in rows {
      let k = group(index: r.index, gIndex: r.gIndex)
      g[k] = (g[k] ?? true) && r.hit
    }
    return g.keys.sorted().map { ($0, g[$0]!) }
  }
}
