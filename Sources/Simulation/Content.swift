internal import Foundation
internal import BenchCore

/// Renders one dataset's samples (index, question, options, answer, category, image bytes) from their latents.
struct SampleContentGenerator {
  let profile: DatasetProfile
  let dataset: Int
  let mean: [Double]
  var stream: SplitMix64
  private var hallusionCounters: [String: Int] = [:]

  init(profile: DatasetProfile, dataset: Int, mean: [Double], stream: SplitMix64) {
    self.profile = profile
    self.dataset = dataset
    self.mean = mean
    self.stream = stream
  }

  static let imageBytes = 51  // base64 of 51 bytes is 68 characters: longer than the 64-character image references
  static let hallusionSubcategories = ["VD": ["illusion", "math", "figure", "ocr", "video"],
                                      "VS": ["chart", "table", "map", "ocr"]]

  mutating func make(local i: Int, latent z: [Double], difficulty: Double) -> SimulatedSample {
    let f = profile.categoryFactor
    let bucket = normalCDF(z[f] - mean[f])
    let category = profile.categories[min(profile.categories.count - 1, Int(bucket * Double(profile.categories.count)))]
    let question = makeQuestion(z: z, difficulty: difficulty)
    let image = (0..<Self.imageBytes).map { _ in UInt8(truncatingIfNeeded: stream.next()) }

    var index = String(i)
    if profile.judge == .yesNo {
      let sub = stream.pick(Self.hallusionSubcategories[category] ?? ["figure"])
      let key = category + "_" + sub
      let c = hallusionCounters[key, default: 0]
      hallusionCounters[key] = c + 1
      index = "\(key)_1_\(c / 4)_\(c / 2 % 2)_\(c % 2)"
    }

    var options: [String] = []
    let answer: String
    var accepted: [String]
    var distractors: [String]
    switch profile.judge {
    case .multipleChoice:
      while options.count < 4 {
        let o = stream.pick(Vocabulary.filler) + " " + stream.pick(Vocabulary.answerWords)
        if !options.contains(o) { options.append(o) }
      }
      answer = stream.pick(Vocabulary.optionLetters)
      accepted = [answer]
      distractors = Vocabulary.optionLetters.filter { $0 != answer }
    case .yesNo:
      answer = stream.nextUnit() < 0.5 ? "Yes" : "No"
      accepted = [answer]
      distractors = [answer == "Yes" ? "No" : "Yes"]
    case .mathExtract, .mathScore:
      let pool = stream.nextUnit() < profile.letterShare ? Vocabulary.optionLetters : Vocabulary.numberWords
      answer = stream.pick(pool)
      accepted = [answer]
      distractors = distinctPicks(3, from: pool, excluding: [answer])
    case .textVQA, .chartQA, .ocr:
      // ChartQA: a share of the answers are numbers, read as one or two number words.
      let numeric = profile.numberShare > 0 && stream.nextUnit() < profile.numberShare
      let a = numeric ? numberPhrase() : phrase(words: profile.answerWords)
      accepted = [a]
      distractors = numeric ? distinctNumberPhrases(3, excluding: a)
        : distinctPhrases(3, excluding: a, substringFree: profile.judge == .ocr)
      switch profile.judge {
      case .textVQA:
        accepted = Array(repeating: a, count: 10)  // ten identical human answers: VQA score 1.0 or 0.0
        answer = PythonLiteral.list(accepted)
      case .ocr: answer = PythonLiteral.list(accepted)
      default: answer = a
      }
    case .anls:
      let a = phrase(words: profile.answerWords)
      accepted = [a]
      if stream.nextUnit() < 0.3 { accepted.append("the " + a) }
      // distractors[0] is a near miss (partial ANLS credit when close enough), the others unrelated phrases.
      distractors = [Self.nearMiss(a)] + distinctPhrases(2, excluding: a, substringFree: false)
      answer = PythonLiteral.list(accepted)
    }

    let words = question.split(separator: " ").count
    return SimulatedSample(
      dataset: dataset, index: index, question: question, options: options, answer: answer,
      acceptedAnswers: accepted, distractors: distractors, category: category, latent: z.map { Float($0) },
      difficulty: Float(difficulty), image: image, inputTokens: Int32(words + 256))
  }

  /// Question words: an opener, then topic words of the sample's strongest latent deviations (40%), dataset words
  /// (25%) and filler (35%). Harder questions are longer.
  private mutating func makeQuestion(z: [Double], difficulty: Double) -> String {
    let scale = exp(0.2 * difficulty + 0.15 * stream.nextGaussian() - 0.03)
    let count = max(4, Int((profile.questionTokens * scale).rounded()))
    var weights = [Double](repeating: 0, count: z.count)
    for l in 0..<z.count {
      let deviation = z[l] - mean[l]
      weights[l] = deviation * deviation + 0.05
    }
    let totalWeight = weights.reduce(0, +)
    for l in weights.indices { weights[l] /= totalWeight }
    var words = [stream.pick(profile.openers)]
    words.reserveCapacity(count)
    while words.count < count {
      let r = stream.nextUnit()
      if r < 0.4 {
        var u = stream.nextUnit(), l = 0
        while l < weights.count - 1, u >= weights[l] { u -= weights[l]; l += 1 }
        words.append(stream.pick(Vocabulary.topics[l][z[l] > mean[l] ? 1 : 0]))
      } else if r < 0.65 {
        words.append(stream.pick(profile.words))
      } else {
        words.append(stream.pick(Vocabulary.filler))
      }
    }
    return words.joined(separator: " ")
  }

  private mutating func phrase(words range: ClosedRange<Int>) -> String {
    let n = range.lowerBound + stream.nextInt(range.count)
    var out: [String] = []
    while out.count < n {
      let w = stream.pick(Vocabulary.answerWords)
      if !out.contains(w) { out.append(w) }
    }
    return out.joined(separator: " ")
  }

  /// One or two number words ("seven", "twenty five").
  private mutating func numberPhrase() -> String {
    (0..<(1 + stream.nextInt(2))).map { _ in stream.pick(Vocabulary.numberWords) }.joined(separator: " ")
  }

  private mutating func distinctNumberPhrases(_ n: Int, excluding answer: String) -> [String] {
    var out: [String] = []
    while out.count < n {
      let p = numberPhrase()
      if p != answer && !out.contains(p) { out.append(p) }
    }
    return out
  }

  /// Phrases different from `answer`; with `substringFree`, none contains `answer` (OCRBench's substring rule).
  private mutating func distinctPhrases(_ n: Int, excluding answer: String, substringFree: Bool) -> [String] {
    var out: [String] = []
    while out.count < n {
      let p = phrase(words: profile.answerWords)
      if p == answer || out.contains(p) || (substringFree && p.contains(answer)) { continue }
      out.append(p)
    }
    return out
  }

  private mutating func distinctPicks(_ n: Int, from pool: [String], excluding: [String]) -> [String] {
    var out: [String] = []
    while out.count < n {
      let p = stream.pick(pool)
      if !excluding.contains(p) && !out.contains(p) { out.append(p) }
    }
    return out
  }

  /// A plausible misreading: the phrase without its last word, or for one word the closest other answer word.
  static func nearMiss(_ answer: String) -> String {
    let words = answer.split(separator: " ")
    if words.count > 1 { return words.dropLast().joined(separator: " ") }
    return nearestAnswerWord[answer] ?? Vocabulary.answerWords[0]
  }

  /// For each answer word, the other answer word at the smallest edit distance (first on ties).
  static let nearestAnswerWord: [String: String] = {
    var out: [String: String] = [:]
    for w in Vocabulary.answerWords {
      var best = "", bestDistance = Int.max
      for v in Vocabulary.answerWords where v != w {
        let dist = Text.levenshtein(w, v)
        if dist < bestDistance { best = v; bestDistance = dist }
      }
      out[w] = best
    }
    return out
  }()
}
