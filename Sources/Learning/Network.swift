public import BenchCore
internal import Foundation

/// A feed-forward network with hand-written backward passes, all parameters in one flat `[Float]`.
///
/// **Design choice (documented as asked):** no general reverse-mode autodiff. Routers need a handful of layer
/// kinds, and explicit backward passes let every matrix product go straight to `cblas_sgemm` on slices of the
/// flat parameter and gradient vectors, with no graph bookkeeping and no per-step allocation of a tape of closures.
/// Each backward pass is checked against central finite differences in `GradientCheckTests`.
///
/// Row convention: a batch is `B×d` (one sample per row) and a linear layer computes `Y = X·W + 1·bᵀ` with `W`
/// stored `d_in×d_out` row-major. Fusion layers read their input as the raw concatenation `[q ; v]` of a text view
/// (first `text` columns) and an image view (next `image` columns).
public struct Network: Sendable, Hashable {
  /// One layer. Parameter layouts (in order, row-major) are given per case.
  public enum Layer: Sendable, Hashable, Codable {
    /// `Y = X·W + b`; parameters `W` (`inputs×outputs`), `b` (`outputs`).
    case linear(inputs: Int, outputs: Int)
    case relu
    case tanh
    /// VL-RouterBench Eq. A22: `α·v + (1−α)·q` on the first min(text, image) columns of each view, α = σ(a);
    /// parameter `a` (1 scalar, initialised to 0 so α starts at ½).
    case weightedAverage(text: Int, image: Int)
    /// Gated Multimodal Unit (Arevalo et al. 2017; Eq. A23–A24): `h_q = tanh(q·W_q)`, `h_v = tanh(v·W_v)`,
    /// `z = σ([q ; v]·W_z + b_z)`, output `z⊙h_v + (1−z)⊙h_q`. Parameters `W_q` (`text×outputs`),
    /// `W_v` (`image×outputs`), `W_z` (`(text+image)×outputs`), `b_z` (`outputs`).
    case gmu(text: Int, image: Int, outputs: Int)
    /// Multimodal Low-rank Bilinear pooling (Kim et al. 2017; Eq. A25): `tanh(q·W_q) ⊙ tanh(v·W_v)`.
    /// Parameters `W_q` (`text×rank`), `W_v` (`image×rank`).
    case mlb(text: Int, image: Int, rank: Int)

    /// Output width for an input of width `d` (nil if the layer cannot read `d` columns).
    func outputWidth(input d: Int) -> Int? {
      switch self {
      case .linear(let i, let o): i == d ? o : nil
      case .relu, .tanh: d
      case .weightedAverage(let t, let v): t + v == d ? Swift.min(t, v) : nil
      case .gmu(let t, let v, let o): t + v == d ? o : nil
      case .mlb(let t, let v, let r): t + v == d ? r : nil
      }
    }

    /// Number of parameters.
    public var parameterCount: Int {
      switch self {
      case .linear(let i, let o): i * o + o
      case .relu, .tanh: 0
      case .weightedAverage: 1
      case .gmu(let t, let v, let o): t * o + v * o + (t + v) * o + o
      case .mlb(let t, let v, let r): t * r + v * r
      }
    }
  }

  public let layers: [Layer]
  /// All parameters, layer by layer, in each layer's documented order.
  public var parameters: [Float]
  /// Start of each layer's parameters in `parameters`.
  public let offsets: [Int]
  public let inputWidth: Int
  public let outputWidth: Int

  /// Builds a network and initialises it like PyTorch's defaults: weights and biases of a layer with fan-in f
  /// uniform in ±1/√f (GMU gate bias 0, weighted-average logit 0).
  public init(inputWidth: Int, layers: [Layer], using rng: inout SplitMix64) {
    var width = inputWidth
    var offsets: [Int] = []
    var total = 0
    for (n, layer) in layers.enumerated() {
      guard let w = layer.outputWidth(input: width) else {
        preconditionFailure("Network: layer \(n) (\(layer)) cannot read \(width) columns")
      }
      offsets.append(total)
      total += layer.parameterCount
      width = w
    }
    self.layers = layers
    self.offsets = offsets
    self.inputWidth = inputWidth
    self.outputWidth = width
    var p = [Float](repeating: 0, count: total)
    func fill(_ start: Int, _ count: Int, fanIn: Int) {
      let bound = 1 / Double(Swift.max(fanIn, 1)).squareRoot()
      for j in start..<(start + count) { p[j] = Float((2 * rng.nextUnit() - 1) * bound) }
    }
    for (n, layer) in layers.enumerated() {
      let o = offsets[n]
      switch layer {
      case .linear(let i, let out): fill(o, i * out + out, fanIn: i)
      case .relu, .tanh, .weightedAverage: break
      case .gmu(let t, let v, let out):
        fill(o, t * out, fanIn: t)
        fill(o + t * out, v * out, fanIn: v)
        fill(o + (t + v) * out, (t + v) * out, fanIn: t + v)
      case .mlb(let t, let v, let r):
        fill(o, t * r, fanIn: t)
        fill(o + t * r, v * r, fanIn: v)
      }
    }
    parameters = p
  }

  /// A multi-layer perceptron: `[fusion] → (Linear → activation)* → Linear(outputs)`.
  ///
  /// - Parameters:
  ///   - fusion: an optional trainable fusion layer that reads the raw `[q ; v]` input first.
  ///   - activation: `.relu` or `.tanh`.
  public static func mlp(
    inputWidth: Int, hidden: [Int], outputs: Int, activation: Layer = .relu, fusion: Layer? = nil,
    using rng: inout SplitMix64
  ) -> Network {
    var layers: [Layer] = []
    var width = inputWidth
    if let fusion {
      layers.append(fusion)
      guard let w = fusion.outputWidth(input: width) else { preconditionFailure("mlp: fusion cannot read input") }
      width = w
    }
    for h in hidden {
      layers.append(.linear(inputs: width, outputs: h))
      layers.append(activation)
      width = h
    }
    layers.append(.linear(inputs: width, outputs: outputs))
    return Network(inputWidth: inputWidth, layers: layers, using: &rng)
  }

  /// Floating-point operations of the matrix products of one forward pass over `rows` samples.
  public func forwardFlops(rows: Int) -> Double {
    layers.reduce(0) { acc, l in
      switch l {
      case .linear(let i, let o): acc + BLAS.gemmFlops(m: rows, n: o, k: i)
      case .gmu(let t, let v, let o): acc + 2 * BLAS.gemmFlops(m: rows, n: o, k: t + v)
      case .mlb(let t, let v, let r): acc + BLAS.gemmFlops(m: rows, n: r, k: t + v)
      case .relu, .tanh, .weightedAverage: acc
      }
    }
  }

  // MARK: Forward

  /// What a training forward pass keeps for the backward pass.
  public struct Tape: Sendable {
    /// `activations[n]` is the input of layer n; the last entry is the network's output.
    public var activations: [Matrix<Float>]
    /// Per-layer intermediates (GMU: h_q, h_v, z; MLB: tanh(q·W_q), tanh(v·W_v)).
    var auxiliary: [[Matrix<Float>]]
  }

  /// The output (logits) for a batch.
  public func callAsFunction(_ x: Matrix<Float>) -> Matrix<Float> {
    var current = x
    parameters.withUnsafeBufferPointer { p in
      for n in layers.indices {
        switch layers[n] {
        case .relu: reluInPlace(&current)
        case .tanh: tanhInPlace(&current)
        default:
          var aux: [Matrix<Float>] = []
          current = forward(layer: n, current, p, keep: false, aux: &aux)
        }
      }
    }
    return current
  }

  /// A forward pass that records what `backward` needs.
  public func forwardTape(_ x: Matrix<Float>) -> Tape {
    var tape = Tape(activations: [x], auxiliary: [])
    tape.activations.reserveCapacity(layers.count + 1)
    parameters.withUnsafeBufferPointer { p in
      for n in layers.indices {
        switch layers[n] {
        case .relu, .tanh:
          // The backward passes of ReLU and tanh read only their output, and no layer reads its own output, so the
          // activation is applied in place and stored as both the layer's input and output (one buffer, no copy).
          var y = tape.activations.removeLast()
          if layers[n] == .relu { reluInPlace(&y) } else { tanhInPlace(&y) }
          tape.activations.append(y)
          tape.activations.append(y)
          tape.auxiliary.append([])
        default:
          var aux: [Matrix<Float>] = []
          let y = forward(layer: n, tape.activations[n], p, keep: true, aux: &aux)
          tape.activations.append(y)
          tape.auxiliary.append(aux)
        }
      }
    }
    return tape
  }

  private func forward(layer n: Int, _ x: Matrix<Float>, _ p: UnsafeBufferPointer<Float>, keep: Bool,
                       aux: inout [Matrix<Float>]) -> Matrix<Float> {
    let rows = x.rows
    let base = p.baseAddress.map { $0 + offsets[n] }
    switch layers[n] {
    case .linear(let i, let o):
      var y = Matrix<Float>(rows: rows, columns: o, repeating: 0)
      y.values.withUnsafeMutableBufferPointer { yv in
        if let yp = yv.baseAddress, let bias = base.map({ $0 + i * o }) {
          for r in 0..<rows { (yp + r * o).update(from: bias, count: o) }
        }
        x.values.withUnsafeBufferPointer { xv in
          BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: o, k: i, alpha: 1, a: xv.baseAddress, lda: i,
                    b: base, ldb: o, beta: 1, c: yv.baseAddress, ldc: o)
        }
      }
      return y
    case .relu:
      var y = x
      reluInPlace(&y)
      return y
    case .tanh:
      var y = x
      tanhInPlace(&y)
      return y
    case .weightedAverage(let t, let v):
      let m = Swift.min(t, v), d = t + v
      let alpha = sigmoid(p[offsets[n]])
      var y = Matrix<Float>(rows: rows, columns: m, repeating: 0)
      x.values.withUnsafeBufferPointer { xv in
        for r in 0..<rows { for j in 0..<m { y[r, j] = alpha * xv[r * d + t + j] + (1 - alpha) * xv[r * d + j] } }
      }
      return y
    case .gmu(let t, let v, let o):
      let d = t + v
      var hq = Matrix<Float>(rows: rows, columns: o, repeating: 0)
      var hv = hq, z = hq
      x.values.withUnsafeBufferPointer { xv in
        let xp = xv.baseAddress
        hq.values.withUnsafeMutableBufferPointer { c in
          BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: o, k: t, alpha: 1, a: xp, lda: d,
                    b: base, ldb: o, beta: 0, c: c.baseAddress, ldc: o)
        }
        hv.values.withUnsafeMutableBufferPointer { c in
          BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: o, k: v, alpha: 1, a: xp.map { $0 + t }, lda: d,
                    b: base.map { $0 + t * o }, ldb: o, beta: 0, c: c.baseAddress, ldc: o)
        }
        z.values.withUnsafeMutableBufferPointer { c in
          let bz = offsets[n] + (2 * t + 2 * v) * o
          for r in 0..<rows { for j in 0..<o { c[r * o + j] = p[bz + j] } }
          BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: o, k: d, alpha: 1, a: xp, lda: d,
                    b: base.map { $0 + (t + v) * o }, ldb: o, beta: 1, c: c.baseAddress, ldc: o)
        }
      }
      var y = Matrix<Float>(rows: rows, columns: o, repeating: 0)
      for j in 0..<(rows * o) {
        hq.values[j] = Foundation.tanh(hq.values[j])
        hv.values[j] = Foundation.tanh(hv.values[j])
        z.values[j] = sigmoid(z.values[j])
        y.values[j] = z.values[j] * hv.values[j] + (1 - z.values[j]) * hq.values[j]
      }
      if keep { aux = [hq, hv, z] }
      return y
    case .mlb(let t, let v, let r):
      let d = t + v
      var tq = Matrix<Float>(rows: rows, columns: r, repeating: 0)
      var tv = tq
      x.values.withUnsafeBufferPointer { xv in
        let xp = xv.baseAddress
        tq.values.withUnsafeMutableBufferPointer { c in
          BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: r, k: t, alpha: 1, a: xp, lda: d,
                    b: base, ldb: r, beta: 0, c: c.baseAddress, ldc: r)
        }
        tv.values.withUnsafeMutableBufferPointer { c in
          BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: r, k: v, alpha: 1, a: xp.map { $0 + t }, lda: d,
                    b: base.map { $0 + t * r }, ldb: r, beta: 0, c: c.baseAddress, ldc: r)
        }
      }
      var y = Matrix<Float>(rows: rows, columns: r, repeating: 0)
      for j in 0..<(rows * r) {
        tq.values[j] = Foundation.tanh(tq.values[j])
        tv.values[j] = Foundation.tanh(tv.values[j])
        y.values[j] = tq.values[j] * tv.values[j]
      }
      if keep { aux = [tq, tv] }
      return y
    }
  }

  // MARK: Backward

  /// Back-propagates `dOutput` (∂loss/∂output, same shape as the output) through the tape.
  ///
  /// - Parameters:
  ///   - gradient: overwritten with ∂loss/∂parameters (resized to `parameters.count` if needed).
  /// - Returns: ∂loss/∂input when `inputGradient` is true (otherwise nil: the first layer then skips its most
  ///   expensive product).
  @discardableResult
  public func backward(_ tape: Tape, dOutput: Matrix<Float>, gradient: inout [Float],
                       inputGradient: Bool = false) -> Matrix<Float>? {
    if gradient.count != parameters.count { gradient = [Float](repeating: 0, count: parameters.count) }
    var dy = dOutput
    var result: Matrix<Float>?
    parameters.withUnsafeBufferPointer { p in
      gradient.withUnsafeMutableBufferPointer { g in
        for n in layers.indices.reversed() {
          let needDX = n > 0 || inputGradient
          switch layers[n] {
          case .relu, .tanh:
            // In place on the running gradient: dX = dY ⊙ f'(·), from the stored output.
            guard needDX else { break }
            let isReLU = layers[n] == .relu
            let y = tape.activations[n + 1]
            y.values.withUnsafeBufferPointer { yv in
              dy.values.withUnsafeMutableBufferPointer { d in
                guard let dp = d.baseAddress, let yp = yv.baseAddress else { return }
                if isReLU { reluBackward(dp, yp, d.count) } else { tanhBackward(dp, yp, d.count) }
              }
            }
            if n == 0 { result = dy }
          default:
            let dx = backward(layer: n, x: tape.activations[n], y: tape.activations[n + 1], aux: tape.auxiliary[n],
                              dy: dy, p, g, needDX: needDX)
            if let dx { dy = dx }
            if n == 0 { result = dx }
          }
        }
      }
    }
    return result
  }

  private func backward(
    layer n: Int, x: Matrix<Float>, y: Matrix<Float>, aux: [Matrix<Float>], dy: Matrix<Float>,
    _ p: UnsafeBufferPointer<Float>, _ g: UnsafeMutableBufferPointer<Float>, needDX: Bool
  ) -> Matrix<Float>? {
    let rows = x.rows
    let off = offsets[n]
    let pb = p.baseAddress.map { $0 + off }
    let gb = g.baseAddress.map { $0 + off }
    switch layers[n] {
    case .linear(let i, let o):
      x.values.withUnsafeBufferPointer { xv in
        dy.values.withUnsafeBufferPointer { dv in
          // dW = Xᵀ·dY
          BLAS.gemm(transposeA: true, transposeB: false, m: i, n: o, k: rows, alpha: 1, a: xv.baseAddress, lda: i,
                    b: dv.baseAddress, ldb: o, beta: 0, c: gb, ldc: o)
          // db = column sums of dY = dYᵀ·1
          columnSums(dv.baseAddress, rows: rows, columns: o, into: gb.map { $0 + i * o })
        }
      }
      guard needDX else { return nil }
      var dx = Matrix<Float>(rows: rows, columns: i, repeating: 0)
      dy.values.withUnsafeBufferPointer { dv in
        dx.values.withUnsafeMutableBufferPointer { c in
          BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: i, k: o, alpha: 1, a: dv.baseAddress, lda: o,
                    b: pb, ldb: o, beta: 0, c: c.baseAddress, ldc: i)
        }
      }
      return dx
    case .relu:
      guard needDX else { return nil }
      var dx = dy
      y.values.withUnsafeBufferPointer { yv in
        dx.values.withUnsafeMutableBufferPointer { d in for j in d.indices where yv[j] <= 0 { d[j] = 0 } }
      }
      return dx
    case .tanh:
      guard needDX else { return nil }
      var dx = dy
      for j in dx.values.indices { dx.values[j] *= 1 - y.values[j] * y.values[j] }
      return dx
    case .weightedAverage(let t, let v):
      let m = Swift.min(t, v), d = t + v
      let alpha = sigmoid(p[off])
      var da = 0.0
      var dx = Matrix<Float>(rows: rows, columns: d, repeating: 0)
      for r in 0..<rows {
        for j in 0..<m {
          let gy = dy[r, j]
          da += Double(gy) * Double(x[r, t + j] - x[r, j])
          dx[r, j] = (1 - alpha) * gy
          dx[r, t + j] = alpha * gy
        }
      }
      g[off] = Float(da * Double(alpha) * Double(1 - alpha))
      return needDX ? dx : nil
    case .gmu(let t, let v, let o):
      let d = t + v
      let hq = aux[0], hv = aux[1], z = aux[2]
      var dq = Matrix<Float>(rows: rows, columns: o, repeating: 0)
      var dvv = dq, dz = dq
      for j in 0..<(rows * o) {
        let gy = dy.values[j], zj = z.values[j]
        dz.values[j] = gy * (hv.values[j] - hq.values[j]) * zj * (1 - zj)
        dvv.values[j] = gy * zj * (1 - hv.values[j] * hv.values[j])
        dq.values[j] = gy * (1 - zj) * (1 - hq.values[j] * hq.values[j])
      }
      var dx: Matrix<Float>? = needDX ? Matrix<Float>(rows: rows, columns: d, repeating: 0) : nil
      x.values.withUnsafeBufferPointer { xv in
        let xp = xv.baseAddress
        dq.values.withUnsafeBufferPointer { a in
          BLAS.gemm(transposeA: true, transposeB: false, m: t, n: o, k: rows, alpha: 1, a: xp, lda: d,
                    b: a.baseAddress, ldb: o, beta: 0, c: gb, ldc: o)
        }
        dvv.values.withUnsafeBufferPointer { a in
          BLAS.gemm(transposeA: true, transposeB: false, m: v, n: o, k: rows, alpha: 1, a: xp.map { $0 + t }, lda: d,
                    b: a.baseAddress, ldb: o, beta: 0, c: gb.map { $0 + t * o }, ldc: o)
        }
        dz.values.withUnsafeBufferPointer { a in
          BLAS.gemm(transposeA: true, transposeB: false, m: d, n: o, k: rows, alpha: 1, a: xp, lda: d,
                    b: a.baseAddress, ldb: o, beta: 0, c: gb.map { $0 + (t + v) * o }, ldc: o)
          let bo = off + 2 * d * o
          for j in 0..<o { g[bo + j] = 0 }
          for r in 0..<rows { for j in 0..<o { g[bo + j] += a[r * o + j] } }
        }
      }
      if dx != nil {
        dx!.values.withUnsafeMutableBufferPointer { c in
          let cp = c.baseAddress
          dz.values.withUnsafeBufferPointer { a in
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: d, k: o, alpha: 1, a: a.baseAddress, lda: o,
                      b: pb.map { $0 + d * o }, ldb: o, beta: 0, c: cp, ldc: d)
          }
          dq.values.withUnsafeBufferPointer { a in
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: t, k: o, alpha: 1, a: a.baseAddress, lda: o,
                      b: pb, ldb: o, beta: 1, c: cp, ldc: d)
          }
          dvv.values.withUnsafeBufferPointer { a in
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: v, k: o, alpha: 1, a: a.baseAddress, lda: o,
                      b: pb.map { $0 + t * o }, ldb: o, beta: 1, c: cp.map { $0 + t }, ldc: d)
          }
        }
      }
      return dx
    case .mlb(let t, let v, let r):
      let d = t + v
      let tq = aux[0], tv = aux[1]
      var dq = Matrix<Float>(rows: rows, columns: r, repeating: 0)
      var dvv = dq
      for j in 0..<(rows * r) {
        let gy = dy.values[j]
        dq.values[j] = gy * tv.values[j] * (1 - tq.values[j] * tq.values[j])
        dvv.values[j] = gy * tq.values[j] * (1 - tv.values[j] * tv.values[j])
      }
      var dx: Matrix<Float>? = needDX ? Matrix<Float>(rows: rows, columns: d, repeating: 0) : nil
      x.values.withUnsafeBufferPointer { xv in
        let xp = xv.baseAddress
        dq.values.withUnsafeBufferPointer { a in
          BLAS.gemm(transposeA: true, transposeB: false, m: t, n: r, k: rows, alpha: 1, a: xp, lda: d,
                    b: a.baseAddress, ldb: r, beta: 0, c: gb, ldc: r)
        }
        dvv.values.withUnsafeBufferPointer { a in
          BLAS.gemm(transposeA: true, transposeB: false, m: v, n: r, k: rows, alpha: 1, a: xp.map { $0 + t }, lda: d,
                    b: a.baseAddress, ldb: r, beta: 0, c: gb.map { $0 + t * r }, ldc: r)
        }
      }
      if dx != nil {
        dx!.values.withUnsafeMutableBufferPointer { c in
          let cp = c.baseAddress
          dq.values.withUnsafeBufferPointer { a in
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: t, k: r, alpha: 1, a: a.baseAddress, lda: r,
                      b: pb, ldb: r, beta: 0, c: cp, ldc: d)
          }
          dvv.values.withUnsafeBufferPointer { a in
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: v, k: r, alpha: 1, a: a.baseAddress, lda: r,
                      b: pb.map { $0 + t * r }, ldb: r, beta: 0, c: cp.map { $0 + t }, ldc: d)
          }
        }
      }
      return dx
    }
  }

  /// The current α of a weighted-average layer at index `n` (σ of its parameter).
  public func weightedAverageAlpha(layer n: Int) -> Float? {
    guard case .weightedAverage = layers[n] else { return nil }
    return sigmoid(parameters[offsets[n]])
  }
}

/// Column sums of a row-major `rows × columns` block into `out` (`columns` entries), as one `sgemm` with a ones
/// row vector.
func columnSums(_ a: UnsafePointer<Float>?, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>?) {
  guard let out, columns > 0 else { return }
  let ones = [Float](repeating: 1, count: rows)
  // As a 1 × rows by rows × columns product.
  ones.withUnsafeBufferPointer { o in
    BLAS.gemm(transposeA: false, transposeB: false, m: 1, n: columns, k: rows, alpha: 1, a: o.baseAddress, lda: rows,
              b: a, ldb: columns, beta: 0, c: out, ldc: columns)
  }
}

/// ReLU in place, branch-free (NaN maps to 0).
func reluInPlace(_ m: inout Matrix<Float>) {
  m.values.withUnsafeMutableBufferPointer { v in
    guard let b = v.baseAddress else { return }
    reluKernel(b, v.count)
  }
}

// Element-wise kernels as plain pointer loops (no captured state), which LLVM vectorises.
@inline(never) func reluKernel(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
  for j in 0..<n {
    let v = x[j]
    x[j] = v > 0 ? v : 0
  }
}

/// dX = dY where the ReLU output is positive, else 0 (in place on dY).
@inline(never) func reluBackward(_ d: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) {
  for j in 0..<n {
    let g = d[j], out = y[j]  // both loads unconditional, so the select vectorises
    d[j] = out > 0 ? g : 0
  }
}

/// dX = dY ⊙ (1 − y²) (in place on dY).
@inline(never) func tanhBackward(_ d: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) {
  for j in 0..<n { d[j] *= 1 - y[j] * y[j] }
}

/// tanh in place.
func tanhInPlace(_ m: inout Matrix<Float>) {
  m.values.withUnsafeMutableBufferPointer { v in for j in v.indices { v[j] = Foundation.tanh(v[j]) } }
}

/// The logistic function 1/(1+e^{−x}), written to avoid overflow for large |x|.
public func sigmoid(_ x: Float) -> Float {
  if x >= 0 { return 1 / (1 + exp(-x)) }
  let e = exp(x)
  return e / (1 + e)
}
