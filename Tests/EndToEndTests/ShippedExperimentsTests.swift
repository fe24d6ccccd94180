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
