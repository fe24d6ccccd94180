import BenchCore
import Foundation
import BenchStore
import Routers
import Testing

@testable import Sweep

/// A run's identity holds everything that can change its outcome (wrong answer 1 of the trust issue: a changed
/// hyperparameter or external file used to be "already stored").
@Suite struct RunIdentityTests {
  func keys(_ e: Experiment, context: PlanContext = smallContext) throws -> [String] {
    try e.plan(registry: .builtIn, context: context).map(\.key)
  }

  func knn(_ values: [String: ConfigValue] = [:], name: String = "KNN") -> Experiment {
    Experiment(name: "t", routers: [RouterVariant(name: name, kind: "KNN", values: values)], seeds: [1])
  }

  @Test func aChangedHyperparameterIsANewRun() throws {
    let base = try keys(knn())
    #expect(try keys(knn()) == base, "the same experiment plans the same identities")
    #expect(try keys(knn(["k": .int(5)])) == base, "spelling out a default changes nothing")
    #expect(try keys(knn(["k": .int(7)])) != base)
  }

  @Test func everyPartOfTheObjectiveAndDataIsInTheIdentity() throws {
    let e = Experiment(name: "t", routers: try Experiment.variants("MLP", registry: .builtIn), lambdas: [.finite(10)], seeds: [1])
    let base = try keys(e)
    var scaled = e
    scaled.costScale = 1
    var threshold = e
    threshold.correctThreshold = 0.5
    var features = e
    features.features = try FeatureKey(parsing: "text+image", fusion: "concat")
    var data = smallContext
    data.fingerprint = "other data"
    var split = smallContext
    split.split = "paper"
    var featureContent = smallContext
    featureContent.featureHashes["image"] = "re-imported"
    let variants = [try keys(scaled), try keys(threshold), try keys(features), try keys(e, context: data),
                    try keys(e, context: split), try keys(e, context: featureContent)]
    for (i, k) in variants.enumerated() { #expect(k != base, "variant \(i) kept the identity") }
    #expect(Set(variants.flatMap { $0 }).count == variants.count)
  }

  @Test func externalFileHashIsInTheIdentity() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-ext-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("scores.csv").path
    try "sample_id,model\nD0/0,m0\n".write(toFile: file, atomically: true, encoding: .utf8)
    let e = Experiment(name: "t", routers: [], seeds: [1], external: [ExternalScores(name: "Mine", path: file)])
    func key() throws -> String {
      let registry = try e.registry(.builtIn) { path in
        SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
      }
      return try e.plan(registry: registry, context: smallContext)[0].key
    }
    let before = try key()
    try "sample_id,model\nD0/0,m1\n".write(toFile: file, atomically: true, encoding: .utf8)
    #expect(try key() != before, "a rewritten external file must be a new run")
  }

  @Test func anExternalThresholdFileRunsOncePerOperatingPoint() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-ext-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("routellm.csv").path
    try ",sample_id,threshold,model\n0,D0/0,0.25,m0\n1,D0/0,0.75,m1\n2,D0/0,0.5,m1\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    // The experiment's own grid does not apply: the file's thresholds are the runs' λ, ascending; one seed.
    let e = Experiment(name: "t", routers: [], lambdas: [.finite(0), .infinity], seeds: [1, 2],
                       external: [ExternalScores(name: "RouteLLM", path: file)])
    let registry = try e.registry(.builtIn) { _ in "hash" }
    let specs = try e.plan(registry: registry, context: smallContext)
    #expect(specs.map(\.identity.lambda) == [.finite(0.25), .finite(0.5), .finite(0.75)])
    #expect(specs.allSatisfy { $0.identity.seed == 1 && $0.family == .external })
    #expect(Set(specs.map(\.key)).count == 3)
  }

  @Test func variantNameAndKindAreSeparate() throws {
    let spec = try knn(["k": .int(9)], name: "KNN-wide").plan(registry: .builtIn, context: smallContext)[0]
    #expect(spec.identity.router == "KNN" && spec.identity.variant == "KNN-wide")
    #expect(spec.identity.configuration == #"{"k":9}"#)
    // The generator does not depend on the variant's name.
    let plain = try knn().plan(registry: .builtIn, context: smallContext)[0]
    #expect(spec.generatorKey == plain.generatorKey)
  }

  @Test func identityJSONIsCanonical() throws {
    let spec = try knn().plan(registry: .builtIn, context: smallContext)[0]
    let json = spec.identity.canonicalJSON
    #expect(json.hasPrefix(#"{"benchmark":"fp-small","configuration":"{\"k\":5}","correctThreshold":1,"#))
    #expect(json.contains(#""lambda":"-""#) && json.contains(#""revision":1"#))
    #expect(spec.key.count == 64 && spec.key == SHA256.hex(Array(json.utf8)))
  }
}

/// Routed inputs carry no labels; the training data carries none for the test rows (wrong answer 4).
@Suite struct LeakageTests {
  /// Records what it could see of the test rows when it was fit.
  struct Spy: PlainRouter {
    static let name = "Spy"
    static let family = RouterFamily.baseline
    static let summary = "test"
    var sawTestLabel = true
    var sawTrainLabel = false
    init() {}
    mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
      let b = data.benchmark
      let test = try b.rows(of: .test)
      sawTestLabel = test.contains { i in (0..<b.modelCount).contains { !b.quality[i, $0].isNaN || !b.cost[i, $0].isNaN } }
      sawTrainLabel = data.trainRows.allSatisfy { i in !b.quality[i, 0].isNaN && !b.cost[i, 0].isNaN }
    }
    func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
      guard !sawTestLabel, sawTrainLabel else { throw RouterError.invalidInput(router: Self.name, message: "saw test labels") }
      return Matrix(rows: inputs.rows.count, columns: inputs.samples.modelCount, repeating: 0)
    }
  }

  @Test func routersAreFitWithoutTestLabels() throws {
    let entry = RouterRegistry.Entry(Spy.self)
    let spec = try Experiment(name: "t", routers: [RouterVariant(name: "Spy", kind: "Spy")], seeds: [1])
      .plan(registry: RouterRegistry([entry]), context: smallContext)[0]
    let o = try execute(spec, entry: entry, benchmark: smallBenchmark(), features: nil)
    #expect(o.decisions[.test]?.rows.count == smallBenchmark().splits[.test]?.count)
  }

  @Test func theOracleRoutesOnlyThroughItsPrivilegedPath() throws {
    let b = smallBenchmark()
    let rows = b.splits[.test]!
    let inputs = RoutingInputs(benchmark: b, rows: rows)
    #expect(throws: RouterError.self) { _ = try OracleRouter().route(inputs) }
    let chosen = try OracleRouter().route(inputs, labels: RoutedLabels(benchmark: b, rows: rows))
    for (r, i) in rows.enumerated() where (0..<b.modelCount).contains(where: { b.isCorrect(i, $0) }) {
      #expect(b.isCorrect(i, chosen[r]))
    }
    #expect(RouterRegistry.builtIn.entries.filter(\.isUpperBound).map(\.name) == ["Oracle"])
  }
}

/// Experiments as data: YAML files with typed, strictly checked hyperparameters.
@Suite struct ExperimentFileTests {
  func parse(_ yaml: String) throws -> Experiment {
    try Experiment.parse(yaml, source: "exp.yaml", registry: .builtIn)
  }

  func message(_ yaml: String) -> String {
    do {
      _ = try parse(yaml)
      return "no error"
    } catch { return "\(error)" }
  }

  @Test func readsVariantsGridSeedsAndFeatures() throws {
    let e = try parse("""
      experiment: paper
      routers:
        baselines:
        MLP-paper: {router: MLP, hidden: [2048, 1024], learning_rate: 0.001}
        KNN: {k: 10}
        MLP-gmu: {router: MLP, fusion: gmu}
      lambdas: [0, 10, inf]
      seeds: 3
      cost_scale: 100
      """)
    #expect(e.name == "paper")
    #expect(e.routers.map(\.name) == ["Oracle", "Strongest", "Cheapest", "StrongestPerDataset", "Random",
                                      "BestValuePerDataset", "MLP-paper", "KNN", "MLP-gmu"])
    let paper = try #require(e.routers.first { $0.name == "MLP-paper" })
    #expect(paper.kind == "MLP" && paper.values["hidden"] == .array([.int(2048), .int(1024)]))
    #expect(e.routers.first { $0.name == "MLP-gmu" }?.features == FeatureKey(sets: ["text", "image"], fusion: .gmu))
    #expect(e.lambdas == [.finite(0), .finite(10), .infinity] && e.seeds == [1, 2, 3])
    let spec = try #require(try e.plan(registry: .builtIn, context: smallContext).first { $0.identity.variant == "MLP-paper" })
    #expect(spec.identity.configuration.contains(#""hidden":[2048,1024]"#))
  }

  @Test func unknownKeysNameTheFileTheKeyAndTheValidKeys() {
    let top = message("experiment: x\nrouters: [KNN]\nlamdas: [0]\n")
    #expect(top.contains("exp.yaml:3") && top.contains("unknown key 'lamdas'") && top.contains("valid keys: experiment, routers, lambdas"))
    let hyper = message("experiment: x\nrouters:\n  KNN: {kk: 3}\n")
    #expect(hyper.contains("exp.yaml") && hyper.contains("unknown key 'kk'") && hyper.contains("valid keys: k"), "\(hyper)")
    let mlp = message("experiment: x\nrouters:\n  MLP: {hiden: [3]}\n")
    #expect(mlp.contains("valid keys: activation, batch_size, early_stopping, full_batch, fusion_width, hidden, l2_penalty, learning_rate"), "\(mlp)")
  }

  @Test func badValuesAreErrorsBeforeAnyWork() {
    #expect(message("experiment: x\nrouters:\n  KNN: {k: many}\n").contains("key 'k': expected an integer"))
    #expect(message("experiment: x\nrouters:\n  KNN: {k: 0}\n").contains("k must be ≥ 1"))
    #expect(message("experiment: x\nrouters:\n  MLP: {activation: sigmoid}\n").contains("activation must be relu or tanh"))
    #expect(message("experiment: x\nrouters:\n  Mine: {router: Nope}\n").contains("unknown router kind 'Nope'"))
    #expect(message("experiment: x\nrouters: [KNN]\nlambdas: [0, -1]\n").contains("'-1' is not a number ≥ 0 or inf"))
    #expect(message("routers: [KNN]\n").contains("'experiment: NAME' is required"))
    #expect(message("experiment: x\nrouters:\n  Oracle: {k: 3}\n").contains("Oracle has no hyperparameters"))
  }

  @Test func lambdaSortsNumericallyAndRoundTripsWithoutLabels() throws {
    let ls = ["inf", "10", "5", "100", "0.5", "-"].compactMap { Lambda(parsing: $0) }
    #expect(ls.sorted().map(\.label) == ["-", "0.5", "5", "10", "100", "inf"])
    let data = try JSONEncoder().encode(ls)
    #expect(try JSONDecoder().decode([Lambda].self, from: data) == ls)
    #expect(Lambda(parsing: "0x10") == nil && Lambda(parsing: "-1") == nil && Lambda(parsing: "nan") == nil)
  }
}
