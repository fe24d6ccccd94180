import BenchCore
import Foundation
@testable import Learning
import Testing

/// Forward values and central-difference gradient checks of every transformer op on its own (the kernels in
/// `TransformerKernels.swift`, the embedding block, pooling and L2 normalisation). Tolerances: see
/// `expectGradient`.
@Suite struct TransformerOpTests {
  // MARK: Fast exp and erf

  @Test func fastErfAndExpAgreeWithLibm() {
    var worstErf = 0.0, worstExp = 0.0
    for n in -4000...4000 {
      let x = Float(n) * 0.0025  // [-10, 10]
      worstErf = max(worstErf, abs(Double(fastErf(x)) - erf(Double(x))))
    }
    for n in -8000...8000 {
      let x = Float(n) * 0.01  // [-80, 80]
      let exact = exp(Double(x))
      worstExp = max(worstExp, abs(Double(fastExp(x)) - exact) / exact)
    }
    #expect(worstErf < 1e-6, "erf max abs error \(worstErf)")
    #expect(worstExp < 5e-7, "exp max rel error \(worstExp)")
    #expect(fastErf(-50) == -1 && fastErf(50) == 1)
    #expect(fastExp(-200) < 1e-37 && fastExp(-200) >= 0)
  }

  @Test func fastExpScaleFromBitsEqualsTheConversion() {
    // fastExp's 2ⁿ now comes from the bits of t = n + 1.5·2²³ instead of Int32(n): bit-identical for every n the
    // clamped input can give (x ∈ [−87.3, 88] → n ∈ [−126, 127]) and a margin, so no result computed before changes.
    for n in -127...127 {
      let t = Float(n) + 12_582_912
      let conversion = Float(bitPattern: UInt32(truncatingIfNeeded: Int32(t - 12_582_912) + 127) << 23)
      #expect(exponentScale(t).bitPattern == conversion.bitPattern, "n \(n)")
    }
    #expect(fastExp(0) == 1 && fastExp(88) > 1e38 && fastExp(-87.3) < 1e-37)
  }

  @Test func dropoutScalesAreTheOneDrawEachSequence() {
    // `SplitMix64.fill` (counter-based, integer threshold) against one `nextUnit() < p` per value, for rates at
    // and near the edges, counts 0…70, and the generator's state afterwards.
    for p in [0.0, 1e-17, 0.1, 0.3, 0.5, 0.999_999_999, 1.0] {
      for count in [0, 1, 7, 70] {
        var a = SplitMix64(seed: UInt64(count) &* 31 &+ 5), b = a
        var filled = [Float](repeating: -1, count: count)
        filled.withUnsafeMutableBufferPointer { dropoutScales($0.baseAddress!, count: count, rate: p, rng: &a) }
        let keep = p < 1 ? Float(1 / (1 - p)) : .infinity
        let drawn = (0..<count).map { _ in b.nextUnit() < p ? Float(0) : keep }
        #expect(filled == drawn, "p \(p), count \(count)")
        #expect(a == b)
      }
    }
    // The integer threshold at a rate whose scaled value is not an integer and one where it is (2⁻³).
    var g = SplitMix64(seed: 9), h = g
    var out = [Float](repeating: 0, count: 4096)
    out.withUnsafeMutableBufferPointer { g.fill($0.baseAddress!, count: 4096, unitBelow: 0.125, with: 1, otherwise: 0) }
    #expect(out == (0..<4096).map { _ in h.nextUnit() < 0.125 ? 1 : 0 })
  }

  // MARK: Linear

  @Test func linearForwardAndBackward() {
    var g = SplitMix64(seed: 101)
    let rows = 5, inputs = 4, outputs = 3
    let x = randomValues(rows * inputs, &g), w = randomValues(outputs * inputs, &g), b = randomValues(outputs, &g)
    let probe = LinearProbe(count: rows * outputs, &g)
    func forward(_ x: [Float], _ w: [Float], _ b: [Float]) -> [Float] {
      var y = [Float](repeating: 0, count: rows * outputs)
      linearForward(x, ldx: inputs, rows: rows, inputs: inputs, outputs: outputs, weight: w, bias: b, &y,
                    ldy: outputs)
      return y
    }
    // Forward against the definition y = x·Wᵀ + b with W [out, in].
    let y = forward(x, w, b)
    for r in 0..<rows {
      for o in 0..<outputs {
        let direct = (0..<inputs).reduce(Double(b[o])) { $0 + Double(x[r * inputs + $1]) * Double(w[o * inputs + $1]) }
        #expect(abs(Double(y[r * outputs + o]) - direct) < 1e-5)
      }
    }
    var dw = [Float](repeating: 0, count: w.count), db = [Float](repeating: 0, count: b.count)
    var dx = [Float](repeating: 0, count: x.count)
    linearBackward(probe.weights, ldy: outputs, x, ldx: inputs, rows: rows, inputs: inputs, outputs: outputs,
                   weight: w, dWeight: &dw, dBias: &db, dx: &dx, lddx: inputs, accumulateInput: false)
    expectGradient(dw, at: w, label: "dW") { probe(forward(x, $0, b)) }
    expectGradient(db, at: b, label: "db") { probe(forward(x, w, $0)) }
    expectGradient(dx, at: x, label: "dX") { probe(forward($0, w, b)) }
  }

  // MARK: Layer norm

  @Test func layerNormForwardAndBackward() {
    var g = SplitMix64(seed: 102)
    let rows = 4, d = 6
    let x = randomValues(rows * d, &g, scale: 2).enumerated().map { $0.element + Float($0.offset % d) }
    let gamma = randomValues(d, &g).map { 1 + 0.3 * $0 }, beta = randomValues(d, &g)
    let probe = LinearProbe(count: rows * d, &g)
    func forward(_ x: [Float], _ gamma: [Float], _ beta: [Float]) -> (y: [Float], xhat: [Float], rstd: [Float]) {
      var y = [Float](repeating: 0, count: x.count), xhat = y, rstd = [Float](repeating: 0, count: rows)
      layerNormForward(x, rows: rows, width: d, gamma: gamma, beta: beta, epsilon: 1e-5, xhat: &xhat, rstd: &rstd,
                       &y)
      return (y, xhat, rstd)
    }
    let f = forward(x, gamma, beta)
    for r in 0..<rows {
      let row = (0..<d).map { Double(x[r * d + $0]) }
      let mean = row.reduce(0, +) / Double(d)
      let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d)
      for j in 0..<d {
        let direct = (row[j] - mean) / (variance + 1e-5).squareRoot() * Double(gamma[j]) + Double(beta[j])
        #expect(abs(Double(f.y[r * d + j]) - direct) < 1e-5)
      }
    }
    var dgamma = [Float](repeating: 0, count: d), dbeta = dgamma, dx = [Float](repeating: 0, count: x.count)
    layerNormBackward(probe.weights, xhat: f.xhat, rstd: f.rstd, rows: rows, width: d, gamma: gamma,
                      dGamma: &dgamma, dBeta: &dbeta, &dx)
    expectGradient(dx, at: x, step: 3e-3, label: "dX") { probe(forward($0, gamma, beta).y) }
    expectGradient(dgamma, at: gamma, label: "dγ") { probe(forward(x, $0, beta).y) }
    expectGradient(dbeta, at: beta, label: "dβ") { probe(forward(x, gamma, $0).y) }
  }

  // MARK: GELU

  @Test(arguments: TransformerConfiguration.Activation.allCases)
  func geluForwardAndBackward(activation: TransformerConfiguration.Activation) {
    var g = SplitMix64(seed: 103)
    let x = randomValues(40, &g, scale: 2)
    let probe = LinearProbe(count: x.count, &g)
    func forward(_ x: [Float]) -> [Float] {
      var y = x
      geluForward(x, &y, count: x.count, activation: activation)
      return y
    }
    let y = forward(x)
    for (j, v) in x.map(Double.init).enumerated() {
      let direct = activation == .geluErf
        ? 0.5 * v * (1 + erf(v / 2.0.squareRoot()))
        : 0.5 * v * (1 + tanh((2 / Double.pi).squareRoot() * (v + 0.044715 * v * v * v)))
      #expect(abs(Double(y[j]) - direct) < 2e-6, "x = \(v)")
    }
    var d = probe.weights
    geluBackward(&d, x, count: x.count, activation: activation)
    expectGradient(d, at: x, step: 1e-3, label: "GELU′") { probe(forward($0)) }
  }

  // MARK: Attention

  /// The attention core alone, self- and cross-shaped, with a key mask that leaves one sequence with no key at all
  /// (uniform probabilities, as Hugging Face's additive mask gives) and, optionally, dropout scales on the
  /// probabilities. Q, K and V are slices of wider buffers (leading dimension > width), as in the layers.
  @Test(arguments: [(4, 4, false), (3, 5, false), (3, 5, true)])
  func maskedAttentionCore(shape: (Int, Int, Bool)) {
    let (lq, lk, withDropout) = shape
    var g = SplitMix64(seed: 104)
    let s = AttentionShape(batch: 3, queryLength: lq, keyLength: lk, heads: 2, headSize: 3)
    let h = s.heads * s.headSize, ld = h + 2  // padded rows
    let q = randomValues(s.batch * lq * ld, &g), k = randomValues(s.batch * lk * ld, &g)
    let v = randomValues(s.batch * lk * ld, &g)
    var keyMask = [Float](repeating: 1, count: s.batch * lk)
    for j in 2..<lk { keyMask[j] = 0 }  // sequence 0 sees two keys
    for j in 0..<lk { keyMask[2 * lk + j] = 0 }  // sequence 2 sees none
    var scales: [Float]?
    if withDropout {
      var rng = SplitMix64(seed: 9)
      var d = [Float](repeating: 0, count: s.probabilityCount)
      dropoutScales(&d, count: d.count, rate: 0.3, rng: &rng)
      scales = d
    }
    let probe = LinearProbe(count: s.batch * lq * h, &g)
    func forward(_ q: [Float], _ k: [Float], _ v: [Float]) -> (context: [Float], p: [Float]) {
      var p = [Float](repeating: 0, count: s.probabilityCount)
      var scratch = [Float](repeating: 0, count: lq * lk)
      var c = [Float](repeating: 0, count: s.batch * lq * h)
      attentionForward(s, q: q, ldq: ld, k: k, ldk: ld, v: v, ldv: ld, keyMask: keyMask, probabilities: &p,
                       dropoutScales: scales, scratch: &scratch, context: &c, ldc: h)
      return (c, p)
    }
    let f = forward(q, k, v)
    // Probabilities: rows sum to 1; masked keys get exactly 0; the sequence without keys is uniform.
    for b in 0..<s.batch {
      for head in 0..<s.heads {
        for r in 0..<lq {
          let row = (0..<lk).map { f.p[((b * s.heads + head) * lq + r) * lk + $0] }
          #expect(abs(row.reduce(0, +) - 1) < 1e-6)
          for j in 0..<lk where keyMask[b * lk + j] == 0 && b != 2 { #expect(row[j] == 0) }
          if b == 2 { #expect(row.allSatisfy { abs($0 - 1 / Float(lk)) < 1e-7 }) }
        }
      }
    }
    // The probabilities against a direct Double softmax for one (sequence, head, query).
    let (b0, h0, r0) = (1, 1, lq - 1)
    let scores = (0..<lk).map { j in
      (0..<s.headSize).reduce(0.0) { acc, t in
        acc + Double(q[(b0 * lq + r0) * ld + h0 * s.headSize + t]) * Double(k[(b0 * lk + j) * ld + h0 * s.headSize + t])
      } / Double(s.headSize).squareRoot()
    }
    let z = scores.map { exp($0 - scores.max()!) }.reduce(0, +)
    for j in 0..<lk {
      #expect(abs(Double(f.p[((b0 * s.heads + h0) * lq + r0) * lk + j]) - exp(scores[j] - scores.max()!) / z) < 1e-6)
    }
    var dq = [Float](repeating: 0, count: q.count), dk = [Float](repeating: 0, count: k.count)
    var dv = [Float](repeating: 0, count: v.count), scratch = [Float](repeating: 0, count: 2 * lq * lk)
    attentionBackward(s, q: q, ldq: ld, k: k, ldk: ld, v: v, ldv: ld, keyMask: keyMask, probabilities: f.p,
                      dropoutScales: scales, dContext: probe.weights, lddc: h, dq: &dq, lddq: ld, dk: &dk, lddk: ld,
                      dv: &dv, lddv: ld, scratch: &scratch)
    // The padding columns of the Q/K/V buffers are not read, so their gradient is 0 (and numerically 0).
    expectGradient(dq, at: q, label: "dQ") { probe(forward($0, k, v).context) }
    expectGradient(dk, at: k, label: "dK") { probe(forward(q, $0, v).context) }
    expectGradient(dv, at: v, label: "dV") { probe(forward(q, k, $0).context) }
  }

  // MARK: Dropout

  @Test func dropoutIsSeededInvertedAndKeepsTheRate() {
    var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
    var x = [Float](repeating: 0, count: 20_000), y = x
    dropoutScales(&x, count: x.count, rate: 0.3, rng: &a)
    dropoutScales(&y, count: y.count, rate: 0.3, rng: &b)
    #expect(x == y)
    let dropped = x.filter { $0 == 0 }.count
    #expect(abs(Double(dropped) / Double(x.count) - 0.3) < 0.015, "dropped \(dropped)")
    #expect(x.allSatisfy { $0 == 0 || abs($0 - 1 / 0.7) < 1e-6 })
    // Inverted scaling keeps the mean: E[scale] = 1.
    let mean: Float = x.reduce(0, +) / Float(x.count)
    #expect(abs(mean - 1) < 0.03)
  }

  // MARK: Embeddings

  /// The embedding block alone (an encoder with no layers): word, position, token-type embeddings, a learned
  /// projection of continuous tokens (mixed with word ids in one batch), LayerNorm and dropout; gradients of every
  /// embedding table and of the features.
  @Test(arguments: [0.0, 0.25])
  func embeddingBlock(dropout: Double) throws {
    let c = smallConfiguration(layers: 0, vocabulary: 11, features: 3, hiddenDropout: dropout)
    let encoder = randomizedEncoder(c, seed: 105)
    var g = SplitMix64(seed: 106)
    let tokens: [Int32] = [1, 4, -1, -1, 7, 2, -1, 0, 0, 0]  // 2 × 5, three feature positions
    let types: [Int32] = [0, 0, 1, 1, 0, 0, 1, 0, 0, 0]
    let mask = SequenceMask(lengths: [5, 2], length: 5)
    let features = Matrix(rows: 3, columns: 3, values: randomValues(9, &g))
    let input = try EncoderInput(tokens: tokens, tokenTypes: types, mask: mask, features: features)
    let probe = LinearProbe(count: 10 * 8, &g)
    func run(_ e: TransformerEncoder, _ input: EncoderInput) -> (Matrix<Float>, EncoderCache) {
      var rng = SplitMix64(seed: 77)
      return try! e.forward(input, dropoutUsing: &rng)
    }
    let (hidden, cache) = run(encoder, input)
    // Forward by hand for one word position and one feature position (no dropout).
    if dropout == 0 {
      let p = encoder.parameters, l = encoder.layout
      func row(_ name: String, _ r: Int) -> [Float] {
        let e = l[name]!
        let w = e.shape.count > 1 ? e.shape[1] : e.shape[0]
        return Array(p[(e.offset + r * w)..<(e.offset + (r + 1) * w)])
      }
      let projW = row("embeddings.feature_projection.weight", 0).count  // 3 columns
      #expect(projW == 3)
      for (position, isFeature) in [(1, false), (2, true)] {
        var e = [Double](repeating: 0, count: 8)
        for j in 0..<8 {
          let base: Double
          if isFeature {
            base = Double(row("embeddings.feature_projection.bias", 0)[j])
              + (0..<3).reduce(0.0) { $0 + Double(row("embeddings.feature_projection.weight", j)[$1]) * Double(features[0, $1]) }
          } else {
            base = Double(row("embeddings.word_embeddings.weight", 4)[j])
          }
          e[j] = base + Double(row("embeddings.token_type_embeddings.weight", Int(types[position]))[j])
            + Double(row("embeddings.position_embeddings.weight", position)[j])
        }
        let mean = e.reduce(0, +) / 8
        let sd = (e.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8 + 1e-12).squareRoot()
        for j in 0..<8 {
          let direct = (e[j] - mean) / sd * Double(row("embeddings.LayerNorm.weight", 0)[j])
            + Double(row("embeddings.LayerNorm.bias", 0)[j])
          #expect(abs(Double(hidden[position, j]) - direct) < 1e-5)
        }
      }
    }
    var grad: [Float] = []
    let grads = encoder.backward(cache, dOutput: probe.gradient(rows: 10, columns: 8), gradient: &grad)
    expectGradient(grad, at: encoder.parameters, label: "embedding parameters") { p in
      var e = encoder
      e.parameters = p
      return probe(run(e, input).0.values)
    }
    let df = try #require(grads.features)
    expectGradient(df.values, at: features.values, label: "features") { f in
      let i = try! EncoderInput(tokens: tokens, tokenTypes: types, mask: mask,
                                features: Matrix(rows: 3, columns: 3, values: f))
      return probe(run(encoder, i).0.values)
    }
    // Rows of the word table never looked up get no gradient.
    let word = encoder.layout["embeddings.word_embeddings.weight"]!
    #expect(grad[(word.offset + 9 * 8)..<(word.offset + 10 * 8)].allSatisfy { $0 == 0 })
  }

  // MARK: Pooling and normalisation

  @Test func meanAndFirstPooling() {
    var g = SplitMix64(seed: 107)
    let mask = SequenceMask(lengths: [3, 1, 0], length: 3)
    let hidden = Matrix(rows: 9, columns: 4, values: randomValues(36, &g))
    let mean = Pooling.mean(hidden, mask: mask)
    for j in 0..<4 {
      #expect(abs(mean[0, j] - (hidden[0, j] + hidden[1, j] + hidden[2, j]) / 3) < 1e-6)
      #expect(mean[1, j] == hidden[3, j])
      #expect(mean[2, j] == 0)  // no tokens: 0/1e-9·0
    }
    let first = Pooling.first(hidden, mask: mask)
    #expect(first.row(1).elementsEqual(hidden.row(3)))
    let probe = LinearProbe(count: 12, &g)
    let dMean = Pooling.meanBackward(probe.gradient(rows: 3, columns: 4), mask: mask)
    expectGradient(dMean.values, at: hidden.values, label: "mean pooling") {
      probe(Pooling.mean(Matrix(rows: 9, columns: 4, values: $0), mask: mask).values)
    }
    let dFirst = Pooling.firstBackward(probe.gradient(rows: 3, columns: 4), mask: mask)
    expectGradient(dFirst.values, at: hidden.values, label: "first pooling") {
      probe(Pooling.first(Matrix(rows: 9, columns: 4, values: $0), mask: mask).values)
    }
  }

  @Test func l2Normalization() {
    var g = SplitMix64(seed: 108)
    var x = Matrix(rows: 3, columns: 5, values: randomValues(15, &g))
    for j in 0..<5 { x[2, j] = 0 }
    let (n, norms) = L2Normalization.forward(x)
    let norm0 = (0..<5).reduce(0.0) { $0 + Double(x[0, $1]) * Double(x[0, $1]) }.squareRoot()
    #expect(abs(Double(n[0, 1]) - Double(x[0, 1]) / norm0) < 1e-6)
    #expect(n.row(2).allSatisfy { $0 == 0 })
    let probe = LinearProbe(count: 10, &g)
    let top = Matrix(rows: 2, columns: 5, values: Array(x.values[0..<10]))
    let (tn, tnorms) = L2Normalization.forward(top)
    let dx = L2Normalization.backward(probe.gradient(rows: 2, columns: 5), normalized: tn, norms: tnorms)
    expectGradient(dx.values, at: top.values, step: 1e-3, label: "L2 normalisation") {
      probe(L2Normalization.forward(Matrix(rows: 2, columns: 5, values: $0)).normalized.values)
    }
    #expect(norms[2] == Float(L2Normalization.epsilon))
  }
}
