internal import BenchCore
public import BenchStore
internal import Foundation

/// How far an embedding job is.
public struct EmbeddingProgress: Sendable, Hashable {
  /// Prompts embedded, those of resumed chunks included.
  public var done: Int
  public var total: Int
  /// Prompts taken from chunks an earlier run committed.
  public var resumed: Int
  /// Tokens embedded in this run (after truncation).
  public var tokens: Int
  public var elapsedSeconds: Double

  /// Seconds left at this run's rate; `nil` before the first chunk.
  public var etaSeconds: Double? {
    let here = done - resumed
    guard here > 0, total > done else { return total == done ? 0 : nil }
    return elapsedSeconds / Double(here) * Double(total - done)
  }

  /// `[#####.....] 1280/7017 prompts (640 resumed) 5,120 tokens/s ETA 0:42`.
  public var line: String {
    let width = 24
    let filled = total == 0 ? width : width * done / total
    var s = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
    s += "\(done)/\(total) prompts"
    if resumed > 0 { s += " (\(resumed) resumed)" }
    if elapsedSeconds > 0 && tokens > 0 { s += " \(Int((Double(tokens) / elapsedSeconds).rounded())) tokens/s" }
    if let eta = etaSeconds {
      let t = Int(eta.rounded())
      s += String(format: " ETA %d:%02d", t / 60, t % 60)
    }
    return s
  }
}

/// What an embedding job did.
public struct EmbeddingReport: Sendable, Hashable {
  public var featureSet: String
  public var samples: Int
  public var dimension: Int
  /// Chunks embedded in this run.
  public var embeddedChunks: Int
  /// Chunks an earlier run of the same encoder on the same prompts had committed.
  public var resumedChunks: Int
  /// Staged chunks thrown away because their encoder identity or prompts were not the current ones.
  public var discardedChunks: Int
  /// Prompts longer than the encoder's `maxTokens` (embedded truncated).
  public var truncatedPrompts: Int
  /// Empty prompts (embedded as the encoder's empty input, e.g. `[CLS] [SEP]`).
  public var emptyPrompts: Int
  /// Tokens embedded in this run, after truncation.
  public var tokens: Int
  public var seconds: Double
  /// Whether the feature set was written (false: an identical one was stored).
  public var wrote: Bool
}

/// Embeds every sample's prompt with a `TextEncoder` and stores the vectors as the feature set `encoder.name`.
///
/// Prompts are sorted by token count (then row order) and cut into batches of `batchSize`, so a batch pads little;
/// up to `jobs` batches run at once. Each finished batch is committed at once as a staged chunk
/// (`BenchStore.stageEmbeddingChunk`), so a killed run loses only the batches in flight: run again, it reuses
/// the committed chunks and embeds the rest. Chunks are reused only for the same encoder identity (weights and
/// settings) and the same prompt fingerprint (SHA-256 of every sample's key and prompt); otherwise they are
/// discarded and the job starts over. At the end the feature set is stored and the chunks dropped in one
/// transaction.
public struct EmbeddingJob: Sendable {
  public var encoder: any TextEncoder
  public var batchSize: Int
  public var jobs: Int

  public init(encoder: any TextEncoder, batchSize: Int = 64, jobs: Int = 1) {
    precondition(batchSize >= 1 && jobs >= 1, "batch size and jobs must be at least 1")
    self.encoder = encoder
    self.batchSize = batchSize
    self.jobs = jobs
  }

  /// SHA-256 of every sample's key and prompt, in row order (each length-prefixed, so no text can forge another).
  public static func promptFingerprint(_ samples: [SamplePrompt]) -> String {
    var h = SHA256()
    for s in samples {
      h.update(Array("\(s.sampleID.utf8.count):".utf8))
      h.update(s.sampleID.utf8)
      h.update(Array("\(s.prompt.utf8.count):".utf8))
      h.update(s.prompt.utf8)
    }
    return h.hexDigest()
  }

  /// Runs the job. `log` gets one line per notable event (chunks resumed or discarded), `progress` one value per
  /// committed chunk (and one at the start).
  public func run(store: BenchStore, log: @Sendable (String) -> Void = { _ in },
                  progress: @Sendable (EmbeddingProgress) -> Void = { _ in }) async throws -> EmbeddingReport {
    let start = Date()
    let encoder = encoder
    let name = encoder.name
    let samples = try store.samplePrompts()
    guard !samples.isEmpty else {
      throw EncoderError(.invalidInput, "the database holds no samples to embed; import logs first",
                         file: store.path)
    }
    let fingerprint = Self.promptFingerprint(samples)
    let identity = encoder.identity.hex
    let counts = samples.map { encoder.tokenCount($0.prompt) }
    let limit = encoder.maxTokens
    let truncated = limit.map { l in counts.filter { $0 > l }.count } ?? 0
    let empty = samples.filter { $0.prompt.isEmpty }.count
    let row = Dictionary(uniqueKeysWithValues: samples.enumerated().map { ($0.element.sampleID, $0.offset) })

    // Chunks of an earlier run: reuse those of this identity and these prompts, discard the rest.
    var vectors = [Float](repeating: 0, count: samples.count * encoder.dimension)
    var have = [Bool](repeating: false, count: samples.count)
    var resumedChunks = 0
    var resumedSamples = 0
    var nextIndex = 0
    var discarded = 0
    let staged = try store.stagedEmbeddingChunks(featureSet: name)
    if staged.contains(where: { $0.encoderIdentity != identity || $0.promptFingerprint != fingerprint }) {
      discarded = try store.discardStagedEmbeddingChunks(featureSet: name)
      let why = staged.contains { $0.encoderIdentity != identity } ? "another encoder identity (weights or settings)"
        : "other prompts (the samples changed)"
      log("discarded \(discarded) staged chunks of '\(name)' computed with \(why); starting over")
    } else {
      for c in staged {
        guard c.vectors.columns == encoder.dimension else {
          throw EncoderError(.staleChunks, "staged chunk \(c.index) of '\(name)' has dimension \(c.vectors.columns), "
                             + "the encoder \(encoder.dimension)", file: store.path)
        }
        for (i, key) in c.sampleKeys.enumerated() {
          guard let r = row[key], !have[r] else {
            throw EncoderError(.staleChunks, "staged chunk \(c.index) of '\(name)' holds a sample that is not "
                               + "stored or is in two chunks", file: store.path, sample: key)
          }
          have[r] = true
          let d = encoder.dimension
          vectors.replaceSubrange((r * d)..<((r + 1) * d), with: c.vectors.row(i))
        }
        resumedChunks += 1
        resumedSamples += c.sampleKeys.count
        nextIndex = max(nextIndex, c.index + 1)
      }
      if resumedChunks > 0 {
        log("resuming '\(name)': \(resumedChunks) chunks (\(resumedSamples) prompts) already committed")
      }
    }

    // The rest, shortest first, in batches.
    let todo = samples.indices.filter { !have[$0] }.sorted { (counts[$0], $0) < (counts[$1], $1) }
    let batches = stride(from: 0, to: todo.count, by: batchSize).map { Array(todo[$0..<min($0 + batchSize, todo.count)]) }
    var status = EmbeddingProgress(done: resumedSamples, total: samples.count, resumed: resumedSamples, tokens: 0,
                                   elapsedSeconds: 0)
    progress(status)
    let prompts = samples.map(\.prompt)
    let keys = samples.map(\.sampleID)
    try await withThrowingTaskGroup(of: (Int, [Int], Matrix<Float>).self) { group in
      var launched = 0
      func launch() {
        let b = launched
        let rows = batches[b]
        let texts = rows.map { prompts[$0] }
        group.addTask {
          try Task.checkCancellation()
          return (b, rows, try encoder.embed(texts))
        }
        launched += 1
      }
      while launched < min(jobs, batches.count) { launch() }
      while let (b, rows, m) = try await group.next() {
        guard m.rows == rows.count, m.columns == encoder.dimension else {
          throw EncoderError(.mismatch, "encoder '\(name)' returned \(m.rows) × \(m.columns) for a batch of "
                             + "\(rows.count) (dimension \(encoder.dimension))")
        }
        try store.stageEmbeddingChunk(StagedEmbeddingChunk(
          featureSet: name, encoderIdentity: identity, promptFingerprint: fingerprint, index: nextIndex + b,
          sampleKeys: rows.map { keys[$0] }, vectors: m))
        let d = encoder.dimension
        for (i, r) in rows.enumerated() {
          vectors.replaceSubrange((r * d)..<((r + 1) * d), with: m.row(i))
        }
        status.done += rows.count
        status.tokens += rows.reduce(0) { $0 + min(counts[$1], limit ?? .max) }
        status.elapsedSeconds = Date().timeIntervalSince(start)
        progress(status)
        if launched < batches.count { launch() }
      }
    }

    let matrix = Matrix(rows: samples.count, columns: encoder.dimension, values: vectors)
    let wrote = try store.saveStagedFeatureSet(name: name, sampleKeys: keys, matrix: matrix, source: encoder.source)
    return EmbeddingReport(featureSet: name, samples: samples.count, dimension: encoder.dimension,
                           embeddedChunks: batches.count, resumedChunks: resumedChunks, discardedChunks: discarded,
                           truncatedPrompts: truncated, emptyPrompts: empty, tokens: status.tokens,
                           seconds: Date().timeIntervalSince(start), wrote: wrote)
  }
}
