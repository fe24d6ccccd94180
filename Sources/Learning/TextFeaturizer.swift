public import BenchCore

/// A built-in text featurizer, so logs without embeddings can still be routed: hashed word unigrams and bigrams
/// plus character 3–5-grams of each word (with boundary spaces, like scikit-learn's `char_wb`), hashed into a fixed
/// number of buckets with signed hashing (the sign halves collision bias), then L2-normalised.
///
/// The hash is 64-bit FNV-1a over UTF-8 bytes with a per-kind prefix byte — never Swift's `Hasher`, which is seeded
/// randomly per process — so the same text gives the same vector on every machine and run.
public struct HashedTextFeaturizer: Sendable, Hashable, Codable {
  public var dimension: Int
  public var wordNGrams: ClosedRange<Int>
  public var charNGrams: ClosedRange<Int>

  public init(dimension: Int = 4096, wordNGrams: ClosedRange<Int> = 1...2, charNGrams: ClosedRange<Int> = 3...5) {
    precondition(dimension > 0)
    self.dimension = dimension
    self.wordNGrams = wordNGrams
    self.charNGrams = charNGrams
  }

  /// Lower-cased alphanumeric runs (Unicode letters and digits; everything else separates words).
  public static func words(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text.lowercased() {
      if ch.isLetter || ch.isNumber {
        current.append(ch)
      } else if !current.isEmpty {
        out.append(current)
        current = ""
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// 64-bit FNV-1a of `bytes` after a one-byte `kind` prefix.
  public static func fnv1a(_ bytes: some Sequence<UInt8>, kind: UInt8) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    h = (h ^ UInt64(kind)) &* 0x0000_0100_0000_01B3
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
  }

  /// The feature vector of one text (all zeros for a text with no words).
  public func features(_ text: String) -> [Float] {
    var v = [Float](repeating: 0, count: dimension)
    func add(_ h: UInt64) {
      // Bucket from the high bits' mix, sign from the lowest bit.
      let mixed = h ^ (h >> 29)
      v[Int(mixed % UInt64(dimension))] += (h & 1) == 0 ? 1 : -1
    }
    let ws = Self.words(text)
    for n in wordNGrams where n > 0 && ws.count >= n {
      for s in 0...(ws.count - n) {
        add(Self.fnv1a(ws[s..<(s + n)].joined(separator: " ").utf8, kind: UInt8(truncatingIfNeeded: n)))
      }
    }
    for w in ws {
      let chars = Array(" \(w) ")
      for n in charNGrams where n > 0 && chars.count >= n {
        for s in 0...(chars.count - n) {
          add(Self.fnv1a(String(chars[s..<(s + n)]).utf8, kind: UInt8(truncatingIfNeeded: 100 + n)))
        }
      }
    }
    var norm = 0.0
    for x in v { norm += Double(x) * Double(x) }
    if norm > 0 {
      let inv = Float(1 / norm.squareRoot())
      for j in v.indices { v[j] *= inv }
    }
    return v
  }

  /// One row per text.
  public func features(_ texts: [String]) -> Matrix<Float> {
    var values: [Float] = []
    values.reserveCapacity(texts.count * dimension)
    for t in texts { values.append(contentsOf: features(t)) }
    return Matrix(rows: texts.count, columns: dimension, values: values)
  }
}
