import BenchCore
import Foundation
import Testing

@testable import LogImport

/// The byte-level fast paths the import's speed work introduced give exactly the answers of the slow paths they
/// replaced (speed itself is measured in benchmarks/, never here).
struct ImportFastPathTests {
  /// The failed-API flag is Python's `marker in prediction`: a code-point (UTF-8 byte) substring search.
  @Test func failedAPIMarkerIsASubstringSearchOnUTF8Bytes() {
    let m = TokenEstimates.failedAPIMarker
    let cases: [(String, Bool)] = [
      ("", false), (m, true), ("x" + m, true), (m + ".", true), ("Error: " + m + " (timeout)", true),
      (String(m.dropLast()), false), (String(m.dropFirst()), false), (m.lowercased(), false),
      ("é " + m + " ü", true), ("日本語" + String(m.dropLast()) + "日本語", false),
      (String(repeating: "Failed to obtain answer via AP", count: 50), false),
      (String(repeating: "Failed to obtain answer via AP", count: 50) + "I", true),
    ]
    for (text, expected) in cases {
      #expect(TokenEstimates.isFailedAPI(text) == expected, "\(text.prefix(60))")
      // Agrees with the generic (non-Foundation) collection search on the UTF-8 view.
      #expect((Array(text.utf8).firstRange(of: Array(m.utf8)) != nil) == expected)
    }
    // Bridged / non-contiguous strings take the same path.
    let bridged = NSString(string: "prefix " + m).description
    #expect(TokenEstimates.isFailedAPI(bridged))
  }
}
