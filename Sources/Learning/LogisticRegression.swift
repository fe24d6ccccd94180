public import BenchCore
internal import Foundation

/// Independent binary L2-regularised logistic regressions sharing one design matrix, solved together with
/// L-BFGS (scikit-learn's `LogisticRegression(penalty='l2', C, solver='lbfgs', class_weight='balanced')`).
///
/// For label column c with sample weights s_i (balanced: n / (2·n_class(y_i))), S = Σ s_i, the objective is
/// scikit-learn's scaled form
///
///     f(w, b) = (1/S)·Σ_i s_i·[log(1 + e^{z_i}) − y_i·z_i] + ‖w‖² / (2·C·S),   z = X·w + b,
///
/// with the intercept b not penalised. All active problems take their L-BFGS steps in lock-step, so each function
/// evaluation is two `cblas_sgemm` calls (X·W and Xᵀ·R) over only the columns that still need one. Iterates,
/// curvature pairs and losses are kept in `Double`.
public enum LogisticRegression {
  public struct Options: Sendable, Hashable, Codable {
    /// Inverse regularisation strength (scikit-learn's C).
    public var c: Double
    public var balanced: Bool
    /// Converged when max |∇f| ≤ this.
    public var gradientTolerance: Double
    /// When the line search can make no more progress (float round-off), the solve still counts as converged if
    /// max |∇f| ≤ this (scikit-learn's default `tol`).
    public var acceptTolerance: Double
    public var maxIterations: Int
    /// L-BFGS history length (scipy's default 10).
    public var memory: Int

    public init(c: Double = 1, balanced: Bool = true, gradientTolerance: Double = 1e-5,
                acceptTolerance: Double = 1e-4, maxIterations: Int = 1000, memory: Int = 10) {
      self.c = c
      self.balanced = balanced
      self.gradientTolerance = gradientTolerance
      self.acceptTolerance = acceptTolerance
      self.maxIterations = maxIterations
      self.memory = memory
    }
  }

  /// The fitted problems, in the order of the `columns` asked for.
  public struct Solution: Sendable, Hashable {
    /// `d × m` weights (column c = problem c).
    public var weights: Matrix<Float>
    public var bias: [Float]
    public var iterations: [Int]
    /// Final max |∇f| per problem.
    public var gradientNorms: [Double]
    public var objectives: [Double]
    public var converged: [Bool]
    /// Batched function evaluations (each = two `sgemm` over the columns still pending).
    public var evaluationRounds: Int
    /// Problem-evaluations in total (Σ over rounds of the columns evaluated).
    public var problemEvaluations: Int

    /// P(y = 1 | x) for every row of `x` and every problem (`rows × m`).
    public func probabilities(_ x: Matrix<Float>) -> Matrix<Float> {
      var z = BLAS.matmul(x, weights)
      let m = weights.columns
      for r in 0..<z.rows { for c in 0..<m { z[r, c] = sigmoid(z[r, c] + bias[c]) } }
      return z
    }
  }

  /// Fits one binary problem per requested column of `labels` (values 0/1). Each column must contain both classes.
  public static func fit(_ x: Matrix<Float>, labels: Matrix<Float>, columns: [Int],
                         options: Options = Options()) -> Solution {
    precondition(x.rows == labels.rows, "logistic regression: \(x.rows) rows, \(labels.rows) labels")
    let n = x.rows, d = x.columns, m = columns.count, p = d + 1
    // Per-problem weight of a positive and of a negative sample.
    var posWeight = [Double](repeating: 1, count: m), negWeight = posWeight, total = posWeight
    for (c, col) in columns.enumerated() {
      var pos = 0
      for i in 0..<n where labels[i, col] > 0.5 { pos += 1 }
      precondition(pos > 0 && pos < n, "logistic regression: column \(col) has a single class")
      if options.balanced {
        posWeight[c] = Double(n) / (2 * Double(pos))
        negWeight[c] = Double(n) / (2 * Double(n - pos))
      }
      total[c] = posWeight[c] * Double(pos) + negWeight[c] * Double(n - pos)
    }

    /// f and ∇f of the problems `which` at the points `points` (parallel arrays).
    var rounds = 0, problemEvaluations = 0
    func evaluate(_ which: [Int], _ points: [[Double]]) -> [(f: Double, g: [Double])] {
      let q = which.count
      rounds += 1
      problemEvaluations += q
      var w = Matrix<Float>(rows: d, columns: q, repeating: 0)
      for (t, point) in points.enumerated() { for j in 0..<d { w[j, t] = Float(point[j]) } }
      var z = BLAS.matmul(x, w)
      var f = [Double](repeating: 0, count: q)
      var gb = [Double](repeating: 0, count: q)
      labels.values.withUnsafeBufferPointer { yv in
        z.values.withUnsafeMutableBufferPointer { zv in
          for i in 0..<n {
            for t in 0..<q {
              let c = which[t], col = columns[c]
              let zi = Double(zv[i * q + t]) + points[t][d]
              let y = Double(yv[i * labels.columns + col])
              let s = y > 0.5 ? posWeight[c] : negWeight[c]
              let softplus = Swift.max(zi, 0) + log1p(exp(-abs(zi)))
              f[t] += s * (softplus - y * zi)
              let prob = zi >= 0 ? 1 / (1 + exp(-zi)) : exp(zi) / (1 + exp(zi))
              let r = s * (prob - y)
              gb[t] += r
              zv[i * q + t] = Float(r)
            }
          }
        }
      }
      let g = BLAS.matmul(x, transposeA: true, z)
      return (0..<q).map { t in
        let c = which[t]
        let sTotal = total[c]
        var grad = [Double](repeating: 0, count: p)
        var reg = 0.0
        for j in 0..<d {
          let wj = points[t][j]
          reg += wj * wj
          grad[j] = Double(g[j, t]) / sTotal + wj / (options.c * sTotal)
        }
        grad[d] = gb[t] / sTotal
        return (f[t] / sTotal + reg / (2 * options.c * sTotal), grad)
      }
    }

    struct State {
      var x: [Double]
      var f: Double
      var g: [Double]
      var s: [[Double]] = []
      var y: [[Double]] = []
      var iterations = 0
      var done = false
      var converged = false
    }
    let initial = evaluate(Array(0..<m), Array(repeating: [Double](repeating: 0, count: p), count: m))
    var states = initial.map { State(x: [Double](repeating: 0, count: p), f: $0.f, g: $0.g) }
    func maxAbs(_ v: [Double]) -> Double { v.reduce(0) { Swift.max($0, abs($1)) } }
    func dot(_ a: [Double], _ b: [Double]) -> Double {
      var s = 0.0
      for j in a.indices { s += a[j] * b[j] }
      return s
    }
    for c in 0..<m where maxAbs(states[c].g) <= options.gradientTolerance {
      states[c].done = true
      states[c].converged = true
    }

    while true {
      let active = (0..<m).filter { !states[$0].done }
      if active.isEmpty { break }
      // Two-loop recursion for each active problem's direction.
      var directions: [[Double]] = []
      var steps: [Double] = []
      var slopes: [Double] = []
      for c in active {
        let st = states[c]
        var qv = st.g
        var alphas = [Double](repeating: 0, count: st.s.count)
        for h in stride(from: st.s.count - 1, through: 0, by: -1) {
          let rho = 1 / dot(st.y[h], st.s[h])
          alphas[h] = rho * dot(st.s[h], qv)
          for j in 0..<p { qv[j] -= alphas[h] * st.y[h][j] }
        }
        if let sl = st.s.last, let yl = st.y.last {
          let gamma = dot(sl, yl) / dot(yl, yl)
          for j in 0..<p { qv[j] *= gamma }
        }
        for h in 0..<st.s.count {
          let rho = 1 / dot(st.y[h], st.s[h])
          let beta = rho * dot(st.y[h], qv)
          for j in 0..<p { qv[j] += st.s[h][j] * (alphas[h] - beta) }
        }
        var dir = qv.map { -$0 }
        var slope = dot(st.g, dir)
        if !(slope < 0) {  // not a descent direction (should not happen on a convex problem): steepest descent
          dir = st.g.map { -$0 }
          slope = dot(st.g, dir)
        }
        directions.append(dir)
        slopes.append(slope)
        steps.append(st.s.isEmpty ? Swift.min(1, 1 / Swift.max(maxAbs(st.g) * Double(p).squareRoot(), 1e-12)) : 1)
      }
      // Backtracking (Armijo, c₁ = 1e-4) in lock-step: only problems whose trial failed are evaluated again.
      var pending = Array(active.indices)
      var accepted = [(f: Double, g: [Double], x: [Double])?](repeating: nil, count: active.count)
      var tries = 0
      while !pending.isEmpty && tries < 50 {
        let trial = pending.map { a -> [Double] in
          let st = states[active[a]]
          return (0..<p).map { st.x[$0] + steps[a] * directions[a][$0] }
        }
        let results = evaluate(pending.map { active[$0] }, trial)
        var still: [Int] = []
        for (t, a) in pending.enumerated() {
          let st = states[active[a]]
          // Armijo, or — once f differences drown in float32 round-off of X·w — Hager & Zhang's approximate
          // Wolfe test, which trusts the (accurate) directional derivative instead: φ'(α) ≤ (2δ−1)·φ'(0) with
          // δ = 0.1 and φ(α) ≤ φ(0) + 10⁻⁶·|φ(0)|.
          let armijo = results[t].f <= st.f + 1e-4 * steps[a] * slopes[a]
          let approximateWolfe = dot(results[t].g, directions[a]) <= -0.8 * slopes[a]
            && results[t].f <= st.f + 1e-6 * abs(st.f)
          if armijo || approximateWolfe {
            accepted[a] = (results[t].f, results[t].g, trial[t])
          } else {
            steps[a] *= 0.5
            still.append(a)
          }
        }
        pending = still
        tries += 1
      }
      for (a, c) in active.enumerated() {
        guard let acc = accepted[a] else {
          states[c].done = true
          states[c].converged = maxAbs(states[c].g) <= options.acceptTolerance
          continue
        }
        let sVec = (0..<p).map { acc.x[$0] - states[c].x[$0] }
        let yVec = (0..<p).map { acc.g[$0] - states[c].g[$0] }
        if dot(sVec, yVec) > 1e-12 * dot(yVec, yVec) {
          states[c].s.append(sVec)
          states[c].y.append(yVec)
          if states[c].s.count > options.memory {
            states[c].s.removeFirst()
            states[c].y.removeFirst()
          }
        }
        states[c].x = acc.x
        states[c].f = acc.f
        states[c].g = acc.g
        states[c].iterations += 1
        if maxAbs(acc.g) <= options.gradientTolerance {
          states[c].done = true
          states[c].converged = true
        } else if states[c].iterations >= options.maxIterations {
          states[c].done = true
          states[c].converged = maxAbs(acc.g) <= options.acceptTolerance
        }
      }
    }

    var weights = Matrix<Float>(rows: d, columns: m, repeating: 0)
    for c in 0..<m { for j in 0..<d { weights[j, c] = Float(states[c].x[j]) } }
    return Solution(weights: weights, bias: states.map { Float($0.x[d]) }, iterations: states.map(\.iterations),
                    gradientNorms: states.map { maxAbs($0.g) }, objectives: states.map(\.f),
                    converged: states.map(\.converged), evaluationRounds: rounds,
                    problemEvaluations: problemEvaluations)
  }
}
