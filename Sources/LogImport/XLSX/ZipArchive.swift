// The read side of ZIP archives (xlsx workbooks, .npz arrays): our own central-directory reader and a bounded
// inflater over ISA-L's raw deflate (`isal_inflate`, which also keeps the CRC-32 of its output; 3-4x zlib's
// inflate + crc32 on sheet XML).
//
// Why not ZIPFoundation's `Archive.extract`: its inflate loop (`Data.decode`) runs `while result != Z_STREAM_END`
// over a provider that returns empty chunks at end of file, so a part whose deflate data is corrupt in the right way
// (a mutated workbook with local headers pasted inside it) never returns — before any output reaches a consumer,
// so no size or ratio limit can stop it. Here every part is inflated from its own local header's data offset,
// reading at most the compressed size the central directory declares, and every way an inflate can fail to finish
// is a named error: corrupt data, no progress, or the compressed bytes ending before the deflate stream does.

internal import Foundation
internal import CIsal
#if canImport(Glibc)
internal import Glibc
// On Linux `struct stat` is reached through CoreFoundation's module map (MemberImportVisibility needs it named).
internal import CoreFoundation
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One member of a ZIP archive as its central-directory record describes it.
struct ZipEntry: Sendable, Equatable {
  enum Kind: Sendable, Equatable { case file, directory, symlink }

  var path: String
  var kind: Kind
  /// 0 = stored, 8 = deflate; anything else is refused when the entry is read.
  var method: UInt16
  var flags: UInt16
  var checksum: UInt32
  var compressedSize: UInt64
  var uncompressedSize: UInt64
  var localHeaderOffset: UInt64
}

/// A ZIP archive opened for reading: the central directory parsed up front (end-of-central-directory record, ZIP64
/// when its fields are saturated), parts read on demand with `pread` from one descriptor.
final class ZipArchive {
  /// The file, as error messages name it.
  let file: String
  let size: UInt64
  /// Every entry in central-directory order.
  let entries: [ZipEntry]
  private let descriptor: Int32
  private let byPath: [String: Int]

  /// The largest central directory read (64 MiB ≈ 800k entries); a larger one is refused, not allocated.
  static let maxCentralDirectoryBytes: UInt64 = 64 << 20

  private static let localHeaderSignature: UInt32 = 0x0403_4B50
  private static let centralHeaderSignature: UInt32 = 0x0201_4B50
  private static let endSignature: UInt32 = 0x0605_4B50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
  private static let zip64EndSignature: UInt32 = 0x0606_4B50

  /// Opens `path` (a regular file; the caller checks) and parses its central directory. `file` names it in errors.
  init(path: String, file: String) throws(ImportError) {
    self.file = file
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw ImportError(.io, file: file, "cannot open: \(String(cString: strerror(errno)))")
    }
    var st = stat()
    guard fstat(fd, &st) == 0, FileKind(mode: st.st_mode) == .regular else {
      close(fd)
      throw ImportError(.io, file: file, "not a regular file; only regular files are read")
    }
    descriptor = fd
    size = UInt64(st.st_size)
    do {
      let parsed = try Self.centralDirectory(fd: fd, size: size, file: file)
      entries = parsed
      var index: [String: Int] = [:]
      for (i, e) in parsed.enumerated() where index[e.path] == nil { index[e.path] = i }
      byPath = index
    } catch {
      close(fd)
      throw error
    }
  }

  deinit { close(descriptor) }

  /// The entry named `path`; writers that differ in case or use a leading slash are matched too.
  func entry(_ path: String) -> ZipEntry? {
    if let i = byPath[path] { return entries[i] }
    let wanted = path.lowercased()
    return entries.first { $0.path.lowercased() == wanted || $0.path.lowercased() == "/" + wanted }
  }

  // MARK: Reading a part

  /// Inflates (or copies, for a stored entry) `entry` and hands its bytes to `consume` in pieces of at most
  /// `chunkSize`. `check(total)` is called with the running inflated size before each piece is handed on, so size
  /// and ratio limits stop the work as soon as they are passed. Returns the CRC-32 and the size of what was
  /// produced; the caller compares them with the declared ones. Errors name the file and `part`.
  func extract(_ entry: ZipEntry, part: String, chunkSize: Int, check: (Int64) throws -> Void,
               _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> (crc: UInt32, size: Int64) {
    if entry.flags & 1 != 0 {
      throw ImportError(.unreadableArchive, file: file, part: part, "part is encrypted; encrypted archives are not read")
    }
    let start = try dataOffset(of: entry, part: part)
    switch entry.method {
    case 0:
      return try copyStored(entry, from: start, part: part, chunkSize: chunkSize, check: check, consume)
    case 8:
      return try inflate(entry, from: start, part: part, chunkSize: chunkSize, check: check, consume)
    default:
      throw ImportError(.unreadableArchive, file: file, part: part,
                        "compression method \(entry.method) is not supported (stored and deflate are)")
    }
  }

  /// Where `entry`'s data starts: its local header (signature, name and extra-field lengths) parsed here, and the
  /// declared compressed bytes checked to lie inside the file.
  func dataOffset(of entry: ZipEntry, part: String) throws(ImportError) -> UInt64 {
    let header = try read(at: entry.localHeaderOffset, count: 30, part: part, what: "local file header")
    guard Self.u32(header, 0) == Self.localHeaderSignature else {
      throw ImportError(.unreadableArchive, file: file, part: part,
                        "no local file header at offset \(entry.localHeaderOffset) (corrupt archive)")
    }
    let start = entry.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
    let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
    guard !overflow, end <= size else {
      throw ImportError(.unreadableArchive, file: file, part: part,
                        "the part's \(entry.compressedSize) compressed bytes at offset \(start) run past the end of "
                          + "the \(size)-byte file (truncated archive?)")
    }
    return start
  }

  private func copyStored(_ entry: ZipEntry, from start: UInt64, part: String, chunkSize: Int,
                          check: (Int64) throws -> Void,
                          _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> (crc: UInt32, size: Int64) {
    guard entry.compressedSize == entry.uncompressedSize else {
      throw ImportError(.unreadableArchive, file: file, part: part,
                        "stored part declares \(entry.compressedSize) compressed but \(entry.uncompressedSize) "
                          + "uncompressed bytes (corrupt archive)")
    }
    let capacity = Int(min(entry.compressedSize, UInt64(max(1, chunkSize))))
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, capacity))
    defer { buffer.deallocate() }
    var crc: UInt32 = 0
    var offset = start
    var total: Int64 = 0
    while offset < start + entry.compressedSize {
      let n = Int(min(UInt64(capacity), start + entry.compressedSize - offset))
      try readExactly(into: buffer, count: n, at: offset, part: part, what: "stored data")
      offset += UInt64(n)
      total += Int64(n)
      try check(total)
      crc = crc32_gzip_refl(crc, buffer, UInt64(n))  // the ZIP / gzip CRC-32 (reflected, initial value 0)
      try consume(UnsafeBufferPointer(start: buffer, count: n))
    }
    return (crc, total)
  }

  private func inflate(_ entry: ZipEntry, from start: UInt64, part: String, chunkSize: Int,
                       check: (Int64) throws -> Void,
                       _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> (crc: UInt32, size: Int64) {
    let inCapacity = Int(min(max(entry.compressedSize, 1), 1 << 16))
    let outCapacity = max(1, chunkSize)
    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inCapacity)
    let output = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
    defer { input.deallocate(); output.deallocate() }
    // The state holds the 32 KiB window and decoding tables (~ 50 KiB): on the heap.
    let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
    defer { state.deallocate() }
    isal_inflate_init(state)
    // Raw deflate (a ZIP entry has no gzip or zlib wrapper), with the gzip CRC-32 of the output kept in `crc`.
    state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
    var total: Int64 = 0
    var offset = start
    let end = start + entry.compressedSize
    func failure(_ what: String) -> ImportError {
      ImportError(.unreadableArchive, file: file, part: part,
                  "cannot decompress part (truncated or corrupt archive?): \(what) after \(offset - start) of "
                    + "\(entry.compressedSize) compressed bytes, \(total) inflated")
    }
    while true {
      if state.pointee.avail_in == 0 && offset < end {
        let n = Int(min(UInt64(inCapacity), end - offset))
        try readExactly(into: input, count: n, at: offset, part: part, what: "compressed data")
        offset += UInt64(n)
        state.pointee.next_in = input
        state.pointee.avail_in = UInt32(n)
      }
      state.pointee.next_out = output
      state.pointee.avail_out = UInt32(outCapacity)
      let inBefore = state.pointee.avail_in
      let status = isal_inflate(state)
      let produced = outCapacity - Int(state.pointee.avail_out)
      let exhausted = state.pointee.avail_in == 0 && offset == end
      switch status {
      case ISAL_DECOMP_OK, ISAL_END_INPUT, ISAL_OUT_OVERFLOW:
        break
      case ISAL_INVALID_BLOCK:
        throw failure("corrupt deflate data (invalid block)")
      case ISAL_INVALID_SYMBOL:
        throw failure("corrupt deflate data (invalid code)")
      case ISAL_INVALID_LOOKBACK:
        throw failure("corrupt deflate data (a distance too far back)")
      case ISAL_NEED_DICT:
        throw failure("the deflate stream asks for a preset dictionary")
      default:
        throw failure("ISA-L inflate failed (\(status))")
      }
      if produced > 0 {
        total += Int64(produced)
        try check(total)
        try consume(UnsafeBufferPointer(start: output, count: produced))
      }
      if state.pointee.block_state == ISAL_BLOCK_FINISH { break }
      if produced == 0 && state.pointee.avail_in == inBefore {
        throw failure(exhausted ? "the compressed data ends before the deflate stream does"
                                : "inflate made no progress")
      }
    }
    return (state.pointee.crc, total)
  }

  // MARK: Central directory

  private static func centralDirectory(fd: Int32, size: UInt64, file: String) throws(ImportError) -> [ZipEntry] {
    func corrupt(_ why: String) -> ImportError {
      ImportError(.unreadableArchive, file: file, "not a readable ZIP archive (truncated or corrupt?): \(why)")
    }
    guard size >= 22 else { throw corrupt("\(size) bytes, shorter than an end-of-central-directory record") }
    // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
    let tailCount = Int(min(size, 22 + 0xFFFF))
    let tailStart = size - UInt64(tailCount)
    guard let tail = pread(fd, at: tailStart, count: tailCount) else { throw corrupt("cannot read the file's end") }
    var at = -1
    var i = tailCount - 22
    while i >= 0 {
      if u32(tail, i) == endSignature && i + 22 + Int(u16(tail, i + 20)) <= tailCount { at = i; break }
      i -= 1
    }
    guard at >= 0 else { throw corrupt("no end-of-central-directory record") }
    let endOffset = tailStart + UInt64(at)
    guard u16(tail, at + 4) == 0 && u16(tail, at + 6) == 0 else {
      throw corrupt("a multi-disk (spanned) archive")
    }
    var count = UInt64(u16(tail, at + 10))
    var directorySize = UInt64(u32(tail, at + 12))
    var directoryOffset = UInt64(u32(tail, at + 16))
    var directoryEnd = endOffset
    if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
      // ZIP64: a locator just before the end record points at the ZIP64 end record with the 64-bit fields.
      guard endOffset >= 20, let locator = pread(fd, at: endOffset - 20, count: 20),
            u32(locator, 0) == zip64LocatorSignature else {
        throw corrupt("saturated end-record fields but no ZIP64 locator")
      }
      let recordOffset = u64(locator, 8)
      guard recordOffset <= endOffset - 20, endOffset - 20 - recordOffset >= 56,
            let record = pread(fd, at: recordOffset, count: 56), u32(record, 0) == zip64EndSignature else {
        throw corrupt("no ZIP64 end-of-central-directory record where the locator points")
      }
      count = u64(record, 32)
      directorySize = u64(record, 40)
      directoryOffset = u64(record, 48)
      directoryEnd = recordOffset
    }
    let (directoryLast, overflow) = directoryOffset.addingReportingOverflow(directorySize)
    guard !overflow, directoryLast <= directoryEnd else {
      throw corrupt("the central directory (\(directorySize) bytes at offset \(directoryOffset)) does not end "
                      + "before the end record at \(directoryEnd)")
    }
    guard directorySize <= maxCentralDirectoryBytes else {
      throw ImportError(.limitExceeded, file: file,
                        "central directory of \(directorySize) bytes exceeds the limit of \(maxCentralDirectoryBytes)")
    }
    guard count <= directorySize / 46 else {
      throw corrupt("\(count) entries declared in a \(directorySize)-byte central directory")
    }
    guard let directory = pread(fd, at: directoryOffset, count: Int(directorySize)) else {
      throw corrupt("cannot read the central directory")
    }
    var entries: [ZipEntry] = []
    entries.reserveCapacity(Int(count))
    var p = 0
    for n in 0..<Int(count) {
      guard p + 46 <= directory.count, u32(directory, p) == centralHeaderSignature else {
        throw corrupt("central-directory record \(n + 1) of \(count) is missing or has a bad signature")
      }
      let madeBy = u16(directory, p + 4)
      let flags = u16(directory, p + 8)
      let method = u16(directory, p + 10)
      let checksum = u32(directory, p + 16)
      var compressed = UInt64(u32(directory, p + 20))
      var uncompressed = UInt64(u32(directory, p + 24))
      let nameLength = Int(u16(directory, p + 28))
      let extraLength = Int(u16(directory, p + 30))
      let commentLength = Int(u16(directory, p + 32))
      let external = u32(directory, p + 38)
      var localOffset = UInt64(u32(directory, p + 42))
      let nameStart = p + 46
      let extraStart = nameStart + nameLength
      let next = extraStart + extraLength + commentLength
      guard next <= directory.count else { throw corrupt("central-directory record \(n + 1) runs past its end") }
      let nameBytes = directory[nameStart..<extraStart]
      let path = String(validating: nameBytes, as: UTF8.self)
        ?? String(nameBytes.map { Character(Unicode.Scalar($0)) })
      // ZIP64 extended information (header 0x0001): the 64-bit values of the saturated fields, in this order.
      if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
        var q = extraStart
        var found = false
        while q + 4 <= extraStart + extraLength {
          let id = u16(directory, q)
          let length = Int(u16(directory, q + 2))
          guard q + 4 + length <= extraStart + extraLength else { break }
          if id == 1 {
            var r = q + 4
            func take() throws(ImportError) -> UInt64 {
              guard r + 8 <= q + 4 + length else { throw corrupt("entry \(path): short ZIP64 extra field") }
              defer { r += 8 }
              return u64(directory, r)
            }
            if uncompressed == 0xFFFF_FFFF { uncompressed = try take() }
            if compressed == 0xFFFF_FFFF { compressed = try take() }
            if localOffset == 0xFFFF_FFFF { localOffset = try take() }
            found = true
            break
          }
          q += 4 + length
        }
        guard found else { throw corrupt("entry \(path): saturated sizes but no ZIP64 extra field") }
      }
      let kind: ZipEntry.Kind
      let host = madeBy >> 8
      let mode = (external >> 16) & 0o170000
      if path.hasSuffix("/") {
        kind = .directory
      } else if host == 3 || host == 19 {
        kind = mode == 0o040000 ? .directory : mode == 0o120000 ? .symlink : .file
      } else {
        kind = external & 0x10 != 0 ? .directory : .file
      }
      entries.append(ZipEntry(path: path, kind: kind, method: method, flags: flags, checksum: checksum,
                              compressedSize: compressed, uncompressedSize: uncompressed,
                              localHeaderOffset: localOffset))
      p = next
    }
    return entries
  }

  // MARK: Bytes

  private func read(at offset: UInt64, count: Int, part: String, what: String) throws(ImportError) -> [UInt8] {
    guard let bytes = Self.pread(descriptor, at: offset, count: count) else {
      throw ImportError(.unreadableArchive, file: file, part: part,
                        "cannot read the \(what) (\(count) bytes at offset \(offset) of \(size)): truncated archive?")
    }
    return bytes
  }

  private func readExactly(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: UInt64, part: String,
                           what: String) throws(ImportError) {
    guard Self.pread(descriptor, into: buffer, at: offset, count: count) else {
      throw ImportError(.unreadableArchive, file: file, part: part,
                        "cannot read the \(what) (\(count) bytes at offset \(offset) of \(size)): truncated archive?")
    }
  }

  /// Exactly `count` bytes at `offset`, or nil at end of file or on a read error.
  private static func pread(_ fd: Int32, at offset: UInt64, count: Int) -> [UInt8]? {
    guard count > 0 else { return [] }
    var ok = false
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      ok = pread(fd, into: buffer.baseAddress!, at: offset, count: count)
      initialized = ok ? count : 0
    }
    return ok ? bytes : nil
  }

  private static func pread(_ fd: Int32, into buffer: UnsafeMutablePointer<UInt8>, at offset: UInt64,
                            count: Int) -> Bool {
    guard offset <= UInt64(Int64.max) else { return false }
    var done = 0
    while done < count {
      let n = systemPread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return false }
      done += n
    }
    return true
  }

  private static func systemPread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int,
                                  _ offset: off_t) -> Int {
    #if canImport(Glibc)
    Glibc.pread(fd, buffer, count, offset)
    #else
    Darwin.pread(fd, buffer, count, offset)
    #endif
  }

  @inline(__always) private static func u16<C: RandomAccessCollection<UInt8>>(_ b: C, _ i: Int) -> UInt16
  where C.Index == Int {
    UInt16(b[b.startIndex + i]) | UInt16(b[b.startIndex + i + 1]) << 8
  }

  @inline(__always) private static func u32<C: RandomAccessCollection<UInt8>>(_ b: C, _ i: Int) -> UInt32
  where C.Index == Int {
    UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16
  }

  @inline(__always) private static func u64<C: RandomAccessCollection<UInt8>>(_ b: C, _ i: Int) -> UInt64
  where C.Index == Int {
    UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32
  }
}
