import BenchCore
import Foundation
import Learning
import Testing

@testable import Routers

/// The fine-tuned MiniLM top layers of the end-to-end backbones (`fine_tune_layers`, `FineTunedText`).
@Suite struct FineTunedTextTests {
  /// A stand-in for MiniLM's top layer at width 4 (2 heads, FFN 6, no dropout), its weights moved off the
  /// initialisation so LayerNorm and attention are not near a symmetric point.
  static func tower(_ g: inout SplitMix64, layers: Int = 1, width: Int = 4, dropout: Double = 0) throws
    -> TransformerEncoder {
    let c = TransformerConfiguration(vocabularySize: 0, maxPositions: 0, typeVocabularySize: 0, hiddenSize: width,
                                     layerCount: layers, headCount: 2, intermediateSize: 6 * width / 4,
                                     hiddenDropout: dropout, attentionDropout: dropout)
    var t = try TransformerEncoder(configuration: c, using: &g)
    for j in t.parameters.indices { t.parameters[j] += Float(g.nextGaussian() * 0.3) }
    return t
  }

  /// Rows with text of 0–3 tokens (width 4) and an image of 2 tokens (width 2) or none.
  func rows(_ g: inout SplitMix64) -> [RowInputs] {
    let shapes: [(Int, Bool)] = [(3, true), (1, false), (0, true), (2, true)]
    return shapes.map { n, image in
      RowInputs(text: ArraySlice((0..<(n * 4)).map { _ in Float(g.nextGaussian()) }), textTokens: n,
                image: image ? ArraySlice((0..<4).map { _ in Float(g.nextGaussian()) }) : nil)
    }
  }

  /// The fine-tuned path's backward pass by central differences on every parameter of the fine-tuned layer and of
  /// every tower, for each backbone that reads text (the single stream's text rows sit among image rows of the
  /// projected features; a row without text is left out of the fine-tuned batch). Loss: a fixed linear probe of the
  /// pooled output, accumulated in Double; h = 2·10⁻³·max(1, |x|), |analytic − numeric| ≤ 2·10⁻³ + 2 %·|numeric| —
  /// float32 forward passes through two stacked post-LN layers carry ≈ 10⁻⁶ relative rounding, which divided by
  /// 2h leaves ≈ 10⁻³ of noise in the numeric side, well inside the bound, while a wrong term (a missing residual, a
  /// transposed product, a token gradient sent to the wrong row) is off by O(1).
  @Test(arguments: [BackboneKind.text, .singleStream, .dualStream])
  func fineTunedBackboneGradients(kind: BackboneKind) throws {
    var g = SplitMix64(seed: 47)
    let shape = BackboneShape(width: 4, heads: 2, intermediate: 6, layers: 1, crossLayers: 1, dropout: 0)
    var backbone = try Backbone(kind: kind, shape: shape, textWidth: 4, imageWidth: 2, imageTokens: 2, maxTextTokens: 3,
                                using: &g)
    for n in backbone.towers.indices {
      for j in backbone.towers[n].parameters.indices { backbone.towers[n].parameters[j] += Float(g.nextGaussian() * 0.3) }
    }
    backbone.fineTuned = FineTunedText(pretrained: try Self.tower(&g))
    let input = rows(&g)
    let probe = (0..<(input.count * backbone.outputWidth)).map { _ in Float(g.nextGaussian()) }
    func loss(_ bb: Backbone) -> Double {
      var none: SplitMix64?
      guard let p = try? bb.forward(input, dropout: &none).pooled else { return .nan }
      return zip(p.values, probe).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    var rng: SplitMix64? = SplitMix64(seed: 1)
    let (pooled, cache) = try backbone.forward(input, dropout: &rng)
    var none: SplitMix64?
    #expect(try backbone.forward(input, dropout: &none).pooled == pooled, "training forward without dropout = inference")
    let grads = backbone.backward(try #require(cache), dPooled: Matrix(rows: input.count, columns: backbone.outputWidth,
                                                                        values: probe))
    #expect(grads.count == backbone.towers.count + 1)
    let tuned = try #require(backbone.fineTuned)
    expectEndToEndGradient(grads[backbone.towers.count], at: tuned.layers.parameters,
                           label: "\(kind.rawValue) fine-tuned layer", step: 2e-3) { p in
      var bb = backbone
      bb.fineTuned!.layers.parameters = p
      return loss(bb)
    }
    for n in backbone.towers.indices {
      expectEndToEndGradient(grads[n], at: backbone.towers[n].parameters, label: "\(kind.rawValue) tower \(n)",
                             step: 2e-3) { p in
        var bb = backbone
        bb.towers[n].parameters = p
        return loss(bb)
      }
    }
  }

  /// Fine-tuning changes what the text stream sees: the pooled output differs from the frozen backbone's, and a
  /// row without text is unaffected (it never enters the fine-tuned batch).
  @Test func fineTunedLayerRunsBeforeTheProjection() throws {
    var g = SplitMix64(seed: 53)
    let shape = BackboneShape(width: 4, heads: 2, intermediate: 6, layers: 1, crossLayers: 1, dropout: 0)
    let frozen = try Backbone(kind: .text, shape: shape, textWidth: 4, imageWidth: 2, imageTokens: 2, maxTextTokens: 3,
                              using: &g)
    var tuned = frozen
    let tower = try Self.tower(&g)
    tuned.fineTuned = FineTunedText(pretrained: tower)
    let input = rows(&g)
    var none: SplitMix64?
    let a = try frozen.forward(input, dropout: &none).pooled, b = try tuned.forward(input, dropout: &none).pooled
    #expect(a.row(0) != b.row(0))
    #expect(a.row(2) == b.row(2), "a row without text")
    // The fine-tuned rows are the tower's output on the cached states, row by row.
    let (states, _) = try tuned.fineTuned!.forward(input.map(\.text), tokens: input.map(\.textTokens), dropout: &none)
    let alone = try tower.encode(fromLayer: 0, hidden: Matrix(rows: 3, columns: 4, values: Array(input[0].text)),
                                 mask: SequenceMask(lengths: [3], length: 3))
    for j in 0..<12 { #expect(abs(states[0][j] - alone.values[j]) < 1e-5) }
    #expect(states[2].isEmpty)
  }

  /// `fine_tune_layers` is a typed key of every end-to-end router: absent and 0 give the frozen configuration's
  /// JSON (unchanged identities), k > 0 is written with its learning rate and asks for the states after layer
  /// 6 − k; out-of-range values, the embedding-block input and the image backbone are refused by name.
  @Test func fineTuneLayersKey() throws {
    let registry = RouterRegistry.builtIn
    for name in ["CosineCls", "RouterDC", "VLC", "ZOOTER"] {
      let entry = try registry.entry(named: name)
      #expect(entry.defaults["fine_tune_layers"] == .int(0), "\(name) lists the key")
      let frozen = try entry.make([:], "test"), zero = try entry.make(["fine_tune_layers": .int(0)], "test")
      #expect(!frozen.configurationJSON.contains("fine_tune") && zero.configurationJSON == frozen.configurationJSON)
      let one = try entry.make(["fine_tune_layers": .int(1)], "test")
      #expect(one.configurationJSON.contains("\"fine_tune_layers\":1")
              && one.configurationJSON.contains("\"fine_tune_learning_rate\":"), "\(one.configurationJSON)")
      #expect(one.textRequest == TextRequest(source: .minilmStates, maxTokens: 32, fineTuneLayers: 1))
      #expect(one.textRequest?.cachedLayers == 5)
      #expect(one.textRequest?.description == "minilm-l6 after layer 5, top 1 fine-tuned (≤ 32 tokens)")
    }
    let vlc = try registry.entry(named: "VLC")
    for bad: [String: ConfigValue] in [["fine_tune_layers": .int(7)], ["fine_tune_layers": .int(-1)],
                                       ["fine_tune_layers": .int(1), "text_input": .string("minilm-l6-embeddings")],
                                       ["fine_tune_layers": .int(1), "backbone": .string("image")],
                                       ["fine_tune_layers": .int(1), "fine_tune_learning_rate": .double(0)]] {
      #expect(throws: RouterError.self, "\(bad)") { try vlc.make(bad, "test") }
    }
    do {
      _ = try vlc.make(["fine_tune_layers": .int(1), "text_input": .string("minilm-l6-embeddings")], "test")
    } catch {
      #expect("\(error)".contains("fine_tune_layers 1") && "\(error)".contains("minilm-l6"))
    }
  }

  /// On the synthetic task (a keyword token decides the right model on the text half), VLC on the `text` backbone
  /// with its "MiniLM" layer fine-tuned learns the text half; the layer's weights move from their pretrained start;
  /// text vectors without the pretrained layer are refused with a message naming what is missing.
  @Test func fineTunedTextBackboneLearnsTheTextHalf() throws {
    let t = EndToEndSyntheticTaskTests.task, b = t.benchmark
    var g = SplitMix64(seed: 59)
    let tower = try Self.tower(&g, width: 8, dropout: 0.1)
    let request = TextRequest(source: .minilmStates, maxTokens: 8, fineTuneLayers: 1)
    let text = TextTokens(request: request, width: 8, offsets: t.text.offsets, vectors: t.text.vectors, tower: tower)
    var c = VLCRouter.Configuration()
    c.settings = EndToEndSyntheticTaskTests.settings(.text)
    c.settings.fineTuneLayers = 1
    c.settings.fineTuneLearningRate = 1e-3
    c.settings.maxEpochs = 12
    var r = try VLCRouter(configuration: c)
    let test = b.splits[.test]!
    let data = TrainingData(benchmark: b.hidingLabels(of: test), trainRows: b.splits[.train]!, devRows: b.splits[.dev]!,
                            features: t.image, costBounds: b.costBounds, text: text)
    var rng = SplitMix64(seed: 3)
    try r.fit(data, objective: Objective(lambda: 0), using: &rng)
    let chosen = try r.route(RoutingInputs(benchmark: b, rows: test, features: t.image, text: text))
    let textRows = test.indices.filter { t.textDecided.contains(test[$0]) }
    let right = textRows.filter { b.quality[test[$0], chosen[$0]] >= 1 }.count
    #expect(Double(right) / Double(textRows.count) >= 0.9, "text half \(right)/\(textRows.count)")
    #expect(r.fitReport["fine_tuned_minilm_layers"] == "1" && r.fitReport["fine_tuned_parameters"] == "\(tower.parameters.count)")
    let trained = try #require(r.model?.backbone.fineTuned?.layers.parameters)
    #expect(zip(trained, tower.parameters).contains { abs($0 - $1) > 1e-4 }, "the fine-tuned layer trained")

    var frozen = try VLCRouter(configuration: c)
    var rng2 = SplitMix64(seed: 3)
    #expect {
      try frozen.fit(TrainingData(benchmark: b.hidingLabels(of: test), trainRows: b.splits[.train]!,
                                  devRows: b.splits[.dev]!, features: t.image, costBounds: b.costBounds, text: t.text),
                     objective: Objective(lambda: 0), using: &rng2)
    } throws: { "\($0)".contains("fine_tune_layers 1 needs the states after MiniLM layer 5") }
  }
}
