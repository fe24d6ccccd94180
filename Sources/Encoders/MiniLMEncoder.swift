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
      var rng = SplitMix64(seed: 0)  // every parameter is overwritten by `load` below: no draws
      model = try TransformerEncoder(configuration: configuration, initializerRange: 0, using: &rng)
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

/// Every prompt's per-token hidden states after some of MiniLM's layers (`MiniLMEncoder.tokenStates`): row i's
/// tokens are `vectors[offsets[i]·width ..< offsets[i+1]·width]`, every real token (`[CLS]`/`[SEP]` included) kept.
public struct MiniLMTokenStates: Sendable {
  public let width: Int
  /// N + 1 token offsets.
  public let offsets: [Int]
  public let vectors: [Float]
  /// Prompts cut at the encoder's `maxLength`.
  public let truncatedRows: Int
  /// The layers run (0: the embedding block only; `layerCount`: the whole tower).
  public let layers: Int
}

extension MiniLMEncoder {
  /// Per-token states of every prompt after the embedding block and the first `layers` transformer layers: the
  /// input of a fine-tuned tower's trainable top `layerCount − layers` layers (`TransformerEncoder.topLayers`),
  /// computed once. Prompts run in batches of 64 length-sorted rows (padded keys get probability 0), so a row does
  /// not depend on the others up to float rounding.
  ///
  /// - Complexity: `configuration.forwardFlops` of `layers` layers over every token (≈ 3.5 MFLOP per token and
  ///   layer at width 384, FFN 1536).
  /// - Throws: `EncoderError.invalidValue` for `layers` outside 0…`layerCount`; the forward pass's errors.
  public func tokenStates(_ prompts: [String], layers: Int) throws(EncoderError) -> MiniLMTokenStates {
    let count = model.configuration.layerCount
    guard (0...count).contains(layers) else {
      throw EncoderError(.invalidValue, "\(layers) layers of MiniLM's \(count) (0: the embedding block only)")
    }
    let ids = prompts.map { tokenizer.encode($0, maxLength: maxLength) }
    let width = dimension
    var offsets = [0]
    offsets.reserveCapacity(ids.count + 1)
    for e in ids { offsets.append(offsets[offsets.count - 1] + e.ids.count) }
    var vectors = [Float](repeating: 0, count: offsets[offsets.count - 1] * width)
    let order = ids.indices.sorted { (ids[$0].ids.count, $0) < (ids[$1].ids.count, $1) }
    var at = 0
    while at < order.count {
      let part = Array(order[at..<min(at + 64, order.count)])
      at += part.count
      do {
        let input = try EncoderInput(sequences: part.map { ids[$0].ids })
        let hidden = try model.encode(input, layers: layers)
        let l = input.length
        for (b, row) in part.enumerated() {
          let n = ids[row].ids.count
          hidden.values.withUnsafeBufferPointer { src in
            vectors.withUnsafeMutableBufferPointer { dst in
              (dst.baseAddress! + offsets[row] * width).update(from: src.baseAddress! + b * l * width, count: n * width)
            }
          }
        }
      } catch {
        throw EncoderError(.invalidValue, "MiniLM forward pass: \(error)")
      }
    }
    return MiniLMTokenStates(width: width, offsets: offsets, vectors: vectors,
                             truncatedRows: ids.filter(\.isTruncated).count, layers: layers)
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
