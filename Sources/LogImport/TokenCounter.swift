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
    if let n = bytes.withContiguousStorageIfAvailable({ count(buffer: $0) }) { return n }
    return Array(bytes).withUnsafeBufferPointer { count(buffer: $0) }
  }

  /// Byte classes: 0 = space, 1 = ASCII letter or digit, 2 = non-ASCII, 3 = other (punctuation, symbols).
  private static let classes: [UInt8] = (0..<256).map { b -> UInt8 in
    if b >= 0x80 { return 2 }
    if (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) { return 1 }
    if b == 0x20 || (0x09...0x0D).contains(b) { return 0 }
    return 3
  }

  static func count(buffer: UnsafeBufferPointer<UInt8>) -> Int {
    classes.withUnsafeBufferPointer { table in
      var tokens = 0
      var previous: UInt8 = 0
      for b in buffer {
        let c = table[Int(b)]
        // A token starts at every "other" byte, and where a letter/digit or non-ASCII run begins.
        if c == 3 || (c != 0 && c != previous) { tokens += 1 }
        previous = c
      }
      return tokens
    }
  }
}
