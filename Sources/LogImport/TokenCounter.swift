/// Counts tokens of text, for cost: input tokens = tokens(question) + 256 per image, output tokens =
/// tokens(prediction). A later version adds an exact cl100k tokenizer behind the same protocol.
public protocol TokenCounter: Sendable {
  /// Recorded in the `tokenCounter` metadata.
  var name: String { get }
  /// Whether counts are estimates (stored as `record.tokensEstimated`).
  var isEstimate: Bool { get }
  func count(_ text: String) -> Int
}

/// A fast approximation of BPE token counts on UTF-8 bytes: each maximal run of ASCII letters/digits is one
/// token, each maximal run of non-ASCII characters is one token, each other non-space ASCII character
/// (punctuation, symbols) is one token; ASCII whitespace separates and counts nothing.
///
/// "Hello, world! 42×3" → Hello , world ! 42 × 3 → 7.
public struct ApproximateTokenCounter: TokenCounter {
  public init() {}
  public var name: String { "approximate-v1" }
  public var isEstimate: Bool { true }

  public func count(_ text: String) -> Int {
    if let n = text.utf8.withContiguousStorageIfAvailable({ Self.count(utf8: $0) }) { return n }
    return Self.count(utf8: Array(text.utf8))
  }

  public static func count<C: Collection<UInt8>>(utf8 bytes: C) -> Int {
    var tokens = 0
    var state: UInt8 = 0  // 0 = outside a run, 1 = in an ASCII alphanumeric run, 2 = in a non-ASCII run
    for b in bytes {
      if b >= 0x80 {
        if state != 2 { tokens += 1; state = 2 }
      } else if (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26 {
        if state != 1 { tokens += 1; state = 1 }
      } else if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
        state = 0
      } else {
        tokens += 1
        state = 0
      }
    }
    return tokens
  }
}
