import BenchCore
import Foundation
import Learning
import Pipeline
import Routers
import Sweep
import Testing

/// The experiment files under experiments/ parse, and say what their comments say.
@Suite struct ShippedExperimentsTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("experiments")

  func load(_ name: String) throws -> Experiment {
    try Experiment.load(path: Self.folder.appendingPathComponent(name).path, registry: .builtIn)
  }

  @Test func defaultFileIsTheBuiltInDefault() throws {
    #expect(try load("default.yaml") == Experiment.builtInDefault)
  }

  @Test func paperFileRunsThePapersMLP() throws {
    let e = try load("paper.yaml")
    #expect(e.name == "paper" && e.seeds == [1, 2, 3, 4, 5] && e.lambdas == Lambda.paperGrid)
    #expect(e.routers.map(\.name) == RouterRegistry.builtIn.entries.map(\.name))
    #expect(e.routers.first { $0.name == "MLP" }?.values["hidden"] == .array([.int(2048), .int(1024)]))
  }

  @Test func defaultRunsEndToEndRoutersOnOneSeedWithTheSmallerBudget() throws {
    let e = try load("default.yaml")
    let e2e = e.routers.filter { ["CosineCls", "RouterDC", "VLC", "ZOOTER"].contains($0.kind) }
    #expect(e2e.map(\.name) == ["CosineCls", "RouterDC", "VLC", "ZOOTER"])
    #expect(e2e.allSatisfy { $0.seedCount == 1 && $0.values == Experiment.endToEndDefaultBudget })
    let plan = try e.plan(registry: .builtIn, context: PlanContext(
      fingerprint: "fp", split: "default", correctThreshold: 1, featureHashes: ["text": "t", "image": "i", "patches": "p"]))
    let vlc = plan.filter { $0.identity.router == "VLC" }
    #expect(vlc.count == 6 && Set(vlc.map(\.identity.seed)) == [1])
    #expect(vlc.allSatisfy { $0.identity.features == FeatureKey(sets: ["patches"]) })
    #expect(plan.filter { $0.identity.router == "MLP" }.count == 30)
  }

  /// Runs that read the prompt text carry the prompts' hash in their identity (the benchmark fingerprint holds token
  /// counts, not text): an edited prompt is a new run for them and changes no other router's key.
  @Test func promptTextIsInTheIdentityOfRunsThatReadIt() throws {
    let e = try load("default.yaml")
    func plan(_ prompts: [(key: String, prompt: String)]) throws -> [String: [String]] {
      let context = PlanContext(fingerprint: "fp", split: "default", correctThreshold: 1,
                                featureHashes: ["text": "t", "image": "i", "patches": "p"],
                                promptsSHA256: PlanContext.promptsFingerprint(prompts))
      return Dictionary(grouping: try e.plan(registry: .builtIn, context: context), by: \.identity.router)
        .mapValues { $0.map(\.key) }
    }
    let a = try plan([("d/1", "What is shown?"), ("d/2", "Count the cats.")])
    let b = try plan([("d/1", "What is shown?"), ("d/2", "Count the dogs.")])
    #expect(a["VLC"] != nil && a["VLC"] != b["VLC"] && a["RouterDC"] != b["RouterDC"])
    #expect(a["MLP"] == b["MLP"] && a["KNN"] == b["KNN"] && a["Oracle"] == b["Oracle"])
    #expect(PlanContext.promptsFingerprint([("a", "b\tc")]) != PlanContext.promptsFingerprint([("a\tb", "c")]))
    let vlc = try #require(try e.plan(registry: .builtIn, context: PlanContext(
      fingerprint: "fp", split: "default", correctThreshold: 1,
      featureHashes: ["text": "t", "image": "i", "patches": "p"], promptsSHA256: "h")).first { $0.identity.router == "VLC" })
    #expect(vlc.identity.textSHA256 == "h" && vlc.identity.canonicalJSON.contains("\"textSHA256\":\"h\""))
  }

  @Test func ablationFilesRunTables3And4() throws {
    let backbone = try load("ablate-backbone.yaml")
    #expect(backbone.lambdas == [.finite(100)] && backbone.seeds.count == 5)
    #expect(backbone.routers.map { $0.values["backbone"] } == ["text", "image", "single-stream", "dual-stream"].map { .string($0) })
    // The text row fine-tunes MiniLM's top layer; the others read the frozen tower.
    #expect(backbone.routers.map { $0.values["fine_tune_layers"] } == [.int(1), nil, nil, nil])
    let fusion = try load("ablate-fusion.yaml")
    #expect(fusion.routers.count == 7 && fusion.lambdas == [.finite(100)])
  }

  @Test func referenceCodeFileTrainsTheWayTheReferenceDoes() throws {
    let e = try load("reference-code.yaml")
    let registry = RouterRegistry.builtIn
    func made(_ name: String) throws -> String {
      let v = try #require(e.routers.first { $0.name == name })
      return try registry.entry(named: v.kind).make(v.values, name).configurationJSON
    }
    var linear = LinearRouter.Configuration()
    linear.training = TrainingConfiguration(.referenceLinear)
    #expect(try made("Linear-reference") == ConfigurationCoding.canonicalJSON(linear))
    var mlp = MLPRouter.Configuration()
    mlp.hidden = [2048, 1024]
    mlp.training = TrainingConfiguration(.referenceMLP)
    #expect(try made("MLP-reference") == ConfigurationCoding.canonicalJSON(mlp))
    #expect(e.routers.first { $0.name == "Linear-reference" }?.costScale == 1)
    // The decoded options are the Learning presets, field for field.
    let options = try TrainingConfiguration(.referenceLinear).options(router: "Linear")
    #expect(options == .referenceLinear)
    #expect(try TrainingConfiguration(.referenceMLP).options(router: "MLP") == .referenceMLP)
    #expect(try TrainingConfiguration(LinearRouter.defaultOptions).options(router: "Linear") == LinearRouter.defaultOptions)
  }
}
