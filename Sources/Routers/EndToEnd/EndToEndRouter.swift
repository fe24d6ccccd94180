public import BenchCore
internal import Learning

/// Routing for every end-to-end router: the softmax of the fitted model's logits on the routed rows.
func endToEndScores(_ model: EndToEndModel?, settings: EndToEndSettings, inputs: RoutingInputs,
                    router: String) throws -> Matrix<Float> {
  guard let model else { throw RouterError.notFitted(router) }
  let e = try EndToEndInputs(text: inputs.text, image: inputs.features, imageTokenWidth: settings.imageTokenWidth,
                             rows: inputs.samples.sampleCount, router: router)
  try EndToEndRecipe.requireModalities(settings.backbone, e, router: router)
  if settings.backbone.readsText, let text = e.text, text.holdsIDs != (model.vocabulary != nil) {
    throw RouterError.invalidInput(router: router, message: "text arrives as \(text.holdsIDs ? "ids" : "vectors"), "
      + "the router was fit on \(model.vocabulary != nil ? "ids" : "vectors")")
  }
  if settings.backbone.readsText, e.textWidth != model.inputsTextWidth {
    throw RouterError.invalidInput(router: router, message: "text vectors are \(e.textWidth)-d, the router was fit on \(model.inputsTextWidth)-d")
  }
  return SoftmaxCrossEntropy.softmax(try model.logits(e, rows: inputs.rows))
}

/// Defaults shared by the end-to-end routers.
public enum EndToEndDefaults {
  /// The feature set whose rows are the image tokens: the simulated benchmark's 16 × 32 patch grid.
  public static let imageTokens = FeatureKey(sets: ["patches"])
}

extension TextInputConfiguration {
  /// The fine-tuning keys of `EndToEndSettings`, accepted by every end-to-end router and written only when set.
  public static var optionalKeys: [String: ConfigValue] { EndToEndSettings.fineTuneKeys }
}

/// Decodes `EndToEndSettings` and a router's own keys from one flat object.
struct FlatSettingsCoding {
  static func decode(_ decoder: any Decoder, backbone: BackboneKind) throws -> EndToEndSettings {
    let c = try decoder.container(keyedBy: EndToEndSettings.CodingKeys.self)
    var s = EndToEndSettings(backbone: backbone)
    s.backbone = try c.decode(BackboneKind.self, forKey: .backbone)
    s.textInput = try c.decode(TextRequest.Source.self, forKey: .textInput)
    s.maxTextTokens = try c.decode(Int.self, forKey: .maxTextTokens)
    s.imageTokenWidth = try c.decode(Int.self, forKey: .imageTokenWidth)
    s.width = try c.decode(Int.self, forKey: .width)
    s.heads = try c.decode(Int.self, forKey: .heads)
    s.intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
    s.layers = try c.decode(Int.self, forKey: .layers)
    s.crossLayers = try c.decode(Int.self, forKey: .crossLayers)
    s.dropout = try c.decode(Double.self, forKey: .dropout)
    s.learningRate = try c.decode(Double.self, forKey: .learningRate)
    s.weightDecay = try c.decode(Double.self, forKey: .weightDecay)
    s.batchSize = try c.decode(Int.self, forKey: .batchSize)
    s.maxEpochs = try c.decode(Int.self, forKey: .maxEpochs)
    s.warmupFraction = try c.decode(Double.self, forKey: .warmupFraction)
    s.patience = try c.decode(Int.self, forKey: .patience)
    s.minDelta = try c.decode(Double.self, forKey: .minDelta)
    s.clipNorm = try c.decode(Double.self, forKey: .clipNorm)
    s.maxTrainRows = try c.decode(Int.self, forKey: .maxTrainRows)
    let f = try decoder.container(keyedBy: EndToEndSettings.FineTuneKeys.self)
    s.fineTuneLayers = try f.decodeIfPresent(Int.self, forKey: .fineTuneLayers) ?? 0
    s.fineTuneLearningRate = try f.decodeIfPresent(Double.self, forKey: .fineTuneLearningRate) ?? 5e-5
    return s
  }
}
