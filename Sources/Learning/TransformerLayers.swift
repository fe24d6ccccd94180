internal import BenchCore

// The forward and backward passes of the embedding block and of one layer (self-attention, optional
// cross-attention, feed-forward; all post-LN), on the flat parameter vector and a layer's arena.

extension TransformerEncoder {
  /// Whether a tensor at `offset` gets a gradient under `trainable` (ranges are tensor-aligned, see `backward`).
  @inline(__always)
  func wants(_ offset: Int, _ trainable: [Range<Int>]?) -> Bool {
    guard let trainable else { return true }
    return trainable.contains { $0.contains(offset) }
  }

  // MARK: Layer forward

  /// A layer's forward arena, whose every slot `runLayer` writes before it reads it: uninitialised in release
  /// builds (zero-filling a few MB per layer and step was 6 % of the end-to-end routers' training time, `perf`,
  /// docs/end-to-end.md), NaN in debug builds, so that a slot read before it is written turns the tests' outputs
  /// and gradients into NaN instead of silently reading zeros or stale memory.
  func writeFirstArena(count: Int) -> [Float] {
    #if DEBUG
    return [Float](repeating: .nan, count: count)
    #else
    return [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    #endif
  }

  /// Runs layer `l` on `input` (Nq × H) into `arena` (resized to `slots.size` when it differs). The output is at
  /// `slots.output`.
  func runLayer(_ l: Int, input: [Float], mask: [Float], context: EncoderContext?, slots: LayerSlots,
                arena: inout [Float], dropout: inout DropoutState?) {
    if arena.count != slots.size { arena = writeFirstArena(count: slots.size) }
    let c = configuration, h = c.hiddenSize, i = c.intermediateSize
    let nq = slots.batch * slots.queryLength
    guard nq > 0 else { return }
    let o = layerOffsets[l]
    let contextValues = context?.hidden.values ?? [0]
    let contextMask = context?.mask.values ?? [0]
    parameters.withUnsafeBufferPointer { pb in
      arena.withUnsafeMutableBufferPointer { ab in
        input.withUnsafeBufferPointer { xb in
          mask.withUnsafeBufferPointer { mb in
            contextValues.withUnsafeBufferPointer { cb in
              contextMask.withUnsafeBufferPointer { cmb in
                let p = pb.baseAddress!, a = ab.baseAddress!, x = xb.baseAddress!
                sublayerForward(o.attention, slots.attention, p: p, a: a, input: x, slots: slots, context: nil,
                                keyMask: mb.baseAddress!, dropout: &dropout)
                var ffnInput = ConstFloatPointer(a + slots.attention.output)
                if let co = o.cross, let cs = slots.cross {
                  sublayerForward(co, cs, p: p, a: a, input: ffnInput, slots: slots, context: cb.baseAddress!,
                                  keyMask: cmb.baseAddress!, dropout: &dropout)
                  ffnInput = ConstFloatPointer(a + cs.output)
                }
                // Feed-forward: Y = LN(A + Drop(GELU(A·W_iᵀ + b_i)·W_oᵀ + b_o)).
                linearForward(ffnInput, ldx: h, rows: nq, inputs: h, outputs: i, weight: p + o.inWeight,
                              bias: p + o.inBias, a + slots.preActivation, ldy: i)
                geluForward(a + slots.preActivation, a + slots.activation, count: nq * i, activation: c.activation)
                let sum = a + slots.ffnNormalized
                linearForward(a + slots.activation, ldx: i, rows: nq, inputs: i, outputs: h, weight: p + o.outWeight,
                              bias: p + o.outBias, sum, ldy: h)
                if slots.ffnOutputScales >= 0 {
                  dropoutScales(a + slots.ffnOutputScales, count: nq * h, rate: dropout!.hidden, rng: &dropout!.rng)
                  multiply(sum, by: a + slots.ffnOutputScales, count: nq * h)
                }
                for j in 0..<(nq * h) { sum[j] += ffnInput[j] }
                layerNormForward(sum, rows: nq, width: h, gamma: p + o.normWeight, beta: p + o.normBias,
                                 epsilon: c.layerNormEpsilon, xhat: sum, rstd: a + slots.ffnRstd, a + slots.output)
              }
            }
          }
        }
      }
    }
  }

  /// One attention sublayer: `LN(X + Drop(Attention(X, context)·W_oᵀ + b_o))`; self-attention when `context` is
  /// nil (keys and values from X, mask over X's positions), cross-attention otherwise.
  private func sublayerForward(_ o: AttentionOffsets, _ s: SublayerSlots, p: ConstFloatPointer, a: FloatPointer,
                               input x: ConstFloatPointer, slots: LayerSlots, context: ConstFloatPointer?,
                               keyMask: ConstFloatPointer, dropout: inout DropoutState?) {
    let c = configuration, h = c.hiddenSize
    let b = slots.batch, lq = slots.queryLength
    let nq = b * lq
    let lk = context == nil ? lq : slots.keyLength
    let shape = AttentionShape(batch: b, queryLength: lq, keyLength: lk, heads: c.headCount, headSize: c.headSize)
    let q: ConstFloatPointer, k: ConstFloatPointer, v: ConstFloatPointer, ldq: Int, ldkv: Int
    if let context {
      linearForward(x, ldx: h, rows: nq, inputs: h, outputs: h, weight: p + o.qkvWeight, bias: p + o.qkvBias,
                    a + s.query, ldy: h)
      linearForward(context, ldx: h, rows: b * lk, inputs: h, outputs: 2 * h, weight: p + o.qkvWeight + h * h,
                    bias: p + o.qkvBias + h, a + s.keyValue, ldy: 2 * h)
      q = ConstFloatPointer(a + s.query)
      k = ConstFloatPointer(a + s.keyValue)
      v = k + h
      ldq = h
      ldkv = 2 * h
    } else {
      linearForward(x, ldx: h, rows: nq, inputs: h, outputs: 3 * h, weight: p + o.qkvWeight, bias: p + o.qkvBias,
                    a + s.query, ldy: 3 * h)
      q = ConstFloatPointer(a + s.query)
      k = q + h
      v = q + 2 * h
      ldq = 3 * h
      ldkv = 3 * h
    }
    var scales: ConstFloatPointer?
    if s.probabilityScales >= 0 {
      dropoutScales(a + s.probabilityScales, count: shape.probabilityCount, rate: dropout!.attention,
                    rng: &dropout!.rng)
      scales = ConstFloatPointer(a + s.probabilityScales)
    }
    attentionForward(shape, q: q, ldq: ldq, k: k, ldk: ldkv, v: v, ldv: ldkv, keyMask: keyMask,
                     probabilities: a + s.probabilities, keepProbabilities: slots.keep, dropoutScales: scales,
                     scratch: a + slots.scratch, context: a + s.context, ldc: h)
    let sum = a + s.normalized
    linearForward(a + s.context, ldx: h, rows: nq, inputs: h, outputs: h, weight: p + o.outWeight,
                  bias: p + o.outBias, sum, ldy: h)
    if s.outputScales >= 0 {
      dropoutScales(a + s.outputScales, count: nq * h, rate: dropout!.hidden, rng: &dropout!.rng)
      multiply(sum, by: a + s.outputScales, count: nq * h)
    }
    for j in 0..<(nq * h) { sum[j] += x[j] }
    layerNormForward(sum, rows: nq, width: h, gamma: p + o.normWeight, beta: p + o.normBias,
                     epsilon: c.layerNormEpsilon, xhat: sum, rstd: a + s.rstd, a + s.output)
  }

  // MARK: Layer backward

  func backwardLayer(_ cache: LayerCache, dOutput: Matrix<Float>, into gradient: inout [Float],
                     trainable: [Range<Int>]?) -> (hidden: Matrix<Float>, context: Matrix<Float>?) {
    let c = configuration, h = c.hiddenSize, i = c.intermediateSize
    let s = cache.slots
    let nq = s.batch * s.queryLength, nk = s.batch * s.keyLength
    precondition(dOutput.rows == nq && dOutput.columns == h,
                 "backwardLayer: dOutput is \(dOutput.rows)×\(dOutput.columns), expected \(nq)×\(h)")
    precondition(gradient.count == parameters.count, "backwardLayer: \(gradient.count) gradients")
    var dx = [Float](repeating: 0, count: nq * h)
    var dContext: [Float]? = s.cross == nil ? nil : [Float](repeating: 0, count: nk * h)
    guard nq > 0 else {
      return (Matrix(rows: nq, columns: h, values: dx), dContext.map { Matrix(rows: nk, columns: h, values: $0) })
    }
    // Work buffers: dA, dB (Nq × H), dPre (Nq × I), dQKV (Nq × 3H), dCtx (Nq × H), dKV (Nk × 2H), scratch.
    let sizes = [nq * h, nq * h, nq * i, nq * 3 * h, nq * h, Swift.max(nk * 2 * h, 1),
                 2 * s.queryLength * Swift.max(s.queryLength, s.keyLength)]
    var work = [Float](repeating: 0, count: sizes.reduce(0, +))
    var dContextStorage = dContext ?? [0]
    let o = layerOffsets[cache.layer]
    let contextValues = cache.context ?? [0]
    let contextMask = cache.contextMask ?? [0]
    parameters.withUnsafeBufferPointer { pb in
      gradient.withUnsafeMutableBufferPointer { gb in
        cache.arena.withUnsafeBufferPointer { ab in
          work.withUnsafeMutableBufferPointer { wb in
            dx.withUnsafeMutableBufferPointer { dxb in
              dContextStorage.withUnsafeMutableBufferPointer { dcb in
                cache.input.withUnsafeBufferPointer { xb in
                  cache.mask.withUnsafeBufferPointer { mb in
                    contextValues.withUnsafeBufferPointer { cvb in
                      contextMask.withUnsafeBufferPointer { cmb in
                        let p = pb.baseAddress!, g = gb.baseAddress!, a = ab.baseAddress!
                        var w = wb.baseAddress!
                        let dA = w; w += sizes[0]
                        let dB = w; w += sizes[1]
                        let dPre = w; w += sizes[2]
                        let dQKV = w; w += sizes[3]
                        let dCtx = w; w += sizes[4]
                        let dKV = w; w += sizes[5]
                        let scratch = w
                        let buffers = BackwardBuffers(dQKV: dQKV, dCtx: dCtx, dKV: dKV, scratch: scratch)
                        // Feed-forward.
                        dOutput.values.withUnsafeBufferPointer { dA.update(from: $0.baseAddress!, count: nq * h) }
                        layerNormBackward(dA, xhat: a + s.ffnNormalized, rstd: a + s.ffnRstd, rows: nq, width: h,
                                          gamma: p + o.normWeight,
                                          dGamma: wants(o.normWeight, trainable) ? g + o.normWeight : nil,
                                          dBeta: wants(o.normBias, trainable) ? g + o.normBias : nil, dA)
                        dB.update(from: dA, count: nq * h)
                        if s.ffnOutputScales >= 0 { multiply(dB, by: a + s.ffnOutputScales, count: nq * h) }
                        linearBackward(dB, ldy: h, a + s.activation, ldx: i, rows: nq, inputs: i, outputs: h,
                                       weight: p + o.outWeight,
                                       dWeight: wants(o.outWeight, trainable) ? g + o.outWeight : nil,
                                       dBias: wants(o.outBias, trainable) ? g + o.outBias : nil, dx: dPre, lddx: i,
                                       accumulateInput: false)
                        geluBackward(dPre, a + s.preActivation, count: nq * i, activation: c.activation)
                        let ffnInput = ConstFloatPointer(a + (s.cross?.output ?? s.attention.output))
                        linearBackward(dPre, ldy: i, ffnInput, ldx: h, rows: nq, inputs: h, outputs: i,
                                       weight: p + o.inWeight,
                                       dWeight: wants(o.inWeight, trainable) ? g + o.inWeight : nil,
                                       dBias: wants(o.inBias, trainable) ? g + o.inBias : nil, dx: dA, lddx: h,
                                       accumulateInput: true)
                        // Cross-attention: dA → dB (its input) and the context gradient.
                        var dSelf = dA
                        if let co = o.cross, let cs = s.cross {
                          sublayerBackward(co, cs, slots: s, p: p, g: g, a: a, dOutput: dA,
                                           input: a + s.attention.output, context: cvb.baseAddress!,
                                           keyMask: cmb.baseAddress!, dInput: dB, dContext: dcb.baseAddress!,
                                           buffers: buffers, trainable: trainable)
                          dSelf = dB
                        }
                        sublayerBackward(o.attention, s.attention, slots: s, p: p, g: g, a: a, dOutput: dSelf,
                                         input: xb.baseAddress!, context: nil, keyMask: mb.baseAddress!,
                                         dInput: dxb.baseAddress!, dContext: nil, buffers: buffers,
                                         trainable: trainable)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if dContext != nil { dContext = dContextStorage }
    return (Matrix(rows: nq, columns: h, values: dx), dContext.map { Matrix(rows: nk, columns: h, values: $0) })
  }

  private struct BackwardBuffers {
    var dQKV: FloatPointer
    var dCtx: FloatPointer
    var dKV: FloatPointer
    var scratch: FloatPointer
  }

  /// Backward of `sublayerForward`. `dOutput` is consumed (overwritten); `dInput` is overwritten with
  /// ∂loss/∂input; `dContext` (cross only) with ∂loss/∂context.
  private func sublayerBackward(_ o: AttentionOffsets, _ s: SublayerSlots, slots: LayerSlots, p: ConstFloatPointer,
                                g: FloatPointer, a: ConstFloatPointer, dOutput: FloatPointer,
                                input x: ConstFloatPointer, context: ConstFloatPointer?, keyMask: ConstFloatPointer,
                                dInput: FloatPointer, dContext: FloatPointer?, buffers: BackwardBuffers,
                                trainable: [Range<Int>]?) {
    let c = configuration, h = c.hiddenSize
    let b = slots.batch, lq = slots.queryLength
    let nq = b * lq
    let lk = context == nil ? lq : slots.keyLength
    let shape = AttentionShape(batch: b, queryLength: lq, keyLength: lk, heads: c.headCount, headSize: c.headSize)
    layerNormBackward(dOutput, xhat: a + s.normalized, rstd: a + s.rstd, rows: nq, width: h, gamma: p + o.normWeight,
                      dGamma: wants(o.normWeight, trainable) ? g + o.normWeight : nil,
                      dBeta: wants(o.normBias, trainable) ? g + o.normBias : nil, dOutput)
    dInput.update(from: dOutput, count: nq * h)  // the residual path
    if s.outputScales >= 0 { multiply(dOutput, by: a + s.outputScales, count: nq * h) }
    linearBackward(dOutput, ldy: h, a + s.context, ldx: h, rows: nq, inputs: h, outputs: h, weight: p + o.outWeight,
                   dWeight: wants(o.outWeight, trainable) ? g + o.outWeight : nil,
                   dBias: wants(o.outBias, trainable) ? g + o.outBias : nil, dx: buffers.dCtx, lddx: h,
                   accumulateInput: false)
    let scales = s.probabilityScales >= 0 ? a + s.probabilityScales : nil
    let wantW = wants(o.qkvWeight, trainable), wantB = wants(o.qkvBias, trainable)
    if let context, let dContext {
      let q = a + s.query, k = a + s.keyValue
      let dq = buffers.dQKV, dk = buffers.dKV
      attentionBackward(shape, q: q, ldq: h, k: k, ldk: 2 * h, v: k + h, ldv: 2 * h, keyMask: keyMask,
                        probabilities: a + s.probabilities, dropoutScales: scales, dContext: buffers.dCtx, lddc: h,
                        dq: dq, lddq: h, dk: dk, lddk: 2 * h, dv: dk + h, lddv: 2 * h, scratch: buffers.scratch)
      linearBackward(dq, ldy: h, x, ldx: h, rows: nq, inputs: h, outputs: h, weight: p + o.qkvWeight,
                     dWeight: wantW ? g + o.qkvWeight : nil, dBias: wantB ? g + o.qkvBias : nil, dx: dInput,
                     lddx: h, accumulateInput: true)
      linearBackward(dk, ldy: 2 * h, context, ldx: h, rows: b * lk, inputs: h, outputs: 2 * h,
                     weight: p + o.qkvWeight + h * h, dWeight: wantW ? g + o.qkvWeight + h * h : nil,
                     dBias: wantB ? g + o.qkvBias + h : nil, dx: dContext, lddx: h, accumulateInput: false)
    } else {
      let q = a + s.query, dq = buffers.dQKV
      attentionBackward(shape, q: q, ldq: 3 * h, k: q + h, ldk: 3 * h, v: q + 2 * h, ldv: 3 * h, keyMask: keyMask,
                        probabilities: a + s.probabilities, dropoutScales: scales, dContext: buffers.dCtx, lddc: h,
                        dq: dq, lddq: 3 * h, dk: dq + h, lddk: 3 * h, dv: dq + 2 * h, lddv: 3 * h,
                        scratch: buffers.scratch)
      linearBackward(dq, ldy: 3 * h, x, ldx: h, rows: nq, inputs: h, outputs: 3 * h, weight: p + o.qkvWeight,
                     dWeight: wantW ? g + o.qkvWeight : nil, dBias: wantB ? g + o.qkvBias : nil, dx: dInput,
                     lddx: h, accumulateInput: true)
    }
  }

  // MARK: Embeddings

  /// E = word[token] (or the projected feature row) + token_type[type] + position[l]; X = Drop(LN(E)) — Hugging
  /// Face's `BertEmbeddings` order of additions.
  func embed(_ input: EncoderInput, keep: Bool,
             dropout: inout DropoutState?) -> (hidden: Matrix<Float>, cache: EmbeddingCache?) {
    let c = configuration, h = c.hiddenSize
    guard let e = embeddingOffsets else { preconditionFailure("embed: no embedding block") }
    let l = input.length, n = input.batchSize * l
    var sum = [Float](repeating: 0, count: n * h)
    var rstd = [Float](repeating: 0, count: n)
    var out = [Float](repeating: 0, count: n * h)
    var scales: [Float]?
    guard n > 0 else { return (Matrix(rows: 0, columns: h, values: []), keep ? EmbeddingCache() : nil) }
    var projected = [Float](repeating: 0, count: Swift.max((input.features?.rows ?? 0) * h, 1))
    parameters.withUnsafeBufferPointer { pb in
      let p = pb.baseAddress!
      if let f = input.features, let w = e.projectionWeight, let bias = e.projectionBias {
        f.values.withUnsafeBufferPointer { fb in
          projected.withUnsafeMutableBufferPointer { yb in
            linearForward(fb.baseAddress!, ldx: f.columns, rows: f.rows, inputs: f.columns, outputs: h,
                          weight: p + w, bias: p + bias, yb.baseAddress!, ldy: h)
          }
        }
      }
      sum.withUnsafeMutableBufferPointer { sb in
        projected.withUnsafeBufferPointer { yb in
          let s = sb.baseAddress!, y = yb.baseAddress!
          var featureRow = 0
          for r in 0..<n {
            let t = input.tokens[r]
            let base: ConstFloatPointer
            if t == EncoderInput.featureToken {
              base = y + featureRow * h
              featureRow += 1
            } else {
              base = p + e.word! + Int(t) * h
            }
            let row = s + r * h
            if let type = e.type {
              let tt = p + type + Int(input.tokenTypes[r]) * h
              for j in 0..<h { row[j] = base[j] + tt[j] }
            } else {
              row.update(from: base, count: h)
            }
            if let position = e.position {
              let pp = p + position + (r % l) * h
              for j in 0..<h { row[j] += pp[j] }
            }
          }
          rstd.withUnsafeMutableBufferPointer { rb in
            out.withUnsafeMutableBufferPointer { ob in
              layerNormForward(s, rows: n, width: h, gamma: p + e.normWeight, beta: p + e.normBias,
                               epsilon: c.layerNormEpsilon, xhat: s, rstd: rb.baseAddress!, ob.baseAddress!)
            }
          }
        }
      }
    }
    if dropout != nil, dropout!.hidden > 0 {
      var d = [Float](repeating: 0, count: n * h)
      d.withUnsafeMutableBufferPointer { db in
        dropoutScales(db.baseAddress!, count: n * h, rate: dropout!.hidden, rng: &dropout!.rng)
        out.withUnsafeMutableBufferPointer { multiply($0.baseAddress!, by: db.baseAddress!, count: n * h) }
      }
      scales = d
    }
    let hidden = Matrix(rows: n, columns: h, values: out)
    guard keep else { return (hidden, nil) }
    return (hidden, EmbeddingCache(tokens: input.tokens, tokenTypes: input.tokenTypes, length: l,
                                   features: input.features, normalized: sum, rstd: rstd, dropoutScales: scales))
  }

  /// Backward of `embed`: scatters ∂loss/∂E into the embedding tables, returns ∂loss/∂features.
  func backwardEmbeddings(_ cache: EmbeddingCache, dOutput: Matrix<Float>, into gradient: inout [Float],
                          trainable: [Range<Int>]?, featureGradients: Bool = true) -> Matrix<Float>? {
    guard let e = embeddingOffsets else { return nil }
    let c = configuration, h = c.hiddenSize
    let n = cache.tokens.count, l = cache.length
    guard n > 0 else { return cache.features.map { Matrix(rows: 0, columns: $0.columns, values: []) } }
    var dE = dOutput.values
    var dFeatures: Matrix<Float>?
    parameters.withUnsafeBufferPointer { pb in
      gradient.withUnsafeMutableBufferPointer { gb in
        dE.withUnsafeMutableBufferPointer { db in
          let p = pb.baseAddress!, g = gb.baseAddress!, d = db.baseAddress!
          if let scales = cache.dropoutScales {
            scales.withUnsafeBufferPointer { multiply(d, by: $0.baseAddress!, count: n * h) }
          }
          cache.normalized.withUnsafeBufferPointer { xb in
            cache.rstd.withUnsafeBufferPointer { rb in
              layerNormBackward(d, xhat: xb.baseAddress!, rstd: rb.baseAddress!, rows: n, width: h,
                                gamma: p + e.normWeight,
                                dGamma: wants(e.normWeight, trainable) ? g + e.normWeight : nil,
                                dBeta: wants(e.normBias, trainable) ? g + e.normBias : nil, d)
            }
          }
          let wantWord = e.word.map { wants($0, trainable) } ?? false
          let wantType = e.type.map { wants($0, trainable) } ?? false
          let wantPosition = e.position.map { wants($0, trainable) } ?? false
          var featureRows: [Int] = []
          for r in 0..<n {
            let row = d + r * h
            let t = cache.tokens[r]
            if t == EncoderInput.featureToken {
              featureRows.append(r)
            } else if wantWord {
              let dw = g + e.word! + Int(t) * h
              for j in 0..<h { dw[j] += row[j] }
            }
            if wantType {
              let dt = g + e.type! + Int(cache.tokenTypes[r]) * h
              for j in 0..<h { dt[j] += row[j] }
            }
            if wantPosition {
              let dp = g + e.position! + (r % l) * h
              for j in 0..<h { dp[j] += row[j] }
            }
          }
          guard let f = cache.features, let w = e.projectionWeight, let bias = e.projectionBias else { return }
          var gathered = [Float](repeating: 0, count: featureRows.count * h)
          var df = [Float](repeating: 0, count: featureGradients ? f.rows * f.columns : 1)
          gathered.withUnsafeMutableBufferPointer { yb in
            let y = yb.baseAddress!
            for (k, r) in featureRows.enumerated() { (y + k * h).update(from: d + r * h, count: h) }
            f.values.withUnsafeBufferPointer { fb in
              df.withUnsafeMutableBufferPointer { dfb in
                linearBackward(y, ldy: h, fb.baseAddress!, ldx: f.columns, rows: f.rows, inputs: f.columns,
                               outputs: h, weight: p + w, dWeight: wants(w, trainable) ? g + w : nil,
                               dBias: wants(bias, trainable) ? g + bias : nil,
                               dx: featureGradients ? dfb.baseAddress! : nil, lddx: f.columns, accumulateInput: false)
              }
            }
          }
          if featureGradients { dFeatures = Matrix(rows: f.rows, columns: f.columns, values: df) }
        }
      }
    }
    return dFeatures
  }
}
