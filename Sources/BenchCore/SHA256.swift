internal import CSHA256

/// SHA-256 (FIPS 180-4), streaming. Used for provenance: imported files and feature sets are identified by it.
///
/// Foundation on Linux has no hash functions and the package has no crypto dependency, so this is a small,
/// allocation-free implementation: on x86-64 CPUs with the SHA extensions (SHA-NI, detected by CPUID at run
/// time) the blocks are compressed by the C target `CSHA256` (~1.5–2 GB/s), elsewhere by the portable Swift
/// rounds below (~250–400 MB/s in release builds).
public struct SHA256: Sendable {
  private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0
  /// Whether blocks go through `csha256_compress_ni` (false: the portable Swift rounds).
  let accelerated: Bool

  /// Whether this CPU has the SHA extensions (checked once).
  static let hardwareAccelerated = csha256_has_sha_ni() != 0

  public init() { accelerated = Self.hardwareAccelerated }

  /// `portable: true` forces the Swift rounds (tests compare both paths); `false` uses SHA-NI when present.
  init(portable: Bool) { accelerated = !portable && Self.hardwareAccelerated }

  /// Feeds bytes.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var p = bytes.baseAddress, bytes.count > 0 else { return }
    var n = bytes.count
    length &+= UInt64(n)
    if !buffer.isEmpty {
      let take = min(64 - buffer.count, n)
      buffer.append(contentsOf: UnsafeRawBufferPointer(start: p, count: take))
      p += take
      n -= take
      if buffer.count == 64 {
        buffer.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    let blocks = n / 64
    if blocks > 0 {
      compress(p, blocks: blocks)
      p += blocks * 64
      n -= blocks * 64
    }
    if n > 0 { buffer.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n)) }
  }

  public mutating func update<C: Collection<UInt8>>(_ bytes: C) {
    if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
      return done
    }
    let copy = Array(bytes)
    copy.withUnsafeBytes { update($0) }
  }

  /// The digest as 32 bytes. The value can still be updated afterwards (finalization works on a copy).
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = length &* 8
    let r = buffer.count
    let total = r + 9 <= 64 ? 64 : 128
    var tail = [UInt8](repeating: 0, count: total)
    for i in 0..<r { tail[i] = buffer[i] }
    tail[r] = 0x80
    for k in 0..<8 { tail[total - 1 - k] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * k)) }
    tail.withUnsafeBytes { copy.compress($0.baseAddress!, blocks: total / 64) }
    let (a, b, c, d, e, f, g, h) = copy.h
    var out = [UInt8](repeating: 0, count: 32)
    for (i, w) in [a, b, c, d, e, f, g, h].enumerated() {
      out[4 * i] = UInt8(truncatingIfNeeded: w >> 24)
      out[4 * i + 1] = UInt8(truncatingIfNeeded: w >> 16)
      out[4 * i + 2] = UInt8(truncatingIfNeeded: w >> 8)
      out[4 * i + 3] = UInt8(truncatingIfNeeded: w)
    }
    return out
  }

  /// The digest as 64 lower-case hex digits.
  public func hexDigest() -> String {
    let digest = finalize()
    return String(unsafeUninitializedCapacity: 64) { out in
      let digits: StaticString = "0123456789abcdef"
      let d = digits.utf8Start
      for (i, b) in digest.enumerated() {
        out[2 * i] = d[Int(b >> 4)]
        out[2 * i + 1] = d[Int(b & 15)]
      }
      return 64
    }
  }

  /// The hex digest of `bytes`.
  public static func hex<C: Collection<UInt8>>(_ bytes: C) -> String {
    var h = SHA256()
    h.update(bytes)
    return h.hexDigest()
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

  private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
    if accelerated {
      withUnsafeMutableBytes(of: &h) { state in
        csha256_compress_ni(state.baseAddress!.assumingMemoryBound(to: UInt32.self),
                            base.assumingMemoryBound(to: UInt8.self), blocks)
      }
      return
    }
    var (a0, b0, c0, d0, e0, f0, g0, h0) = h
    SHA256.k.withUnsafeBufferPointer { kp in
      let k = kp.baseAddress!
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { wb in
        let w = wb.baseAddress!
        for blk in 0..<blocks {
          let p = base + blk * 64
          for t in 0..<16 { w[t] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self)) }
          var a = a0, b = b0, c = c0, d = d0, e = e0, f = f0, g = g0, hh = h0
          // One round. Rounds 16…63 extend the message schedule in a 16-word ring.
          @inline(__always) func round(_ t: Int, _ schedule: Bool, _ a: UInt32, _ b: UInt32, _ c: UInt32,
                                       _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32) {
            let wt: UInt32
            if !schedule {
              wt = w[t & 15]
            } else {
              let x = w[(t - 15) & 15], y = w[(t - 2) & 15]
              let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
              let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
              wt = w[t & 15] &+ s0 &+ w[(t - 7) & 15] &+ s1
              w[t & 15] = wt
            }
            let t1 = h &+ (SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)) &+ (g ^ (e & (f ^ g)))
              &+ k[t] &+ wt
            let t2 = (SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
            d = d &+ t1
            h = t1 &+ t2
          }
          @inline(__always) func eight(_ t: Int, _ schedule: Bool) {
            round(t, schedule, a, b, c, &d, e, f, g, &hh)
            round(t + 1, schedule, hh, a, b, &c, d, e, f, &g)
            round(t + 2, schedule, g, hh, a, &b, c, d, e, &f)
            round(t + 3, schedule, f, g, hh, &a, b, c, d, &e)
            round(t + 4, schedule, e, f, g, &hh, a, b, c, &d)
            round(t + 5, schedule, d, e, f, &g, hh, a, b, &c)
            round(t + 6, schedule, c, d, e, &f, g, hh, a, &b)
            round(t + 7, schedule, b, c, d, &e, f, g, hh, &a)
          }
          eight(0, false)
          eight(8, false)
          eight(16, true)
          eight(24, true)
          eight(32, true)
          eight(40, true)
          eight(48, true)
          eight(56, true)
          a0 = a0 &+ a; b0 = b0 &+ b; c0 = c0 &+ c; d0 = d0 &+ d
          e0 = e0 &+ e; f0 = f0 &+ f; g0 = g0 &+ g; h0 = h0 &+ hh
        }
      }
    }
    h = (a0, b0, c0, d0, e0, f0, g0, h0)
  }
}
