import BenchCore
import BenchStore
import EdgeCloud
import Encoders
import Foundation
import Learning
import Routers
import Simulation
import Sweep
import Testing

@testable import MultiMetric

/// RouteLLM-BERT: MiniLM-L6 with its top layer fine-tuned, mean pooling and a linear head, on the prompt text.
/// Where the tests find `make minilm`'s folder: `.cache/minilm-l6` of this checkout (or `ROUTERBENCH_MINILM`).
enum MiniLMLocation {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let directory = MiniLMFiles.defaultDirectory(repository: repository)
  static var present: Bool { MiniLMFiles.missing(in: directory).isEmpty }
}

@Suite(.enabled(if: MiniLMLocation.present, "needs all-MiniLM-L6-v2 in .cache/minilm-l6: run `make minilm`; skipped"))
struct RouteLLMBERTTests {
  static let miniLM = MiniLMLocation.directory

  /// 400 prompts "a photo of a {adjective} {animal} {place}": the cloud model is better on both metrics by 0.2 when
  /// the animal is one of four words (half the prompts) and worse by 0.05 otherwise — a label decided by a word in
  /// the prompt.
  static func task() throws -> (PairQuality, [String]) {
    let n = 400
    var g = SplitMix64(seed: 11)
    let adjectives = ["small", "large", "happy", "sleepy", "red", "striped"]
    let cloudWins = ["dog", "horse", "cow", "sheep"], edgeWins = ["cat", "bird", "fish", "rabbit"]
    let places = ["on a sofa", "in a field", "near the river", "under a tree", "at the beach"]
    var prompts: [String] = [], e = Matrix<Double>(rows: n, columns: 2, repeating: 0.5), c = e
    for i in 0..<n {
      let wins = i % 2 == 0
      let animal = (wins ? cloudWins : edgeWins)[Int(g.next() % 4)]
      prompts.append("a photo of a \(adjectives[Int(g.next() % 6)]) \(animal) \(places[Int(g.next() % 5)])")
      for m in 0..<2 { c[i, m] = 0.5 + (wins ? 0.2 : -0.05) + 0.02 * g.nextGaussian() }
    }
    let catalog = try MetricCatalog([try MetricSpec(name: MetricName("a")), try MetricSpec(name: MetricName("b"))])
    let data = try PairQuality(
      pair: EdgeCloudPair(edge: "E", cloud: "C"), metrics: catalog, sampleKeys: (0..<n).map { "d/\($0)" },
      datasets: [DatasetInfo(name: "d", displayName: "d", group: .other, answerType: .unknown)],
      sampleDataset: Array(repeating: 0, count: n), prompts: prompts, hasImage: Array(repeating: false, count: n),
      inputTokens: Array(repeating: 12, count: n), edge: e, cloud: c)
    return (data, prompts)
  }

  /// Far above Random: sending the "cloud" half first recovers ≈ 0.1 / 0.075 of the mean gap at r = 0.5 (ΔP ≈ 133,
  /// at least ≈ 110 for any share of such prompts in the 80 test rows); Random's ΔP there is 50 ± 10. The prompts'
  /// token states come from the real MiniLM files. Six epochs of 16-prompt batches (120 steps) leave a margin.
  @Test func learnsAWordInThePrompt() throws {
    let (data, prompts) = try Self.task()
    var config = RouteLLMBERTRouter.Configuration()
    config.epochs = 6
    let router = try RouteLLMBERTRouter(configuration: config)
    let request = try #require(router.textRequest)
    #expect(request == TextRequest(source: .minilmStates, maxTokens: 32, fineTuneLayers: 1))
    let encoder = try MiniLMEncoder(files: MiniLMFiles(directory: Self.miniLM), maxTokens: request.maxTokens)
    let states = try encoder.tokenStates(prompts, layers: request.cachedLayers)
    let tower = encoder.model.topLayers(1)
    let text = TextTokens(request: request, width: states.width, offsets: states.offsets, vectors: states.vectors,
                          tower: tower)
    var inputs = try data.inputs(text: nil)
    inputs.prompts = text
    let split = try QualitySplit(data: data, seed: 1)
    let bert = try FixedRateProtocol.run(router, data: data, inputs: inputs, split: split, rates: [.half], seed: 1)
    let random = try FixedRateProtocol.run(RandomQualityRouter(), data: data, inputs: inputs, split: split,
                                           rates: [.half], seed: 1)
    let d = try #require(bert.curve.point(at: .half)?.deltaP), r = try #require(random.curve.point(at: .half)?.deltaP)
    #expect(d > 100 && d > r + 25, "RouteLLM-BERT ΔP \(d), Random \(r)")
    // The scores order the test prompts by the word: ≥ 95 % of (cloud-word, edge-word) prompt pairs in order.
    let wins = split.test.map { $0 % 2 == 0 }
    let up = zip(bert.testScores, wins).filter { $0.1 }.map { $0.0 }
    let down = zip(bert.testScores, wins).filter { !$0.1 }.map { $0.0 }
    let ordered = up.reduce(0) { n, a in n + down.filter { $0 < a }.count }
    #expect(Double(ordered) / Double(up.count * down.count) >= 0.95, "\(ordered) of \(up.count * down.count) pairs")
    // Frozen (k = 0) reads the six-layer states and no pretrained layer; a mismatched request is refused by name.
    var frozenConfig = RouteLLMBERTRouter.Configuration()
    frozenConfig.fineTuneLayers = 0
    var frozen = try RouteLLMBERTRouter(configuration: frozenConfig)
    #expect(frozen.textRequest?.cachedLayers == 6)
    var rng = SplitMix64(seed: 1)
    #expect {
      try frozen.fit(QualityTrainingSet(data: data, inputs: inputs, rows: split.train), using: &rng)
    } throws: { "\($0)".contains("reads minilm-l6 (≤ 32 tokens)") }
    #expect(throws: MultiMetricError.self) { try RouteLLMBERTRouter.Configuration.invalid() }
  }

  /// Through the workspace: the prompts come from the store (`multimetric import` of the t2i preset keeps them),
  /// the run identity carries their hash (`textSHA256`), so an edited prompt is a new run for RouteLLM-BERT; a
  /// missing MiniLM folder fails with an error naming `make minilm`.
  @Test func workspaceReadsTheStoresPrompts() throws {
    let (store, _) = try T2IFixture.store("bert")
    let pair = try EdgeCloudPair(parsing: "SD3/SD1.5")
    let bert = try #require(try QualityRouters.variants(["RouteLLM-BERT"]).first)
    let mf = try #require(try QualityRouters.variants(["RouteLLM-MF"]).first)
    var w = try QualityWorkspace(store: store, miniLM: Self.miniLM)
    let prompts = try store.samplePrompts()
    #expect(prompts.count == 1_000 && prompts.allSatisfy { !$0.prompt.isEmpty })
    let before = try w.identity(of: QualityRunSpec(variant: bert, pair: pair))
    #expect(before.textSHA256 == PlanContext.promptsFingerprint(prompts.map { ($0.sampleID, $0.prompt) }))
    #expect(try w.identity(of: QualityRunSpec(variant: mf, pair: pair)).textSHA256 == nil)

    // The same preset with one prompt edited: a new identity.
    var data = T2IFixture.data
    data.prompts[0] += " at night"
    let (editedStore, _) = try T2IFixture.store("bert-edited", data: data)
    var edited = try QualityWorkspace(store: editedStore, miniLM: Self.miniLM)
    let after = try edited.identity(of: QualityRunSpec(variant: bert, pair: pair))
    #expect(after.textSHA256 != before.textSHA256 && after.key != before.key)

    let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-minilm-\(UUID().uuidString)")
    var missing = try QualityWorkspace(store: store, miniLM: nowhere)
    let pairData = try missing.pairQuality(pair)
    #expect {
      _ = try missing.inputs(for: bert, data: pairData)
    } throws: { e in
      let m = "\(e)"
      return e is MultiMetricError && m.contains("make minilm") && m.contains("RouteLLM-BERT")
    }
  }
}

extension RouteLLMBERTRouter.Configuration {
  static func invalid() throws {
    var c = RouteLLMBERTRouter.Configuration()
    c.fineTuneLayers = 7
    _ = try RouteLLMBERTRouter(configuration: c)
  }
}
