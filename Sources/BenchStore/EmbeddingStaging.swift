public import BenchCore
internal import Foundation
internal import GRDB

/// A sample's key and prompt, the prompt checked to be valid UTF-8 (`BenchStore.samplePrompts`).
public struct SamplePrompt: Sendable, Hashable {
  public var sampleID: String
  public var prompt: String
}

/// A finished chunk of an embedding job (Encoders' `EmbeddingJob`), kept until the whole feature set is stored.
///
/// The job stages each chunk as it finishes, so a killed run resumes from what was committed. A chunk belongs to
/// one feature set, one encoder identity (weights and settings) and one prompt fingerprint (the samples' keys and
/// prompts); the job discards chunks whose identity or fingerprint is not the current one.
public struct StagedEmbeddingChunk: Sendable, Hashable {
  public var featureSet: String
  /// SHA-256 (hex) of the encoder's weights and settings.
  public var encoderIdentity: String
  /// SHA-256 (hex) of the keys and prompts the job embedded.
  public var promptFingerprint: String
  public var index: Int
  /// Row `i` of `vectors` is the embedding of `sampleKeys[i]`.
  public var sampleKeys: [String]
  public var vectors: Matrix<Float>

  public init(featureSet: String, encoderIdentity: String, promptFingerprint: String, index: Int,
              sampleKeys: [String], vectors: Matrix<Float>) {
    self.featureSet = featureSet
    self.encoderIdentity = encoderIdentity
    self.promptFingerprint = promptFingerprint
    self.index = index
    self.sampleKeys = sampleKeys
    self.vectors = vectors
  }
}

extension BenchStore {
  /// Every sample's key and prompt in benchmark row order, each prompt read as bytes and checked to be UTF-8.
  ///
  /// The importer stores only Swift strings (valid UTF-8 by construction), but a database written by another tool
  /// can hold any bytes in a TEXT column, and reading them as a string would silently replace the bad bytes.
  /// - Throws: `StoreError.invalidText` naming the sample whose prompt is not valid UTF-8.
  public func samplePrompts() throws(StoreError) -> [SamplePrompt] {
    let path = path
    return try read { db in
      let st = try RawStatement(db, "SELECT key, CAST(prompt AS BLOB) FROM sample ORDER BY id")
      defer { st.reset() }
      var out: [SamplePrompt] = []
      while try st.step() {
        let key = st.text(0)
        let bytes = st.blob(1)
        guard let prompt = String(validating: bytes, as: UTF8.self) else {
          throw StoreError(.invalidText, "the prompt is not valid UTF-8 (\(bytes.count) bytes)", path: path,
                           table: "sample", key: key)
        }
        out.append(SamplePrompt(sampleID: key, prompt: prompt))
      }
      return out
    }
  }

  /// The staged chunks of `featureSet` (every identity and fingerprint), by index.
  public func stagedEmbeddingChunks(featureSet: String) throws(StoreError) -> [StagedEmbeddingChunk] {
    let path = path
    return try read { db in
      try Row.fetchAll(db, sql: """
        SELECT encoderIdentity, promptFingerprint, chunk, dimension, sampleKeys, vectors FROM embeddingChunk
        WHERE featureSet = ? ORDER BY encoderIdentity, chunk
        """, arguments: [featureSet]).map { r in
        let keysJSON: String = r[4]
        guard let keys = try? JSONDecoder().decode([String].self, from: Data(keysJSON.utf8)) else {
          throw StoreError(.incomplete, "chunk \(r[2] as Int) holds no list of sample keys", path: path,
                           table: "embeddingChunk", key: featureSet)
        }
        let d: Int = r[3]
        let blob: Data = r[5]
        var values = [Float](repeating: 0, count: keys.count * d)
        blob.withUnsafeBytes { raw in
          for i in values.indices {
            values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
          }
        }
        return StagedEmbeddingChunk(featureSet: featureSet, encoderIdentity: r[0], promptFingerprint: r[1], index: r[2],
                                    sampleKeys: keys, vectors: Matrix(rows: keys.count, columns: d, values: values))
      }
    }
  }

  /// Commits one finished chunk (replacing a chunk of the same feature set, identity and index). Staging is
  /// bookkeeping, not benchmark data: it does not bump the data generation, so a sweep running meanwhile is not
  /// made stale.
  public func stageEmbeddingChunk(_ chunk: StagedEmbeddingChunk) throws(StoreError) {
    guard chunk.vectors.rows == chunk.sampleKeys.count, chunk.vectors.columns > 0 else {
      throw StoreError(.invalidArgument, "chunk \(chunk.index): \(chunk.sampleKeys.count) keys for "
                       + "\(chunk.vectors.rows) × \(chunk.vectors.columns) vectors", path: path,
                       table: "embeddingChunk", key: chunk.featureSet)
    }
    let keys = String(decoding: (try? JSONEncoder().encode(chunk.sampleKeys)) ?? Data("[]".utf8), as: UTF8.self)
    var blob = Data(capacity: chunk.vectors.values.count * 4)
    for v in chunk.vectors.values {
      withUnsafeBytes(of: v.bitPattern.littleEndian) { blob.append(contentsOf: $0) }
    }
    let createdAt = ISO8601DateFormatter().string(from: Date())
    do {
      try writer.write { db in
        try db.execute(sql: """
          INSERT OR REPLACE INTO embeddingChunk
            (featureSet, encoderIdentity, promptFingerprint, chunk, dimension, sampleKeys, vectors, createdAt)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """, arguments: [chunk.featureSet, chunk.encoderIdentity, chunk.promptFingerprint, chunk.index,
                           chunk.vectors.columns, keys, blob, createdAt])
      }
    } catch {
      throw StoreError.wrap(error, path: path, table: "embeddingChunk")
    }
  }

  /// Deletes the staged chunks of `featureSet`; returns how many there were.
  @discardableResult
  public func discardStagedEmbeddingChunks(featureSet: String) throws(StoreError) -> Int {
    do {
      return try writer.write { db in
        try db.execute(sql: "DELETE FROM embeddingChunk WHERE featureSet = ?", arguments: [featureSet])
        return db.changesCount
      }
    } catch {
      throw StoreError.wrap(error, path: path, table: "embeddingChunk")
    }
  }

  /// Stores the finished feature set (`StoreTransaction.saveFeatureSet`) and drops its staged chunks, in one
  /// transaction. Returns whether the feature set was written (false: an identical one was stored).
  @discardableResult
  public func saveStagedFeatureSet(name: String, sampleKeys: [String], matrix: Matrix<Float>,
                                   source: String) throws(StoreError) -> Bool {
    try write { tx in
      let wrote = try tx.saveFeatureSet(name: name, sampleKeys: sampleKeys, matrix: matrix, source: source)
      try tx.db.execute(sql: "DELETE FROM embeddingChunk WHERE featureSet = ?", arguments: [name])
      return wrote
    }
  }
}
