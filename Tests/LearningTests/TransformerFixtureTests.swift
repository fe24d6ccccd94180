import BenchCore
import Foundation
import Learning
import Testing

/// The encoder as a whole against PyTorch: `scripts/fixtures/tiny_bert.py` ran a tiny random
/// `transformers.BertModel` (2 layers, width 32, 4 heads, FFN 64, GELU-erf, ε = 1e-12; eager attention with the
/// additive padding mask) on three padded sequences with two segments and saved its weights (by name, in sorted
/// order), the batch, the last hidden states and the mean-pooled vectors (`Fixtures/tiny-bert/`).
///
/// The weights are loaded by name through `TransformerEncoder.load`, and both outputs must match to ≤ 1e-5 at every
/// position, padded ones included. PyTorch's own float32 run is 1.3e-6 from float64 on this model (the script
/// prints it), so 1e-5 leaves room for the different summation orders and nothing else.
@Suite struct TransformerFixtureTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/tiny-bert")

  struct Manifest: Decodable {
    struct Tensor: Decodable {
      var name: String
      var shape: [Int]
      var offset: Int
    }
    var tensors: [Tensor]
    var input_ids: [[Int32]]
    var token_type_ids: [[Int32]]
    var attention_mask: [[Int]]
  }

  func load() throws -> (TransformerEncoder, EncoderInput, NumpyArray, NumpyArray) {
    let manifest = try JSONDecoder().decode(Manifest.self,
                                            from: Data(contentsOf: Self.directory.appendingPathComponent("manifest.json")))
    let weights = try NumpyArray(contentsOf: Self.directory.appendingPathComponent("weights.npy"))
    // The manifest's config is BertConfig's keys, as in a config.json.
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.directory.appendingPathComponent("manifest.json")))
    let config = try JSONSerialization.data(withJSONObject: (object as! [String: Any])["config"]!)
    let configuration = try TransformerConfiguration(bertConfigJSON: config)
    #expect(configuration == TransformerConfiguration(
      vocabularySize: 40, maxPositions: 16, typeVocabularySize: 2, hiddenSize: 32, layerCount: 2, headCount: 4,
      intermediateSize: 64, layerNormEpsilon: 1e-12, activation: .geluErf))
    var g = SplitMix64(seed: 1)
    var encoder = try TransformerEncoder(configuration: configuration, using: &g)
    var byName: [String: (shape: [Int], values: [Float])] = [:]
    for t in manifest.tensors {
      let n = t.shape.reduce(1, *)
      byName[t.name] = (t.shape, Array(weights.values[t.offset..<(t.offset + n)]))
    }
    #expect(encoder.unexpectedTensors(among: byName.keys).isEmpty)
    #expect(byName.count == encoder.layout.entries.count)
    try encoder.load { byName[$0] }
    let lengths = manifest.attention_mask.map { $0.reduce(0, +) }
    let input = try EncoderInput(tokens: manifest.input_ids.flatMap { $0 },
                                 tokenTypes: manifest.token_type_ids.flatMap { $0 },
                                 mask: SequenceMask(lengths: lengths, length: manifest.input_ids[0].count))
    let hidden = try NumpyArray(contentsOf: Self.directory.appendingPathComponent("hidden.npy"))
    let mean = try NumpyArray(contentsOf: Self.directory.appendingPathComponent("mean.npy"))
    return (encoder, input, hidden, mean)
  }

  @Test func tinyBertMatchesPyTorch() throws {
    let (encoder, input, expectedHidden, expectedMean) = try load()
    #expect(expectedHidden.shape == [3, 9, 32] && expectedMean.shape == [3, 32])
    let hidden = try encoder.encode(input)
    var worst: Float = 0
    for j in hidden.values.indices { worst = max(worst, abs(hidden.values[j] - expectedHidden.values[j])) }
    #expect(worst <= 1e-5, "last hidden states: max |Δ| \(worst)")
    let mean = Pooling.mean(hidden, mask: input.mask)
    var worstMean: Float = 0
    for j in mean.values.indices { worstMean = max(worstMean, abs(mean.values[j] - expectedMean.values[j])) }
    #expect(worstMean <= 1e-5, "mean pooling: max |Δ| \(worstMean)")
    // The training forward is the same computation.
    #expect(try encoder.forward(input).hidden == hidden)
    // Not a vacuous match: the states are far from 0 and differ between sequences.
    #expect(expectedHidden.values.map(abs).max()! > 1)
  }
}
