@testable import BenchCore
import Testing

@Suite struct SHA256Tests {
  static let vectors: [(input: [UInt8], hex: String)] = [
    ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    (Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
  ]

  static func digest(_ bytes: [UInt8], portable: Bool, chunk: Int? = nil) -> String {
    var h = SHA256(portable: portable)
    guard let chunk else {
      h.update(bytes)
      return h.hexDigest()
    }
    var i = 0
    while i < bytes.count {
      let end = min(i + chunk, bytes.count)
      bytes[i..<end].withUnsafeBytes { h.update($0) }
      i = end
    }
    return h.hexDigest()
  }

  @Test(arguments: [true, false])
  func sha256MatchesKnownVectorsAndStreamsInAnyChunks(portable: Bool) {
    for v in Self.vectors { #expect(Self.digest(v.input, portable: portable) == v.hex, "\(v.input.count) bytes") }
    let million = Self.vectors[4]
    for chunk in [1, 7, 63, 64, 65, 1000] {
      #expect(Self.digest(million.input, portable: portable, chunk: chunk * 37) == million.hex, "chunks of \(chunk * 37)")
    }
    #expect(SHA256.hex(million.input) == million.hex)
  }

  /// The SHA-NI path (where the CPU has it) and the portable Swift rounds agree on every length around the
  /// block and padding boundaries and on seeded random data, fed whole and in uneven chunks.
  @Test func acceleratedAndPortableCompressionAgree() {
    var rng = SplitMix64(seed: 14)
    var data = [UInt8](repeating: 0, count: 4_200)
    for i in data.indices { data[i] = UInt8(truncatingIfNeeded: rng.next()) }
    var lengths = Array(0...200)
    lengths += [447, 448, 511, 512, 513, 1023, 1024, 1025, 4_095, 4_096, 4_200]
    for n in lengths {
      let slice = Array(data[0..<n])
      let portable = Self.digest(slice, portable: true)
      #expect(Self.digest(slice, portable: false) == portable, "\(n) bytes")
      #expect(Self.digest(slice, portable: false, chunk: 1 + n % 97) == portable, "\(n) bytes in chunks")
    }
    // Which path ran is reported, so a machine without SHA-NI is visible in the test log rather than silent.
    print("SHA256: hardware path \(SHA256.hardwareAccelerated ? "SHA-NI" : "absent (portable only)")")
  }
}
