internal import Foundation
internal import BenchCore

/// How a model's answer to a sample is chosen, scored, sized and rendered as prediction text.
enum Responses {
  /// A wrong answer: a distractor (DocVQA/InfoVQA: a near miss 15% of the time; HallusionBench: no answer 5% of
  /// the time).
  static func wrong(for sample: SimulatedSample, judge: JudgeKind, using g: inout SplitMix64) -> SimulatedResponse {
    switch judge {
    case .yesNo: return g.nextUnit() < 0.05 ? .evasive : .distractor(0)
    case .anls: return g.nextUnit() < 0.15 ? .distractor(0) : .distractor(1 + g.nextInt(sample.distractors.count - 1))
    default: return .distractor(g.nextInt(sample.distractors.count))
    }
  }

  /// The per-sample score VLMEvalKit's judged file yields: 1 for the accepted answer; ANLS partial credit for
  /// DocVQA/InfoVQA distractors; 0 otherwise.
  static func score(_ response: SimulatedResponse, sample: SimulatedSample, judge: JudgeKind) -> Float {
    switch response {
    case .accepted: return 1
    case .evasive: return 0
    case .distractor(let j):
      return judge == .anls ? Float(Text.anls(prediction: sample.distractors[j], groundTruths: sample.acceptedAnswers)) : 0
    }
  }

  static func answerText(_ response: SimulatedResponse, sample: SimulatedSample) -> String? {
    switch response {
    case .accepted: sample.acceptedAnswers[0]
    case .distractor(let j): sample.distractors[j]
    case .evasive: nil
    }
  }

  /// Output tokens of a prediction, so that lengths vary by model, dataset and sample as real outputs do (no
  /// (model, dataset) gets one constant count).
  ///
  /// - Open VQA (TextVQA, ChartQA, DocVQA, InfoVQA): the answer phrase (one to three words). Thinking models reason
  ///   first (≈ half their reasoning budget); other models add a short explanation before the answer with
  ///   probability 0.04 + 0.06 × verbosity (≈ 10% for the reference model, ≈ 5% for the terse DeepSeek-VL2-Tiny),
  ///   of lognormal length around 6 × verbosity words plus "answer is".
  /// - Elsewhere: the model's verbosity × the dataset's reference length (Qwen2.5-VL-72B's mean, solved from the
  ///   paper's costs) plus thinking tokens, longer for harder samples (× exp(0.15 δ̃)), lognormal around that
  ///   mean (σ 0.35; 0.45 for thinking models). A prediction that rounds to one or two tokens restates itself one
  ///   time in five ("… answer is B", 2–4 tokens more), as terse models sometimes do.
  static func outputLength(response: SimulatedResponse, sample: SimulatedSample, dataset: DatasetProfile,
                           model: ModelProfile, difficulty: Double, using g: inout SplitMix64) -> Int32 {
    let answerTokens = answerText(response, sample: sample).map { $0.split(separator: " ").count } ?? 0
    let z = g.nextGaussian()
    if dataset.judge.isOpenText && dataset.judge != .ocr {
      if model.thinkingTokens > 0 {
        let extra = 0.5 * model.thinkingTokens * exp(0.45 * z - 0.1)
        return Int32(answerTokens + 2 + Int(extra.rounded()))
      }
      guard g.nextUnit() < 0.04 + 0.06 * model.verbosity else { return Int32(answerTokens) }
      let explanation = max(1, Int((6 * model.verbosity * exp(0.5 * z - 0.125)).rounded()))
      return Int32(answerTokens + 2 + explanation)
    }
    let isMath = dataset.judge == .mathExtract || dataset.judge == .mathScore
    let sigma = model.thinkingTokens > 0 ? 0.45 : 0.35
    let mean = ((isMath ? model.mathVerbosity : model.verbosity) * dataset.referenceOutputTokens + model.thinkingTokens)
      * exp(0.15 * difficulty)
    var n = max(Int((mean * exp(sigma * z - sigma * sigma / 2)).rounded()), max(1, answerTokens))
    if n <= 2 && g.nextUnit() < 0.2 { n += 2 + g.nextInt(3) }
    return Int32(n)
  }

  /// Appends exactly `tokens` tokens of prediction text to `out` (see `Vocabulary` for why counts are exact):
  /// multiple choice and math "… answer is X" (or just "X"), yes/no the word first, open answers last (after any
  /// reasoning or explanation, "… answer is X"), OCRBench the answer last; filler words in between.
  ///
  /// - Parameters:
  ///   - answer: the given answer (nil: none, HallusionBench's evasive reply).
  ///   - forbidden: strings no filler word may contain (a wrong OCRBench prediction must not contain the answer).
  static func render(answer: String?, forbidden: [String], judge: JudgeKind, tokens n: Int,
                     using g: inout SplitMix64, into out: inout [UInt8]) {
    var sink = WordSink(out: out)
    out = []
    defer { out = sink.out }
    switch judge {
    case .multipleChoice, .mathExtract, .mathScore:
      let a = answer ?? ""
      switch n {
      case ...1: sink.word(a)
      case 2:
        sink.word(judge == .multipleChoice ? "option" : "answer")
        sink.word(a)
      default:
        sink.filler(n - 3, using: &g)
        sink.word("answer")
        sink.word("is")
        sink.word(a)
      }
    case .yesNo:
      if let a = answer {
        sink.word(a.lowercased())
        sink.filler(n - 1, using: &g)
      } else {
        sink.filler(n, using: &g)
      }
    case .textVQA, .chartQA, .anls:
      // The answer phrase last (the judged `eval_pred`), after any reasoning or explanation.
      let a = answer ?? ""
      let k = a.split(separator: " ").count
      if n >= k + 2 {
        sink.filler(n - k - 2, using: &g)
        sink.word("answer")
        sink.word("is")
      } else {
        sink.filler(n - k, using: &g)
      }
      sink.word(a)
    case .ocr:
      let a = answer ?? ""
      let k = a.split(separator: " ").count
      sink.filler(max(0, n - k), using: &g, avoiding: forbidden)
      sink.word(a)
    }
  }
}

/// Space-separated words appended to a byte buffer.
struct WordSink {
  var out: [UInt8]
  private var empty: Bool

  init(out: [UInt8]) {
    self.out = out
    empty = true
  }

  mutating func word(_ w: String) {
    if !empty { out.append(0x20) }
    out.append(contentsOf: w.utf8)
    empty = false
  }

  /// `count` filler words; with `avoiding`, none containing any of those strings.
  mutating func filler(_ count: Int, using g: inout SplitMix64, avoiding forbidden: [String] = []) {
    guard count > 0 else { return }
    let words = Vocabulary.filler, flat = Vocabulary.fillerUTF8, spans = Vocabulary.fillerSpans
    var added = 0
    while added < count {
      let j = g.nextInt(spans.count)
      if !forbidden.isEmpty, forbidden.contains(where: { words[j].contains($0) }) { continue }
      if !empty { out.append(0x20) }
      out.append(contentsOf: flat[spans[j]])
      empty = false
      added += 1
    }
  }
}

extension SimulatedBenchmark {
  /// The answer model `model` gave to row `row` (nil when it gave none).
  public func givenAnswer(row: Int, model: Int) -> String? {
    switch responses[row * models.count + model] {
    case .accepted: samples[row].acceptedAnswers[0]
    case .distractor(let j): samples[row].distractors[j]
    case .evasive: nil
    }
  }

  /// The raw prediction text of model `model` on row `row`, rendered deterministically from the seed; it has
  /// exactly `outputTokens[row, model]` tokens.
  public func prediction(row: Int, model: Int) -> String {
    var bytes: [UInt8] = []
    appendPrediction(row: row, model: model, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the UTF-8 of `prediction(row:model:)` to `out`.
  func appendPrediction(row: Int, model: Int, to out: inout [UInt8]) {
    var g = SplitMix64.cell(textSeed, row, model)
    let judge = Profiles.datasets[samples[row].dataset].judge
    let response = responses[row * models.count + model]
    let forbidden = judge == .ocr && response != .accepted ? samples[row].acceptedAnswers.map { $0.lowercased() } : []
    Responses.render(answer: givenAnswer(row: row, model: model), forbidden: forbidden, judge: judge,
                     tokens: Int(outputTokens[row, model]), using: &g, into: &out)
  }

  /// How VLMEvalKit judges a dataset of this benchmark.
  public func judge(ofDataset d: Int) -> JudgeKind { Profiles.datasets[d].judge }
}
