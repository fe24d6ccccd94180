internal import Foundation
internal import BenchCore
internal import VLRouterBenchPreset

/// How VLMEvalKit judges a dataset, which decides the per-sample file the simulator writes for it.
public enum JudgeKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// `_openai_result` with `hit` / `log` (MMBench, MMStar, MMMU, RealWorldQA, AI2D).
  case multipleChoice
  /// `_auxmatch` with `extracted` / `score` (HallusionBench).
  case yesNo
  /// `_results`, VQA score of 10 identical human answers: 1.0 or 0.0 (TextVQA).
  case textVQA
  /// `_results`, relaxed accuracy against one answer: 1.0 or 0.0 (ChartQA).
  case chartQA
  /// `_results`, normalised Levenshtein distances; per-sample ANLS (DocVQA, InfoVQA).
  case anls
  /// no per-sample file; substring rule (OCRBench).
  case ocr
  /// `_gpt-4o-mini` with `res` / `log` (MathVista, MathVision).
  case mathExtract
  /// `_gpt-4o-mini_score` with `extract` / `score` (MathVerse).
  case mathScore

  /// Whether answers are open text (one to three words) rather than letters, yes/no or math answers.
  var isOpenText: Bool { self == .textVQA || self == .chartQA || self == .anls || self == .ocr }
  var hasOptions: Bool { self == .multipleChoice }
}

/// What the generator needs to know about one dataset beyond the catalog: question length, the strongest model's
/// verbosity on it (from the paper's per-dataset costs), categories and question words.
struct DatasetProfile: Sendable {
  var name: String
  var judge: JudgeKind
  /// Mean question length in tokens (input tokens = question + 256 for the image).
  var questionTokens: Double
  /// Mean output tokens of the reference model (Qwen2.5-VL-72B) on this dataset, solved from the paper's
  /// per-dataset costs of the Strongest and Cheapest baselines; other models scale it.
  var referenceOutputTokens: Double
  var categories: [String]
  /// First words of questions.
  var openers: [String]
  /// Dataset-specific question words (all from `Vocabulary.filler`).
  var words: [String]
  /// Words per open answer.
  var answerWords: ClosedRange<Int> = 1...1
  /// Math sets: share of questions whose answer is an option letter rather than a number word.
  var letterShare: Double = 0
  /// Open sets: share of answers that are numbers (one or two number words) rather than answer words.
  var numberShare: Double = 0
  /// Latent factor that decides the category (so categories carry some routing signal).
  var categoryFactor: Int = 0
}

/// One candidate model's place in the generator: its accuracy gap to the strongest model, strengths, verbosity.
struct ModelProfile: Sendable {
  var name: String
  /// Logit-scale accuracy deficit to the reference (strongest) model on a typical dataset.
  var gap: Double
  /// Logit-scale adjustments per dataset (VLMEvalKit name); missing = 0.
  var specialties: [String: Double]
  /// Output length relative to the reference model on non-open datasets; on math datasets.
  var verbosity: Double
  var mathVerbosity: Double
  /// Extra reasoning tokens of "thinking" models (added everywhere, open VQA included).
  var thinkingTokens: Double = 0
}

enum Profiles {
  static let latentDimension = 8

  /// The model pinned to the paper's Strongest figures (our choice: the paper does not say which single model its
  /// Strongest baseline picks; Qwen2.5-VL-72B is its strongest open model) and the one pinned to its Cheapest
  /// figures (one of the two $0.05/M models).
  static let referenceModel = "Qwen2.5-VL-72B-Instruct"
  static let cheapestReferenceModel = "deepseek_vl2_tiny"

  static let math = ["MathVista_MINI", "MathVision_MINI", "MathVerse_MINI"]
  static let textHeavy = ["InfoVQA_VAL", "ChartQA_TEST", "DocVQA_VAL", "TextVQA_VAL", "OCRBench"]

  static func spec(_ sets: [([String], Double)]) -> [String: Double] {
    var out: [String: Double] = [:]
    for (names, v) in sets { for n in names { out[n, default: 0] += v } }
    return out
  }

  /// In `VLRouterBench.shared.datasets` order.
  static let datasets: [DatasetProfile] = [
    .init(name: "MMBench_DEV_EN_V11", judge: .multipleChoice, questionTokens: 10, referenceOutputTokens: 8,
          categories: ["attribute_recognition", "celebrity_recognition", "image_scene", "object_localization",
                       "spatial_relationship", "physical_relation", "future_prediction", "ocr"],
          openers: ["what", "which", "how"], words: ["image", "shows", "picture", "scene", "shown"]),
    .init(name: "MMStar", judge: .multipleChoice, questionTokens: 18, referenceOutputTokens: 8,
          categories: ["coarse perception", "fine-grained perception", "instance reasoning", "logical reasoning",
                       "math", "science & technology"],
          openers: ["which", "what", "how"], words: ["image", "option", "describe", "correct", "picture"],
          categoryFactor: 1),
    .init(name: "MMMU_DEV_VAL", judge: .multipleChoice, questionTokens: 80, referenceOutputTokens: 46,
          categories: ["Art", "Biology", "Chemistry", "Computer_Science", "Economics", "History", "Math",
                       "Physics"],
          openers: ["given", "which", "what"], words: ["figure", "value", "result", "study", "example"],
          categoryFactor: 2),
    .init(name: "RealWorldQA", judge: .multipleChoice, questionTokens: 10, referenceOutputTokens: 6,
          categories: ["driving", "spatial", "counting", "attribute"],
          openers: ["which", "how", "where"], words: ["left", "right", "front", "near", "far"], categoryFactor: 3),
    .init(name: "InfoVQA_VAL", judge: .anls, questionTokens: 14, referenceOutputTokens: 2,
          categories: ["figure", "table", "text", "map", "layout"],
          openers: ["what", "which", "how"], words: ["total", "percent", "shown", "number", "value"],
          answerWords: 1...3, categoryFactor: 4),
    .init(name: "HallusionBench", judge: .yesNo, questionTokens: 18, referenceOutputTokens: 65,
          categories: ["VD", "VS"],
          openers: ["is", "does", "are"], words: ["image", "shown", "equal", "same", "higher"], categoryFactor: 5),
    .init(name: "MathVista_MINI", judge: .mathExtract, questionTokens: 50, referenceOutputTokens: 212,
          categories: ["figure question answering", "geometry problem solving", "math word problem",
                       "textbook question answering", "visual question answering"],
          openers: ["what", "how", "find"], words: ["value", "total", "sum", "figure", "equal"], letterShare: 0.4,
          categoryFactor: 6),
    .init(name: "MathVision_MINI", judge: .mathExtract, questionTokens: 70, referenceOutputTokens: 463,
          categories: ["algebra", "analytic geometry", "arithmetic", "combinatorics", "counting",
                       "metric geometry - length", "transformation geometry"],
          openers: ["how", "what", "find"], words: ["number", "total", "equal", "figure", "shape"],
          letterShare: 0.5, categoryFactor: 7),
    .init(name: "MathVerse_MINI", judge: .mathScore, questionTokens: 85, referenceOutputTokens: 162,
          categories: ["Text Dominant", "Text Lite", "Vision Intensive", "Vision Dominant", "Vision Only"],
          openers: ["find", "what", "given"], words: ["shape", "equal", "value", "figure", "shown"],
          letterShare: 0.6, categoryFactor: 0),
    .init(name: "AI2D_TEST", judge: .multipleChoice, questionTokens: 8, referenceOutputTokens: 6.5,
          categories: ["life cycles", "food chains", "earth science", "parts of things", "astronomy"],
          openers: ["which", "what", "how"], words: ["figure", "label", "shown", "parts", "step"], categoryFactor: 1),
    .init(name: "ChartQA_TEST", judge: .chartQA, questionTokens: 14, referenceOutputTokens: 2,
          categories: ["test_augmented", "test_human"],
          openers: ["what", "which", "how"], words: ["value", "total", "higher", "lower", "difference"],
          answerWords: 1...2, numberShare: 0.5, categoryFactor: 2),
    .init(name: "DocVQA_VAL", judge: .anls, questionTokens: 13, referenceOutputTokens: 2,
          categories: ["form", "table", "layout", "free_text", "handwritten"],
          openers: ["what", "which", "who"], words: ["document", "page", "name", "text", "form"],
          answerWords: 1...3, categoryFactor: 3),
    .init(name: "TextVQA_VAL", judge: .textVQA, questionTokens: 8, referenceOutputTokens: 3,
          categories: ["brand", "sign", "number", "title"],
          openers: ["what", "which", "who"], words: ["read", "text", "name", "label", "shown"], answerWords: 1...2, categoryFactor: 4),
    .init(name: "OCRBench", judge: .ocr, questionTokens: 16, referenceOutputTokens: 20,
          categories: ["Regular Text Recognition", "Irregular Text Recognition", "Artistic Text Recognition",
                       "Handwriting Recognition", "Scene Text-centric VQA", "Doc-oriented VQA",
                       "Key Information Extraction"],
          openers: ["what", "which", "read"], words: ["text", "image", "read", "word", "shown"], answerWords: 1...1, categoryFactor: 5),
  ]

  /// In `VLRouterBench.shared.models` order. Gaps and strengths are a plausible ordering (the paper reports only
  /// the baselines' per-dataset figures); the reference model and the cheapest model are pinned to the paper.
  static let models: [ModelProfile] = [
    .init(name: "Janus-Pro-1B", gap: 1.8, specialties: spec([(textHeavy, -0.8)]), verbosity: 0.6, mathVerbosity: 0.5),
    .init(name: "deepseek_vl2_tiny", gap: 1.2, specialties: [:], verbosity: 0.1, mathVerbosity: 0.08),
    .init(name: "SmolVLM2", gap: 1.6, specialties: [:], verbosity: 0.4, mathVerbosity: 0.4),
    .init(name: "Kimi-VL-A3B-Thinking-2506", gap: 0.75,
          specialties: spec([(math, 0.8), (["MMMU_DEV_VAL"], 0.4), (textHeavy, -0.3)]),
          verbosity: 1.5, mathVerbosity: 1.5, thinkingTokens: 250),
    .init(name: "Phi-3.5-Vision", gap: 1.3, specialties: [:], verbosity: 0.9, mathVerbosity: 0.8),
    .init(name: "deepseek_vl2", gap: 0.8, specialties: spec([(textHeavy, 0.3)]), verbosity: 0.5, mathVerbosity: 0.5),
    .init(name: "Janus-Pro-7B", gap: 1.4, specialties: spec([(textHeavy, -0.8)]), verbosity: 0.7, mathVerbosity: 0.6),
    .init(name: "MiMo-VL-7B-RL", gap: 0.5, specialties: spec([(math, 0.6), (["MMMU_DEV_VAL"], 0.3)]),
          verbosity: 2.0, mathVerbosity: 2.0, thinkingTokens: 40),
    .init(name: "llava_next_vicuna_7b", gap: 1.6, specialties: spec([(textHeavy, -0.3)]), verbosity: 1.3,
          mathVerbosity: 1.0),
    .init(name: "Qianfan-VL-8B", gap: 0.75, specialties: [:], verbosity: 1.0, mathVerbosity: 1.0),
    .init(name: "Pixtral-12B", gap: 0.8, specialties: [:], verbosity: 1.3, mathVerbosity: 1.2),
    .init(name: "Gemma3-27B", gap: 0.7, specialties: spec([(["RealWorldQA"], 0.2)]), verbosity: 1.6,
          mathVerbosity: 1.3),
    .init(name: "Qwen2.5-VL-32B-Instruct", gap: 0.3, specialties: spec([(math, 0.3)]), verbosity: 1.8,
          mathVerbosity: 1.6),
    .init(name: "Qwen2.5-VL-72B-Instruct", gap: 0, specialties: [:], verbosity: 1.0, mathVerbosity: 1.0),
    .init(name: "InternVL2_5-78B", gap: 0.25,
          specialties: spec([(["DocVQA_VAL", "InfoVQA_VAL", "OCRBench", "AI2D_TEST"], 0.3),
                             (["MMBench_DEV_EN_V11"], 0.2)]),
          verbosity: 0.8, mathVerbosity: 0.9),
    .init(name: "GeminiFlash2-5", gap: 0.4,
          specialties: spec([(math, 0.5), (["MMMU_DEV_VAL"], 0.5), (["HallusionBench"], 0.3)]),
          verbosity: 1.5, mathVerbosity: 1.2),
    .init(name: "GPT4o", gap: 0.45,
          specialties: spec([(["MMMU_DEV_VAL"], 0.5), (["HallusionBench", "RealWorldQA"], 0.3), (math, 0.2),
                             (["DocVQA_VAL"], -0.3), (["InfoVQA_VAL"], -0.2)]),
          verbosity: 1.6, mathVerbosity: 0.8),
  ]

  /// Target accuracy (fraction) of model `m` on dataset `d` on every split: the paper's Strongest / Cheapest
  /// figures for the reference and cheapest models, else logit(strongest) − gap + specialty + a fixed jitter in
  /// ±0.2 (from a constant-seeded SplitMix64, so targets do not move with `--seed`), floored near chance on
  /// yes/no and multiple-choice datasets.
  static let targetAccuracy: [[Double]] = {
    let root = SplitMix64(seed: 0x7A26_1E5D_0C4B_A11E)
    return datasets.map { d in
      guard let paper = VLRouterBench.shared.baselines[d.name] else { preconditionFailure("no target for \(d.name)") }
      return models.map { m in
        if m.name == referenceModel { return paper.strongest / 100 }
        if m.name == cheapestReferenceModel { return paper.cheapest / 100 }
        var g = root.derived(m.name + "/" + d.name)
        let jitter = (g.nextUnit() - 0.5) * 0.4
        let p = paper.strongest / 100
        let logit = log(p / (1 - p)) - m.gap + m.specialties[d.name, default: 0] + jitter
        // Weak models do not fall far below guessing: yes/no ≥ 45–50%, four options ≥ 27–32%.
        let floor = d.judge == .yesNo ? 0.45 : d.judge == .multipleChoice ? 0.27 : 0
        return max(1 / (1 + exp(-logit)), floor + 0.05 * g.nextUnit())
      }
    }
  }()
}
