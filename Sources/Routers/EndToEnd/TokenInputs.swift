internal import BenchCore
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
    /// The prompt's cl100k_base token ids (the importer's exact tokenizer), each given a learned embedding trained
    /// from scratch with the router over a compact vocabulary of the training rows' ids (`TextVocabulary`).
    case cl100kLearned = "cl100k-learned"

    /// Whether the tokens arrive as ids (`TextTokens.ids`) rather than vectors.
    public var givesIDs: Bool { self == .cl100kLearned }
  }

  public var source: Source
  /// Tokens per prompt, truncation keeping the first ones: WordPiece tokens with `[CLS]` and `[SEP]` included for
  /// the MiniLM sources, cl100k ids (no special tokens) for `cl100k-learned`.
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

  /// How many of MiniLM-L6's six layers run before the vectors are cached (`MiniLMEncoder.tokenStates`); 0 for
  /// the embedding block and for ids, which have no MiniLM pass.
  public var cachedLayers: Int {
    switch source {
    case .minilmStates: 6 - fineTuneLayers
    case .minilmEmbeddings, .cl100kLearned: 0
    }
  }

  public var description: String {
    fineTuneLayers > 0
      ? "\(source.rawValue) after layer \(cachedLayers), top \(fineTuneLayers) fine-tuned (≤ \(maxTokens) tokens)"
      : "\(source.rawValue) (≤ \(maxTokens) tokens)"
  }
}

/// Text tokens for every benchmark row, as vectors or as ids: row i's tokens are `vectors[offsets[i]..<offsets[i+1]]`
/// (each `width` floats), or `ids[offsets[i]..<offsets[i+1]]` when the request's source gives ids (`width` 0, no
/// vectors). A row with no tokens has no text (masked, never zero-filled).
public struct TextTokens: Sendable {
  public let request: TextRequest
  /// Floats per token vector; 0 for ids.
  public let width: Int
  /// N + 1 token offsets.
  public let offsets: [Int]
  /// Token-major vectors, `offsets.last! × width` floats (empty for ids).
  public let vectors: [Float]
  /// Token ids (cl100k ranks), `offsets.last!` of them (empty for vectors).
  public let ids: [Int32]
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
    ids = []
    self.truncatedRows = truncatedRows
    self.tower = tower
  }

  /// Token ids (a source that `givesIDs`): `offsets.last!` ids, each ≥ 0.
  public init(request: TextRequest, ids: [Int32], offsets: [Int], truncatedRows: Int = 0) {
    precondition(request.source.givesIDs, "TextTokens: \(request.source.rawValue) gives vectors, not ids")
    precondition(offsets.first == 0 && zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }
                 && ids.count == (offsets.last ?? 0) && ids.allSatisfy { $0 >= 0 },
                 "TextTokens: inconsistent offsets and ids")
    self.request = request
    width = 0
    self.offsets = offsets
    vectors = []
    self.ids = ids
    self.truncatedRows = truncatedRows
    tower = nil
  }

  /// Whether the tokens are ids (`ids`) rather than vectors.
  public var holdsIDs: Bool { request.source.givesIDs }

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
  /// Text token vectors (tokens × width), empty when the row has no text or its text is ids.
  var text: ArraySlice<Float>
  var textTokens: Int
  /// Image token values (tokens × imageTokenWidth), nil when the row has no image.
  var image: ArraySlice<Float>?
  /// The text tower's word ids of the text tokens (`TextVocabulary.wordID`), `textTokens` of them, when the text
  /// is ids; empty otherwise.
  var wordIDs: [Int32] = []
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
  /// How text ids become word ids: set from the training rows when fitting, from the model when routing; nil
  /// for text vectors.
  var vocabulary: TextVocabulary?

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
    var words: [Int32] = []
    if let t = self.text {
      n = t.tokenCount(i)
      if t.holdsIDs {
        guard let vocabulary else { preconditionFailure("EndToEndInputs: text ids without a vocabulary") }
        words = t.ids[t.offsets[i]..<t.offsets[i + 1]].map(vocabulary.wordID)
      } else {
        text = t.vectors[(t.offsets[i] * t.width)..<(t.offsets[i + 1] * t.width)]
      }
    }
    let image = self.image.flatMap { imageAbsent[i] ? nil : $0.row(i) }
    return RowInputs(text: text, textTokens: n, image: image, wordIDs: words)
  }

  var textWidth: Int { text?.width ?? 0 }
}

/// The compact vocabulary of learned text embeddings (`cl100k-learned`): word id 0 is the stream's `[CLS]`, 1 is
/// `[UNK]`, and each cl100k id that occurs at least `minimumCount` times among the training rows' tokens gets its
/// own row from 2 on, in increasing id order. Every other id — unseen in training (a test row's new token) or seen
/// only once — maps to `[UNK]`. Built from the training rows alone, so nothing about the dev or test prompts enters
/// the model; ids seen once share `[UNK]` so that `[UNK]` is trained on the kind of rare tokens that unseen ones are
/// (with every seen id kept, the `[UNK]` row would never receive a gradient).
struct TextVocabulary: Sendable, Hashable {
  static let cls: Int32 = 0
  static let unknown: Int32 = 1
  /// Training occurrences an id needs for a row of its own.
  static let minimumCount = 2

  /// cl100k id → word id (≥ 2).
  let words: [Int32: Int32]

  /// Word embedding rows: `[CLS]`, `[UNK]` and one per kept id.
  var size: Int { 2 + words.count }

  init(_ text: TextTokens, rows: [Int]) {
    precondition(text.holdsIDs, "TextVocabulary: the text is vectors")
    var counts: [Int32: Int] = [:]
    for i in rows { for id in text.ids[text.offsets[i]..<text.offsets[i + 1]] { counts[id, default: 0] += 1 } }
    let kept = counts.filter { $0.value >= Self.minimumCount }.keys.sorted()
    var words: [Int32: Int32] = [:]
    for (n, id) in kept.enumerated() { words[id] = Int32(2 + n) }
    self.words = words
  }

  func wordID(_ id: Int32) -> Int32 { words[id] ?? Self.unknown }
}
