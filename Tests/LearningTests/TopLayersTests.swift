import BenchCore
import Testing

@testable import Learning

/// `TransformerEncoder.topLayers`: the trainable top of a fine-tuned tower continues the cached lower layers exactly.
@Suite struct TopLayersTests {
  @Test func topLayersContinueTheCachedLowerLayers() throws {
    var g = SplitMix64(seed: 5)
    let c = TransformerConfiguration.bert(hiddenSize: 8, layerCount: 3, headCount: 2, intermediateSize: 12,
                                          vocabularySize: 20, maxPositions: 10)
    var full = try TransformerEncoder(configuration: c, using: &g)
    for j in full.parameters.indices { full.parameters[j] += Float(g.nextGaussian() * 0.1) }
    let input = try EncoderInput(sequences: [[1, 4, 7, 2], [3, 9], [5]])
    let whole = try full.encode(input)
    for k in 1...3 {
      let top = full.topLayers(k)
      #expect(top.configuration.layerCount == k && !top.configuration.hasEmbeddings)
      #expect(top.parameters.count == full.parameterRange(layers: (3 - k)..<3).count)
      #expect(Array(full.parameters[full.parameterRange(layers: (3 - k)..<3)]) == top.parameters)
      let lower = try full.encode(input, layers: 3 - k)
      #expect(try top.encode(fromLayer: 0, hidden: lower, mask: input.mask) == whole, "k = \(k)")
    }
    // A copy: training it leaves the original alone.
    let before = full.topLayers(1).parameters
    var top = full.topLayers(1)
    top.parameters[0] += 1
    #expect(full.topLayers(1).parameters == before && top.parameters != before)
  }
}
