/// Solves a bounded nonlinear least-squares problem with the Trust Region Reflective method
/// (Branch, Coleman & Li 1999), following the variant of scipy's `least_squares(method='trf')` with
/// the exact (SVD) trust-region solver and `x_scale = 1`.
///
/// ## Algorithm
/// The starting point is first made strictly feasible (`makeStrictlyFeasible`, relative step 1e-10).
/// At every iterate `x` with residuals `f`, Jacobian `J` and gradient `g = Jᵀf`:
///
/// 1. **Coleman–Li scaling.** `v_i` is the distance to the bound that the negative gradient points at
///    (`1` if that bound is infinite), `dv_i ∈ {−1, 0, 1}` its derivative, `D = diag(v^{1/2})`.
/// 2. **Scaled problem.** In the variables `x = x_k + D·h` the model is
///    `q(h) = ½ hᵀ(Ĵᵀ Ĵ + C)h + ĝᵀh` with `Ĵ = J·D`, `ĝ = D·g` and `C = diag(g ∘ dv) ≥ 0`.
/// 3. **Trust-region subproblem** `min q(h)`, `‖h‖ ≤ Δ`, is solved exactly from one LAPACK `dgesvd_`
///    SVD of the augmented matrix `[Ĵ; C^{1/2}]` (`(m+n)×n`), with Moré's secular-equation iteration for
///    the Levenberg–Marquardt parameter (see `solveTrustRegionSubproblem`).
/// 4. **Reflective step selection.** If `x + D·h` leaves the box, three candidates are compared by
///    their predicted reduction `−q`: the step cut at the first bound it crosses and then scaled back
///    by `θ = max(0.995, 1 − ‖v ∘ g‖∞)` to stay strictly interior; the *reflected* step, which
///    continues from the bound along `h` with the hit components' signs flipped, minimized along that
///    ray between `(1−θ)·(cut)/(ray length)` and `θ·(distance to the next bound)` or the trust-region
///    boundary; and the constrained Cauchy step `−t·ĝ` minimized over `[0, min(Δ/‖ĝ‖, θ·(to bound))]`.
///    The new point is nudged off any bound by one ulp.
/// 5. **Radius update** with `ρ = actual / predicted reduction`: `Δ ← ¼‖h‖` if `ρ < 0.25`,
///    `Δ ← 2Δ` if `ρ > 0.75` and `‖h‖ > 0.95Δ`. A step with no actual reduction is rejected and the
///    subproblem is re-solved with the smaller radius (the LM parameter is rescaled by `Δ_old/Δ_new`);
///    a trial point with non-finite residuals shrinks `Δ` to `¼‖h‖`.
///
/// ## Stopping rule
/// The solver stops with the first of these (scipy's status codes in brackets):
/// * **gtol** [1] — at the start of an iteration, `‖v ∘ g‖∞ < gtol`;
/// * **ftol** [2] — after a trial step, `dF < ftol·F` *and* `ρ > 0.25`, where `F` is the current cost
///   and `dF = F − F_new` its actual reduction;
/// * **xtol** [3] — after a trial step, `‖dx‖ < xtol·(xtol + ‖x‖)`;
/// * **ftol and xtol** [4] — both of the above on the same trial step;
/// * **maxEvaluations** [0] — `maxEvaluations` residual evaluations (default `100·n`) were used up.
///
/// A step that satisfied ftol/xtol is still accepted if it reduced the cost; a gtol test at the new
/// point then takes precedence. Defaults are `ftol = xtol = gtol = 1e-8`.
///
/// - Throws: `CurveFitError` for an invalid problem or options, residuals of inconsistent length or
///   non-finite at the starting point, a malformed or non-finite Jacobian, or an SVD failure.
public func solveTRF(_ problem: LeastSquaresProblem, options: TRFOptions = TRFOptions()) throws(CurveFitError)
  -> LeastSquaresResult
{
  try problem.validate()
  try options.validate()
  let n = problem.parameterCount
  let lower = problem.lowerBounds, upper = problem.upperBounds
  let maxEvaluations = options.maxEvaluations ?? 100 * n

  var x = makeStrictlyFeasible(problem.initialGuess, lower: lower, upper: upper, rstep: 1e-10)
  var f = problem.residuals(x)
  var nfev = 1
  let m = f.count
  guard m >= 1 else { throw .invalidResiduals(count: 0, expected: nil, nonFinite: false, at: x) }
  guard allFinite(f) else { throw .invalidResiduals(count: m, expected: m, nonFinite: true, at: x) }

  let jacobian = JacobianEvaluator(problem: problem, m: m, n: n, relativeStep: options.finiteDifferenceStep)
  var jac = try jacobian.evaluate(at: x, residuals: f)
  var njev = 1
  var cost = 0.5 * dot(f, f)
  var g = [Double](repeating: 0, count: n)
  gradient(jac, f, m: m, n: n, into: &g)

  // Reused buffers.
  var v = [Double](repeating: 1, count: n)
  var dv = [Double](repeating: 0, count: n)
  var d = [Double](repeating: 1, count: n)
  var diagH = [Double](repeating: 0, count: n)
  var gH = [Double](repeating: 0, count: n)
  var uf = [Double](repeating: 0, count: n)
  var jacH = [Double](repeating: 0, count: m * n)
  var svd = try AugmentedSVD(rows: m + n, cols: n)

  colemanLiScaling(x: x, g: g, lower: lower, upper: upper, v: &v, dv: &dv)
  var radius = 0.0
  do {
    var scaled = x
    for j in 0..<n { scaled[j] = x[j] / v[j].squareRoot() }
    radius = norm2(scaled)
    if radius == 0 || !radius.isFinite { radius = 1 }
  }

  var alpha = 0.0  // Levenberg–Marquardt parameter, carried between subproblems.
  var status: TRFStatus?
  var iteration = 0
  var optimality = 0.0
  var log: [TRFIterationRecord]? = options.recordIterations ? [] : nil

  while true {
    colemanLiScaling(x: x, g: g, lower: lower, upper: upper, v: &v, dv: &dv)
    optimality = 0
    for j in 0..<n { optimality = max(optimality, abs(g[j] * v[j])) }
    if optimality < options.gtol { status = .gtolSatisfied }
    log?.append(TRFIterationRecord(iteration: iteration, functionEvaluations: nfev, x: x, cost: cost,
                                   optimality: optimality, trustRadius: radius))
    if status != nil || nfev >= maxEvaluations { break }

    // Scaled ("hat") quantities and the augmented matrix [Ĵ; C^{1/2}] in column-major order.
    let rows = m + n
    for j in 0..<n {
      d[j] = v[j].squareRoot()
      diagH[j] = g[j] * dv[j]
      gH[j] = d[j] * g[j]
      for i in 0..<m {
        let value = jac[i * n + j] * d[j]
        jacH[i * n + j] = value
        svd.a[i + j * rows] = value
      }
      for k in 0..<n { svd.a[m + k + j * rows] = k == j ? diagH[j].squareRoot() : 0 }
    }
    try svd.factor()
    for k in 0..<n {
      var sum = 0.0
      for i in 0..<m { sum += svd.u[i + k * rows] * f[i] }
      uf[k] = sum
    }
    let theta = max(0.995, 1 - optimality)

    var actualReduction = -1.0
    var xNew = x, fNew = f, costNew = cost
    while actualReduction <= 0 && nfev < maxEvaluations {
      let sub = solveTrustRegionSubproblem(uf: uf, s: svd.s, vt: svd.vt, n: n, m: m, radius: radius,
                                           initialAlpha: alpha)
      alpha = sub.alpha
      let choice = selectStep(x: x, jacH: jacH, m: m, n: n, diagH: diagH, gH: gH, pH: sub.p, d: d,
                              radius: radius, lower: lower, upper: upper, theta: theta)
      var trial = x
      for j in 0..<n { trial[j] += choice.step[j] }
      xNew = makeStrictlyFeasible(trial, lower: lower, upper: upper, rstep: 0)
      fNew = problem.residuals(xNew)
      nfev += 1
      guard fNew.count == m else { throw .invalidResiduals(count: fNew.count, expected: m, nonFinite: false, at: xNew) }
      let stepHNorm = norm2(choice.stepH)
      if !allFinite(fNew) {
        radius = 0.25 * stepHNorm
        continue
      }
      costNew = 0.5 * dot(fNew, fNew)
      actualReduction = cost - costNew
      let predicted = choice.predictedReduction
      let ratio: Double
      if predicted > 0 {
        ratio = actualReduction / predicted
      } else if predicted == 0 && actualReduction == 0 {
        ratio = 1
      } else {
        ratio = 0
      }
      var newRadius = radius
      if ratio < 0.25 {
        newRadius = 0.25 * stepHNorm
      } else if ratio > 0.75 && stepHNorm > 0.95 * radius {
        newRadius = 2 * radius
      }

      let ftolMet = actualReduction < options.ftol * cost && ratio > 0.25
      let xtolMet = norm2(choice.step) < options.xtol * (options.xtol + norm2(x))
      if ftolMet || xtolMet {
        status = ftolMet && xtolMet ? .ftolAndXtolSatisfied : (ftolMet ? .ftolSatisfied : .xtolSatisfied)
        break
      }
      alpha *= radius / newRadius
      radius = newRadius
    }

    if actualReduction > 0 {
      x = xNew
      f = fNew
      cost = costNew
      jac = try jacobian.evaluate(at: x, residuals: f)
      njev += 1
      gradient(jac, f, m: m, n: n, into: &g)
    }
    iteration += 1
  }

  return LeastSquaresResult(
    x: x, cost: cost, residuals: f, jacobian: jac, residualCount: m, iterations: iteration,
    functionEvaluations: nfev, jacobianEvaluations: njev, status: status ?? .maxEvaluations,
    optimality: optimality, iterationLog: log)
}

/// Picks the step of the Trust Region Reflective method (see `solveTRF`, step 4). `pH` is the
/// trust-region solution in the scaled variables; the returned `step` is in the original ones.
func selectStep(x: [Double], jacH: [Double], m: Int, n: Int, diagH: [Double], gH: [Double], pH: [Double],
                d: [Double], radius: Double, lower: [Double], upper: [Double], theta: Double)
  -> (step: [Double], stepH: [Double], predictedReduction: Double)
{
  var pH = pH
  var p = pH
  for j in 0..<n { p[j] *= d[j] }
  var xp = x
  for j in 0..<n { xp[j] += p[j] }
  if inBounds(xp, lower: lower, upper: upper) {
    let value = evaluateQuadratic(jacH, m: m, n: n, g: gH, s: pH, diag: diagH)
    return (p, pH, -value)
  }

  // Cut the step at the first bound it crosses; reflect the components that hit it.
  let pStride = stepSizeToBound(x, p, lower: lower, upper: upper)
  var rH = pH
  for j in 0..<n where componentStepToBound(x[j], p[j], lower[j], upper[j]) == pStride { rH[j] = -rH[j] }
  var r = rH
  for j in 0..<n { r[j] *= d[j] }
  for j in 0..<n {
    p[j] *= pStride
    pH[j] *= pStride
  }
  var xOnBound = x
  for j in 0..<n { xOnBound[j] += p[j] }

  // The reflected ray leaves either the box or the trust region first.
  let toTrustRegion = intersectTrustRegion(pH, rH, radius: radius).positive
  let toBound = stepSizeToBound(xOnBound, r, lower: lower, upper: upper)
  let rStride = min(toBound, toTrustRegion)
  var strideLow = 0.0, strideHigh = -1.0
  if rStride > 0 {
    strideLow = (1 - theta) * pStride / rStride
    strideHigh = rStride == toBound ? theta * toBound : toTrustRegion
  }
  var reflectedValue = Double.infinity
  if strideLow <= strideHigh {
    let q = quadraticAlongLine(jacH, m: m, n: n, g: gH, s: rH, diag: diagH, s0: pH)
    let best = minimizeQuadratic1D(a: q.a, b: q.b, lo: strideLow, hi: strideHigh, c: q.c)
    reflectedValue = best.value
    for j in 0..<n {
      rH[j] = rH[j] * best.t + pH[j]
      r[j] = rH[j] * d[j]
    }
  }

  // Step back from the bound to stay strictly interior.
  for j in 0..<n {
    p[j] *= theta
    pH[j] *= theta
  }
  let cutValue = evaluateQuadratic(jacH, m: m, n: n, g: gH, s: pH, diag: diagH)

  // Constrained Cauchy step along −ĝ.
  var agH = gH
  for j in 0..<n { agH[j] = -agH[j] }
  var ag = agH
  for j in 0..<n { ag[j] *= d[j] }
  var cauchyValue = Double.infinity
  let gHNorm = norm2(gH)
  if gHNorm > 0 {
    let toRegion = radius / gHNorm
    let toBox = stepSizeToBound(x, ag, lower: lower, upper: upper)
    let maxStride = toBox < toRegion ? theta * toBox : toRegion
    let q = quadraticAlongLine(jacH, m: m, n: n, g: gH, s: agH, diag: diagH, s0: nil)
    let best = minimizeQuadratic1D(a: q.a, b: q.b, lo: 0, hi: maxStride)
    cauchyValue = best.value
    for j in 0..<n {
      agH[j] *= best.t
      ag[j] *= best.t
    }
  } else {
    for j in 0..<n {
      agH[j] = 0
      ag[j] = 0
    }
    cauchyValue = 0
  }

  if cutValue < reflectedValue && cutValue < cauchyValue {
    return (p, pH, -cutValue)
  } else if reflectedValue < cutValue && reflectedValue < cauchyValue {
    return (r, rH, -reflectedValue)
  }
  return (ag, agH, -cauchyValue)
}

/// Evaluates the Jacobian analytically when the problem has one, else by forward differences.
struct JacobianEvaluator: Sendable {
  let problem: LeastSquaresProblem
  let m: Int
  let n: Int
  let relativeStep: Double

  /// Row-major `m×n` Jacobian at `x` (`residuals` are `r(x)`, reused by finite differences).
  ///
  /// Finite differences: `h_j = relativeStep·max(1, |x_j|)·sign(x_j)` (sign(0) = +1), taken backwards
  /// when `x_j + h_j` would leave the box but `x_j − h_j` would not, and halved toward the roomier side
  /// when neither fits; the actual step `(x_j + h_j) − x_j` is used as the divisor.
  func evaluate(at x: [Double], residuals f: [Double]) throws(CurveFitError) -> [Double] {
    if let analytic = problem.jacobian {
      let jac = analytic(x)
      guard jac.count == m * n else {
        throw .invalidJacobian(count: jac.count, expected: m * n, nonFinite: false, at: x)
      }
      guard allFinite(jac) else { throw .invalidJacobian(count: jac.count, expected: m * n, nonFinite: true, at: x) }
      return jac
    }
    var jac = [Double](repeating: 0, count: m * n)
    var probe = x
    for j in 0..<n {
      let lo = problem.lowerBounds[j], hi = problem.upperBounds[j]
      var h = relativeStep * max(1, abs(x[j])) * (x[j] >= 0 ? 1 : -1)
      let fits: (Double) -> Bool = { t in x[j] + t >= lo && x[j] + t <= hi }
      if !fits(h) {
        if fits(-h) {
          h = -h
        } else {
          h = (hi - x[j] >= x[j] - lo) ? 0.5 * (hi - x[j]) : -0.5 * (x[j] - lo)
        }
      }
      probe[j] = x[j] + h
      let dx = probe[j] - x[j]
      let shifted = problem.residuals(probe)
      guard shifted.count == m else {
        throw .invalidResiduals(count: shifted.count, expected: m, nonFinite: false, at: probe)
      }
      probe[j] = x[j]
      for i in 0..<m { jac[i * n + j] = (shifted[i] - f[i]) / dx }
    }
    guard allFinite(jac) else { throw .invalidJacobian(count: jac.count, expected: m * n, nonFinite: true, at: x) }
    return jac
  }
}
