public import BenchCore
public import Learning

// The raw inputs of the end-to-end routers (VL-RouterBench Sec. 4.3, App. G.1/G.3; spec §4.8–4.10): per benchmark
// row, the prompt's text tokens and the image's tokens. Text arrives as one vector per token (the frozen MiniLM
// tower's states, computed once per benchmark by the harness: `TextRequest`); image tokens are the run's feature
// matrix cut into tokens of `imageTokenWidth` columns (the simulated benchmark's `patches` set: 16 tokens × 32, or
// one token of a pooled image feature).

/// Which text token vectors an end-to-end router reads, computed once per benchmark and shared by every run that
/// asks for the same request.
public struct TextRequest: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What each token's vector is.
  public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
    /// The last hidden states of the pretrained all-MiniLM-L6-v2 tower (six layers, 384-d), frozen.
    case minilmStates = "minilm-l6"
    /// MiniLM-L6's pretrained embedding block only (word + position + type embeddings, LayerNorm), 384-d: no
    /// transformer layer, a hundredth of the cost.
    case minilmEmbeddings = "minilm-l6-embeddings"
  }

  public var source: Source
  /// WordPiece tokens per prompt, `[CLS]` and `[SEP]` included (truncation keeps the first ones).
  public var maxTokens: Int
  /// MiniLM's top k layers fine-tuned by the router (0: the tower is frozen). With k > 0 (`minilm-l6` only) the
  /// vectors are the states after layer 6 − k, computed once, and `TextTokens.tower` holds the pretrained top k
  /// layers the router trains a copy of.
  public var fineTuneLayers: Int

  public init(source: Source, maxTokens: Int, fineTuneLayers: Int = 0) {
    self.source = source
    self.maxTokens = maxTokens
    self.fineTuneLayers = fineTuneLayers
  }

  /// How many of MiniLM-L6's six layers run before the vectors are cached (`MiniLMEncoder.tokenStates`).
  public var cachedLayers: Int {
    switch source {
    case .minilmStates: 6 - fineTuneLayers
    case .minilmEmbeddings: 0
    }
  }

  public var description: String {
    fineTuneLayers > 0
      ? "\(source.rawValue) after layer \(cachedLayers), top \(fineTuneLayers) fine-tuned (≤ \(maxTokens) tokens)"
      : "\(source.rawValue) (≤ \(maxTokens) tokens)"
  }
}

/// Text token vectors for every benchmark row: row i's tokens are `vectors[offsets[i]..<offsets[i+1]]` (each
/// `width` floats). A row with no tokens has no text (masked, never zero-filled).
public struct TextTokens: Sendable {
  public let request: TextRequest
  public let width: Int
  /// N + 1 token offsets.
  public let offsets: [Int]
  /// Token-major vectors, `offsets.last! × width` floats.
  public let vectors: [Float]
  /// Prompts cut at `request.maxTokens`.
  public let truncatedRows: Int
  /// For `request.fineTuneLayers` = k > 0: the pretrained top k layers (`TransformerEncoder.topLayers`, width =
  /// `width`), which a router copies and trains over `vectors`; nil for a frozen tower.
  public let tower: TransformerEncoder?

  public init(request: TextRequest, width: Int, offsets: [Int], vectors: [Float], truncatedRows: Int = 0,
              tower: TransformerEncoder? = nil) {
    precondition(width > 0 && offsets.first == 0 && zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }
                 && vectors.count == (offsets.last ?? 0) * width, "TextTokens: inconsistent offsets and vectors")
    precondition(tower.map { $0.configuration.hiddenSize == width && !$0.configuration.hasEmbeddings
                   && $0.configuration.layerCount == request.fineTuneLayers } ?? (request.fineTuneLayers == 0),
                 "TextTokens: a fine-tuned request needs its top layers (width \(width), \(request.fineTuneLayers) layers)")
    self.request = request
    self.width = width
    self.offsets = offsets
    self.vectors = vectors
    self.truncatedRows = truncatedRows
    self.tower = tower
  }

  public var rowCount: Int { offsets.count - 1 }
  public func tokenCount(_ row: Int) -> Int { offsets[row + 1] - offsets[row] }
}

/// How a router's configuration asks for text tokens (every end-to-end router's does).
public protocol TextInputConfiguration: RouterConfiguration {
  /// nil when the configured backbone reads no text (the `image` backbone).
  var textRequest: TextRequest? { get }
}

/// One routed or training row's inputs as the backbones read them.
struct RowInputs {
  /// Text token vectors (tokens × width), empty when the row has no text.
  var text: ArraySlice<Float>
  var textTokens: Int
  /// Image token values (tokens × imageTokenWidth), nil when the row has no image.
  var image: ArraySlice<Float>?
}

/// The inputs of the end-to-end routers for every benchmark row, checked once.
struct EndToEndInputs: Sendable {
  var text: TextTokens?
  /// N × D image features (D = imageTokens · imageTokenWidth), nil without an image view.
  var image: Matrix<Float>?
  var imageTokenWidth: Int
  var imageTokens: Int
  /// Rows whose image view is all zero: the reference's "no image" vector (spec §3.1), masked here.
  var imageAbsent: [Bool]

  /// - Parameter imageTokenWidth: columns per image token; 0 makes the whole row one token (a pooled feature).
  init(text: TextTokens?, image: Matrix<Float>?, imageTokenWidth: Int, rows: Int, router: String) throws {
    if let text, text.rowCount != rows {
      throw RouterError.invalidInput(router: router, message: "text tokens cover \(text.rowCount) rows, the benchmark has \(rows)")
    }
    self.text = text
    self.image = image
    if let image {
      guard image.rows == rows else {
        throw RouterError.invalidInput(router: router, message: "the image feature matrix has \(image.rows) rows, the benchmark has \(rows)")
      }
      let w = imageTokenWidth == 0 ? image.columns : imageTokenWidth
      guard w > 0, image.columns % w == 0 else {
        throw RouterError.invalidHyperparameter(
          router: router, message: "image_token_width \(imageTokenWidth) does not divide the feature set's \(image.columns) columns")
      }
      self.imageTokenWidth = w
      imageTokens = image.columns / w
      var absent = [Bool](repeating: true, count: rows)
      for i in 0..<rows where image.row(i).contains(where: { $0 != 0 }) { absent[i] = false }
      imageAbsent = absent
    } else {
      self.imageTokenWidth = 0
      imageTokens = 0
      imageAbsent = [Bool](repeating: true, count: rows)
    }
  }

  func row(_ i: Int) -> RowInputs {
    var text: ArraySlice<Float> = []
    var n = 0
    if let t = self.text {
      n = t.tokenCount(i)
      text = t.vectors[(t.offsets[i] * t.width)..<(t.offsets[i + 1] * t.width)]
    }
    let image = self.image.flatMap { imageAbsent[i] ? nil : $0.row(i) }
    return RowInputs(text: text, textTokens: n, image: image)
  }

  var textWidth: Int { text?.width ?? 0 }
}
