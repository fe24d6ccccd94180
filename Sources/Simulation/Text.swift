/// Text helpers shared by the generator and the writer.
enum Text {
  /// Levenshtein edit distance over Unicode scalars.
  static func levenshtein(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// VLMEvalKit's normalised Levenshtein distance for ANLS: both sides lower-cased, whitespace-collapsed, distance
  /// divided by the longer length (0 when both are empty).
  static func normalizedLevenshtein(groundTruth: String, prediction: String) -> Double {
    let gt = collapse(groundTruth.lowercased()), pred = collapse(prediction.lowercased())
    let length = max(gt.unicodeScalars.count, pred.unicodeScalars.count)
    return length == 0 ? 0 : Double(levenshtein(gt, pred)) / Double(length)
  }

  /// Per-sample ANLS: 1 − min distance over the ground truths if that is ≥ 0.5, else 0.
  static func anls(prediction: String, groundTruths: [String]) -> Double {
    let best = groundTruths.map { normalizedLevenshtein(groundTruth: $0, prediction: prediction) }.min() ?? 1
    return 1 - best >= 0.5 ? 1 - best : 0
  }

  static func collapse(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
  }

  /// The importer's first-cut token counter: maximal runs of letters/digits count one token each, every other
  /// non-space character one token. On simulator text it equals cl100k_base (see `Vocabulary`).
  static func simpleTokenCount(_ s: String) -> Int {
    var count = 0
    var inRun = false
    for c in s.unicodeScalars {
      if c.properties.isAlphabetic || c.properties.numericType != nil {
        if !inRun { count += 1; inRun = true }
      } else {
        inRun = false
        if !c.properties.isWhitespace { count += 1 }
      }
    }
    return count
  }
}

/// Python literal spellings VLMEvalKit files use (`str(list)`, `repr(float)`, `str(bool)`).
enum PythonLiteral {
  /// `['a', 'b']` (our strings never contain quotes or backslashes).
  static func list(_ items: [String]) -> String {
    "[" + items.map { "'" + $0 + "'" }.joined(separator: ", ") + "]"
  }

  /// `[1.0, 0.25]`.
  static func list(_ items: [Double]) -> String {
    "[" + items.map(float).joined(separator: ", ") + "]"
  }

  /// Python's `repr(float)`: shortest round-trip digits, always with a decimal point or exponent.
  static func float(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e16 { return String(Int64(x)) + ".0" }
    let s = "\(x)"
    // Swift writes 1e-05 as "1e-05" like Python; both use the shortest round-trip digits.
    return s
  }

  static func bool(_ b: Bool) -> String { b ? "True" : "False" }
}
