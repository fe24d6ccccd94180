internal import BenchCore
public import BenchStore
internal import Encoders
internal import Foundation
internal import Learning
public import LogImport
public import Routers
internal import Sweep

/// The text tokens of the end-to-end routers (`TextRequest`), computed once per sweep from the prompts the store
/// holds: WordPiece (= `BertTokenizerFast`) truncated at `maxTokens`, then the frozen all-MiniLM-L6-v2 tower of
/// `make minilm` (its six layers' last hidden states, or only its embedding block), every real token kept — with
/// `fineTuneLayers` = k > 0, the states after layer 6 − k and the pretrained top k layers the router fine-tunes; or,
/// for `cl100k-learned`, the prompt's cl100k_base ids from the importer's exact tokenizer (`CL100KTokenizer`, the
/// vocabulary of `make vocab`), truncated at `maxTokens`, which the router embeds itself.
///
/// A row is computed with its prompt alone (batches of 64 length-sorted prompts, padded keys get probability 0), so
/// it does not depend on the other rows up to float rounding (docs/features.md).
public enum TextTokenProvider {
  /// - Parameters:
  ///   - sampleIDs: the benchmark's rows; the store's prompts must be the same samples in the same order.
  ///   - threads: BLAS threads for the forward passes (the sweep sets one per run afterwards).
  public static func tokens(_ request: TextRequest, store: BenchStore, sampleIDs: [String], threads: Int,
                            log: @Sendable (String) -> Void = { _ in }) throws -> TextTokens {
    let start = Date()
    let prompts = try store.samplePrompts()
    guard prompts.map(\.sampleID) == sampleIDs else {
      throw SweepError.invalidFeatures("text tokens: the store's \(prompts.count) prompts are not the benchmark's "
        + "\(sampleIDs.count) samples in row order")
    }
    if request.source == .cl100kLearned {
      let tokenizer: CL100KTokenizer
      do { tokenizer = try CL100KTokenizer() } catch {
        throw SweepError.invalidFeatures("text tokens \(request.source.rawValue): the cl100k_base vocabulary "
          + "(\(CL100KTokenizer.vocabularyURL().path); make vocab) could not be loaded: \(error)")
      }
      let tokens = cl100kIDs(prompts.map(\.prompt), request: request, tokenizer: tokenizer)
      log(String(format: "text tokens %@: %d prompts, %d ids (%d truncated) in %.1f s", request.description,
                 prompts.count, tokens.offsets.last!, tokens.truncatedRows, Date().timeIntervalSince(start)))
      return tokens
    }
    let encoder = try MiniLMEncoder(files: MiniLMFiles(directory: MiniLMFiles.locate()), maxTokens: request.maxTokens)
    BLAS.setThreadCount(threads)
    let states = try encoder.tokenStates(prompts.map(\.prompt), layers: request.cachedLayers)
    // Fine-tuning (k > 0): the pretrained top k layers travel with the states after layer 6 − k.
    let tower = request.fineTuneLayers > 0 ? encoder.model.topLayers(request.fineTuneLayers) : nil
    let seconds = Date().timeIntervalSince(start)
    log(String(format: "text tokens %@: %d prompts, %d tokens (%d truncated) in %.1f s", request.description,
               prompts.count, states.offsets[states.offsets.count - 1], states.truncatedRows, seconds))
    return TextTokens(request: request, width: states.width, offsets: states.offsets, vectors: states.vectors,
                      truncatedRows: states.truncatedRows, tower: tower)
  }

  /// Each prompt's cl100k_base ids (tiktoken's `encode_ordinary`, as the importer counts tokens), the first
  /// `request.maxTokens` kept; an empty prompt has none (its text is masked).
  public static func cl100kIDs(_ prompts: [String], request: TextRequest, tokenizer: CL100KTokenizer) -> TextTokens {
    precondition(request.source.givesIDs, "cl100kIDs: \(request.source.rawValue) is not an id source")
    var offsets = [0], ids: [Int32] = [], truncated = 0
    offsets.reserveCapacity(prompts.count + 1)
    for p in prompts {
      let all = tokenizer.encode(p)
      if all.count > request.maxTokens { truncated += 1 }
      ids += all.prefix(request.maxTokens).map { Int32($0) }
      offsets.append(ids.count)
    }
    return TextTokens(request: request, ids: ids, offsets: offsets, truncatedRows: truncated)
  }
}
