public import Foundation

/// A float32 array in NumPy's `.npy` format (version 1.0, little-endian `<f4`, C order).
///
/// Enough of the format for feature files: `write(to:)` produces what `numpy.save` writes for a C-contiguous
/// float32 array (magic, version 1.0, a Python-dict header padded with spaces to a multiple of 64 bytes and ending
/// in a newline, then the raw values); `init(contentsOf:)` reads such a file back (float32 only).
public struct NumpyArray: Sendable, Hashable {
  public var shape: [Int]
  public var values: [Float]

  public init(shape: [Int], values: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "NumpyArray: negative dimension in \(shape)")
    precondition(shape.reduce(1, *) == values.count, "NumpyArray: \(values.count) values for shape \(shape)")
    self.shape = shape
    self.values = values
  }

  /// The header dictionary NumPy writes, e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
  public var headerDictionary: String {
    let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
    return "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
  }

  /// The complete file contents.
  public func encoded() -> Data {
    var header = Array(headerDictionary.utf8)
    // magic (6) + version (2) + header length (2) + header, padded with spaces and a final newline to 64 bytes.
    let unpadded = 10 + header.count + 1
    let padding = (64 - unpadded % 64) % 64
    header += [UInt8](repeating: 0x20, count: padding)
    header.append(0x0A)
    var out = Data()
    out.reserveCapacity(10 + header.count + values.count * 4)
    out.append(contentsOf: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    out.append(UInt8(header.count & 0xFF))
    out.append(UInt8(header.count >> 8))
    out.append(contentsOf: header)
    values.withUnsafeBufferPointer { buffer in
      var bits = [UInt32](repeating: 0, count: buffer.count)
      for i in 0..<buffer.count { bits[i] = buffer[i].bitPattern.littleEndian }
      bits.withUnsafeBytes { out.append(contentsOf: $0) }
    }
    return out
  }

  public func write(to url: URL) throws {
    try encoded().write(to: url)
  }

  /// Reads a version 1.0–3.0 `.npy` file holding little-endian float32 in C order.
  public init(contentsOf url: URL) throws(BenchCoreError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw BenchCoreError(.unreadable, "cannot read: \(error)", path: url.path) }
    try self.init(npy: [UInt8](data), source: url.path)
  }

  /// Parses `.npy` bytes (see `init(contentsOf:)`).
  public init(npy bytes: [UInt8], source: String = "<bytes>") throws(BenchCoreError) {
    let result = bytes.withUnsafeBytes { raw in Result { () throws(BenchCoreError) in try NumpyArray.parse(raw, source: source) } }
    self = try result.get()
  }

  /// Parses `.npy` bytes in place (e.g. a memory-mapped file). Little-endian float32 in C order; with
  /// `allowingFloat64`, little-endian float64 too, narrowed to Float (feature files written by other tools).
  public static func parse(_ raw: UnsafeRawBufferPointer, source: String,
                           allowingFloat64: Bool = false) throws(BenchCoreError) -> NumpyArray {
    guard raw.count >= 10, raw[0..<6].elementsEqual([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) else {
      throw malformed(source, "bad magic")
    }
    let major = raw[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(raw[8]) | Int(raw[9]) << 8
      headerStart = 10
    case 2, 3:
      guard raw.count >= 12 else { throw malformed(source, "truncated header") }
      headerLength = Int(raw[8]) | Int(raw[9]) << 8 | Int(raw[10]) << 16 | Int(raw[11]) << 24
      headerStart = 12
    default:
      throw malformed(source, "unsupported .npy version \(major)")
    }
    guard raw.count >= headerStart + headerLength else { throw malformed(source, "truncated header") }
    let header = String(decoding: raw[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    guard let descr = Self.value(of: "descr", in: header) else { throw malformed(source, "header has no 'descr'") }
    let width: Int
    switch descr {
    case "'<f4'", "'|f4'": width = 4
    case "'<f8'" where allowingFloat64: width = 8
    default:
      throw unsupported(source, "dtype \(descr); only little-endian float32 ('<f4')\(allowingFloat64 ? " or float64 ('<f8')" : "")")
    }
    guard Self.value(of: "fortran_order", in: header) == "False" else {
      throw unsupported(source, "Fortran order; only C order")
    }
    guard let shapeText = Self.value(of: "shape", in: header), shapeText.hasPrefix("("), shapeText.hasSuffix(")")
    else { throw malformed(source, "header has no shape tuple") }
    var dims: [Int] = []
    for part in shapeText.dropFirst().dropLast().split(separator: ",") {
      let t = part.trimmingCharacters(in: .whitespaces)
      if t.isEmpty { continue }
      guard let v = Int(t), v >= 0 else { throw malformed(source, "bad shape \(shapeText)") }
      dims.append(v)
    }
    var count = 1
    for d in dims {
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow, product <= raw.count else { throw malformed(source, "shape \(dims) is larger than the file") }
      count = product
    }
    let dataStart = headerStart + headerLength
    guard raw.count - dataStart == count * width else {
      throw malformed(source, "\(raw.count - dataStart) data bytes for shape \(dims) (expected \(count * width))")
    }
    var values = [Float](repeating: 0, count: count)
    for i in 0..<count {
      if width == 4 {
        values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + 4 * i, as: UInt32.self)))
      } else {
        values[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + 8 * i, as: UInt64.self))))
      }
    }
    return NumpyArray(shape: dims, values: values)
  }

  /// The raw text of a header entry's value (`'<f4'`, `False`, `(3, 4)`).
  static func value(of key: String, in header: String) -> String? {
    guard let keyRange = header.range(of: "'\(key)':") else { return nil }
    var rest = header[keyRange.upperBound...].drop { $0 == " " }
    if rest.first == "(" {
      guard let close = rest.firstIndex(of: ")") else { return nil }
      return String(rest[...close])
    }
    if rest.first == "'" {
      rest = rest.dropFirst()
      guard let close = rest.firstIndex(of: "'") else { return nil }
      return "'" + rest[..<close] + "'"
    }
    let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
    return rest[..<end].trimmingCharacters(in: .whitespaces)
  }

  private static func malformed(_ source: String, _ why: String) -> BenchCoreError {
    BenchCoreError(.malformed, "not a valid .npy file: \(why)", path: source)
  }

  private static func unsupported(_ source: String, _ why: String) -> BenchCoreError {
    BenchCoreError(.unsupported, "unsupported .npy content: \(why)", path: source)
  }
}
