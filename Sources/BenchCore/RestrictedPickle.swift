/// A restricted reader and writer of Python pickles that hold **one flat list of strings or integers** — the
/// `sample_ids.pkl` / `model_names.pkl` files of the VL-RouterBench data release (`pickle.dump(list_of_str, f)`).
///
/// A pickle is a program for a stack machine; the general format can import and call any Python callable
/// (`GLOBAL`/`STACK_GLOBAL` + `REDUCE`, `BUILD`, `INST`, `OBJ`, `NEWOBJ`, persistent ids, extensions), so the
/// reader never interprets it as such. It accepts exactly the opcodes CPython's pickler emits for a list of
/// `str`/`int` under protocols 2–5, checked with `pickletools.dis` (Python 3.11):
///
/// | role | opcodes |
/// | --- | --- |
/// | framing | `PROTO` (2–5), `FRAME` (protocol ≥ 4), `STOP` |
/// | the list | `EMPTY_LIST`, `MARK`, `APPEND` (one item), `APPENDS` (batches of ≤ 1000) |
/// | memo | `BINPUT`, `LONG_BINPUT` (protocols 2–3), `MEMOIZE` (≥ 4), `BINGET`, `LONG_BINGET` (a repeated object) |
/// | strings | `SHORT_BINUNICODE`, `BINUNICODE`, `BINUNICODE8` (UTF-8) |
/// | integers | `BININT1`, `BININT2`, `BININT`, `LONG1`, `LONG4` (at most 8 bytes, i.e. Int64) |
///
/// Anything else — another opcode, a second or nested list, an item outside the list, a memo reference to the
/// list itself, trailing bytes after `STOP` — is refused with a `BenchCoreError` naming the opcode (by its
/// pickletools name) and its byte offset. Memory is bounded by the input: every length prefix is checked against
/// the bytes that remain before anything is allocated, so a forged 2⁶³-byte string costs nothing.
public enum RestrictedPickle {
  /// One item of the list.
  public enum Item: Sendable, Hashable {
    case string(String)
    case int(Int64)
  }

  /// The items of a pickled flat list.
  ///
  /// - Parameters:
  ///   - bytes: the whole pickle.
  ///   - source: names the file in errors.
  /// - Throws: `BenchCoreError` (`.malformed` for a truncated or inconsistent stream, `.unsupported` for an
  ///   opcode or structure outside the accepted subset), naming the opcode and offset.
  public static func items(_ bytes: [UInt8], source: String) throws(BenchCoreError) -> [Item] {
    var reader = Reader(bytes: bytes, source: source)
    return try reader.run()
  }

  /// The strings of a pickled list of `str` (an integer item is an error naming its position).
  public static func strings(_ bytes: [UInt8], source: String) throws(BenchCoreError) -> [String] {
    let items = try items(bytes, source: source)
    var out: [String] = []
    out.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      guard case .string(let s) = item else {
        throw BenchCoreError(.unsupported, "item \(i) of the pickled list is an integer; expected a list of str",
                             path: source)
      }
      out.append(s)
    }
    return out
  }

  /// A pickle (protocol 4, as `pickle.dump(list_of_str, f)` writes by default since Python 3.8) of a list of
  /// strings, using only the opcodes the reader accepts: `PROTO 4`, `FRAME`s of about 64 KiB, `EMPTY_LIST`,
  /// `MEMOIZE`, `MARK` … `APPENDS` in batches of 1000 (`APPEND` for a batch of one), `SHORT_BINUNICODE` /
  /// `BINUNICODE`, `STOP`. Python's `pickle.load` reads it back as the same list.
  public static func encode(strings: [String]) -> [UInt8] {
    var writer = FramedWriter()
    writer.op([Op.emptyList.rawValue, Op.memoize.rawValue])
    var start = 0
    while start < strings.count {
      let batch = strings[start..<min(start + 1000, strings.count)]
      if batch.count > 1 { writer.op([Op.mark.rawValue]) }
      for s in batch {
        let utf8 = Array(s.utf8)
        var op: [UInt8]
        if utf8.count < 256 {
          op = [Op.shortBinUnicode.rawValue, UInt8(utf8.count)]
        } else {
          op = [Op.binUnicode.rawValue]
          op += withUnsafeBytes(of: UInt32(utf8.count).littleEndian, Array.init)
        }
        op += utf8
        op.append(Op.memoize.rawValue)
        writer.op(op)
      }
      writer.op([batch.count > 1 ? Op.appends.rawValue : Op.append.rawValue])
      start += batch.count
    }
    writer.op([Op.stop.rawValue])
    return writer.finish()
  }

  // MARK: - Opcodes

  enum Op: UInt8 {
    case proto = 0x80, frame = 0x95, stop = 0x2E
    case emptyList = 0x5D, mark = 0x28, append = 0x61, appends = 0x65
    case binPut = 0x71, longBinPut = 0x72, memoize = 0x94, binGet = 0x68, longBinGet = 0x6A
    case shortBinUnicode = 0x8C, binUnicode = 0x58, binUnicode8 = 0x8D
    case binInt1 = 0x4B, binInt2 = 0x4D, binInt = 0x4A, long1 = 0x8A, long4 = 0x8B
  }

  /// pickletools' names of every opcode, so an error names a refused one the way `pickletools.dis` prints it.
  static let opcodeNames: [UInt8: String] = [
    0x28: "MARK", 0x2E: "STOP", 0x30: "POP", 0x31: "POP_MARK", 0x32: "DUP", 0x46: "FLOAT", 0x49: "INT",
    0x4A: "BININT", 0x4B: "BININT1", 0x4C: "LONG", 0x4D: "BININT2", 0x4E: "NONE", 0x50: "PERSID",
    0x51: "BINPERSID", 0x52: "REDUCE", 0x53: "STRING", 0x54: "BINSTRING", 0x55: "SHORT_BINSTRING",
    0x56: "UNICODE", 0x58: "BINUNICODE", 0x61: "APPEND", 0x62: "BUILD", 0x63: "GLOBAL", 0x64: "DICT",
    0x7D: "EMPTY_DICT", 0x65: "APPENDS", 0x67: "GET", 0x68: "BINGET", 0x69: "INST", 0x6A: "LONG_BINGET",
    0x6C: "LIST", 0x5D: "EMPTY_LIST", 0x6F: "OBJ", 0x70: "PUT", 0x71: "BINPUT", 0x72: "LONG_BINPUT",
    0x73: "SETITEM", 0x74: "TUPLE", 0x29: "EMPTY_TUPLE", 0x75: "SETITEMS", 0x47: "BINFLOAT", 0x80: "PROTO",
    0x81: "NEWOBJ", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x85: "TUPLE1", 0x86: "TUPLE2", 0x87: "TUPLE3",
    0x88: "NEWTRUE", 0x89: "NEWFALSE", 0x8A: "LONG1", 0x8B: "LONG4", 0x42: "BINBYTES", 0x43: "SHORT_BINBYTES",
    0x8C: "SHORT_BINUNICODE", 0x8D: "BINUNICODE8", 0x8E: "BINBYTES8", 0x8F: "EMPTY_SET", 0x90: "ADDITEMS",
    0x91: "FROZENSET", 0x92: "NEWOBJ_EX", 0x93: "STACK_GLOBAL", 0x94: "MEMOIZE", 0x95: "FRAME",
    0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
  ]

  static func name(_ byte: UInt8) -> String {
    opcodeNames[byte] ?? "unknown opcode 0x" + String(byte, radix: 16, uppercase: true)
  }

  // MARK: - Reader

  struct Reader {
    let bytes: [UInt8]
    let source: String
    var pos = 0
    /// End of the current frame (protocol ≥ 4), if any: no opcode may straddle it.
    var frameEnd: Int?

    /// A value on the machine's stack.
    enum Value {
      case list
      case mark
      case item(Item)
    }
    var stack: [Value] = []
    var memo: [Int: Value] = [:]
    var items: [Item] = []
    var sawList = false

    init(bytes: [UInt8], source: String) {
      self.bytes = bytes
      self.source = source
    }

    func malformed(_ what: String, at offset: Int) -> BenchCoreError {
      BenchCoreError(.malformed, "not a valid pickle: \(what) at byte offset \(offset)", path: source)
    }

    func refused(_ opcode: UInt8, at offset: Int, _ why: String) -> BenchCoreError {
      BenchCoreError(.unsupported, "pickle opcode \(RestrictedPickle.name(opcode)) at byte offset \(offset) is refused: "
                       + why + " (only a flat list of str/int is read; nothing is ever executed)", path: source)
    }

    /// `n` bytes at the cursor, checked against the input (and the frame) before anything is allocated.
    mutating func take(_ n: Int, for opcode: UInt8, at offset: Int) throws(BenchCoreError) -> ArraySlice<UInt8> {
      let limit = frameEnd ?? bytes.count
      guard n >= 0, n <= limit - pos else {
        let what = n > bytes.count - pos ? "truncated stream" : "argument runs past the end of its FRAME"
        throw malformed("\(what): \(RestrictedPickle.name(opcode)) needs \(n) more bytes, \(limit - pos) remain", at: offset)
      }
      defer { pos += n }
      return bytes[pos..<(pos + n)]
    }

    mutating func unsigned(_ width: Int, for opcode: UInt8, at offset: Int) throws(BenchCoreError) -> UInt64 {
      let b = try take(width, for: opcode, at: offset)
      var v: UInt64 = 0
      for (k, byte) in b.enumerated() { v |= UInt64(byte) << (8 * UInt64(k)) }
      return v
    }

    /// A length prefix as an Int that fits in the remaining bytes.
    mutating func length(_ width: Int, for opcode: UInt8, at offset: Int) throws(BenchCoreError) -> Int {
      let v = try unsigned(width, for: opcode, at: offset)
      let remaining = (frameEnd ?? bytes.count) - pos
      guard v <= UInt64(remaining) else {
        let what = v > UInt64(bytes.count - pos) ? "truncated stream or forged length" : "argument runs past the end of its FRAME"
        throw malformed("\(what): \(RestrictedPickle.name(opcode)) declares \(v) bytes, only \(remaining) remain", at: offset)
      }
      return Int(v)
    }

    /// Fixed argument sizes of the accepted opcodes (length-prefixed ones: the prefix's width, `lengthPrefixed`).
    static func argument(_ op: Op) -> (fixed: Int, lengthPrefixed: Bool) {
      switch op {
      case .proto, .binPut, .binGet, .binInt1: (1, false)
      case .binInt2: (2, false)
      case .longBinPut, .longBinGet, .binInt: (4, false)
      case .frame: (8, false)
      case .shortBinUnicode, .long1: (1, true)
      case .binUnicode, .long4: (4, true)
      case .binUnicode8: (8, true)
      case .stop, .emptyList, .mark, .append, .appends, .memoize: (0, false)
      }
    }

    /// A first pass over the opcodes, interpreting nothing: the first opcode outside the accepted subset is
    /// refused by name before any value is built (so `GLOBAL … REDUCE` is named as such, wherever it sits).
    func scanOpcodes() throws(BenchCoreError) {
      if let first = bytes.first, first != Op.proto.rawValue {
        throw refused(first, at: 0, "the stream must start with PROTO 2–5 (protocols 0 and 1 are not read)")
      }
      var at = 0
      while at < bytes.count {
        let byte = bytes[at]
        guard let op = Op(rawValue: byte) else {
          throw refused(byte, at: at, "it is not one of the opcodes of a pickled list of str/int")
        }
        if op == .stop { return }
        let (fixed, prefixed) = Self.argument(op)
        var next = at + 1 + fixed
        if prefixed, next <= bytes.count {
          var n: UInt64 = 0
          for k in 0..<fixed { n |= UInt64(bytes[at + 1 + k]) << (8 * UInt64(k)) }
          guard n <= UInt64(bytes.count - next) else { return }  // the second pass reports the forged length
          next += Int(n)
        }
        // A FRAME's argument is its length, not its content: the opcodes inside are scanned in turn.
        at = next
      }
    }

    mutating func push(_ v: Value, opcode: UInt8, at offset: Int) throws(BenchCoreError) {
      if case .item = v, !stack.contains(where: { if case .list = $0 { true } else { false } }) {
        throw refused(opcode, at: offset, "an item outside the list")
      }
      stack.append(v)
    }

    mutating func string(_ n: Int, opcode: UInt8, at offset: Int) throws(BenchCoreError) {
      let raw = try take(n, for: opcode, at: offset)
      guard let s = String(validating: raw, as: UTF8.self) else {
        throw malformed("\(RestrictedPickle.name(opcode)) is not valid UTF-8", at: offset)
      }
      try push(.item(.string(s)), opcode: opcode, at: offset)
    }

    mutating func memoKey(_ width: Int, opcode: UInt8, at offset: Int) throws(BenchCoreError) -> Int {
      Int(try unsigned(width, for: opcode, at: offset))
    }

    mutating func put(_ key: Int, opcode: UInt8, at offset: Int) throws(BenchCoreError) {
      guard let top = stack.last, !isMark(top) else { throw malformed("\(RestrictedPickle.name(opcode)) with nothing to store", at: offset) }
      memo[key] = top
    }

    mutating func get(_ key: Int, opcode: UInt8, at offset: Int) throws(BenchCoreError) {
      guard let v = memo[key] else { throw malformed("\(RestrictedPickle.name(opcode)) of memo \(key), which was never stored", at: offset) }
      if case .list = v { throw refused(opcode, at: offset, "a reference to the list itself (a list that contains itself)") }
      try push(v, opcode: opcode, at: offset)
    }

    func isMark(_ v: Value) -> Bool { if case .mark = v { true } else { false } }

    /// Moves the items above the topmost mark (APPENDS) or the top item (APPEND) into the list below them.
    mutating func append(many: Bool, opcode: UInt8, at offset: Int) throws(BenchCoreError) {
      var batch: [Item] = []
      if many {
        guard let m = stack.lastIndex(where: isMark) else { throw malformed("APPENDS without a MARK", at: offset) }
        for v in stack[(m + 1)...] {
          guard case .item(let i) = v else { throw refused(opcode, at: offset, "the list appended to itself") }
          batch.append(i)
        }
        stack.removeSubrange(m...)
      } else {
        guard case .item(let i)? = stack.last else { throw malformed("APPEND without an item", at: offset) }
        batch.append(i)
        stack.removeLast()
      }
      guard case .list? = stack.last else { throw malformed("\(RestrictedPickle.name(opcode)) with no list below", at: offset) }
      items += batch
    }

    mutating func run() throws(BenchCoreError) -> [Item] {
      guard !bytes.isEmpty else { throw malformed("empty file", at: 0) }
      try scanOpcodes()
      var protocolSeen = false
      while true {
        if let end = frameEnd, pos == end { frameEnd = nil }
        guard pos < bytes.count else { throw malformed("truncated stream: no STOP", at: pos) }
        let offset = pos
        let byte = bytes[pos]
        pos += 1
        guard let op = Op(rawValue: byte) else {
          throw refused(byte, at: offset, "it is not one of the opcodes of a pickled list of str/int")
        }
        if !protocolSeen, op != .proto {
          throw refused(byte, at: offset, "the stream must start with PROTO 2–5 (protocols 0 and 1 are not read)")
        }
        switch op {
        case .proto:
          guard offset == 0 else { throw refused(byte, at: offset, "PROTO after the start of the stream") }
          let v = try unsigned(1, for: byte, at: offset)
          guard (2...5).contains(v) else { throw refused(byte, at: offset, "protocol \(v); protocols 2–5 are read") }
          protocolSeen = true
        case .frame:
          guard frameEnd == nil else { throw malformed("FRAME inside a frame", at: offset) }
          let n = try length(8, for: byte, at: offset)
          frameEnd = pos + n
        case .stop:
          guard stack.count == 1, case .list = stack[0] else {
            throw malformed("STOP with \(stack.count) values on the stack (expected the list alone)", at: offset)
          }
          guard pos == bytes.count else {
            throw malformed("\(bytes.count - pos) bytes after STOP", at: pos)
          }
          return items
        case .emptyList:
          guard !sawList else { throw refused(byte, at: offset, "a second (nested) list") }
          guard stack.isEmpty else { throw refused(byte, at: offset, "a list inside another value") }
          sawList = true
          stack.append(.list)
        case .mark:
          guard sawList else { throw refused(byte, at: offset, "MARK before the list") }
          stack.append(.mark)
        case .append: try append(many: false, opcode: byte, at: offset)
        case .appends: try append(many: true, opcode: byte, at: offset)
        case .binPut: try put(try memoKey(1, opcode: byte, at: offset), opcode: byte, at: offset)
        case .longBinPut: try put(try memoKey(4, opcode: byte, at: offset), opcode: byte, at: offset)
        case .memoize: try put(memo.count, opcode: byte, at: offset)
        case .binGet: try get(try memoKey(1, opcode: byte, at: offset), opcode: byte, at: offset)
        case .longBinGet: try get(try memoKey(4, opcode: byte, at: offset), opcode: byte, at: offset)
        case .shortBinUnicode: try string(try length(1, for: byte, at: offset), opcode: byte, at: offset)
        case .binUnicode: try string(try length(4, for: byte, at: offset), opcode: byte, at: offset)
        case .binUnicode8: try string(try length(8, for: byte, at: offset), opcode: byte, at: offset)
        case .binInt1: try push(.item(.int(Int64(try unsigned(1, for: byte, at: offset)))), opcode: byte, at: offset)
        case .binInt2: try push(.item(.int(Int64(try unsigned(2, for: byte, at: offset)))), opcode: byte, at: offset)
        case .binInt:
          let v = Int32(truncatingIfNeeded: try unsigned(4, for: byte, at: offset))
          try push(.item(.int(Int64(v))), opcode: byte, at: offset)
        case .long1, .long4:
          let n = try length(op == .long1 ? 1 : 4, for: byte, at: offset)
          guard n <= 8 else {
            throw refused(byte, at: offset, "an integer of \(n) bytes; at most 8 (a 64-bit integer) are read")
          }
          let raw = try take(n, for: byte, at: offset)
          var v: UInt64 = 0
          for (k, b) in raw.enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
          // Two's complement of n bytes, sign-extended.
          if n > 0, n < 8, raw.last! & 0x80 != 0 { v |= ~UInt64(0) << (8 * UInt64(n)) }
          try push(.item(.int(Int64(bitPattern: v))), opcode: byte, at: offset)
        }
      }
    }
  }

  // MARK: - Writer

  /// Protocol 4 framing as CPython's `_Framer` does it: opcodes gather in a frame that is closed once it holds
  /// at least 64 KiB; a single opcode larger than that is written outside any frame.
  struct FramedWriter {
    static let target = 64 * 1024
    var out: [UInt8] = [Op.proto.rawValue, 4]
    var frame: [UInt8] = []

    mutating func op(_ bytes: [UInt8]) {
      if bytes.count >= Self.target {
        flush()
        out += bytes
        return
      }
      frame += bytes
      if frame.count >= Self.target { flush() }
    }

    mutating func flush() {
      guard !frame.isEmpty else { return }
      out.append(Op.frame.rawValue)
      out += withUnsafeBytes(of: UInt64(frame.count).littleEndian, Array.init)
      out += frame
      frame.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> [UInt8] {
      flush()
      return out
    }
  }
}
