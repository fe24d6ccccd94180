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
    if abs(Double(analytic[j]) - numeric) > 2e-3 + 2e-2 * abs(numeric) {
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
    var textDecided = Set<Int>()
    for i in 0..<n {
      let byText = i % 2 == 0, label = Int(g.next() % 2)
      let length = 3 + Int(g.next() % 3)
      let keywordAt = Int(g.next() % UInt64(length))
      for p in 0..<length {
        if byText && p == keywordAt {
          vectors += keywords[label].map { $0 + Float(g.nextGaussian() * 0.1) }
        } else {
          vectors += vector(tw)
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
    return Task(benchmark: b, text: text, image: Matrix(rows: n, columns: it * iw, values: image), textDecided: textDecided)
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
  func accuracy<R: Router>(_ router: R) throws -> (all: Double, text: Double, image: Double, report: [String: String]) {
    let t = Self.task, b = t.benchmark
    var r = router
    var g = SplitMix64(seed: 3)
    let test = b.splits[.test]!
    try r.fit(TrainingData(benchmark: b.hidingLabels(of: test), trainRows: b.splits[.train]!, devRows: b.splits[.dev]!,
                           features: t.image, costBounds: b.costBounds, text: t.text),
              objective: Objective(lambda: 0), using: &g)
    let chosen = try r.route(RoutingInputs(benchmark: b, rows: test, features: t.image, text: t.text))
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
    #expect(throws: RouterError.self) { try vlc.make(["width": .int(30)], "test") }
    #expect(throws: RouterError.self) { try vlc.make(["bogus": .int(1)], "test") }
  }
}
