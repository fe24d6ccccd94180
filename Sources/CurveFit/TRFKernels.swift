// Small dense kernels behind the Trust Region Reflective solver: bound geometry, the quadratic model
// of the scaled problem, and the exact trust-region subproblem. Matrices are row-major `m×n` `[Double]`.

// MARK: - Vectors

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}

/// Euclidean norm, scaled to avoid overflow/underflow for extreme magnitudes.
func norm2(_ a: [Double]) -> Double {
  var scale = 0.0
  for v in a { scale = max(scale, abs(v)) }
  guard scale > 0, scale.isFinite else { return scale }
  var sum = 0.0
  for v in a {
    let t = v / scale
    sum += t * t
  }
  return scale * sum.squareRoot()
}

@inline(__always)
func allFinite(_ a: [Double]) -> Bool {
  for v in a where !v.isFinite { return false }
  return true
}

/// `g = Jᵀ f` for row-major `J` (`m×n`).
func gradient(_ jac: [Double], _ f: [Double], m: Int, n: Int, into g: inout [Double]) {
  for j in 0..<n { g[j] = 0 }
  for i in 0..<m {
    let fi = f[i]
    let row = i * n
    for j in 0..<n { g[j] += jac[row + j] * fi }
  }
}

// MARK: - Bounds

/// Coleman–Li scaling vector `v` and its derivative `dv` (Branch, Coleman & Li 1999, eq. 2.2, with the
/// sign convention that makes `v ≥ 0`):
///
///     v_i = u_i − x_i  (dv_i = −1)   if g_i < 0 and u_i < ∞
///     v_i = x_i − l_i  (dv_i = +1)   if g_i > 0 and l_i > −∞
///     v_i = 1          (dv_i =  0)   otherwise
func colemanLiScaling(x: [Double], g: [Double], lower: [Double], upper: [Double],
                      v: inout [Double], dv: inout [Double]) {
  for i in x.indices {
    v[i] = 1
    dv[i] = 0
    if g[i] < 0, upper[i].isFinite {
      v[i] = upper[i] - x[i]
      dv[i] = -1
    }
    if g[i] > 0, lower[i].isFinite {
      v[i] = x[i] - lower[i]
      dv[i] = 1
    }
  }
}

func inBounds(_ x: [Double], lower: [Double], upper: [Double]) -> Bool {
  for i in x.indices where !(x[i] >= lower[i] && x[i] <= upper[i]) { return false }
  return true
}

/// The non-negative multiple `t_i` of `s_i` that brings `x_i` to its bound (`+∞` when `s_i == 0`).
@inline(__always)
func componentStepToBound(_ x: Double, _ s: Double, _ lower: Double, _ upper: Double) -> Double {
  guard s != 0 else { return .infinity }
  return max((lower - x) / s, (upper - x) / s)
}

/// The smallest `t ≥ 0` such that `x + t·s` reaches a bound (`+∞` if no bound is ever reached).
func stepSizeToBound(_ x: [Double], _ s: [Double], lower: [Double], upper: [Double]) -> Double {
  var best = Double.infinity
  for i in x.indices { best = min(best, componentStepToBound(x[i], s[i], lower[i], upper[i])) }
  return best
}

/// Moves `x` into the interior of the box the way scipy's `make_strictly_feasible` does: a component
/// within a relative distance `rstep` of a bound (`rstep·max(1, |bound|)`) is pushed that far inside;
/// with `rstep == 0` a component on or beyond a bound is moved to the next representable number inside.
/// If that overshoots a tight box, the component goes to the box's midpoint.
func makeStrictlyFeasible(_ x: [Double], lower: [Double], upper: [Double], rstep: Double) -> [Double] {
  var out = x
  for i in x.indices {
    let lo = lower[i], hi = upper[i], xi = x[i]
    if rstep == 0 {
      // A component that is active at both bounds counts as active at the upper one (as in scipy).
      if xi >= hi {
        out[i] = hi.nextDown
      } else if xi <= lo {
        out[i] = lo.nextUp
      }
    } else {
      let lowerDist = xi - lo, upperDist = hi - xi
      let lowerThreshold = rstep * max(1, abs(lo)), upperThreshold = rstep * max(1, abs(hi))
      if hi.isFinite, upperDist <= min(lowerDist, upperThreshold) {
        out[i] = hi - upperThreshold
      } else if lo.isFinite, lowerDist <= min(upperDist, lowerThreshold) {
        out[i] = lo + lowerThreshold
      }
    }
    if out[i] < lo || out[i] > hi { out[i] = 0.5 * (lo + hi) }
  }
  return out
}

/// Roots `t₋ ≤ 0 ≤ t₊` of `‖x + t·s‖ = Δ` for `‖x‖ ≤ Δ`, `s ≠ 0` (cancellation-free form).
func intersectTrustRegion(_ x: [Double], _ s: [Double], radius: Double) -> (negative: Double, positive: Double) {
  let a = dot(s, s)
  guard a > 0 else { return (0, 0) }
  let b = dot(x, s)
  let c = min(dot(x, x) - radius * radius, 0)  // ‖x‖ ≤ Δ up to rounding
  let d = (b * b - a * c).squareRoot()
  let q = -(b + (b < 0 ? -d : d))
  guard q != 0 else { return (0, 0) }
  let t1 = q / a, t2 = c / q
  return t1 < t2 ? (t1, t2) : (t2, t1)
}

// MARK: - Quadratic model  q(s) = ½ sᵀ(JᵀJ + diag(e))s + gᵀs

/// `q(s)` for row-major `J` (`m×n`).
func evaluateQuadratic(_ jac: [Double], m: Int, n: Int, g: [Double], s: [Double], diag: [Double]) -> Double {
  var quad = 0.0
  for i in 0..<m {
    let row = i * n
    var js = 0.0
    for j in 0..<n { js += jac[row + j] * s[j] }
    quad += js * js
  }
  var linear = 0.0
  for j in 0..<n {
    quad += s[j] * diag[j] * s[j]
    linear += s[j] * g[j]
  }
  return 0.5 * quad + linear
}

/// Coefficients of `t ↦ q(s0 + t·s) = a t² + b t + c` (`s0 = 0` when `nil`).
func quadraticAlongLine(_ jac: [Double], m: Int, n: Int, g: [Double], s: [Double], diag: [Double],
                        s0: [Double]?) -> (a: Double, b: Double, c: Double) {
  var vv = 0.0, uv = 0.0, uu = 0.0
  for i in 0..<m {
    let row = i * n
    var vi = 0.0, ui = 0.0
    for j in 0..<n {
      vi += jac[row + j] * s[j]
      if let s0 { ui += jac[row + j] * s0[j] }
    }
    vv += vi * vi
    uv += ui * vi
    uu += ui * ui
  }
  var a = vv, b = 0.0, c = 0.0
  for j in 0..<n {
    a += s[j] * diag[j] * s[j]
    b += g[j] * s[j]
  }
  if let s0 {
    b += uv
    c = 0.5 * uu
    for j in 0..<n {
      c += g[j] * s0[j]
      b += s0[j] * diag[j] * s[j]
      c += 0.5 * s0[j] * diag[j] * s0[j]
    }
  }
  return (0.5 * a, b, c)
}

/// Minimizes `a t² + b t + c` over `[lo, hi]` (finite); ties go to the earliest of lo, hi, vertex.
func minimizeQuadratic1D(a: Double, b: Double, lo: Double, hi: Double, c: Double = 0) -> (t: Double, value: Double) {
  var bestT = lo
  var best = lo * (a * lo + b) + c
  let valueHi = hi * (a * hi + b) + c
  if valueHi < best { bestT = hi; best = valueHi }
  if a != 0 {
    let vertex = -0.5 * b / a
    if lo < vertex && vertex < hi {
      let value = vertex * (a * vertex + b) + c
      if value < best { bestT = vertex; best = value }
    }
  }
  return (bestT, best)
}

// MARK: - Trust-region subproblem

/// Solves `min ‖Â p + f̂‖` subject to `‖p‖ ≤ Δ` exactly from the thin SVD `Â = U diag(s) Vᵀ`
/// (`uf = Uᵀ f̂`), following Moré (1977) as MINPACK does, but with one SVD instead of repeated
/// Cholesky factorizations:
///
/// * if `Â` has full column rank (and `m ≥ n`) and the Gauss–Newton step `−V (uf / s)` lies inside the
///   region, it is returned with `α = 0`;
/// * otherwise the Levenberg–Marquardt parameter `α > 0` is found from the secular equation
///   `φ(α) = ‖p(α)‖ − Δ = 0`, `p(α) = −V (s·uf / (s² + α))`, by safeguarded Newton steps on `1/‖p‖`
///   (Moré's update `α ← α − (φ + Δ)/Δ · φ/φ'`) inside shrinking bounds `[α_lo, α_hi]`, until
///   `|φ| < 0.01·Δ` or 10 iterations; `p` is then rescaled to norm exactly `Δ`.
///
/// `initialAlpha` warm-starts the search from the previous subproblem.
func solveTrustRegionSubproblem(uf: [Double], s: [Double], vt: [Double], n: Int, m: Int, radius: Double,
                                initialAlpha: Double) -> (p: [Double], alpha: Double) {
  var suf = [Double](repeating: 0, count: n)
  for k in 0..<n { suf[k] = s[k] * uf[k] }
  let fullRank = m >= n && s[n - 1] > Double.ulpOfOne * Double(m) * s[0]

  // p = −V w  with VT column-major n×n: V(j, k) = vt[k + j*n].
  func combine(_ w: [Double]) -> [Double] {
    var p = [Double](repeating: 0, count: n)
    for j in 0..<n {
      var sum = 0.0
      for k in 0..<n { sum += vt[k + j * n] * w[k] }
      p[j] = -sum
    }
    return p
  }

  if fullRank {
    var w = [Double](repeating: 0, count: n)
    for k in 0..<n { w[k] = uf[k] / s[k] }
    let p = combine(w)
    if norm2(p) <= radius { return (p, 0) }
  }
  let sufNorm = norm2(suf)
  if sufNorm == 0 { return ([Double](repeating: 0, count: n), initialAlpha) }

  func phiAndDerivative(_ alpha: Double) -> (phi: Double, derivative: Double) {
    var pNormSquared = 0.0, cubic = 0.0
    for k in 0..<n {
      let denom = s[k] * s[k] + alpha
      let t = suf[k] / denom
      pNormSquared += t * t
      cubic += suf[k] * suf[k] / (denom * denom * denom)
    }
    let pNorm = pNormSquared.squareRoot()
    return (pNorm - radius, -cubic / pNorm)
  }

  var alphaUpper = sufNorm / radius
  var alphaLower = 0.0
  if fullRank {
    let (phi, derivative) = phiAndDerivative(0)
    alphaLower = -phi / derivative
  }
  var alpha = initialAlpha
  if !fullRank && initialAlpha == 0 {
    alpha = max(0.001 * alphaUpper, (alphaLower * alphaUpper).squareRoot())
  }
  for _ in 0..<10 {
    if alpha < alphaLower || alpha > alphaUpper {
      alpha = max(0.001 * alphaUpper, (alphaLower * alphaUpper).squareRoot())
    }
    let (phi, derivative) = phiAndDerivative(alpha)
    if phi < 0 { alphaUpper = alpha }
    let ratio = phi / derivative
    alphaLower = max(alphaLower, alpha - ratio)
    alpha -= (phi + radius) * ratio / radius
    if abs(phi) < 0.01 * radius { break }
  }
  var w = [Double](repeating: 0, count: n)
  for k in 0..<n { w[k] = suf[k] / (s[k] * s[k] + alpha) }
  var p = combine(w)
  let pNorm = norm2(p)
  if pNorm > 0 {
    let factor = radius / pNorm
    for j in 0..<n { p[j] *= factor }
  }
  return (p, alpha)
}
