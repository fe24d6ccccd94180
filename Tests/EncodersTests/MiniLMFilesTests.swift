import Foundation
import Testing

@testable import Encoders

/// The real all-MiniLM-L6-v2 folder: every tensor's shape against config.json, the tokenizer settings, and the
/// errors a wrong or missing folder gives before any work starts.
@Suite(.enabled(if: EncoderTestSupport.modelPresent, EncoderTestSupport.modelMissingReason))
struct MiniLMFilesTests {
  @Test func everyTensorHasTheShapeConfigJSONImplies() throws {
    let m = try MiniLMFiles(directory: EncoderTestSupport.modelDirectory)
    let c = m.configuration
    #expect(c.vocabSize == 30522 && c.hiddenSize == 384 && c.numHiddenLayers == 6 && c.numAttentionHeads == 12)
    #expect(c.intermediateSize == 1536 && c.maxPositionEmbeddings == 512 && c.typeVocabSize == 2)
    #expect(m.maxSequenceLength == 256 && m.tokenizer.vocabularySize == 30522)
    let expected = c.expectedShapes
    #expect(expected.count == 5 + 6 * 16)
    for (name, shape) in expected { #expect(try m.weights.info(name).shape == shape, "\(name)") }
    // The file holds exactly those plus the pooler and the position-id buffer.
    #expect(Set(m.weights.names) == Set(expected.keys).union(c.optionalShapes.keys))
    #expect(try m.weights.info("embeddings.position_ids").dtype == .i64)
    let w = try m.weights.floats("encoder.layer.5.output.LayerNorm.weight")
    #expect(w.count == 384 && w.allSatisfy(\.isFinite))
    #expect(m.fileHashes["model.safetensors"] == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")
  }

  /// A copy of the folder with one file replaced.
  static func copy(replacing file: String, with text: String) throws -> URL {
    let dir = try EncoderTestSupport.temporaryDirectory()
    for p in MiniLMFiles.required where p != file {
      let to = dir.appendingPathComponent(p)
      try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(at: to, withDestinationURL: EncoderTestSupport.modelDirectory.appendingPathComponent(p))
    }
    let to = dir.appendingPathComponent(file)
    try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: to, atomically: true, encoding: .utf8)
    return dir
  }

  static func config(_ edit: (inout [String: Any]) -> Void) throws -> String {
    var c = try JSONSerialization.jsonObject(with: Data(contentsOf: EncoderTestSupport.modelDirectory
      .appendingPathComponent("config.json"))) as! [String: Any]
    edit(&c)
    return String(decoding: try JSONSerialization.data(withJSONObject: c), as: UTF8.self)
  }

  @Test func aConfigThatDoesNotMatchTheWeightsNamesTheTensor() throws {
    let wider = try Self.copy(replacing: "config.json", with: Self.config { $0["intermediate_size"] = 2048 })
    let e = encoderError { try MiniLMFiles(directory: wider) }
    #expect(e?.kind == .mismatch && e?.tensor == "encoder.layer.0.intermediate.dense.bias", "\(String(describing: e))")
    #expect(e?.message.contains("shape [1536]") == true && e?.message.contains("implies [2048]") == true)
    let deeper = try Self.copy(replacing: "config.json", with: Self.config { $0["num_hidden_layers"] = 7 })
    let d = encoderError { try MiniLMFiles(directory: deeper) }
    #expect(d?.kind == .mismatch && d?.tensor?.hasPrefix("encoder.layer.6.") == true && d?.message.contains("missing") == true)
    let shallower = try Self.copy(replacing: "config.json", with: Self.config { $0["num_hidden_layers"] = 5 })
    let s = encoderError { try MiniLMFiles(directory: shallower) }
    #expect(s?.tensor?.hasPrefix("encoder.layer.5.") == true && s?.message.contains("not a parameter") == true)
    let heads = try Self.copy(replacing: "config.json", with: Self.config { $0["num_attention_heads"] = 7 })
    let h = encoderError { try MiniLMFiles(directory: heads) }
    #expect(h?.kind == .unsupported && h?.message.contains("not a multiple of num_attention_heads 7") == true)
  }

  @Test func otherTokenizerOrPoolingSettingsAreRefused() throws {
    let tj = try String(contentsOf: EncoderTestSupport.modelDirectory.appendingPathComponent("tokenizer.json"), encoding: .utf8)
    #expect(tj.contains("\"lowercase\":true"))
    let cased = try Self.copy(replacing: "tokenizer.json", with: tj.replacingOccurrences(of: "\"lowercase\":true", with: "\"lowercase\":false"))
    let e = encoderError { try MiniLMFiles(directory: cased) }
    #expect(e?.kind == .unsupported && e?.file?.hasSuffix("tokenizer.json") == true)
    let cls = try Self.copy(replacing: "1_Pooling/config.json", with: #"{"word_embedding_dimension": 384, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#)
    let p = encoderError { try MiniLMFiles(directory: cls) }
    #expect(p?.kind == .unsupported && p?.message.contains("mean pooling") == true)
  }
}

struct MiniLMCacheTests {
  @Test func aMissingCacheNamesTheMakeTarget() throws {
    let empty = try EncoderTestSupport.temporaryDirectory()
    let e = encoderError { try MiniLMFiles(directory: empty) }
    #expect(e?.kind == .missingCache && e?.message.contains("make minilm") == true && e?.file == empty.path)
    #expect(MiniLMFiles.defaultDirectory(repository: URL(fileURLWithPath: "/r"), environment: [:]).path == "/r/.cache/minilm-l6")
    #expect(MiniLMFiles.defaultDirectory(environment: ["ROUTERBENCH_MINILM": "/m"]).path == "/m")
  }
}
