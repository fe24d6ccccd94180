import BenchCore
import BenchStore
import Foundation
import Learning
import Synchronization
import Testing

@testable import Encoders

/// A deterministic encoder for the job tests: each prompt's vector is a function of its text alone (SHA-256 of
/// the prompt, truncated to `maxTokens` words), so any batching gives the same rows. It records the batches it
/// was given and can fail on its n-th call, as a killed process would stop.
final class RecordingEncoder: TextEncoder, @unchecked Sendable {
  // @unchecked: the mutable state is behind the Mutex.
  let name: String
  let dimension = 8
  let maxTokens: Int?
  let version: String
  private let state = Mutex<(calls: Int, batches: [[String]], failAt: Int?)>((0, [], nil))

  init(name: String = "test-encoder", maxTokens: Int? = 3, version: String = "1", failAtCall: Int? = nil) {
    self.name = name
    self.maxTokens = maxTokens
    self.version = version
    state.withLock { $0.failAt = failAtCall }
  }

  var identity: EncoderIdentity { EncoderIdentity(describing: ["test": version, "max": "\(maxTokens ?? 0)"]) }
  var source: String { "RecordingEncoder v\(version)" }
  var batches: [[String]] { state.withLock { $0.batches } }

  func tokenCount(_ prompt: String) -> Int { prompt.split(separator: " ").count + 2 }

  static func vector(_ prompt: String, maxTokens: Int?) -> [Float] {
    let words = prompt.split(separator: " ").prefix(max(0, (maxTokens ?? .max) - 2)).joined(separator: " ")
    return SHA256.hex(words.utf8).utf8.prefix(8).map { Float($0) / 100 }
  }

  func embed(_ prompts: [String]) throws -> Matrix<Float> {
    let fail = state.withLock { s -> Bool in
      s.calls += 1
      if let f = s.failAt, s.calls >= f { return true }
      s.batches.append(prompts)
      return false
    }
    if fail { throw EncoderError(.invalidInput, "simulated kill") }
    return Matrix(rows: prompts.count, columns: dimension,
                  values: prompts.flatMap { Self.vector($0, maxTokens: maxTokens) })
  }
}

struct EmbeddingJobTests {
  /// A store with `n` samples whose prompts have 0…(n−1) % 7 words (sample 3 is empty), over two datasets.
  static func store(samples n: Int = 23) throws -> BenchStore {
    let s = try BenchStore.inMemory()
    let prompts = (0..<n).map { i in (0..<(i % 7)).map { "w\(i)x\($0)" }.joined(separator: " ") }
    try s.transaction { tx in
      _ = try tx.ensureDataset(DatasetInfo(name: "A", displayName: "A", group: .general, answerType: .multipleChoice), position: 0)
      _ = try tx.ensureDataset(DatasetInfo(name: "B", displayName: "B", group: .general, answerType: .multipleChoice), position: 1)
      _ = try tx.upsertSamples((0..<n).map { i in
        SampleRow(dataset: i % 2 == 0 ? "A" : "B", sourceIndex: "\(i)", prompt: prompts[i], imageRef: nil,
                  imageHash: nil, inputTokens: 1, category: nil)
      }, updateExisting: false)
    }
    return s
  }

  static func expected(_ store: BenchStore, maxTokens: Int? = 3) throws -> Matrix<Float> {
    let p = try store.samplePrompts()
    return Matrix(rows: p.count, columns: 8, values: p.flatMap { RecordingEncoder.vector($0.prompt, maxTokens: maxTokens) })
  }

  @Test func embedsEveryPromptInLengthSortedBatchesAndStoresTheSet() async throws {
    let store = try Self.store()
    let enc = RecordingEncoder()
    let lines = Mutex<[EmbeddingProgress]>([])
    let r = try await EmbeddingJob(encoder: enc, batchSize: 5, jobs: 1)
      .run(store: store, progress: { p in lines.withLock { $0.append(p) } })
    #expect(r.samples == 23 && r.dimension == 8 && r.embeddedChunks == 5 && r.resumedChunks == 0 && r.wrote)
    // Prompts with more than one word are over 3 tokens ([CLS] + words + [SEP]); sample 0 and 7, 14, 21 are empty.
    #expect(r.emptyPrompts == 4)
    #expect(r.truncatedPrompts == (0..<23).filter { $0 % 7 >= 2 }.count)
    #expect(try store.loadFeatures(name: "test-encoder") == Self.expected(store))
    #expect(try store.featureSetNames().contains("test-encoder"))
    // Batches go shortest first and never mix a longer prompt before a shorter one.
    let sizes = enc.batches.map(\.count)
    #expect(sizes == [5, 5, 5, 5, 3])
    let lengths = enc.batches.flatMap { $0.map { enc.tokenCount($0) } }
    #expect(lengths == lengths.sorted())
    // One progress value at the start, one per chunk; the last is complete with a zero ETA.
    let p = lines.withLock { $0 }
    #expect(p.count == 6 && p.first?.done == 0 && p.last?.done == 23 && p.last?.total == 23)
    #expect(p.map(\.done) == [0, 5, 10, 15, 20, 23])
    #expect(p.last?.line.hasPrefix("[########################] 23/23 prompts") == true)
    #expect(p.last?.line.hasSuffix("ETA 0:00") == true)
    #expect(p[2].line.contains("10/23 prompts") && p[2].line.contains("ETA"))
    // Staged chunks are gone once the set is stored.
    #expect(try store.stagedEmbeddingChunks(featureSet: "test-encoder").isEmpty)
  }

  @Test func aKilledRunResumesFromTheCommittedChunks() async throws {
    let store = try Self.store()
    // The third batch "kills" the run: two chunks are committed.
    let dying = RecordingEncoder(failAtCall: 3)
    await #expect(throws: EncoderError.self) {
      try await EmbeddingJob(encoder: dying, batchSize: 4, jobs: 1).run(store: store)
    }
    let staged = try store.stagedEmbeddingChunks(featureSet: "test-encoder")
    #expect(staged.map(\.index) == [0, 1] && staged.allSatisfy { $0.sampleKeys.count == 4 })
    #expect(try !store.featureSetNames().contains("test-encoder"))
    // Resumed with another batch size and two jobs: only the other 15 prompts are embedded again.
    let again = RecordingEncoder()
    let logs = Mutex<[String]>([])
    let r = try await EmbeddingJob(encoder: again, batchSize: 6, jobs: 2)
      .run(store: store, log: { m in logs.withLock { $0.append(m) } })
    #expect(r.resumedChunks == 2 && r.embeddedChunks == 3 && r.discardedChunks == 0)
    #expect(again.batches.flatMap { $0 }.count == 15)
    let resumedKeys = Set(staged.flatMap(\.sampleKeys))
    let prompts = try store.samplePrompts()
    let again15 = Set(again.batches.flatMap { $0 })
    for p in prompts where resumedKeys.contains(p.sampleID) && !p.prompt.isEmpty {
      #expect(!again15.contains(p.prompt), "\(p.sampleID) was embedded twice")
    }
    #expect(logs.withLock { $0 } == ["resuming 'test-encoder': 2 chunks (8 prompts) already committed"])
    #expect(try store.loadFeatures(name: "test-encoder") == Self.expected(store))
    #expect(try store.stagedEmbeddingChunks(featureSet: "test-encoder").isEmpty)
  }

  @Test func anotherEncoderIdentityOrChangedPromptsStartOver() async throws {
    let store = try Self.store()
    await #expect(throws: EncoderError.self) {
      try await EmbeddingJob(encoder: RecordingEncoder(failAtCall: 2), batchSize: 4).run(store: store)
    }
    #expect(try store.stagedEmbeddingChunks(featureSet: "test-encoder").count == 1)
    // Another truncation length is another identity: the chunk is discarded, everything embedded again.
    let wider = RecordingEncoder(maxTokens: 5, failAtCall: 3)
    let logs = Mutex<[String]>([])
    await #expect(throws: EncoderError.self) {
      try await EmbeddingJob(encoder: wider, batchSize: 4).run(store: store, log: { m in logs.withLock { $0.append(m) } })
    }
    #expect(logs.withLock { $0 }.first?.contains("discarded 1 staged chunks of 'test-encoder' computed with another encoder identity") == true)
    #expect(try store.stagedEmbeddingChunks(featureSet: "test-encoder").map(\.encoderIdentity)
      == [wider.identity.hex, wider.identity.hex])
    // Changed prompts (a new sample) change the fingerprint: the same identity starts over too.
    try await store.transaction { tx in
      _ = try tx.upsertSamples([SampleRow(dataset: "A", sourceIndex: "new", prompt: "a new prompt", imageRef: nil,
                                      imageHash: nil, inputTokens: 1, category: nil)], updateExisting: false)
    }
    let r = try await EmbeddingJob(encoder: RecordingEncoder(maxTokens: 5), batchSize: 4)
      .run(store: store, log: { m in logs.withLock { $0.append(m) } })
    #expect(r.discardedChunks == 2 && r.resumedChunks == 0 && r.samples == 24)
    #expect(logs.withLock { $0 }.last?.contains("other prompts") == true)
    #expect(try store.loadFeatures(name: "test-encoder") == Self.expected(store, maxTokens: 5))
  }

  @Test func rowsDoNotDependOnBatchSizeOrJobs() async throws {
    let store = try Self.store(samples: 40)
    _ = try await EmbeddingJob(encoder: RecordingEncoder(name: "a"), batchSize: 1, jobs: 3).run(store: store)
    _ = try await EmbeddingJob(encoder: RecordingEncoder(name: "b"), batchSize: 64, jobs: 1).run(store: store)
    #expect(try store.loadFeatures(name: "a") == store.loadFeatures(name: "b"))
    // Running again with the same encoder stores nothing new.
    let r = try await EmbeddingJob(encoder: RecordingEncoder(name: "a"), batchSize: 7).run(store: store)
    #expect(!r.wrote)
  }

  @Test func anEmptyDatabaseIsAnError() async throws {
    let e = await #expect(throws: EncoderError.self) {
      try await EmbeddingJob(encoder: RecordingEncoder()).run(store: try BenchStore.inMemory())
    }
    #expect(e?.message.contains("no samples") == true)
  }

  @Test func theRegistryNamesItsEncoders() throws {
    #expect(EncoderRegistry.builtIn.names == ["hashed-text", "minilm-l6"])
    let e = #expect(throws: EncoderError.self) { try EncoderRegistry.builtIn.make("bge-m3") }
    #expect(e?.kind == .invalidValue && e?.message == "unknown encoder 'bge-m3'; one of hashed-text, minilm-l6")
    let t = #expect(throws: EncoderError.self) {
      try EncoderRegistry.builtIn.make("hashed-text", settings: EncoderSettings(maxTokens: 10))
    }
    #expect(t?.message.contains("does not truncate") == true)
    // Every name is a feature-set name `run --feature-set` parses, alone or fused with an image set.
    for name in EncoderRegistry.builtIn.names + ["minilm-l6"] {
      #expect(try FeatureKey(parsing: name).sets == [name])
      #expect(try FeatureKey(parsing: name + "+image").sets == [name, "image"])
    }
    let custom = EncoderRegistry([EncoderEntry(name: "test", summary: "", make: { _ in RecordingEncoder() })])
    #expect(try custom.make("test").name == "test-encoder")
  }

  @Test func hashedTextMatchesFeaturesText() async throws {
    let store = try Self.store()
    let r = try await EmbeddingJob(encoder: try EncoderRegistry.builtIn.make("hashed-text"), batchSize: 8).run(store: store)
    #expect(r.dimension == 4096 && r.truncatedPrompts == 0)
    let prompts = try store.samplePrompts().map(\.prompt)
    #expect(try store.loadFeatures(name: "hashed-text") == HashedTextEncoder().featurizer.features(prompts))
    // Storing the same vectors under the source `features text` uses is no rewrite.
    #expect(try !store.saveFeatureSet(name: "hashed-text", sampleKeys: store.samplePrompts().map(\.sampleID),
                                      matrix: HashedTextEncoder().featurizer.features(prompts),
                                      source: "HashedTextFeaturizer(dimension: 4096)"))
  }
}
