internal import Foundation

/// A two-dimensional NumPy array of any plain numeric dtype, as the VL-RouterBench release stores its matrices
/// (`Y`: `int8` 0/1, `C`: `float32` USD per sample), read into `Double` values and written back in a chosen dtype.
///
/// Reads `.npy` versions 1.0–3.0, C order, little-endian (or byte-order-free) `bool`, `int8`/`uint8`,
/// `int16`/`int32`/`int64`, `uint16`/`uint32`, `float32` and `float64`. Every integer and float32 value is exact in a
/// Double; an int64 beyond 2⁵³ is refused rather than rounded. Writes what `numpy.save` writes (version 1.0, the
/// header padded to 64 bytes). Header sizes, shapes and data lengths are checked with overflow-safe arithmetic
/// before anything is allocated.
public struct NumpyMatrix: Sendable, Hashable {
  /// The element types read and written.
  public enum DType: String, Sendable, Hashable, CaseIterable {
    case bool = "|b1", int8 = "|i1", uint8 = "|u1", int16 = "<i2", uint16 = "<u2", int32 = "<i4", uint32 = "<u4"
    case int64 = "<i8", float32 = "<f4", float64 = "<f8"

    /// Bytes per element.
    public var width: Int {
      switch self {
      case .bool, .int8, .uint8: 1
      case .int16, .uint16: 2
      case .int32, .uint32, .float32: 4
      case .int64, .float64: 8
      }
    }

    /// The dtype of a header's `descr` (`'<f4'`, `'|i1'`, `'=f8'` on a little-endian writer…), if it is read.
    init?(descr: String) {
      var d = descr
      guard d.count == 3 else { return nil }
      let order = d.removeFirst()
      if order == "=" || order == "|" || order == "<" {
        let oneByte = d == "b1" || d == "i1" || d == "u1"
        guard let t = DType(rawValue: (oneByte ? "|" : "<") + d) else { return nil }
        self = t
      } else {
        return nil
      }
    }
  }

  public var rows: Int
  public var columns: Int
  public var dtype: DType
  /// Row-major values.
  public var values: [Double]

  public init(rows: Int, columns: Int, dtype: DType, values: [Double]) {
    precondition(rows >= 0 && columns >= 0 && rows * columns == values.count,
                 "NumpyMatrix: \(values.count) values for \(rows) × \(columns)")
    self.rows = rows
    self.columns = columns
    self.dtype = dtype
    self.values = values
  }

  public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

  // MARK: Reading

  /// Parses `.npy` bytes holding a 2-D array (a 1-D array of n elements is refused: the caller names the shape).
  public static func parse(_ bytes: [UInt8], source: String) throws(BenchCoreError) -> NumpyMatrix {
    func malformed(_ why: String) -> BenchCoreError { BenchCoreError(.malformed, "not a valid .npy file: \(why)", path: source) }
    func unsupported(_ why: String) -> BenchCoreError {
      BenchCoreError(.unsupported, "unsupported .npy content: \(why)", path: source)
    }
    guard bytes.count >= 10, bytes[0..<6].elementsEqual([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) else {
      throw malformed("bad magic (expected \\x93NUMPY)")
    }
    let headerLength: Int, headerStart: Int
    switch bytes[6] {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw malformed("truncated header") }
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
      headerStart = 12
    default:
      throw malformed("unsupported .npy version \(bytes[6])")
    }
    guard headerLength <= bytes.count - headerStart else {
      throw malformed("the header declares \(headerLength) bytes, the file has \(bytes.count - headerStart) after the preamble")
    }
    let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    guard let descrText = NumpyArray.value(of: "descr", in: header), descrText.count >= 2 else {
      throw malformed("header has no 'descr'")
    }
    let descr = String(descrText.dropFirst().dropLast())
    guard let dtype = DType(descr: descr) else {
      throw unsupported("dtype '\(descr)'; read: \(DType.allCases.map(\.rawValue).joined(separator: ", ")) (little-endian)")
    }
    guard NumpyArray.value(of: "fortran_order", in: header) == "False" else {
      throw unsupported("Fortran order; only C order")
    }
    guard let shapeText = NumpyArray.value(of: "shape", in: header), shapeText.hasPrefix("("), shapeText.hasSuffix(")")
    else { throw malformed("header has no shape tuple") }
    var dims: [Int] = []
    for part in shapeText.dropFirst().dropLast().split(separator: ",") {
      let t = part.trimmingCharacters(in: .whitespaces)
      if t.isEmpty { continue }
      guard let v = Int(t), v >= 0 else { throw malformed("bad shape \(shapeText)") }
      dims.append(v)
    }
    guard dims.count == 2 else { throw unsupported("shape \(shapeText): a 2-D array (samples × models) is expected") }
    let (count, o1) = dims[0].multipliedReportingOverflow(by: dims[1])
    let (size, o2) = count.multipliedReportingOverflow(by: dtype.width)
    let dataStart = headerStart + headerLength
    guard !o1, !o2, size == bytes.count - dataStart else {
      throw malformed("\(bytes.count - dataStart) data bytes for shape \(shapeText) of \(dtype.rawValue) "
                        + (o1 || o2 ? "(the shape overflows)" : "(expected \(size))"))
    }
    var values = [Double](repeating: 0, count: count)
    let failure = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> BenchCoreError? in
      for i in 0..<count {
        let at = dataStart + i * dtype.width
        switch dtype {
        case .bool:
          let b = raw[at]
          guard b <= 1 else { return malformed("bool element \(i) is \(b), not 0 or 1") }
          values[i] = Double(b)
        case .int8: values[i] = Double(Int8(bitPattern: raw[at]))
        case .uint8: values[i] = Double(raw[at])
        case .int16: values[i] = Double(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int16.self)))
        case .uint16: values[i] = Double(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
        case .int32: values[i] = Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
        case .uint32: values[i] = Double(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        case .int64:
          let v = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self))
          guard v.magnitude <= 1 << 53 else { return unsupported("int64 element \(i) = \(v) is not exact as a double") }
          values[i] = Double(v)
        case .float32:
          values[i] = Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))))
        case .float64:
          values[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
        }
      }
      return nil
    }
    if let failure { throw failure }
    return NumpyMatrix(rows: dims[0], columns: dims[1], dtype: dtype, values: values)
  }

  // MARK: Writing

  /// The `.npy` file `numpy.save` writes for this array in `dtype` (values converted: int8 and bool by exact
  /// conversion — a value that does not fit is a programmer error —, float32 by rounding to nearest).
  public func encoded() -> [UInt8] {
    var header = Array("{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': (\(rows), \(columns)), }".utf8)
    let unpadded = 10 + header.count + 1
    header += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64)
    header.append(0x0A)
    var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
    out += header
    out.reserveCapacity(out.count + values.count * dtype.width)
    func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    for v in values {
      switch dtype {
      case .bool: out.append(v != 0 ? 1 : 0)
      case .int8: out.append(UInt8(bitPattern: Int8(exactly: v)!))
      case .uint8: out.append(UInt8(exactly: v)!)
      case .int16: put(Int16(exactly: v)!)
      case .uint16: put(UInt16(exactly: v)!)
      case .int32: put(Int32(exactly: v)!)
      case .uint32: put(UInt32(exactly: v)!)
      case .int64: put(Int64(exactly: v)!)
      case .float32: put(Float(v).bitPattern)
      case .float64: put(v.bitPattern)
      }
    }
    return out
  }
}
