public import BenchCore
internal import Foundation
public import Learning

/// sentence-transformers' `all-MiniLM-L6-v2` in Swift: `WordPieceTokenizer` (= `BertTokenizerFast`), the weights
/// of the cached folder loaded by name into Learning's `TransformerEncoder` (6 layers, width 384, 12 heads,
/// GELU-erf, post-LN), mean pooling over the attention mask, then L2 normalisation — the model's own
/// `modules.json` pipeline (Transformer → Pooling(mean) → Normalize), which `MiniLMFiles` checks before any work.
///
/// Equal to PyTorch's vectors within cosine ≥ 0.99999 and max |Δ| ≤ 1e-4 on 1,015 reference rows (real-log
/// prompts, the empty prompt, truncated and literal texts; `MiniLMEmbeddingTests`). A row depends on its prompt
/// alone up to float rounding: padding a prompt to a longer batch changes its vector by ~1e-7, not more.
public struct MiniLMEncoder: TextEncoder {
  /// The feature set's name and the registry's.
  public static let featureSetName = "minilm-l6"

  public let tokenizer: WordPieceTokenizer
  public let model: TransformerEncoder
  /// Prompts are truncated to this many word pieces, `[CLS]` and `[SEP]` included.
  public let maxLength: Int
  public let identity: EncoderIdentity

  /// Loads the folder `MiniLMFiles` checked, truncating at `maxTokens` (default: the model's `max_seq_length`,
  /// 256).
  ///
  /// - Throws: `EncoderError.invalidValue` for a `maxTokens` outside 2…`max_position_embeddings`;
  ///   `.mismatch` naming the tensor when the weights do not fit the configuration.
  public init(files: MiniLMFiles, maxTokens: Int? = nil) throws(EncoderError) {
    let limit = files.configuration.maxPositionEmbeddings
    let n = maxTokens ?? files.maxSequenceLength
    guard n >= 2 && n <= limit else {
      throw EncoderError(.invalidValue, "--max-tokens \(n) must be in 2…\(limit) ([CLS] and [SEP] count; "
                         + "the model has \(limit) positions)")
    }
    let configURL = files.directory.appendingPathComponent("config.json")
    var model: TransformerEncoder
    do {
      let configuration = try TransformerConfiguration(bertConfigJSON: try Data(contentsOf: configURL))
      var rng = SplitMix64(seed: 0)  // every parameter is overwritten by `load` below
      model = try TransformerEncoder(configuration: configuration, using: &rng)
    } catch let e as LearningError {
      throw EncoderError(.mismatch, e.description, file: configURL.path)
    } catch {
      throw EncoderError(.unreadable, "cannot read: \(error.localizedDescription)", file: configURL.path)
    }
    let weights = files.weights
    do {
      try model.load { name in
        guard let info = weights.tensors[name] else { return nil }
        return (info.shape, try weights.floats(name))
      }
    } catch let e as EncoderError {
      throw e
    } catch let e as LearningError {
      throw EncoderError(.mismatch, e.description, file: weights.file, tensor: e.tensor)
    } catch {
      throw EncoderError(.mismatch, "\(error)", file: weights.file)
    }
    let unexpected = model.unexpectedTensors(among: weights.names)
    guard unexpected.isEmpty else {
      throw EncoderError(.mismatch, "tensors the encoder does not use: \(unexpected.joined(separator: ", "))",
                         file: weights.file, tensor: unexpected[0])
    }
    tokenizer = files.tokenizer
    self.model = model
    maxLength = n
    var parts = files.fileHashes.mapValues { $0 }
    parts["encoder"] = "all-MiniLM-L6-v2 mean-pooled, L2-normalised"
    parts["maxTokens"] = "\(n)"
    identity = EncoderIdentity(describing: parts)
  }

  public var name: String { Self.featureSetName }
  public var dimension: Int { model.configuration.hiddenSize }
  public var maxTokens: Int? { maxLength }
  public var source: String { "sentence-transformers/all-MiniLM-L6-v2 (max \(maxLength) tokens, mean pooling, L2)" }

  public func tokenCount(_ prompt: String) -> Int { tokenizer.encode(prompt, maxLength: .max).untruncatedLength }

  /// Tokenises, pads the batch to its longest row, runs the six layers, mean-pools over the real tokens and
  /// normalises each row.
  public func embed(_ prompts: [String]) throws -> Matrix<Float> {
    guard !prompts.isEmpty else { return Matrix(rows: 0, columns: dimension, repeating: 0) }
    let batch = tokenizer.batch(prompts, maxLength: maxLength)
    let mask = SequenceMask(lengths: batch.lengths, length: batch.length)
    let hidden = try model.encode(EncoderInput(tokens: batch.ids, mask: mask))
    return L2Normalization.forward(Pooling.mean(hidden, mask: mask)).normalized
  }
}

extension EncoderEntry {
  /// `minilm-l6`: `MiniLMEncoder` on the folder `make minilm` caches (`MiniLMFiles.locate()`: `$ROUTERBENCH_MINILM`,
  /// the working directory's `.cache/`, or the executable's checkout's).
  public static let miniLM = EncoderEntry(
    name: MiniLMEncoder.featureSetName,
    summary: "sentence-transformers/all-MiniLM-L6-v2, 384-d, mean pooling + L2 (weights from `make minilm`)",
    make: { settings in
      let directory = settings.cacheDirectory.map { $0.appendingPathComponent("minilm-l6") }
        ?? MiniLMFiles.locate()
      return try MiniLMEncoder(files: MiniLMFiles(directory: directory), maxTokens: settings.maxTokens)
    })
}
