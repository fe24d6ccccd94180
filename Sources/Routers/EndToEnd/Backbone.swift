internal import BenchCore
internal import Learning

/// The four backbones of VL-RouterBench's Table 4 (App. G.3), as small towers of Learning's `TransformerEncoder`.
///
/// Every stream starts with a learned `[CLS]` token (word id 0 of a one-word vocabulary), which is always present,
/// so a sample whose text or image is absent keeps one valid position and the absent modality's tokens are masked
/// (never zero-filled). Text tokens enter as the frozen MiniLM-L6 vectors (384-d, `TextRequest`) through a trainable
/// projection; image tokens as the patch rows (32-d) through theirs (`embeddings.feature_projection`). Pooling is the
/// mean over each stream's valid positions.
///
/// - `text` (BERT row): `[CLS] + text`, `layers + crossLayers` self-attention layers.
/// - `image` (MobileNetV4 row): `[CLS] + image tokens`, the same depth — a transformer over the patches, not a CNN.
/// - `singleStream` (VisualBERT/UNITER rows): one stack over `[CLS] + image tokens + text` (image first, so every
///   token's position depends on its own row only), token types 0 = text, 1 = image as modality embeddings;
///   the feature rows are `[text ; 0]` and `[0 ; image]` so one projection holds both modalities' maps.
/// - `dualStream` (LXMERT/ViLBERT rows; VLC's default as in the paper): a text and an image tower of `layers`
///   self-attention layers each, then `crossLayers` cross-modality layers per stream (self-attention, then
///   cross-attention to the other stream's previous output, then FFN — LXMERT's order); pooled output
///   `[mean(text) ; mean(image)]`, 2·width.
public enum BackboneKind: String, Sendable, Hashable, Codable, CaseIterable {
  case text
  case image
  case singleStream = "single-stream"
  case dualStream = "dual-stream"

  var readsText: Bool { self != .image }
  var readsImage: Bool { self != .text }
  /// Paper Table 4's row names.
  public var paperRows: String {
    switch self {
    case .text: "BERT"
    case .image: "MobileNetV4"
    case .singleStream: "VisualBERT, UNITER"
    case .dualStream: "LXMERT, ViLBERT"
    }
  }
}

/// Sizes of a backbone's trainable towers.
struct BackboneShape: Sendable, Hashable {
  var width: Int
  var heads: Int
  var intermediate: Int
  var layers: Int
  var crossLayers: Int
  var dropout: Double
}

struct Backbone: Sendable {
  let kind: BackboneKind
  let shape: BackboneShape
  let textWidth: Int
  /// Word embedding rows of the text stream when text arrives as ids (`TextVocabulary.size`: `[CLS]`, `[UNK]`, the
  /// kept ids), learned from scratch; 0 when text arrives as vectors (then `[CLS]` is the only word).
  let textVocabulary: Int
  let imageWidth: Int
  let imageTokens: Int
  /// text: [text]; image: [image]; single-stream: [stack]; dual-stream: [text, image, text cross, image cross].
  var towers: [TransformerEncoder]
  /// MiniLM's fine-tuned top layers (`fine_tune_layers` > 0), run over the cached text states before the text
  /// projection; nil when MiniLM is frozen. Its gradient comes after the towers' in `backward`.
  var fineTuned: FineTunedText?

  var outputWidth: Int { kind == .dualStream ? 2 * shape.width : shape.width }

  /// - Parameter textVocabulary: > 0 when text arrives as ids (then `textWidth` must be 0): the text stream's word
  ///   embedding rows.
  init(kind: BackboneKind, shape s: BackboneShape, textWidth: Int, imageWidth: Int, imageTokens: Int,
       maxTextTokens: Int, textVocabulary: Int = 0, using rng: inout SplitMix64) throws {
    precondition(textVocabulary == 0 || textWidth == 0, "Backbone: text is either ids or vectors")
    self.kind = kind
    shape = s
    self.textWidth = textWidth
    self.textVocabulary = textVocabulary
    self.imageWidth = imageWidth
    self.imageTokens = imageTokens
    let positions = 1 + imageTokens + maxTextTokens
    func config(features: Int, layers: Int, types: Int = 1, vocabulary: Int = 1, cross: Bool = false)
      -> TransformerConfiguration {
      TransformerConfiguration(vocabularySize: vocabulary, maxPositions: vocabulary > 0 ? positions : 0,
                               typeVocabularySize: vocabulary > 0 ? types : 0, hiddenSize: s.width,
                               layerCount: layers, headCount: s.heads, intermediateSize: s.intermediate,
                               hiddenDropout: s.dropout, attentionDropout: s.dropout, featureWidth: features,
                               crossAttention: cross)
    }
    let depth = s.layers + s.crossLayers
    let words = max(textVocabulary, 1)
    var made: [TransformerEncoder] = []
    do {
      switch kind {
      case .text:
        made = [try TransformerEncoder(configuration: config(features: textWidth, layers: depth, vocabulary: words),
                                       using: &rng)]
      case .image: made = [try TransformerEncoder(configuration: config(features: imageWidth, layers: depth), using: &rng)]
      case .singleStream:
        made = [try TransformerEncoder(configuration: config(features: textWidth + imageWidth, layers: depth, types: 2,
                                                             vocabulary: words),
                                       using: &rng)]
      case .dualStream:
        made = [try TransformerEncoder(configuration: config(features: textWidth, layers: s.layers, vocabulary: words),
                                       using: &rng),
                try TransformerEncoder(configuration: config(features: imageWidth, layers: s.layers), using: &rng),
                try TransformerEncoder(configuration: config(features: 0, layers: s.crossLayers, vocabulary: 0, cross: true),
                                       using: &rng),
                try TransformerEncoder(configuration: config(features: 0, layers: s.crossLayers, vocabulary: 0, cross: true),
                                       using: &rng)]
      }
    } catch let e as LearningError {
      throw RouterError.invalidHyperparameter(router: "backbone \(kind.rawValue)", message: e.description)
    }
    towers = made
  }

  var parameterCount: Int { towers.reduce(0) { $0 + $1.parameters.count } + (fineTuned?.parameterCount ?? 0) }

  // MARK: Batches

  var textIDs: Bool { textVocabulary > 0 }

  /// `[CLS] + text tokens`, padded to the batch's longest text: word ids, or feature tokens of the text vectors.
  func textInput(_ rows: [RowInputs]) throws -> EncoderInput {
    let l = 1 + (rows.map(\.textTokens).max() ?? 0)
    var tokens = [Int32](repeating: 0, count: rows.count * l)
    var features: [Float] = []
    features.reserveCapacity(rows.reduce(0) { $0 + $1.text.count })
    for (b, r) in rows.enumerated() {
      if textIDs {
        for j in 0..<r.textTokens { tokens[b * l + 1 + j] = r.wordIDs[j] }
      } else {
        for j in 0..<r.textTokens { tokens[b * l + 1 + j] = EncoderInput.featureToken }
        features.append(contentsOf: r.text)
      }
    }
    let mask = SequenceMask(lengths: rows.map { 1 + $0.textTokens }, length: l)
    let n = features.count / max(textWidth, 1)
    return try EncoderInput(tokens: tokens, mask: mask,
                            features: n > 0 ? Matrix(rows: n, columns: textWidth, values: features) : nil)
  }

  /// `[CLS] + image tokens`; a row without an image keeps `[CLS]` only (its image positions masked).
  func imageInput(_ rows: [RowInputs]) throws -> EncoderInput {
    let l = 1 + imageTokens
    var tokens = [Int32](repeating: 0, count: rows.count * l)
    var features: [Float] = []
    for (b, r) in rows.enumerated() {
      guard let image = r.image else { continue }
      for j in 0..<imageTokens { tokens[b * l + 1 + j] = EncoderInput.featureToken }
      features.append(contentsOf: image)
    }
    let mask = SequenceMask(lengths: rows.map { $0.image == nil ? 1 : l }, length: l)
    let n = features.count / max(imageWidth, 1)
    return try EncoderInput(tokens: tokens, mask: mask,
                            features: n > 0 ? Matrix(rows: n, columns: imageWidth, values: features) : nil)
  }

  /// `[CLS] + image tokens + text tokens` with modality types; absent image tokens are masked.
  func singleStreamInput(_ rows: [RowInputs]) throws -> EncoderInput {
    let p = imageTokens, l = 1 + p + (rows.map(\.textTokens).max() ?? 0)
    let w = textWidth + imageWidth
    var tokens = [Int32](repeating: 0, count: rows.count * l)
    var types = [Int32](repeating: 0, count: rows.count * l)
    var mask = [Float](repeating: 0, count: rows.count * l)
    var features: [Float] = []
    for (b, r) in rows.enumerated() {
      let base = b * l
      mask[base] = 1
      for j in 0..<p { types[base + 1 + j] = 1 }
      if let image = r.image {
        for j in 0..<p {
          tokens[base + 1 + j] = EncoderInput.featureToken
          mask[base + 1 + j] = 1
          features.append(contentsOf: repeatElement(0, count: textWidth))
          let start = image.startIndex + j * imageWidth
          features.append(contentsOf: image[start..<(start + imageWidth)])
        }
      }
      for j in 0..<r.textTokens {
        mask[base + 1 + p + j] = 1
        if textIDs {
          tokens[base + 1 + p + j] = r.wordIDs[j]
          continue
        }
        tokens[base + 1 + p + j] = EncoderInput.featureToken
        let start = r.text.startIndex + j * textWidth
        features.append(contentsOf: r.text[start..<(start + textWidth)])
        features.append(contentsOf: repeatElement(0, count: imageWidth))
      }
    }
    let n = features.count / w
    return try EncoderInput(tokens: tokens, tokenTypes: types,
                            mask: SequenceMask(batchSize: rows.count, length: l, values: mask),
                            features: n > 0 ? Matrix(rows: n, columns: w, values: features) : nil)
  }

  // MARK: Forward and backward

  /// What `backward` needs.
  struct Cache {
    var encoders: [EncoderCache] = []
    var cross: [(LayerCache, LayerCache)] = []
    var masks: [SequenceMask] = []
    /// The fine-tuned MiniLM layers' cache, and each row's text tokens and image presence (to find the text
    /// tokens' rows among the projected features).
    var fineTuned: FineTunedText.Cache?
    var textTokens: [Int] = []
    var hasImage: [Bool] = []
  }

  /// Pooled embeddings (B × outputWidth); with `dropout`, a training pass that keeps its cache.
  func forward(_ rows: [RowInputs], dropout rng: inout SplitMix64?) throws -> (pooled: Matrix<Float>, cache: Cache?) {
    let training = rng != nil
    var cache = Cache()
    var rows = rows
    if let fineTuned, kind.readsText {
      let (states, c) = try fineTuned.forward(rows.map(\.text), tokens: rows.map(\.textTokens), dropout: &rng)
      for b in rows.indices { rows[b].text = states[b][...] }
      cache.fineTuned = c
      cache.textTokens = rows.map(\.textTokens)
      cache.hasImage = rows.map { $0.image != nil }
    }
    func run(_ e: TransformerEncoder, _ input: EncoderInput) throws -> Matrix<Float> {
      cache.masks.append(input.mask)
      guard training else { return try e.encode(input) }
      let (h, c) = try e.forward(input, dropoutUsing: &rng!)
      cache.encoders.append(c)
      return h
    }
    switch kind {
    case .text, .image, .singleStream:
      let input = try kind == .text ? textInput(rows) : kind == .image ? imageInput(rows) : singleStreamInput(rows)
      let h = try run(towers[0], input)
      return (Pooling.mean(h, mask: input.mask), training ? cache : nil)
    case .dualStream:
      let ti = try textInput(rows), vi = try imageInput(rows)
      var a = try run(towers[0], ti), b = try run(towers[1], vi)
      for l in 0..<shape.crossLayers {
        let ca = EncoderContext(hidden: b, mask: vi.mask), cb = EncoderContext(hidden: a, mask: ti.mask)
        if training {
          let (na, la) = try towers[2].forwardLayer(l, hidden: a, mask: ti.mask, context: ca, dropoutUsing: &rng!)
          let (nb, lb) = try towers[3].forwardLayer(l, hidden: b, mask: vi.mask, context: cb, dropoutUsing: &rng!)
          cache.cross.append((la, lb))
          (a, b) = (na, nb)
        } else {
          let na = try towers[2].encode(fromLayer: l, toLayer: l + 1, hidden: a, mask: ti.mask, context: ca)
          let nb = try towers[3].encode(fromLayer: l, toLayer: l + 1, hidden: b, mask: vi.mask, context: cb)
          (a, b) = (na, nb)
        }
      }
      let pa = Pooling.mean(a, mask: ti.mask), pb = Pooling.mean(b, mask: vi.mask)
      let d = shape.width
      var pooled = Matrix<Float>(rows: rows.count, columns: 2 * d, repeating: 0)
      for i in 0..<rows.count {
        for j in 0..<d {
          pooled[i, j] = pa[i, j]
          pooled[i, d + j] = pb[i, j]
        }
      }
      return (pooled, training ? cache : nil)
    }
  }

  /// ∂loss/∂parameters of every tower (in `towers` order), then of the fine-tuned MiniLM layers when there are
  /// some, from ∂loss/∂pooled.
  func backward(_ cache: Cache, dPooled: Matrix<Float>) -> [[Float]] {
    var gradients = towers.map { _ in [Float]() }
    /// ∂loss/∂(the projected feature rows) of the tower that reads the text.
    var dFeatures: Matrix<Float>?
    switch kind {
    case .text, .image, .singleStream:
      let dh = Pooling.meanBackward(dPooled, mask: cache.masks[0])
      dFeatures = towers[0].backward(cache.encoders[0], dOutput: dh, gradient: &gradients[0],
                                     featureGradients: fineTuned != nil).features
    case .dualStream:
      let d = shape.width, n = dPooled.rows
      var left = Matrix<Float>(rows: n, columns: d, repeating: 0), right = left
      for i in 0..<n {
        for j in 0..<d {
          left[i, j] = dPooled[i, j]
          right[i, j] = dPooled[i, d + j]
        }
      }
      var da = Pooling.meanBackward(left, mask: cache.masks[0])
      var db = Pooling.meanBackward(right, mask: cache.masks[1])
      gradients[2] = [Float](repeating: 0, count: towers[2].parameters.count)
      gradients[3] = [Float](repeating: 0, count: towers[3].parameters.count)
      for (la, lb) in cache.cross.reversed() {
        let (dxa, dca) = towers[2].backwardLayer(la, dOutput: da, gradient: &gradients[2], accumulate: true)
        let (dxb, dcb) = towers[3].backwardLayer(lb, dOutput: db, gradient: &gradients[3], accumulate: true)
        da = dxa
        db = dxb
        if let dcb { for j in da.values.indices { da.values[j] += dcb.values[j] } }
        if let dca { for j in db.values.indices { db.values[j] += dca.values[j] } }
      }
      dFeatures = towers[0].backward(cache.encoders[0], dOutput: da, gradient: &gradients[0],
                                     featureGradients: fineTuned != nil).features
      _ = towers[1].backward(cache.encoders[1], dOutput: db, gradient: &gradients[1], featureGradients: false)
    }
    if let fineTuned, let ftCache = cache.fineTuned {
      gradients.append(fineTuned.backward(ftCache, dStates: textGradients(dFeatures, cache: cache)))
    }
    return gradients
  }

  /// Each row's ∂loss/∂(text token vectors) (tokens × textWidth) from ∂loss/∂(the projected feature rows): the text
  /// tower's feature rows are the text tokens in row order; the single stream's are per row its image tokens (when
  /// present) then its text tokens, the text in the first `textWidth` columns.
  private func textGradients(_ dFeatures: Matrix<Float>?, cache: Cache) -> [[Float]] {
    let w = textWidth
    var out = [[Float]](repeating: [], count: cache.textTokens.count)
    guard let d = dFeatures else {
      for (b, n) in cache.textTokens.enumerated() { out[b] = [Float](repeating: 0, count: n * w) }
      return out
    }
    var at = 0
    for (b, n) in cache.textTokens.enumerated() {
      if kind == .singleStream {
        if cache.hasImage[b] { at += imageTokens }
        var g = [Float](repeating: 0, count: n * w)
        for t in 0..<n { for j in 0..<w { g[t * w + j] = d[at + t, j] } }
        out[b] = g
      } else {
        out[b] = Array(d.values[(at * w)..<((at + n) * w)])
      }
      at += n
    }
    return out
  }

  /// Floating-point operations of the matrix products of one training step on `rows` (forward and backward, the
  /// padded shapes BLAS actually runs), for the fit report and the throughput benchmark (benchmarks/e2e).
  ///
  /// With n = B·L padded positions of a stream, H the width, I the FFN size, per layer (2 FLOP per multiply–add):
  /// - self-attention: Q/K/V and output projections 2·n·4H², scores Q·Kᵀ and context P·V 4·B·L²·H;
  /// - cross-attention (dual stream; queries from this stream, L_q, keys and values from the other, L_k): Q and
  ///   output projections 2·n_q·2H², K/V projections 2·n_k·2H², scores and context 4·B·L_q·L_k·H;
  /// - feed-forward: 4·n·H·I;
  /// - the input projections (`embeddings.feature_projection`): 2·H·F per feature row (real tokens only: padded
  ///   and masked positions have no feature row);
  /// - backward = 2 × forward (∂input and ∂weight per product; the attention's four products dV, dP, dQ, dK are
  ///   twice its two), except the input projections, whose input is data: ∂weight only, 1 × forward.
  /// Element-wise work (LayerNorm, GELU, softmax, dropout, embeddings, pooling) and the head and loss (2·B·D·K,
  /// under 0.1 %) are not counted.
  func trainingFlops(rows: [RowInputs]) -> (forward: Double, backward: Double) {
    let b = Double(rows.count), h = Double(shape.width), i = Double(shape.intermediate)
    let textTokens = Double(rows.reduce(0) { $0 + $1.textTokens })
    let imageRows = Double(rows.filter { $0.image != nil }.count)
    let lt = Double(1 + (rows.map(\.textTokens).max() ?? 0)), lv = Double(1 + imageTokens)
    func layer(_ l: Double, cross lk: Double? = nil) -> Double {
      var f = 2 * b * l * 4 * h * h + 4 * b * l * l * h + 4 * b * l * h * i
      if let lk { f += 2 * b * l * 2 * h * h + 2 * b * lk * 2 * h * h + 4 * b * l * lk * h }
      return f
    }
    let textProjection = 2 * h * textTokens * Double(textWidth)
    let imageProjection = 2 * h * imageRows * Double(imageTokens) * Double(imageWidth)
    let depth = Double(shape.layers + shape.crossLayers)
    let layers: Double, projection: Double
    switch kind {
    case .text: (layers, projection) = (depth * layer(lt), textProjection)
    case .image: (layers, projection) = (depth * layer(lv), imageProjection)
    case .singleStream:
      (layers, projection) = (depth * layer(lt + Double(imageTokens)),
                              2 * h * ((textIDs ? 0 : textTokens) + imageRows * Double(imageTokens))
                                * Double(textWidth + imageWidth))
    case .dualStream:
      let own = Double(shape.layers) * (layer(lt) + layer(lv))
      let cross = Double(shape.crossLayers) * (layer(lt, cross: lv) + layer(lv, cross: lt))
      (layers, projection) = (own + cross, textProjection + imageProjection)
    }
    // Fine-tuned MiniLM layers (fine_tune_layers > 0): their forward products and a backward of twice them; the
    // text tower's input projection then computes ∂input too (`featureGradients`), once more its forward.
    guard let fineTuned, kind.readsText else { return (layers + projection, 2 * layers + projection) }
    let tuned = fineTuned.forwardFlops(tokens: rows.map(\.textTokens))
    let inputGradient = kind == .dualStream ? textProjection : projection
    return (layers + projection + tuned, 2 * layers + projection + inputGradient + 2 * tuned)
  }
}
