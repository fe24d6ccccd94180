public import BenchCore
public import Learning

/// OVR — one-vs-rest correctness classifiers (VL-RouterBench §4.3 and App. G.1, after Rifkin & Klautau, JMLR 2004;
/// spec §4.4).
///
/// Fused features → z-score fitted on **all** training rows (as the reference), then rows with no correct model are
/// dropped. One binary logistic regression per model on "is model k correct", class-balanced sample weights, L2 with
/// C = 1 and an unpenalised intercept (scikit-learn's defaults), solved by lock-step L-BFGS to max|∇f| ≤ 10⁻⁵
/// (`LogisticRegression`). A model never correct in training scores 0; one always correct scores 1. Routes to the
/// highest P(correct); cost is ignored, λ is not used.
///
/// Decisions are not identical to the reference's scikit-learn models: on the full-scale synthetic benchmark with
/// identical inputs, 85 of 6,108 test decisions differ, all near-ties (docs/routers.md, "Speed").
public struct OVRRouter: Router {
  public static let name = "OVR"
  public static let family = RouterFamily.feature
  public static let needsFeatures = true
  public static let summary = "One balanced L2 logistic regression (C=1) per model on correctness; route to max P(correct)."

  public var options: LogisticRegression.Options
  public private(set) var standardizer: Standardizer?
  private var solution: LogisticRegression.Solution?
  /// Per model: index into the solution's problems, or a constant score (0 never correct, 1 always correct).
  private var plan: [Either] = []
  public private(set) var convergence: (iterations: [Int], gradientNorms: [Double], converged: [Bool])?

  enum Either: Sendable, Hashable {
    case problem(Int)
    case constant(Float)
  }

  public struct Configuration: RouterConfiguration {
    /// Inverse L2 strength (scikit-learn's C).
    public var c = 1.0
    /// scikit-learn's `class_weight="balanced"`.
    public var balanced = true
    /// L-BFGS stops when max |∇f| ≤ this.
    public var gtol = 1e-5
    public var maxIter = 1000
    /// L-BFGS history length.
    public var memory = 10
    enum CodingKeys: String, CodingKey {
      case c = "C", balanced, gtol, maxIter = "max_iter", memory
    }
    public init() {}
  }

  public init(configuration c: Configuration) throws(RouterError) {
    guard c.c > 0, c.gtol > 0, c.maxIter >= 1, c.memory >= 1 else {
      throw .invalidHyperparameter(router: Self.name, message: "C and gtol must be > 0, max_iter and memory ≥ 1")
    }
    self.init(options: .init(c: c.c, balanced: c.balanced, gradientTolerance: c.gtol, maxIterations: c.maxIter,
                             memory: c.memory))
  }

  public init(options: LogisticRegression.Options = .init()) { self.options = options }

  public mutating func fit(_ data: TrainingData, objective: Objective, using rng: inout SplitMix64) throws {
    guard options.c > 0 else { throw RouterError.invalidHyperparameter(router: Self.name, message: "C must be > 0") }
    let features = try data.requireFeatures(Self.name)
    guard !data.trainRows.isEmpty else {
      throw RouterError.noTrainingSignal(router: Self.name, message: "empty training split")
    }
    let scaler = Standardizer(fitting: features, rows: data.trainRows)
    let rows = try data.rowsWithACorrectModel(Self.name)
    let b = data.benchmark
    let x = scaler.transform(features, rows: rows)
    var labels = Matrix<Float>(rows: rows.count, columns: b.modelCount, repeating: 0)
    var positives = [Int](repeating: 0, count: b.modelCount)
    for (r, i) in rows.enumerated() {
      for m in 0..<b.modelCount where b.isCorrect(i, m) {
        labels[r, m] = 1
        positives[m] += 1
      }
    }
    var columns: [Int] = []
    plan = (0..<b.modelCount).map { m in
      if positives[m] == 0 { return .constant(0) }
      if positives[m] == rows.count { return .constant(1) }
      columns.append(m)
      return .problem(columns.count - 1)
    }
    let solved = columns.isEmpty ? nil : LogisticRegression.fit(x, labels: labels, columns: columns, options: options)
    if let solved, let bad = solved.converged.firstIndex(of: false) {
      throw RouterError.noTrainingSignal(
        router: Self.name,
        message: "logistic regression for model \(b.models[columns[bad]].name) did not converge "
          + "(max|∇f| = \(solved.gradientNorms[bad]) after \(solved.iterations[bad]) iterations)")
    }
    solution = solved
    convergence = solved.map { ($0.iterations, $0.gradientNorms, $0.converged) } ?? ([], [], [])
    standardizer = scaler
  }

  public func scores(for inputs: RoutingInputs) throws -> Matrix<Float> {
    guard let standardizer, !plan.isEmpty else { throw RouterError.notFitted(Self.name) }
    let x = standardizer.transform(try inputs.requireFeatures(Self.name, width: standardizer.dimension),
                                   rows: inputs.rows)
    let p = solution?.probabilities(x)
    var out = Matrix<Float>(rows: inputs.rows.count, columns: plan.count, repeating: 0)
    for r in 0..<inputs.rows.count {
      for (m, how) in plan.enumerated() {
        switch how {
        case .constant(let v): out[r, m] = v
        case .problem(let c): out[r, m] = p?[r, c] ?? 0
        }
      }
    }
    return out
  }

  public var fitReport: [String: String] {
    var c: [String: String] = [:]
    if let convergence { c["iterations"] = convergence.iterations.map(String.init).joined(separator: ",") }
    if let solution { c["evaluation_rounds"] = "\(solution.evaluationRounds)/\(solution.problemEvaluations)" }
    return c
  }
}
