internal import BenchCore

/// The hyperparameters every end-to-end router shares, as flat experiment-file keys (`{router: VLC, backbone:
/// single-stream, width: 128}`); each router's `Configuration` embeds them beside its own keys.
///
/// Defaults and why (App. H: AdamW, lr 2·10⁻⁵, batch 16, weight decay 0.01, cosine decay, ≤ 5 epochs; spec
/// §4.8–4.10: 10 % warm-up, clipping at 1.0, patience 2 on the dev rank score, best weights restored):
/// - `max_epochs` 3, not 5: one epoch over the 20,440 training rows of the simulated benchmark costs ≈ 33 CPU
///   seconds (dual stream, measured), so four routers × six λ fit in the 30-minute budget on two cores with 3;
/// - `learning_rate` 10⁻³, not 2·10⁻⁵: the trainable towers here start from scratch (the paper fine-tunes
///   pretrained 100M-parameter encoders, whose rate would leave a fresh 64-wide tower where it starts);
/// - `batch_size` 64, not 16: the same number of epochs in a quarter of the steps, and products large enough
///   for BLAS to run near its peak; the 2-core budget (docs/routers.md, "End-to-end routers") is the reason;
/// - `width` 64, 4 heads, FFN 128, one self-attention + one cross-modality layer, dropout 0.1: the towers that fit
///   four routers × six λ on 21k training rows into 30 minutes on two cores;
/// - `max_text_tokens` 32 WordPiece tokens (`[CLS]`/`[SEP]` included; the reference truncates at 128, the
///   simulated prompts average ≈ 30);
/// - `max_train_rows` 0 = every training row; a positive value trains on a seeded subsample (the smaller,
///   labelled budget of the default experiment);
/// - `fine_tune_layers` 0 = MiniLM frozen; k ∈ 1…6 trains a copy of MiniLM's pretrained top k layers over the
///   cached states after layer 6 − k (`FineTunedText`; `text_input: minilm-l6` only), at
///   `fine_tune_learning_rate` 5·10⁻⁵ (App. H's sweep 10⁻⁵ / 5·10⁻⁵ for pretrained encoders, its upper end because
///   batch 64 takes a quarter of batch 16's steps) on the same warm-up + cosine schedule, with the same clipping
///   (one global norm over every gradient) and weight decay. Both keys are written to the configuration JSON only
///   when fine-tuning is on, so a frozen run's identity is what it was before they existed.
public struct EndToEndSettings: Codable, Sendable, Hashable {
  public var backbone: BackboneKind
  public var textInput: TextRequest.Source
  public var maxTextTokens: Int
  /// Columns per image token of the run's feature set (0: the whole row is one token).
  public var imageTokenWidth: Int
  public var width: Int
  public var heads: Int
  public var intermediateSize: Int
  public var layers: Int
  public var crossLayers: Int
  public var dropout: Double
  public var learningRate: Double
  public var weightDecay: Double
  public var batchSize: Int
  public var maxEpochs: Int
  public var warmupFraction: Double
  public var patience: Int
  public var minDelta: Double
  public var clipNorm: Double
  public var maxTrainRows: Int
  /// MiniLM's top layers trained by the router (0: frozen).
  public var fineTuneLayers: Int = 0
  /// The base learning rate of the fine-tuned MiniLM layers.
  public var fineTuneLearningRate: Double = 5e-5

  /// Keys written only when fine-tuning is on (`RouterConfiguration.optionalKeys`), with their defaults.
  public static let fineTuneKeys: [String: ConfigValue] = ["fine_tune_layers": .int(0),
                                                           "fine_tune_learning_rate": .double(5e-5)]
  enum FineTuneKeys: String, CodingKey {
    case fineTuneLayers = "fine_tune_layers", fineTuneLearningRate = "fine_tune_learning_rate"
  }

  enum CodingKeys: String, CodingKey {
    case backbone, textInput = "text_input", maxTextTokens = "max_text_tokens", imageTokenWidth = "image_token_width",
         width, heads, intermediateSize = "intermediate_size", layers, crossLayers = "cross_layers", dropout,
         learningRate = "learning_rate", weightDecay = "weight_decay", batchSize = "batch_size",
         maxEpochs = "max_epochs", warmupFraction = "warmup_fraction", patience, minDelta = "min_delta",
         clipNorm = "clip_norm", maxTrainRows = "max_train_rows"
  }

  public init(backbone: BackboneKind) {
    self.backbone = backbone
    textInput = .minilmStates
    maxTextTokens = 32
    imageTokenWidth = 32
    width = 64
    heads = 4
    intermediateSize = 128
    layers = 1
    crossLayers = 1
    dropout = 0.1
    learningRate = 1e-3
    weightDecay = 0.01
    batchSize = 64
    maxEpochs = 3
    warmupFraction = 0.1
    patience = 2
    minDelta = 1e-4
    clipNorm = 1.0
    maxTrainRows = 0
  }

  /// Every key (the fine-tuning ones only when `fineTuneLayers` > 0).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(backbone, forKey: .backbone)
    try c.encode(textInput, forKey: .textInput)
    try c.encode(maxTextTokens, forKey: .maxTextTokens)
    try c.encode(imageTokenWidth, forKey: .imageTokenWidth)
    try c.encode(width, forKey: .width)
    try c.encode(heads, forKey: .heads)
    try c.encode(intermediateSize, forKey: .intermediateSize)
    try c.encode(layers, forKey: .layers)
    try c.encode(crossLayers, forKey: .crossLayers)
    try c.encode(dropout, forKey: .dropout)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode(weightDecay, forKey: .weightDecay)
    try c.encode(batchSize, forKey: .batchSize)
    try c.encode(maxEpochs, forKey: .maxEpochs)
    try c.encode(warmupFraction, forKey: .warmupFraction)
    try c.encode(patience, forKey: .patience)
    try c.encode(minDelta, forKey: .minDelta)
    try c.encode(clipNorm, forKey: .clipNorm)
    try c.encode(maxTrainRows, forKey: .maxTrainRows)
    if fineTuneLayers != 0 {
      var f = encoder.container(keyedBy: FineTuneKeys.self)
      try f.encode(fineTuneLayers, forKey: .fineTuneLayers)
      try f.encode(fineTuneLearningRate, forKey: .fineTuneLearningRate)
    }
  }

  /// The text vectors this configuration reads (nil for the image-only backbone).
  public var textRequest: TextRequest? {
    backbone.readsText ? TextRequest(source: textInput, maxTokens: maxTextTokens, fineTuneLayers: fineTuneLayers) : nil
  }

  /// Every invalid value, named by its key.
  func check(router: String) throws(RouterError) {
    var p: [String] = []
    if !(2...512).contains(maxTextTokens) { p.append("max_text_tokens \(maxTextTokens) must be in 2…512") }
    if imageTokenWidth < 0 { p.append("image_token_width \(imageTokenWidth) must be ≥ 0") }
    if width <= 0 || heads <= 0 || width % heads != 0 { p.append("width \(width) must be a positive multiple of heads \(heads)") }
    if intermediateSize <= 0 { p.append("intermediate_size \(intermediateSize) must be > 0") }
    if layers < 0 || crossLayers < 0 || layers + crossLayers == 0 { p.append("layers \(layers) and cross_layers \(crossLayers) must be ≥ 0, one of them > 0") }
    if backbone == .dualStream && (layers < 1 || crossLayers < 1) { p.append("the dual-stream backbone needs layers ≥ 1 and cross_layers ≥ 1") }
    if !(dropout >= 0 && dropout < 1) { p.append("dropout \(dropout) must be in [0, 1)") }
    if !(learningRate > 0) { p.append("learning_rate \(learningRate) must be > 0") }
    if !(weightDecay >= 0) { p.append("weight_decay \(weightDecay) must be ≥ 0") }
    if batchSize < 2 { p.append("batch_size \(batchSize) must be ≥ 2") }
    if maxEpochs < 1 { p.append("max_epochs \(maxEpochs) must be ≥ 1") }
    if !(warmupFraction >= 0 && warmupFraction < 1) { p.append("warmup_fraction \(warmupFraction) must be in [0, 1)") }
    if patience < 1 { p.append("patience \(patience) must be ≥ 1") }
    if !(minDelta >= 0) { p.append("min_delta \(minDelta) must be ≥ 0") }
    if !(clipNorm > 0) { p.append("clip_norm \(clipNorm) must be > 0") }
    if maxTrainRows < 0 { p.append("max_train_rows \(maxTrainRows) must be ≥ 0 (0: every training row)") }
    if !(0...6).contains(fineTuneLayers) { p.append("fine_tune_layers \(fineTuneLayers) must be in 0…6 (0: MiniLM frozen)") }
    if fineTuneLayers > 0 && textInput != .minilmStates {
      p.append("fine_tune_layers \(fineTuneLayers) fine-tunes MiniLM's top layers and needs text_input minilm-l6, not \(textInput.rawValue)")
    }
    if fineTuneLayers > 0 && !backbone.readsText {
      p.append("fine_tune_layers \(fineTuneLayers): the \(backbone.rawValue) backbone reads no text")
    }
    if !(fineTuneLearningRate > 0) { p.append("fine_tune_learning_rate \(fineTuneLearningRate) must be > 0") }
    if !p.isEmpty { throw .invalidHyperparameter(router: router, message: p.joined(separator: "; ")) }
  }

  var shape: BackboneShape {
    BackboneShape(width: width, heads: heads, intermediate: intermediateSize, layers: layers, crossLayers: crossLayers,
                  dropout: dropout)
  }
}
