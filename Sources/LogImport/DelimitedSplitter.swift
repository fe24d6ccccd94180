internal import Foundation

/// Receives the cells of a delimited file as `DelimitedSplitter` finds them.
protocol DelimitedSink {
  /// One cell's bytes, quotes removed and `""` unescaped; valid only during the call.
  mutating func field(_ bytes: UnsafeRawBufferPointer)
  /// The row whose cells were just delivered has ended.
  mutating func endRow()
}

/// RFC 4180 splitting of TSV / CSV bytes, fed in chunks: the grammar of libcsv's strict mode
/// (`CSV_STRICT | CSV_STRICT_FINI`, no space trimming), which the importer used before, without its
/// per-byte state switch and copy of every byte (`perf`: libcsv's `csv_parse` was 17 % of importing the
/// simulated benchmark).
///
/// - A field is quoted iff its first byte is `"`. A quoted field may hold delimiters, CR, LF and `""` (one
///   quote); after its closing quote only the delimiter or a line end may follow.
/// - A quote inside an unquoted field is an error; so is a quoted field still open at the end
///   (`finish`).
/// - CR, LF and CRLF end a row; a line end where no row has begun is ignored, so blank lines and the LF of
///   CRLF produce nothing. A delimiter at the end of a row gives a last, empty cell.
/// - Every other byte, NUL and spaces included, is cell content.
///
/// Unquoted fields are found eight bytes at a time (a word compared against the four special bytes);
/// quoted ones with `memchr`. A cell that lies inside one chunk and holds no `""` is handed to the sink
/// where it lies; only cells that straddle chunks or need unescaping are copied.
struct DelimitedSplitter {
  private enum State { case rowNotBegun, fieldNotBegun, unquoted, quoted, quoteInQuoted }
  private static let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

  let delimiter: UInt8
  private var state = State.rowNotBegun
  /// The bytes of the current cell from earlier chunks, or unescaped.
  private var carry: [UInt8] = []

  init(delimiter: UInt8) {
    precondition(delimiter != Self.quote && delimiter != Self.lf && delimiter != Self.cr)
    self.delimiter = delimiter
  }

  /// Splits the next chunk. Returns the offset of the first byte that breaks the grammar (a quote in an
  /// unquoted field, or a byte after a closing quote that is neither the delimiter nor a line end), or nil.
  mutating func feed<S: DelimitedSink>(_ data: UnsafeRawBufferPointer, into sink: inout S) -> Int? {
    guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    let n = data.count, d = delimiter
    var i = 0
    // The current cell's bytes in this chunk are start..<i (unquoted, quoted) or start..<end (after the
    // quote that may close it); a cell carried over from the previous chunk resumes at 0.
    var start = 0, end = 0
    while true {
      switch state {
      case .rowNotBegun, .fieldNotBegun:
        guard i < n else { return nil }
        let c = base[i]
        i += 1
        if c == d {
          sink.field(UnsafeRawBufferPointer(start: nil, count: 0))
          state = .fieldNotBegun
        } else if c == Self.lf || c == Self.cr {
          if state == .fieldNotBegun {
            sink.field(UnsafeRawBufferPointer(start: nil, count: 0))
            sink.endRow()
            state = .rowNotBegun
          }
        } else if c == Self.quote {
          start = i
          state = .quoted
        } else {
          start = i - 1
          state = .unquoted
        }
      case .unquoted:
        i = Self.firstSpecial(base, from: i, to: n, delimiter: d)
        guard i < n else {
          carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start))
          return nil
        }
        let c = base[i]
        if c == Self.quote { return i }
        close(base, start, i, at: c, into: &sink)
        i += 1
      case .quoted:
        guard let q = memchr(base + i, Int32(Self.quote), n - i) else {
          carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start))
          return nil
        }
        end = UnsafeRawPointer(q) - UnsafeRawPointer(base)
        i = end + 1
        state = .quoteInQuoted
      case .quoteInQuoted:
        guard i < n else {
          carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
          return nil
        }
        let c = base[i]
        if c == Self.quote {  // "" inside a quoted cell: one quote
          carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
          carry.append(Self.quote)
          i += 1
          start = i
          state = .quoted
        } else if c == d || c == Self.lf || c == Self.cr {
          close(base, start, end, at: c, into: &sink)
          i += 1
        } else {
          return i
        }
      }
    }
  }

  /// Ends the input: delivers a last row not ended by a line end. Returns false if a quoted cell is still
  /// open.
  mutating func finish<S: DelimitedSink>(into sink: inout S) -> Bool {
    switch state {
    case .quoted:
      return false
    case .unquoted, .quoteInQuoted, .fieldNotBegun:
      carry.withUnsafeBytes { sink.field($0) }
      carry.removeAll(keepingCapacity: true)
      sink.endRow()
    case .rowNotBegun:
      break
    }
    state = .rowNotBegun
    return true
  }

  /// Delivers the cell `start..<end` and moves past `c`, the delimiter or a line end that ends it.
  @inline(__always)
  private mutating func close<S: DelimitedSink>(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, at c: UInt8,
                                                into sink: inout S) {
    emit(base, start, end, into: &sink)
    if c == delimiter {
      state = .fieldNotBegun
    } else {
      sink.endRow()
      state = .rowNotBegun
    }
  }

  @inline(__always)
  private mutating func emit<S: DelimitedSink>(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                               into sink: inout S) {
    if carry.isEmpty {
      sink.field(UnsafeRawBufferPointer(start: base + start, count: end - start))
    } else {
      carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
      carry.withUnsafeBytes { sink.field($0) }
      carry.removeAll(keepingCapacity: true)
    }
  }

  /// The offset of the first delimiter, quote, LF or CR in `p[from..<to]`, or `to`. Eight bytes at a time:
  /// `(y − 0x01…01) & ~y & 0x80…80` flags the zero bytes of `y = word ^ (b × 0x01…01)`; a borrow can flag
  /// a byte above a true zero, never below one, so the lowest flag of the four masks is the first match
  /// (little-endian: the lowest address is the lowest byte).
  @inline(__always)
  static func firstSpecial(_ p: UnsafePointer<UInt8>, from: Int, to n: Int, delimiter d: UInt8) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    let md = ones &* UInt64(d), mq = ones &* UInt64(quote), mn = ones &* UInt64(lf), mr = ones &* UInt64(cr)
    var i = from
    while i &+ 8 <= n {
      let x = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
      let a = x ^ md, b = x ^ mq, c = x ^ mn, e = x ^ mr
      let m = ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c) | ((e &- ones) & ~e)
      let flags = m & highs
      if flags != 0 { return i &+ flags.trailingZeroBitCount >> 3 }
      i &+= 8
    }
    while i < n {
      let c = p[i]
      if c == d || c == quote || c == lf || c == cr { return i }
      i &+= 1
    }
    return n
  }
}
