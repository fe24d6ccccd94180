import BenchCore
import Foundation
import Learning
import Testing

@testable import Routers

/// Central-difference check of `analytic` against `f` at `x` (loss accumulated in Double; h = 1e-2·max(1, |x|),
/// |analytic − numeric| ≤ 2e-3 + 2e-2·|numeric|, the Learning suites' tolerance).
func expectEndToEndGradient(_ analytic: [Float], at x: [Float], label: String, every stride: Int = 1,
                            step: Float = 1e-2, _ f: ([Float]) -> Double) {
  #expect(analytic.count == x.count, "\(label): \(analytic.count) gradients for \(x.count) values")
  var bad = 0
  for j in Swift.stride(from: 0, to: x.count, by: stride) {
    let h = step * max(1, abs(x[j]))
    var p = x, m = x
    p[j] += h
    m[j] -= h
    let numeric = (f(p) - f(m)) / Double(p[j] - m[j])
    if !(abs(Double(analytic[j]) - numeric) <= 2e-3 + 2e-2 * abs(numeric)) {  // NaN fails too
      bad += 1
      if bad <= 3 { Issue.record("\(label)[\(j)]: analytic \(analytic[j]), numeric \(numeric)") }
    }
  }
  #expect(bad == 0, "\(label): \(bad) entries off")
}

@Suite struct EndToEndLossTests {
  // 3 samples × 3 models. Logits z and soft labels t chosen so every term has a closed form:
  //   row 0: z = (0, ln 2, 0), t = (½, ½, 0)  → softmax (¼, ½, ¼)
  //   row 1: z = (ln 3, 0, 0), t = (1, 0, 0)  → softmax (⅗, ⅕, ⅕)
  //   row 2: z = (0, 0, 0),    t = (⅓, ⅓, ⅓) → uniform
  let z = Matrix<Float>(rows: 3, columns: 3, values: [0, Float(log(2.0)), 0, Float(log(3.0)), 0, 0, 0, 0, 0])
  let t = Matrix<Float>(rows: 3, columns: 3, values: [0.5, 0.5, 0, 1, 0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3])
  // Pooled embeddings for the sample–sample term: u0 = (1, 0), u1 = (0, 1), u2 = (1, 1); clusters 0, 0, 1.
  let u = Matrix<Float>(rows: 3, columns: 2, values: [1, 0, 0, 1, 1, 1])
  let clusters = [0, 0, 1]

  @Test func softCrossEntropyByHand() {
    // Row 0: −½ln¼ − ½ln½ = 1.5 ln 2; row 1: −ln ⅗; row 2: ln 3. Mean: (1.5 ln 2 + ln 5)/3.
    let terms = EndToEndObjective.softCrossEntropy.evaluate(logits: z, pooled: u, targets: t, clusters: clusters)
    #expect(abs(terms.total - (1.5 * log(2.0) + log(5.0)) / 3) < 1e-6)
  }

  @Test func klDivergenceByHand() {
    // CE minus the targets' entropy (ln 2, 0, ln 3) over the batch: (0.5 ln 2 + ln 5/3)/3.
    let terms = EndToEndObjective.klDivergence.evaluate(logits: z, pooled: u, targets: t, clusters: clusters)
    #expect(abs(terms.total - (0.5 * log(2.0) + log(5.0 / 3)) / 3) < 1e-6)
  }

  @Test func sampleModelPairsAndTermByHand() {
    // k⁺ = k⁻ = 1. Row 0: positive m0 (tie with m1, first index), negative m2 (the only wrong model):
    // ℓ = −ln(e⁰/(e⁰ + e⁰)) = ln 2. Row 1: positive m0, negatives m1/m2 tie at logit 0 → m1: ℓ = −ln(3/(3 + 1)).
    // Row 2: every model right → no negative → 0. Mean over 3 rows: ln(8/3)/3.
    let (pos, neg) = EndToEndObjective.sampleModelPairs(logits: z, targets: t, kPlus: 1, kMinus: 1)
    #expect(pos.values == [1, 0, 0, 1, 0, 0, 1, 0, 0])
    #expect(neg.values == [false, false, true, false, true, false, false, false, false])
    let (loss, _) = ContrastiveLoss.lossAndGradient(similarities: z, temperature: 1, positives: pos, negatives: neg)
    #expect(abs(loss - log(8.0 / 3) / 3) < 1e-6)
  }

  @Test func sampleSampleTermByHand() {
    // Cosines: (0,1) → 0, (0,2) = (1,2) = 1/√2. Rows 0 and 1 are each other's positive, row 2 their negative;
    // row 2 has no positive. τ = 1: ℓ₀ = ℓ₁ = ln(1 + e^{1/√2}); loss = 2·ln(1 + e^{1/√2})/3.
    let (loss, _) = EndToEndObjective.sampleSample(pooled: u, clusters: clusters, temperature: 1)
    #expect(abs(loss - 2 * log(1 + exp(1 / 2.0.squareRoot())) / 3) < 1e-6)
  }

  @Test func routerDCTotalIsTheWeightedSum() {
    let dc = DualContrastive(kPlus: 1, kMinus: 1, clusters: 2, sampleModelWeight: 0.5, sampleSampleWeight: 2,
                             sampleSampleTemperature: 1)
    let terms = EndToEndObjective.dualContrastive(dc).evaluate(logits: z, pooled: u, targets: t, clusters: clusters)
    let expected = (1.5 * log(2.0) + log(5.0)) / 3 + 0.5 * log(8.0 / 3) / 3 + 2 * 2 * log(1 + exp(1 / 2.0.squareRoot())) / 3
    #expect(abs(terms.total - expected) < 1e-6)
  }

  /// Each router's head and loss by central differences: the head's parameters and the pooled embedding.
  @Test(arguments: ["CosineCls", "RouterDC", "VLC", "ZOOTER"])
  func headAndLossGradients(router: String) {
    var g = SplitMix64(seed: 31)
    let b = 6, k = 4, d = 5
    let pooled = Matrix<Float>(rows: b, columns: d, values: (0..<(b * d)).map { _ in Float(g.nextGaussian()) })
    var tv: [Float] = []
    for i in 0..<b {
      var row = (0..<k).map { _ in Float(g.nextUnit()) }
      row[i % k] = 0  // one wrong model per row, so the sample–model term has a negative
      let s = row.reduce(0, +)
      tv += row.map { $0 / s }
    }
    let targets = Matrix(rows: b, columns: k, values: tv)
    let cl = [0, 1, 0, 1, 1, 0]
    let head: RouterHead = router == "CosineCls" || router == "RouterDC"
      ? .cosine(CosineSimilarityHead(models: k, width: d, temperature: 0.5, using: &g))
      : .linear(LinearHead(models: k, width: d, using: &g))
    let objective: EndToEndObjective = switch router {
    case "RouterDC": .dualContrastive(DualContrastive(kPlus: 2, kMinus: 1, clusters: 2, sampleModelWeight: 1,
                                                      sampleSampleWeight: 1, sampleSampleTemperature: 0.5))
    case "ZOOTER": .klDivergence
    default: .softCrossEntropy
    }
    func loss(_ h: RouterHead, _ x: Matrix<Float>) -> Double {
      objective.evaluate(logits: h.forward(x), pooled: x, targets: targets, clusters: cl).total
    }
    let terms = objective.evaluate(logits: head.forward(pooled), pooled: pooled, targets: targets, clusters: cl)
    var (gh, gu) = head.backward(pooled, dLogits: terms.dLogits)
    if let extra = terms.dPooled { for j in gu.values.indices { gu.values[j] += extra.values[j] } }
    expectEndToEndGradient(gh, at: head.parameters, label: "\(router) head") { p in
      var h = head
      h.parameters = p
      return loss(h, pooled)
    }
    expectEndToEndGradient(gu.values, at: pooled.values, label: "\(router) pooled embedding") {
      loss(head, Matrix(rows: b, columns: d, values: $0))
    }
  }
}

@Suite struct EndToEndBackboneTests {
  /// Rows with text of 0–3 tokens (width 3) and an image of 2 tokens (width 2) or none.
  func rows(_ g: inout SplitMix64) -> [RowInputs] {
    let shapes: [(Int, Bool)] = [(3, true), (1, false), (0, true), (2, true)]
    return shapes.map { n, image in
      RowInputs(text: ArraySlice((0..<(n * 3)).map { _ in Float(g.nextGaussian()) }), textTokens: n,
                image: image ? ArraySlice((0..<4).map { _ in Float(g.nextGaussian()) }) : nil)
    }
  }

  /// Every backbone's backward pass (towers, pooling, the dual stream's interleaved cross layers) by central
  /// differences on every parameter, with a fixed linear probe of the pooled output as the loss.
  @Test(arguments: BackboneKind.allCases)
  func backboneGradients(kind: BackboneKind) throws {
    var g = SplitMix64(seed: 41)
    let shape = BackboneShape(width: 4, heads: 2, intermediate: 6, layers: 1, crossLayers: 1, dropout: 0)
    let backbone = try Backbone(kind: kind, shape: shape, textWidth: 3, imageWidth: 2, imageTokens: 2, maxTextTokens: 3,
                                using: &g)
    var randomized = backbone
    for n in randomized.towers.indices {
      for j in randomized.towers[n].parameters.indices { randomized.towers[n].parameters[j] += Float(g.nextGaussian() * 0.3) }
    }
    let input = rows(&g)
    let probe = (0..<(input.count * randomized.outputWidth)).map { _ in Float(g.nextGaussian()) }
    func loss(_ bb: Backbone) -> Double {
      var none: SplitMix64?
      let (p, _) = try! bb.forward(input, dropout: &none)
      return zip(p.values, probe).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    var rng: SplitMix64? = SplitMix64(seed: 1)
    let (pooled, cache) = try randomized.forward(input, dropout: &rng)
    var none: SplitMix64?
    #expect(try randomized.forward(input, dropout: &none).pooled == pooled, "training forward without dropout = inference")
    let grads = randomized.backward(cache!, dPooled: Matrix(rows: input.count, columns: randomized.outputWidth, values: probe))
    for n in randomized.towers.indices {
      expectEndToEndGradient(grads[n], at: randomized.towers[n].parameters, label: "\(kind.rawValue) tower \(n)",
                             step: 2e-3) { p in
        var bb = randomized
        bb.towers[n].parameters = p
        return loss(bb)
      }
    }
  }

  /// An absent image is masked, not zero-filled: a row's pooled output does not depend on what its missing
  /// image's placeholder would be, and equals the output of the same row alone.
  @Test func absentModalityIsMaskedAndRowsAreIndependent() throws {
    var g = SplitMix64(seed: 43)
    let shape = BackboneShape(width: 4, heads: 2, intermediate: 6, layers: 1, crossLayers: 1, dropout: 0)
    for kind in BackboneKind.allCases {
      let bb = try Backbone(kind: kind, shape: shape, textWidth: 3, imageWidth: 2, imageTokens: 2, maxTextTokens: 3, using: &g)
      let input = rows(&g)
      var none: SplitMix64?
      let all = try bb.forward(input, dropout: &none).pooled
      for r in input.indices {
        let alone = try bb.forward([input[r]], dropout: &none).pooled
        for j in 0..<bb.outputWidth { #expect(abs(alone[0, j] - all[r, j]) < 1e-5, "\(kind.rawValue) row \(r)") }
      }
    }
    // The image features of absent rows: an all-zero row of the feature matrix is "no image".
    let features = Matrix<Float>(rows: 2, columns: 4, values: [0, 0, 0, 0, 1, 0, 0, 2])
    let e = try EndToEndInputs(text: nil, image: features, imageTokenWidth: 2, rows: 2, router: "test")
    #expect(e.row(0).image == nil && e.row(1).image != nil && e.imageTokens == 2)
    #expect(throws: RouterError.self) { try EndToEndInputs(text: nil, image: features, imageTokenWidth: 3, rows: 2, router: "t") }
  }
}

/// A task no single model solves: half the samples name the right model by a keyword in the text, the other half
/// by a pattern in the image. Every end-to-end router must learn both halves; a text-only or image-only backbone
/// must fail on the half it cannot see.
@Suite struct EndToEndSyntheticTaskTests {
  struct Task {
    var benchmark: Benchmark
    var text: TextTokens
    /// The same text as cl100k-style ids (`cl100k-learned`): keyword w → id 50,000 + w at the keyword's position,
    /// filler ids drawn from 1,000…1,299 (a second generator, so `text` is as before).
    var ids: TextTokens
    var image: Matrix<Float>
    var textDecided: Set<Int>
  }

  /// 3 models (costs 1, 2, 3 · 10⁻⁴: distinct, so the dev Rank Score has a cost span; one right model per row, so
  /// the λ = 0 soft label is one-hot). Text-decided rows: keyword w ∈ {0, 1} among random filler tokens → model w; the image
  /// is noise. Image-decided rows: pattern p ∈ {0, 1} in the patches → model 2 (p = 0) or model 0 (p = 1); the text
  /// is filler only. Model 0 is right on half the rows (the best single model), 1 and 2 on a quarter each.
  static func make(n: Int = 900) -> Task {
    var g = SplitMix64(seed: 7)
    let tw = 8, it = 4, iw = 4
    func vector(_ w: Int) -> [Float] { (0..<w).map { _ in Float(g.nextGaussian()) } }
    let keywords = [vector(tw), vector(tw)], patterns = [vector(it * iw), vector(it * iw)]
    var offsets = [0], vectors: [Float] = [], image: [Float] = [], quality: [Float] = []
    var ids: [Int32] = []
    var fillers = SplitMix64(seed: 8)
    var textDecided = Set<Int>()
    for i in 0..<n {
      let byText = i % 2 == 0, label = Int(g.next() % 2)
      let length = 3 + Int(g.next() % 3)
      let keywordAt = Int(g.next() % UInt64(length))
      for p in 0..<length {
        if byText && p == keywordAt {
          vectors += keywords[label].map { $0 + Float(g.nextGaussian() * 0.1) }
          ids.append(Int32(50_000 + label))
        } else {
          vectors += vector(tw)
          ids.append(Int32(1_000 + fillers.next() % 300))
        }
      }
      offsets.append(offsets.last! + length)
      if byText {
        textDecided.insert(i)
        image += vector(it * iw)
      } else {
        image += patterns[label].map { $0 + Float(g.nextGaussian() * 0.3) }
      }
      let right = byText ? label : (label == 0 ? 2 : 0)
      quality += (0..<3).map { $0 == right ? 1 : 0 }
    }
    let rows = Array(0..<n)
    let b = Benchmark(
      name: "synthetic", datasets: [DatasetInfo(name: "A", displayName: "A", group: .general, answerType: .multipleChoice)],
      models: ["m0", "m1", "m2"].map { ModelInfo(name: $0, displayName: $0) },
      sampleIDs: rows.map { "A/\($0)" }, sampleDataset: [Int32](repeating: 0, count: n),
      inputTokens: [Int32](repeating: 10, count: n),
      quality: Matrix(rows: n, columns: 3, values: quality),
      cost: Matrix(rows: n, columns: 3, values: (0..<n).flatMap { _ in [1e-4, 2e-4, 3e-4] }),
      splits: [.train: rows.filter { $0 % 10 < 6 }, .dev: rows.filter { $0 % 10 == 6 }, .test: rows.filter { $0 % 10 > 6 }])
    let text = TextTokens(request: TextRequest(source: .minilmStates, maxTokens: 8), width: tw, offsets: offsets,
                          vectors: vectors)
    let idTokens = TextTokens(request: TextRequest(source: .cl100kLearned, maxTokens: 8), ids: ids, offsets: offsets)
    return Task(benchmark: b, text: text, ids: idTokens, image: Matrix(rows: n, columns: it * iw, values: image),
                textDecided: textDecided)
  }

  static let task = make()

  static func settings(_ kind: BackboneKind) -> EndToEndSettings {
    var s = EndToEndSettings(backbone: kind)
    s.maxTextTokens = 8
    s.imageTokenWidth = 4
    s.width = 16
    s.heads = 2
    s.intermediateSize = 32
    s.dropout = 0
    s.learningRate = 3e-3
    s.batchSize = 32
    s.maxEpochs = 20
    s.patience = 20
    return s
  }

  /// Test accuracy overall and on the text- and image-decided halves.
  /// - Parameter ids: read the text as ids (`cl100k-learned`: learned embeddings) instead of vectors.
  func accuracy<R: Router>(_ router: R, ids: Bool = false) throws
    -> (all: Double, text: Double, image: Double, report: [String: String]) {
    let t = Self.task, b = t.benchmark
    var r = router
    var g = SplitMix64(seed: 3)
    let test = b.splits[.test]!
    let text = ids ? t.ids : t.text
    try r.fit(TrainingData(benchmark: b.hidingLabels(of: test), trainRows: b.splits[.train]!, devRows: b.splits[.dev]!,
                           features: t.image, costBounds: b.costBounds, text: text),
              objective: Objective(lambda: 0), using: &g)
    let chosen = try r.route(RoutingInputs(benchmark: b, rows: test, features: t.image, text: text))
    func share(_ keep: (Int) -> Bool) -> Double {
      let rows = test.indices.filter { keep(test[$0]) }
      return Double(rows.filter { b.quality[test[$0], chosen[$0]] >= 1 }.count) / Double(rows.count)
    }
    return (share { _ in true }, share { t.textDecided.contains($0) }, share { !t.textDecided.contains($0) }, r.fitReport)
  }

  @Test func bestSingleModelIsRightOnHalf() {
    let b = Self.task.benchmark, test = b.splits[.test]!
    let best = (0..<3).map { m in Double(test.filter { b.quality[$0, m] >= 1 }.count) / Double(test.count) }.max()!
    #expect(best > 0.4 && best < 0.6)
  }

  @Test func cosineClsLearnsBothHalves() throws {
    var c = CosineClsRouter.Configuration()
    c.settings = Self.settings(.dualStream)
    let a = try accuracy(try CosineClsRouter(configuration: c))
    #expect(a.all >= 0.9, "CosineCls test accuracy \(a)")
  }

  @Test func routerDCLearnsBothHalves() throws {
    var c = RouterDCRouter.Configuration()
    c.settings = Self.settings(.dualStream)
    let a = try accuracy(try RouterDCRouter(configuration: c))
    #expect(a.all >= 0.9, "RouterDC test accuracy \(a)")
  }

  @Test func vlcLearnsBothHalves() throws {
    var c = VLCRouter.Configuration()
    c.settings = Self.settings(.dualStream)
    let a = try accuracy(try VLCRouter(configuration: c))
    #expect(a.all >= 0.9, "VLC test accuracy \(a)")
  }

  @Test func zooterLearnsBothHalvesOnTheDualStream() throws {
    var c = ZooterRouter.Configuration()
    c.settings = Self.settings(.dualStream)
    let a = try accuracy(try ZooterRouter(configuration: c))
    #expect(a.all >= 0.9, "ZOOTER test accuracy \(a)")
  }

  @Test func singleStreamLearnsBothHalves() throws {
    var c = VLCRouter.Configuration()
    c.settings = Self.settings(.singleStream)
    let a = try accuracy(try VLCRouter(configuration: c))
    #expect(a.all >= 0.9, "single-stream VLC test accuracy \(a)")
  }

  /// The one-modality backbones learn their half and fail the other (there the best they can do is a coin flip
  /// between two models).
  @Test func oneModalityBackbonesFailTheHalfTheyCannotSee() throws {
    var c = VLCRouter.Configuration()
    c.settings = Self.settings(.text)
    let text = try accuracy(try VLCRouter(configuration: c))
    #expect(text.text >= 0.9 && text.image <= 0.7, "text backbone \(text)")
    c.settings = Self.settings(.image)
    let image = try accuracy(try VLCRouter(configuration: c))
    #expect(image.image >= 0.9 && image.text <= 0.7, "image backbone \(image)")
  }

  /// Learned embeddings over ids (`cl100k-learned`): the dual-stream VLC and RouterDC learn both halves, the text
  /// backbone learns the word-decided half and fails the image half.
  @Test func learnedIDEmbeddingsLearnTheWordDecidedHalf() throws {
    var c = VLCRouter.Configuration()
    c.settings = Self.settings(.dualStream)
    c.settings.textInput = .cl100kLearned
    let vlc = try accuracy(try VLCRouter(configuration: c), ids: true)
    #expect(vlc.all >= 0.9, "VLC on learned id embeddings \(vlc)")
    // 300 filler ids and 2 keywords, + [CLS] and [UNK]; a filler seen once in the training rows goes to [UNK].
    let size = vlc.report["text_vocabulary"].flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
    #expect((290...304).contains(size), "\(vlc.report)")
    var dc = RouterDCRouter.Configuration()
    dc.settings = Self.settings(.dualStream)
    dc.settings.textInput = .cl100kLearned
    let routerDC = try accuracy(try RouterDCRouter(configuration: dc), ids: true)
    #expect(routerDC.all >= 0.9, "RouterDC on learned id embeddings \(routerDC)")
    c.settings = Self.settings(.text)
    c.settings.textInput = .cl100kLearned
    let text = try accuracy(try VLCRouter(configuration: c), ids: true)
    #expect(text.text >= 0.9 && text.image <= 0.7, "text backbone on learned id embeddings \(text)")
    // Fit on ids, routed with vectors: refused, naming both.
    var r = try VLCRouter(configuration: c)
    var g = SplitMix64(seed: 3)
    let t = Self.task, b = t.benchmark, test = b.splits[.test]!
    try r.fit(TrainingData(benchmark: b.hidingLabels(of: test), trainRows: b.splits[.train]!, devRows: [],
                           features: t.image, text: t.ids), objective: Objective(lambda: 0), using: &g)
    #expect(throws: RouterError.self) { try r.route(RoutingInputs(benchmark: b, rows: test, features: t.image, text: t.text)) }
  }

  /// Same seed, same result; the configuration round-trips through the registry with its defaults.
  @Test func seededAndRegistered() throws {
    var c = VLCRouter.Configuration()
    c.settings = Self.settings(.dualStream)
    c.settings.maxEpochs = 2
    let first = try accuracy(try VLCRouter(configuration: c)), second = try accuracy(try VLCRouter(configuration: c))
    #expect(first.all == second.all)
    let registry = RouterRegistry.builtIn
    let group = try registry.resolve("end-to-end").map(\.name)
    #expect(group == ["CosineCls", "RouterDC", "VLC", "ZOOTER"])
    let vlc = try registry.entry(named: "VLC")
    #expect(vlc.defaults["backbone"] == .string("dual-stream") && vlc.defaultFeatures == EndToEndDefaults.imageTokens)
    let made = try vlc.make(["backbone": .string("single-stream"), "width": .int(32)], "test")
    #expect(made.textRequest == TextRequest(source: .minilmStates, maxTokens: 32))
    #expect(made.configurationJSON.contains("\"backbone\":\"single-stream\""))
    #expect(try registry.entry(named: "ZOOTER").make(["backbone": .string("image")], "test").textRequest == nil)
    let learned = try vlc.make(["text_input": .string("cl100k-learned"), "max_text_tokens": .int(48)], "test")
    #expect(learned.textRequest == TextRequest(source: .cl100kLearned, maxTokens: 48))
    #expect(learned.configurationJSON.contains("\"text_input\":\"cl100k-learned\""))
    #expect(throws: RouterError.self) { try vlc.make(["width": .int(30)], "test") }
    #expect(throws: RouterError.self) { try vlc.make(["bogus": .int(1)], "test") }
  }
}

/// Learned text embeddings over ids (`cl100k-learned`): the compact vocabulary, `[UNK]`, masking of empty prompts,
/// and the word embeddings' gradients.
@Suite struct EndToEndTextIDTests {
  static let request = TextRequest(source: .cl100kLearned, maxTokens: 8)

  /// Row 0: ids 7, 7, 9; row 1: 9, 11; row 2 (empty prompt): none; row 3: 7, 13, 500.
  static let text = TextTokens(request: request, ids: [7, 7, 9, 9, 11, 7, 13, 500], offsets: [0, 3, 5, 5, 8])

  @Test func vocabularyComesFromTheTrainingRowsAndTheRestIsUnknown() {
    // Trained on rows 0–2: 7 occurs twice, 9 twice, 11 once → [CLS], [UNK], 7 → 2, 9 → 3.
    let v = TextVocabulary(Self.text, rows: [0, 1, 2])
    #expect(v.size == 4)
    #expect(v.wordID(7) == 2 && v.wordID(9) == 3)
    #expect(v.wordID(11) == TextVocabulary.unknown, "seen once: [UNK]")
    #expect(v.wordID(13) == TextVocabulary.unknown && v.wordID(500) == TextVocabulary.unknown, "unseen: [UNK]")
    // Row 3 is not a training row: its ids change nothing.
    let other = TextTokens(request: Self.request, ids: [7, 7, 9, 9, 11, 42, 42, 42], offsets: [0, 3, 5, 5, 8])
    #expect(TextVocabulary(other, rows: [0, 1, 2]) == v)
    #expect(TextVocabulary(Self.text, rows: [2, 1, 0]) == v, "independent of row order")
    // The rows as the backbones read them.
    var inputs = try! EndToEndInputs(text: Self.text, image: nil, imageTokenWidth: 0, rows: 4, router: "test")
    inputs.vocabulary = v
    #expect(inputs.row(0).wordIDs == [2, 2, 3] && inputs.row(0).textTokens == 3)
    #expect(inputs.row(3).wordIDs == [2, 1, 1])
    #expect(inputs.row(2).wordIDs.isEmpty && inputs.row(2).textTokens == 0 && inputs.row(2).text.isEmpty)
  }

  /// An empty prompt has no text position (only `[CLS]`): its output is the same alone and in a batch, and the
  /// same whatever the other rows' texts are.
  @Test func emptyPromptIsMaskedAndRowsAreIndependent() throws {
    var g = SplitMix64(seed: 44)
    let shape = BackboneShape(width: 4, heads: 2, intermediate: 6, layers: 1, crossLayers: 1, dropout: 0)
    let v = TextVocabulary(Self.text, rows: [0, 1, 2])
    var inputs = try EndToEndInputs(text: Self.text, image: Matrix(rows: 4, columns: 4, values: (0..<16).map { Float($0) / 8 }),
                                    imageTokenWidth: 2, rows: 4, router: "test")
    inputs.vocabulary = v
    let rows = (0..<4).map { inputs.row($0) }
    for kind in BackboneKind.allCases where kind.readsText {
      let bb = try Backbone(kind: kind, shape: shape, textWidth: 0, imageWidth: 2, imageTokens: 2, maxTextTokens: 8,
                            textVocabulary: v.size, using: &g)
      var none: SplitMix64?
      let all = try bb.forward(rows, dropout: &none).pooled
      for r in rows.indices {
        let alone = try bb.forward([rows[r]], dropout: &none).pooled
        for j in 0..<bb.outputWidth { #expect(abs(alone[0, j] - all[r, j]) < 1e-5, "\(kind.rawValue) row \(r)") }
      }
      let input = try kind == .singleStream ? bb.singleStreamInput(rows) : bb.textInput(rows)
      #expect(input.mask.tokenCount(of: 2) == (kind == .singleStream ? 3 : 1), "\(kind.rawValue): the empty prompt keeps [CLS] only")
      #expect(input.features == nil || kind == .singleStream, "ids enter as words, not feature rows")
    }
  }

  /// The word embeddings (and every other tensor) of the id-reading backbones by central differences.
  @Test(arguments: [BackboneKind.text, .singleStream, .dualStream])
  func idBackboneGradients(kind: BackboneKind) throws {
    var g = SplitMix64(seed: 45)
    let shape = BackboneShape(width: 4, heads: 2, intermediate: 6, layers: 1, crossLayers: 1, dropout: 0)
    let v = TextVocabulary(Self.text, rows: [0, 1, 2, 3])
    var inputs = try EndToEndInputs(text: Self.text, image: Matrix(rows: 4, columns: 4, values: (0..<16).map { Float($0 % 5) / 4 }),
                                    imageTokenWidth: 2, rows: 4, router: "test")
    inputs.vocabulary = v
    let rows = (0..<4).map { inputs.row($0) }
    var bb = try Backbone(kind: kind, shape: shape, textWidth: 0, imageWidth: 2, imageTokens: 2, maxTextTokens: 8,
                          textVocabulary: v.size, using: &g)
    for n in bb.towers.indices {
      for j in bb.towers[n].parameters.indices { bb.towers[n].parameters[j] += Float(g.nextGaussian() * 0.3) }
    }
    let probe = (0..<(rows.count * bb.outputWidth)).map { _ in Float(g.nextGaussian()) }
    func loss(_ b: Backbone) -> Double {
      var none: SplitMix64?
      let (p, _) = try! b.forward(rows, dropout: &none)
      return zip(p.values, probe).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    var rng: SplitMix64? = SplitMix64(seed: 1)
    let (_, cache) = try bb.forward(rows, dropout: &rng)
    let grads = bb.backward(cache!, dPooled: Matrix(rows: rows.count, columns: bb.outputWidth, values: probe))
    let words = bb.towers[0].layout["embeddings.word_embeddings.weight"]!
    #expect(words.shape == [v.size, 4])
    #expect(grads[0][words.range].contains { $0 != 0 }, "the word embeddings get a gradient")
    for n in bb.towers.indices {
      expectEndToEndGradient(grads[n], at: bb.towers[n].parameters, label: "\(kind.rawValue) ids tower \(n)", step: 2e-3) { p in
        var b = bb
        b.towers[n].parameters = p
        return loss(b)
      }
    }
  }
}
