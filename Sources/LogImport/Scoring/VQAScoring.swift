// Per-sample scores for VLMEvalKit's ImageVQA datasets, for runs that predate the per-sample
// `_results` file (VLMEvalKit before Jul 2025): TextVQA (VQA accuracy), ChartQA (relaxed accuracy),
// DocVQA / InfoVQA (ANLS), and OCRBench (substring rule). Written from the metric definitions and the
// behaviour documented in shared/research/vlmevalkit-formats.md; inputs are the cells as pandas shows them.

internal import Foundation

/// Which period-stripping rule VLMEvalKit's VQA normalisation used.
public enum VQAPeriodRule: Sendable, Equatable {
  /// `(?!<=\d)(\.)(?!\d)` — the lookahead "(?!<=\d)" never fires at a '.', so every period not followed by
  /// a digit is removed (e.g. "1990." → "1990"). VLMEvalKit until May 2025.
  case legacy
  /// `(?<!\d)\.(?!\d)` — periods between non-digits only ("1990." stays). VLMEvalKit from May 2025.
  case current

  /// The rule in force for a run directory named `T<YYYYMMDD>_G<commit>` or `T<YYYYMMDD>-<HHMMSS>`:
  /// runs dated before 2025-05-01 used the legacy rule. (The change landed in May 2025; for runs dated
  /// in May 2025 the commit should be checked.) Nil if the name carries no date.
  public static func forRunDirectory(_ name: String) -> VQAPeriodRule? {
    let u = Array(name.utf8)
    guard u.count >= 9, u[0] == UInt8(ascii: "T"), u[1...8].allSatisfy({ $0 >= 48 && $0 <= 57 }),
          let date = Int(String(decoding: u[1...8], as: UTF8.self)) else { return nil }
    return date < 20250501 ? .legacy : .current
  }
}

public enum VQANormalization {
  static let punctuation: [Unicode.Scalar] = [
    ";", "/", "[", "]", "\"", "{", "}", "(", ")", "=", "+", "\\", "_", "-", ">", "<", "@", "`", ",", "?", "!",
  ]
  static let numberWords: [String: String] = [
    "none": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10",
  ]
  static let articles: Set<String> = ["a", "an", "the"]
  /// The VQA evaluation's contraction table (keys compared after lower-casing, so the capitalised keys
  /// never match — kept for fidelity).
  static let contractions: [String: String] = [
    "aint": "ain't", "arent": "aren't", "cant": "can't", "couldve": "could've", "couldnt": "couldn't",
    "couldn'tve": "couldn't've", "couldnt've": "couldn't've", "didnt": "didn't", "doesnt": "doesn't",
    "dont": "don't", "hadnt": "hadn't", "hadnt've": "hadn't've", "hadn'tve": "hadn't've", "hasnt": "hasn't",
    "havent": "haven't", "hed": "he'd", "hed've": "he'd've", "he'dve": "he'd've", "hes": "he's", "howd": "how'd",
    "howll": "how'll", "hows": "how's", "Id've": "I'd've", "I'dve": "I'd've", "Im": "I'm", "Ive": "I've",
    "isnt": "isn't", "itd": "it'd", "itd've": "it'd've", "it'dve": "it'd've", "itll": "it'll", "let's": "let's",
    "maam": "ma'am", "mightnt": "mightn't", "mightnt've": "mightn't've", "mightn'tve": "mightn't've",
    "mightve": "might've", "mustnt": "mustn't", "mustve": "must've", "neednt": "needn't", "notve": "not've",
    "oclock": "o'clock", "oughtnt": "oughtn't", "ow's'at": "'ow's'at", "'ows'at": "'ow's'at",
    "'ow'sat": "'ow's'at", "shant": "shan't", "shed've": "she'd've", "she'dve": "she'd've", "she's": "she's",
    "shouldve": "should've", "shouldnt": "shouldn't", "shouldnt've": "shouldn't've",
    "shouldn'tve": "shouldn't've", "somebody'd": "somebodyd", "somebodyd've": "somebody'd've",
    "somebody'dve": "somebody'd've", "somebodyll": "somebody'll", "somebodys": "somebody's",
    "someoned": "someone'd", "someoned've": "someone'd've", "someone'dve": "someone'd've",
    "someonell": "someone'll", "someones": "someone's", "somethingd": "something'd",
    "somethingd've": "something'd've", "something'dve": "something'd've", "somethingll": "something'll",
    "thats": "that's", "thered": "there'd", "thered've": "there'd've", "there'dve": "there'd've",
    "therere": "there're", "theres": "there's", "theyd": "they'd", "theyd've": "they'd've",
    "they'dve": "they'd've", "theyll": "they'll", "theyre": "they're", "theyve": "they've", "twas": "'twas",
    "wasnt": "wasn't", "wed've": "we'd've", "we'dve": "we'd've", "weve": "we've", "werent": "weren't",
    "whatll": "what'll", "whatre": "what're", "whats": "what's", "whatve": "what've", "whens": "when's",
    "whered": "where'd", "wheres": "where's", "whereve": "where've", "whod": "who'd", "whod've": "who'd've",
    "who'dve": "who'd've", "wholl": "who'll", "whos": "who's", "whove": "who've", "whyll": "why'll",
    "whyre": "why're", "whys": "why's", "wont": "won't", "wouldve": "would've", "wouldnt": "wouldn't",
    "wouldnt've": "wouldn't've", "wouldn'tve": "wouldn't've", "yall": "y'all", "yall'll": "y'all'll",
    "y'allll": "y'all'll", "yall'd've": "y'all'd've", "y'alld've": "y'all'd've", "y'all'dve": "y'all'd've",
    "youd": "you'd", "youd've": "you'd've", "you'dve": "you'd've", "youll": "you'll", "youre": "you're",
    "youve": "you've",
  ]

  /// VLMEvalKit passes `re.UNICODE` (= 32) as the *count* argument of `periodStrip.sub`, so at most 32
  /// periods are removed.
  static let periodSubstitutionLimit = 32

  /// The full answer normalisation: newlines/tabs → spaces, strip, punctuation, then lower-case words with
  /// number words → digits, articles dropped, contractions restored.
  public static func normalize(_ answer: String, rule: VQAPeriodRule) -> String {
    var s = PythonText.replace(answer, "\n", " ")
    s = PythonText.replace(s, "\t", " ")
    s = PythonText.strip(s)
    s = punctuation(s, rule: rule)
    return digitsAndArticles(s)
  }

  /// `process_punctuation`.
  public static func punctuation(_ text: String, rule: VQAPeriodRule) -> String {
    let input = Array(text.unicodeScalars)
    // Conditions are evaluated on the input text, replacements applied cumulatively.
    var hasDigitCommaDigit = false
    if input.count >= 3 {
      for i in 1..<(input.count - 1) where input[i] == ","
        && PythonText.isDecimalDigit(input[i - 1]) && PythonText.isDecimalDigit(input[i + 1]) {
        hasDigitCommaDigit = true
        break
      }
    }
    var out = input
    for p in punctuation {
      var adjacentSpace = false
      for i in 0..<input.count where input[i] == p {
        if (i + 1 < input.count && input[i + 1] == " ") || (i > 0 && input[i - 1] == " ") {
          adjacentSpace = true
          break
        }
      }
      if adjacentSpace || hasDigitCommaDigit {
        out.removeAll { $0 == p }
      } else {
        out = out.map { $0 == p ? " " : $0 }
      }
    }
    // periodStrip.sub('', out, 32)
    var result = String.UnicodeScalarView()
    var removed = 0
    for i in 0..<out.count {
      let c = out[i]
      if c == "." && removed < periodSubstitutionLimit {
        let nextIsDigit = i + 1 < out.count && PythonText.isDecimalDigit(out[i + 1])
        let previousIsDigit = i > 0 && PythonText.isDecimalDigit(out[i - 1])
        let strip = rule == .legacy ? !nextIsDigit : (!nextIsDigit && !previousIsDigit)
        if strip { removed += 1; continue }
      }
      result.append(c)
    }
    return String(result)
  }

  /// `process_digit_article`.
  public static func digitsAndArticles(_ text: String) -> String {
    var words: [String] = []
    for w in PythonText.split(PythonText.lower(text)) {
      let word = asciiKey(w).flatMap { numberWords[$0] } ?? w
      if let k = asciiKey(word), articles.contains(k) { continue }
      words.append(word)
    }
    for (i, w) in words.enumerated() {
      if let k = asciiKey(w), let c = contractions[k] { words[i] = c }
    }
    return words.joined(separator: " ")
  }

  /// Dictionary keys here are ASCII; only an ASCII word can equal one under Python semantics (Swift's
  /// canonical equivalence would otherwise match e.g. U+212A KELVIN SIGN with "K").
  @inline(__always) private static func asciiKey(_ w: String) -> String? {
    w.utf8.allSatisfy { $0 < 0x80 } ? w : nil
  }
}

public enum VQAScore {
  /// VQA accuracy of one prediction against the human answers (TextVQA: 10): for each answer j,
  /// min(1, #{other answers equal to the prediction} / 3) after normalisation; the score is the (NumPy)
  /// mean over j. In [0, 1].
  public static func accuracy(prediction: String, answers: [String], rule: VQAPeriodRule) -> Double {
    guard !answers.isEmpty else { return .nan }
    let gt = answers.map { VQANormalization.normalize($0, rule: rule) }
    let pred = VQANormalization.normalize(prediction, rule: rule)
    let equal = gt.map { PythonText.equal($0, pred) }
    let total = equal.filter { $0 }.count
    let matches = equal.map { e -> Double in min(1, Double(total - (e ? 1 : 0)) / 3) }
    return NumPy.mean(matches)
  }

  /// Answers of a VLMEvalKit answer cell: a Python list literal, else the cell itself.
  public static func answers(fromCell cell: String) -> [String] {
    PythonListLiteral.strings(cell) ?? [cell]
  }
}

public enum ChartQAScore {
  /// Argument order of `relaxed_correctness(target, prediction)` in VLMEvalKit's call.
  public enum ArgumentOrder: Sendable, Equatable {
    /// Before Sep 2025 (#1204) VLMEvalKit passed the *prediction* as the target: the 5% tolerance is
    /// relative to the prediction.
    case swapped
    /// After the fix: tolerance relative to the ground truth.
    case fixed
  }

  /// Relaxed correctness: if both parse as numbers (a trailing '%' divides by 100) and the target is
  /// non-zero, |prediction − target| / |target| ≤ 5%; otherwise case-insensitive exact match.
  public static func relaxedCorrectness(target: String, prediction: String, maxRelativeChange: Double = 0.05) -> Bool {
    func toFloat(_ t: String) -> Double? {
      if t.hasSuffix("%") {
        var u = t.unicodeScalars
        while u.last == "%" { u.removeLast() }
        return PythonText.float(String(u)).map { $0 / 100 }
      }
      return PythonText.float(t)
    }
    if let p = toFloat(prediction), let t = toFloat(target), t != 0 {
      return abs(p - t) / abs(t) <= maxRelativeChange
    }
    return PythonText.equal(PythonText.lower(prediction), PythonText.lower(target))
  }

  /// Per-sample ChartQA score: max over answers of relaxed correctness of the stripped prediction (0 / 1).
  public static func score(prediction: String, answers: [String], order: ArgumentOrder) -> Double {
    let pred = PythonText.strip(prediction)
    for a in answers {
      let ok = order == .swapped
        ? relaxedCorrectness(target: pred, prediction: a)
        : relaxedCorrectness(target: a, prediction: pred)
      if ok { return 1 }
    }
    return 0
  }
}

public enum ANLSScore {
  /// Levenshtein distance over code points.
  public static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      }
      swap(&prev, &cur)
    }
    return prev[b.count]
  }

  /// Normalised Levenshtein distance as VLMEvalKit computes it: both strings lower-cased with whitespace
  /// collapsed, divided by the longer *original* length (upper-cased, in code points).
  public static func normalizedDistance(groundTruth: String, prediction: String) -> Double {
    let g = PythonText.split(PythonText.lower(PythonText.strip(groundTruth))).joined(separator: " ")
    let p = PythonText.split(PythonText.lower(PythonText.strip(prediction))).joined(separator: " ")
    let d = levenshtein(Array(g.unicodeScalars), Array(p.unicodeScalars))
    let length = max(groundTruth.uppercased().unicodeScalars.count, prediction.uppercased().unicodeScalars.count)
    return length == 0 ? 0 : Double(d) / Double(length)
  }

  /// Per-sample ANLS: 1 − min distance over answers if that is ≥ 0.5, else 0.
  public static func score(prediction: String, answers: [String], threshold: Double = 0.5) -> Double {
    guard !answers.isEmpty else { return 0 }
    let best = answers.map { normalizedDistance(groundTruth: $0, prediction: prediction) }.min()!
    let s = 1 - best
    return s < threshold ? 0 : s
  }
}

public enum OCRBenchScore {
  public static let handwrittenMathCategory = "Handwritten Mathematical Expression Recognition"

  /// Correct iff some answer is a substring of the prediction. Handwritten math: all spaces and newlines
  /// removed, case kept; other categories: lower-cased, stripped, newlines → spaces.
  public static func isCorrect(prediction: String, answers: [String], category: String) -> Bool {
    let p = normalise(prediction, category: category)
    return answers.contains { PythonText.contains(p, normalise($0, category: category)) }
  }

  /// The text as VLMEvalKit compares it: `s.strip().replace('\n', ' ').replace(' ', '')` for handwritten math,
  /// else `s.lower().strip().replace('\n', ' ')`.
  public static func normalise(_ s: String, category: String?) -> String {
    if category == handwrittenMathCategory {
      return PythonText.replace(PythonText.replace(PythonText.strip(s), "\n", " "), " ", "")
    }
    return PythonText.replace(PythonText.strip(PythonText.lower(s)), "\n", " ")
  }
}
