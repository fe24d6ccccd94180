internal import BenchCore
internal import Foundation

// The element-wise and batched kernels of the transformer blocks, on raw pointers into flat buffers (a layer's
// cache arena, the flat parameter and gradient vectors). Each forward has its backward next to it; shapes are in
// the comments: N rows (tokens) of a row-major N×d block. Every matrix product is one `cblas_sgemm` (BLAS.gemm).

typealias FloatPointer = UnsafeMutablePointer<Float>
typealias ConstFloatPointer = UnsafePointer<Float>

// MARK: Linear

/// Y (N×out) = X (N×in) · Wᵀ + 1·bᵀ with W `[out, in]` row-major (PyTorch's `nn.Linear` layout, so `transposeB`).
/// `ldx`/`ldy` are the row strides of X and Y (≥ in / ≥ out), for slices of wider buffers.
func linearForward(_ x: ConstFloatPointer, ldx: Int, rows: Int, inputs: Int, outputs: Int, weight: ConstFloatPointer,
                   bias: ConstFloatPointer?, _ y: FloatPointer, ldy: Int) {
  if let bias {
    for r in 0..<rows { (y + r * ldy).update(from: bias, count: outputs) }
  }
  BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs, alpha: 1, a: x, lda: ldx, b: weight,
            ldb: inputs, beta: bias == nil ? 0 : 1, c: y, ldc: ldy)
}

/// Backward of `linearForward`, accumulating: dW += dYᵀ·X, db += 1ᵀ·dY, dX (+)= dY·W.
///
/// - Parameters:
///   - dWeight, dBias: nil to skip (a frozen tensor).
///   - dx: nil to skip; `accumulateInput` adds into it instead of overwriting.
func linearBackward(_ dy: ConstFloatPointer, ldy: Int, _ x: ConstFloatPointer, ldx: Int, rows: Int, inputs: Int,
                    outputs: Int, weight: ConstFloatPointer, dWeight: FloatPointer?, dBias: FloatPointer?,
                    dx: FloatPointer?, lddx: Int, accumulateInput: Bool) {
  if let dWeight {
    BLAS.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows, alpha: 1, a: dy, lda: ldy, b: x,
              ldb: ldx, beta: 1, c: dWeight, ldc: inputs)
  }
  if let dBias { addColumnSums(dy, ld: ldy, rows: rows, columns: outputs, into: dBias) }
  if let dx {
    BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs, alpha: 1, a: dy, lda: ldy,
              b: weight, ldb: inputs, beta: accumulateInput ? 1 : 0, c: dx, ldc: lddx)
  }
}

/// out[j] += Σ_r a[r·ld + j].
func addColumnSums(_ a: ConstFloatPointer, ld: Int, rows: Int, columns: Int, into out: FloatPointer) {
  for r in 0..<rows {
    let row = a + r * ld
    for j in 0..<columns { out[j] += row[j] }
  }
}

// MARK: Layer normalisation

/// Row-wise LayerNorm of an N×d block (PyTorch `nn.LayerNorm`: biased variance, ε inside the square root):
/// x̂ = (x − μ)/√(σ² + ε), y = γ⊙x̂ + β. Mean and variance are accumulated in Double (two passes).
///
/// `x` may alias `xhat` (normalised in place). `xhat` and `rstd` (N entries, 1/√(σ² + ε)) are what the backward
/// pass needs.
func layerNormForward(_ x: ConstFloatPointer, rows: Int, width d: Int, gamma: ConstFloatPointer,
                      beta: ConstFloatPointer, epsilon: Float, xhat: FloatPointer, rstd: FloatPointer,
                      _ y: FloatPointer) {
  for r in 0..<rows {
    let xr = x + r * d, hr = xhat + r * d, yr = y + r * d
    var s = 0.0
    for j in 0..<d { s += Double(xr[j]) }
    let mean = s / Double(d)
    var v = 0.0
    for j in 0..<d {
      let c = Double(xr[j]) - mean
      v += c * c
    }
    let inv = 1 / (v / Double(d) + Double(epsilon)).squareRoot()
    let m = Float(mean), iv = Float(inv)
    rstd[r] = iv
    for j in 0..<d {
      let h = (xr[j] - m) * iv
      hr[j] = h
      yr[j] = h * gamma[j] + beta[j]
    }
  }
}

/// Backward of `layerNormForward`: with g = dy⊙γ, dx = rstd·(g − mean(g) − x̂·mean(g⊙x̂)); dγ += Σ dy⊙x̂,
/// dβ += Σ dy (accumulating; nil to skip). `dx` may alias `dy`.
func layerNormBackward(_ dy: ConstFloatPointer, xhat: ConstFloatPointer, rstd: ConstFloatPointer, rows: Int,
                       width d: Int, gamma: ConstFloatPointer, dGamma: FloatPointer?, dBeta: FloatPointer?,
                       _ dx: FloatPointer) {
  for r in 0..<rows {
    let dyr = dy + r * d, hr = xhat + r * d, dxr = dx + r * d
    if let dGamma { for j in 0..<d { dGamma[j] += dyr[j] * hr[j] } }
    if let dBeta { for j in 0..<d { dBeta[j] += dyr[j] } }
    var sg: Float = 0, sgx: Float = 0
    for j in 0..<d {
      let g = dyr[j] * gamma[j]
      sg += g
      sgx += g * hr[j]
    }
    let mg = sg / Float(d), mgx = sgx / Float(d), iv = rstd[r]
    for j in 0..<d { dxr[j] = iv * (dyr[j] * gamma[j] - mg - hr[j] * mgx) }
  }
}

// MARK: Fast exp and erf (vectorisable: no libm call in the loop)

/// e^x for x ≤ 88 (Cephes `expf`: Cody–Waite reduction x = n·ln2 + r, degree-6 polynomial, 2ⁿ from the exponent
/// bits); relative error ≲ 2 ulp. Inputs below −87.3 give ≈ 1e-38 instead of a subnormal.
@inline(__always) func fastExp(_ a: Float) -> Float {
  let x = Swift.min(Swift.max(a, -87.3), 88)
  // Round to nearest with the 1.5·2²³ trick (no rounding intrinsic, so the loop vectorises).
  let t = x * 1.442_695_04 + 12_582_912
  let n = t - 12_582_912
  let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p: Float = 1.987_569_15e-4
  p = p * r + 1.398_199_95e-3
  p = p * r + 8.333_451_9e-3
  p = p * r + 4.166_579_59e-2
  p = p * r + 1.666_666_55e-1
  p = p * r + 5.000_000_1e-1
  p = p * r * r + r + 1
  return p * exponentScale(t)
}

/// 2ⁿ for t = n + 1.5·2²³ with |n| ≤ 127, from t's bits, which are 0x4B40_0000 + n (t lies in [2²³, 2²⁴), where the
/// float spacing is 1): the same value as `Int32(n) + 127 << 23`, without the float-to-integer conversion whose
/// overflow check kept every loop calling `fastExp` scalar.
@inline(__always) func exponentScale(_ t: Float) -> Float {
  Float(bitPattern: (t.bitPattern &- 0x4B40_0000 &+ 127) << 23)
}

/// erf(x) as Eigen's (and XLA's) single-precision rational approximation: x clamped to [−4, 4] (erf = ±1 in float
/// beyond), x·P(x²)/Q(x²) with P of degree 6 and Q of degree 4; absolute error below 1e-6 (checked in the tests).
@inline(__always) func fastErf(_ a: Float) -> Float {
  let x = Swift.min(Swift.max(a, -4), 4)
  let x2 = x * x
  var p: Float = -2.726_142_258_013_06e-10
  p = p * x2 + 2.770_681_424_959_02e-08
  p = p * x2 - 2.101_024_020_825_08e-06
  p = p * x2 - 5.692_506_394_623_46e-05
  p = p * x2 - 7.349_906_303_268_55e-04
  p = p * x2 - 2.954_599_808_540_25e-03
  p = p * x2 - 1.609_603_332_624_15e-02
  var q: Float = -1.456_607_184_649_96e-05
  q = q * x2 - 2.133_740_552_789_05e-04
  q = q * x2 - 1.682_826_974_382_03e-03
  q = q * x2 - 7.373_329_167_204_68e-03
  q = q * x2 - 1.426_473_905_141_89e-02
  return x * p / q
}

// MARK: GELU

/// GELU in both forms over `count` values: `y` may alias `x`.
@inline(never) func geluForward(_ x: ConstFloatPointer, _ y: FloatPointer, count: Int,
                                activation: TransformerConfiguration.Activation) {
  switch activation {
  case .geluErf:
    for j in 0..<count {
      let v = x[j]
      y[j] = 0.5 * v * (1 + fastErf(v * 0.707_106_781_186_547_5))
    }
  case .geluTanh:
    for j in 0..<count {
      let v = x[j]
      y[j] = 0.5 * v * (1 + tanh(0.797_884_560_802_865_4 * (v + 0.044715 * v * v * v)))
    }
  }
}

/// dx = dy ⊙ GELU′(x) (in place on `d`): erf form Φ(x) + x·φ(x); tanh form ½(1 + t) + ½x(1 − t²)·c(1 + 3·0.044715x²)
/// with t = tanh(c(x + 0.044715x³)), c = √(2/π).
@inline(never) func geluBackward(_ d: FloatPointer, _ x: ConstFloatPointer, count: Int,
                                 activation: TransformerConfiguration.Activation) {
  switch activation {
  case .geluErf:
    for j in 0..<count {
      let v = x[j]
      let cdf = 0.5 * (1 + fastErf(v * 0.707_106_781_186_547_5))
      let pdf = 0.398_942_280_401_432_7 * fastExp(-0.5 * v * v)
      d[j] *= cdf + v * pdf
    }
  case .geluTanh:
    let c: Float = 0.797_884_560_802_865_4
    for j in 0..<count {
      let v = x[j]
      let t = tanh(c * (v + 0.044715 * v * v * v))
      d[j] *= 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 3 * 0.044715 * v * v)
    }
  }
}

// MARK: Dropout

/// Inverted dropout scales for `count` values: 0 with probability p, else 1/(1 − p), from `rng` (one draw each).
func dropoutScales(_ out: FloatPointer, count: Int, rate p: Double, rng: inout SplitMix64) {
  rng.fill(out, count: count, unitBelow: p, with: 0, otherwise: Float(1 / (1 - p)))
}

/// y ⊙= scales (also the backward pass: the same multiplication).
func multiply(_ y: FloatPointer, by scales: ConstFloatPointer, count: Int) {
  for j in 0..<count { y[j] *= scales[j] }
}

// MARK: Masked softmax attention

/// Shapes of one batched attention: B sequences, Lq queries and Lk keys each, `heads` heads of `headSize`.
struct AttentionShape {
  var batch: Int
  var queryLength: Int
  var keyLength: Int
  var heads: Int
  var headSize: Int
  /// Entries of the probability tensor [B][heads][Lq][Lk].
  var probabilityCount: Int { batch * heads * queryLength * keyLength }
}

/// Per (sequence, head): S = Q·Kᵀ/√d (one sgemm on strided slices: the head's columns of the Q and K blocks, row
/// stride `ldq`/`ldk`), P = softmax over the keys the mask keeps (masked keys get probability exactly 0, as Hugging
/// Face's additive `finfo.min` mask gives in float32; a sequence with no key at all gets the uniform distribution,
/// as there), optional dropout on P, then C = P·V written into the head's columns of the context (row stride `ldc`).
///
/// - Parameters:
///   - keyMask: B·Lk entries, 1 = attend, 0 = padding.
///   - probabilities: B·heads·Lq·Lk, overwritten with P (before dropout); with `keepProbabilities` false (inference)
///     only Lq·Lk, reused for every (sequence, head).
///   - dropoutScales: B·heads·Lq·Lk, or nil; then P ⊙ scales is used for the context.
///   - scratch: Lq·Lk floats.
func attentionForward(_ s: AttentionShape, q: ConstFloatPointer, ldq: Int, k: ConstFloatPointer, ldk: Int,
                      v: ConstFloatPointer, ldv: Int, keyMask: ConstFloatPointer, probabilities: FloatPointer,
                      keepProbabilities: Bool = true, dropoutScales: ConstFloatPointer?, scratch: FloatPointer,
                      context: FloatPointer, ldc: Int) {
  let lq = s.queryLength, lk = s.keyLength, d = s.headSize
  let scale = 1 / Float(d).squareRoot()
  let small = d < AttentionKernel.smallHeadLimit
  withUnsafeTemporaryAllocation(of: Float.self, capacity: small ? Swift.max(d * lk, 1) : 1) { tb in
    let transposed = tb.baseAddress!
    for b in 0..<s.batch {
      let mask = keyMask + b * lk
      var valid = 0
      for j in 0..<lk where mask[j] != 0 { valid += 1 }
      for h in 0..<s.heads {
        let block = (b * s.heads + h) * lq * lk
        let p = probabilities + (keepProbabilities ? block : 0)
        let qb = q + b * lq * ldq + h * d, kb = k + b * lk * ldk + h * d, vb = v + b * lk * ldv + h * d
        let cb = context + b * lq * ldc + h * d
        if small {
          smallProductTransposed(qb, lda: ldq, kb, ldb: ldk, rows: lq, columns: lk, inner: d, alpha: scale,
                                 transposed: transposed, p, ldc: lk)
        } else {
          BLAS.gemm(transposeA: false, transposeB: true, m: lq, n: lk, k: d, alpha: scale, a: qb, lda: ldq, b: kb,
                    ldb: ldk, beta: 0, c: p, ldc: lk)
        }
        maskedSoftmax(p, rows: lq, columns: lk, mask: mask, valid: valid)
        var used = ConstFloatPointer(p)
        if let dropoutScales {
          for j in 0..<(lq * lk) { scratch[j] = p[j] * dropoutScales[block + j] }
          used = ConstFloatPointer(scratch)
        }
        if small {
          smallProduct(used, lda: lk, vb, ldb: ldv, rows: lq, columns: d, inner: lk, alpha: 1, cb, ldc: ldc)
        } else {
          BLAS.gemm(transposeA: false, transposeB: false, m: lq, n: d, k: lk, alpha: 1, a: used, lda: lk, b: vb,
                    ldb: ldv, beta: 0, c: cb, ldc: ldc)
        }
      }
    }
  }
}

/// Which kernel runs the per-(sequence, head) products of attention.
public enum AttentionKernel {
  /// Heads narrower than this many columns use the loops below instead of one `cblas_sgemm` per (sequence, head)
  /// and product. Default 0: BLAS for every head. The loops were written for the end-to-end towers' 16-wide heads
  /// (a product of ≈ 6,400 multiply–adds, where the call's fixed cost was expected to dominate), but measured with
  /// the OpenBLAS Haswell kernels the executable pins (`bash benchmarks/e2e/run.sh`, 1 Dec 2026, load ≈ 1) they
  /// were slower for three of the four routers (RouterDC 739 vs 774 samples/s, ZOOTER 1,572 vs 1,880, VLC 722 vs
  /// 774; CosineCls 846 vs 794), so BLAS stays the default and results stay those of the BLAS path. The result of
  /// the loops is the same sums in another order (float rounding). Settable only for the benchmark that measures
  /// both kernels in one run (32: the loops for heads narrower than 32), before any encoder runs.
  @_spi(Benchmarks) public nonisolated(unsafe) static var smallHeadLimit = 0
}

/// C (rows × columns, row stride ldc) = alpha · A · B with A rows × inner (stride lda), B inner × columns (stride
/// ldb): for each row of C, a sum of `inner` scaled rows of B (each a contiguous, vectorisable axpy).
@inline(__always)
func smallProduct(_ a: ConstFloatPointer, lda: Int, _ b: ConstFloatPointer, ldb: Int, rows: Int, columns: Int,
                  inner: Int, alpha: Float, _ c: FloatPointer, ldc: Int) {
  for r in 0..<rows {
    let cr = c + r * ldc, ar = a + r * lda
    for j in 0..<columns { cr[j] = 0 }
    for t in 0..<inner {
      let w = ar[t]
      let bt = b + t * ldb
      for j in 0..<columns { cr[j] += w * bt[j] }
    }
    if alpha != 1 { for j in 0..<columns { cr[j] *= alpha } }
  }
}

/// C (rows × columns, stride ldc) = alpha · A · Bᵀ with A rows × inner (stride lda), B columns × inner (stride
/// ldb): B is first copied transposed into `transposed` (inner × columns), then as `smallProduct`.
@inline(__always)
func smallProductTransposed(_ a: ConstFloatPointer, lda: Int, _ b: ConstFloatPointer, ldb: Int, rows: Int,
                            columns: Int, inner: Int, alpha: Float, transposed: FloatPointer, _ c: FloatPointer,
                            ldc: Int) {
  for j in 0..<columns {
    let bj = b + j * ldb
    for t in 0..<inner { transposed[t * columns + j] = bj[t] }
  }
  smallProduct(a, lda: lda, transposed, ldb: columns, rows: rows, columns: columns, inner: inner, alpha: alpha, c,
               ldc: ldc)
}

/// C (rows × columns, stride ldc) = alpha · Aᵀ · B with A inner × rows (stride lda), B inner × columns (stride
/// ldb): C starts at 0 and each of the `inner` rows adds its outer product, row by row (contiguous axpys).
@inline(__always)
func smallProductTransposingA(_ a: ConstFloatPointer, lda: Int, _ b: ConstFloatPointer, ldb: Int, rows: Int,
                              columns: Int, inner: Int, alpha: Float, _ c: FloatPointer, ldc: Int) {
  for r in 0..<rows { for j in 0..<columns { c[r * ldc + j] = 0 } }
  for t in 0..<inner {
    let at = a + t * lda, bt = b + t * ldb
    for r in 0..<rows {
      let w = at[r]
      let cr = c + r * ldc
      for j in 0..<columns { cr[j] += w * bt[j] }
    }
  }
  if alpha != 1 { for r in 0..<rows { for j in 0..<columns { c[r * ldc + j] *= alpha } } }
}

/// Row-wise softmax over the columns where `mask` ≠ 0 (others get 0); `valid` = how many those are; with none,
/// every column gets 1/columns.
@inline(never) func maskedSoftmax(_ p: FloatPointer, rows: Int, columns: Int, mask: ConstFloatPointer, valid: Int) {
  guard valid > 0 else {
    let u = 1 / Float(columns)
    for j in 0..<(rows * columns) { p[j] = u }
    return
  }
  for r in 0..<rows {
    let row = p + r * columns
    var m = -Float.infinity
    for j in 0..<columns where mask[j] != 0 { m = Swift.max(m, row[j]) }
    // The exponentials in a loop of their own (it vectorises), then the sum in the same order as before.
    for j in 0..<columns { row[j] = mask[j] != 0 ? fastExp(row[j] - m) : 0 }
    var sum: Float = 0
    for j in 0..<columns { sum += row[j] }
    let inv = 1 / sum
    for j in 0..<columns { row[j] *= inv }
  }
}

/// Backward of `attentionForward` given dC (row stride `lddc`), per (sequence, head):
/// dV = P′ᵀ·dC, dP′ = dC·Vᵀ, dP = dP′⊙scales, dS = P⊙(dP − rowsum(dP⊙P)), dQ = dS·K/√d, dK = dSᵀ·Q/√d
/// (P′ = P⊙scales, or P). A sequence with no valid key has a constant (uniform) P, so its dS is 0. dQ, dK, dV are
/// overwritten (each (sequence, head) block is written once).
///
/// - Parameters:
///   - scratch: 2·Lq·Lk floats.
func attentionBackward(_ s: AttentionShape, q: ConstFloatPointer, ldq: Int, k: ConstFloatPointer, ldk: Int,
                       v: ConstFloatPointer, ldv: Int, keyMask: ConstFloatPointer,
                       probabilities: ConstFloatPointer, dropoutScales: ConstFloatPointer?,
                       dContext: ConstFloatPointer, lddc: Int, dq: FloatPointer, lddq: Int, dk: FloatPointer,
                       lddk: Int, dv: FloatPointer, lddv: Int, scratch: FloatPointer) {
  let lq = s.queryLength, lk = s.keyLength, d = s.headSize
  let scale = 1 / Float(d).squareRoot()
  let dropped = scratch, dp = scratch + lq * lk
  let small = d < AttentionKernel.smallHeadLimit
  withUnsafeTemporaryAllocation(of: Float.self, capacity: small ? Swift.max(d * lk, 1) : 1) { tb in
    let transposed = tb.baseAddress!
    for b in 0..<s.batch {
      let mask = keyMask + b * lk
      var valid = 0
      for j in 0..<lk where mask[j] != 0 { valid += 1 }
      for h in 0..<s.heads {
        let block = (b * s.heads + h) * lq * lk
        let p = probabilities + block
        var used = p
        if let dropoutScales {
          for j in 0..<(lq * lk) { dropped[j] = p[j] * dropoutScales[block + j] }
          used = ConstFloatPointer(dropped)
        }
        let dcb = dContext + b * lq * lddc + h * d
        let qb = q + b * lq * ldq + h * d, kb = k + b * lk * ldk + h * d, vb = v + b * lk * ldv + h * d
        let dqb = dq + b * lq * lddq + h * d, dkb = dk + b * lk * lddk + h * d, dvb = dv + b * lk * lddv + h * d
        // dV = P′ᵀ · dC
        if small {
          smallProductTransposingA(used, lda: lk, dcb, ldb: lddc, rows: lk, columns: d, inner: lq, alpha: 1, dvb,
                                   ldc: lddv)
        } else {
          BLAS.gemm(transposeA: true, transposeB: false, m: lk, n: d, k: lq, alpha: 1, a: used, lda: lk, b: dcb,
                    ldb: lddc, beta: 0, c: dvb, ldc: lddv)
        }
        guard valid > 0 else {
          for r in 0..<lq { for j in 0..<d { dqb[r * lddq + j] = 0 } }
          for r in 0..<lk { for j in 0..<d { dkb[r * lddk + j] = 0 } }
          continue
        }
        // dP′ = dC · Vᵀ
        if small {
          smallProductTransposed(dcb, lda: lddc, vb, ldb: ldv, rows: lq, columns: lk, inner: d, alpha: 1,
                                 transposed: transposed, dp, ldc: lk)
        } else {
          BLAS.gemm(transposeA: false, transposeB: true, m: lq, n: lk, k: d, alpha: 1, a: dcb, lda: lddc, b: vb,
                    ldb: ldv, beta: 0, c: dp, ldc: lk)
        }
        if let dropoutScales { for j in 0..<(lq * lk) { dp[j] *= dropoutScales[block + j] } }
        softmaxBackward(dp, p, rows: lq, columns: lk)
        // dQ = dS · K / √d,  dK = dSᵀ · Q / √d
        if small {
          smallProduct(dp, lda: lk, kb, ldb: ldk, rows: lq, columns: d, inner: lk, alpha: scale, dqb, ldc: lddq)
          smallProductTransposingA(dp, lda: lk, qb, ldb: ldq, rows: lk, columns: d, inner: lq, alpha: scale, dkb,
                                   ldc: lddk)
        } else {
          BLAS.gemm(transposeA: false, transposeB: false, m: lq, n: d, k: lk, alpha: scale, a: dp, lda: lk, b: kb,
                    ldb: ldk, beta: 0, c: dqb, ldc: lddq)
          BLAS.gemm(transposeA: true, transposeB: false, m: lk, n: d, k: lq, alpha: scale, a: dp, lda: lk, b: qb,
                    ldb: ldq, beta: 0, c: dkb, ldc: lddk)
        }
      }
    }
  }
}

/// In place: dS = P⊙(dP − Σ_j dP_j P_j), row-wise.
@inline(never) func softmaxBackward(_ dp: FloatPointer, _ p: ConstFloatPointer, rows: Int, columns: Int) {
  for r in 0..<rows {
    let g = dp + r * columns, pr = p + r * columns
    var dot: Float = 0
    for j in 0..<columns { dot += g[j] * pr[j] }
    for j in 0..<columns { g[j] = pr[j] * (g[j] - dot) }
  }
}
