public import Foundation

/// A `.safetensors` file (Hugging Face's weight format), memory-mapped and checked before any tensor is read.
///
/// Layout: an 8-byte little-endian header length `N`, `N` bytes of JSON, then the data buffer. The JSON maps each
/// tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets into the data buffer) and may hold
/// `"__metadata__"`, a string → string map. Opening checks everything the format promises, so a truncated or
/// inconsistent file is an error naming the tensor, never a wrong value later:
///
/// - the header length is at most 100 MB (the reference implementation's limit) and lies inside the file;
/// - every entry has one of the format's dtypes, a shape of non-negative integers and offsets
///   `begin ≤ end`; its byte count `end − begin` equals product(shape) × the dtype's size;
/// - the tensors, sorted by offset, tile the data buffer exactly as declared: the first starts at 0, each starts
///   where the previous one ends (no overlap, no gap), and the last ends at the end of the file.
///
/// Values are converted to `Float` on read (`floats(_:)`: F32, F16 and BF16 exactly, F64 rounded to nearest).
public struct SafetensorsFile: Sendable {
  /// The format's element types. Every one is accepted in the header (sizes are checked); `floats(_:)` converts
  /// the floating-point ones (F32, F16, BF16, F64) and refuses the others (a BERT checkpoint's I64
  /// `embeddings.position_ids` buffer, for one, is declared but never needed).
  public enum DType: String, Sendable, Hashable, CaseIterable {
    case bool = "BOOL", u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
    case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32"
    case i64 = "I64", u64 = "U64", f64 = "F64"

    /// Bytes per element.
    public var size: Int {
      switch self {
      case .bool, .u8, .i8, .f8e5m2, .f8e4m3: 1
      case .i16, .u16, .f16, .bf16: 2
      case .i32, .u32, .f32: 4
      case .i64, .u64, .f64: 8
      }
    }

    /// The dtypes `floats(_:)` converts to `Float`.
    public static let convertible: [DType] = [.f32, .f16, .bf16, .f64]
  }

  /// One tensor's declaration.
  public struct TensorInfo: Sendable, Hashable {
    public var name: String
    public var dtype: DType
    public var shape: [Int]
    /// Byte range inside the data buffer (after the header).
    public var dataOffsets: Range<Int>
    /// product(shape); 1 for a scalar (shape `[]`).
    public var count: Int { shape.reduce(1, *) }
  }

  /// The reference implementation's bound on the header length.
  public static let maximumHeaderLength = 100_000_000

  /// The file's path (or a label for in-memory bytes), for error messages.
  public let file: String
  /// Every tensor, by name.
  public let tensors: [String: TensorInfo]
  /// The optional `__metadata__` map.
  public let metadata: [String: String]
  private let bytes: Data
  private let dataStart: Int

  /// Tensor names, sorted.
  public var names: [String] { tensors.keys.sorted() }

  /// Maps and checks the file at `url`.
  public init(contentsOf url: URL) throws(EncoderError) {
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw EncoderError(.unreadable, "cannot read the file: \(error.localizedDescription)", file: url.path)
    }
    try self.init(data: data, file: url.path)
  }

  /// Checks in-memory bytes (`file` names them in errors).
  public init(data: Data, file: String) throws(EncoderError) {
    self.file = file
    self.bytes = data
    func fail(_ message: String, tensor: String? = nil, _ kind: EncoderError.Kind = .malformed) -> EncoderError {
      EncoderError(kind, message, file: file, tensor: tensor)
    }
    guard data.count >= 8 else {
      throw fail("\(data.count) bytes: too short for the 8-byte header length (truncated?)")
    }
    let rawLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
    guard rawLength <= UInt64(Self.maximumHeaderLength) else {
      throw fail("header length \(rawLength) exceeds the \(Self.maximumHeaderLength)-byte limit (not a safetensors file?)")
    }
    let headerLength = Int(rawLength)
    guard headerLength >= 2 else { throw fail("header length \(headerLength): too short for a JSON object") }
    guard 8 + headerLength <= data.count else {
      throw fail("header of \(headerLength) bytes runs past the end of the \(data.count)-byte file (truncated?)")
    }
    dataStart = 8 + headerLength
    let dataLength = data.count - dataStart
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<dataStart)) } catch {
      throw fail("header is not valid JSON: \(error.localizedDescription)")
    }
    guard let header = object as? [String: Any] else { throw fail("header is not a JSON object") }

    var metadata: [String: String] = [:]
    var tensors: [String: TensorInfo] = [:]
    for (name, value) in header {
      if name == "__metadata__" {
        guard let m = value as? [String: Any] else { throw fail("__metadata__ is not an object of strings") }
        for (k, v) in m {
          guard let s = v as? String else { throw fail("__metadata__ value of '\(k)' is not a string") }
          metadata[k] = s
        }
        continue
      }
      guard let entry = value as? [String: Any] else { throw fail("entry is not an object", tensor: name) }
      guard let dtypeName = entry["dtype"] as? String else { throw fail("no dtype", tensor: name) }
      guard let dtype = DType(rawValue: dtypeName) else {
        throw fail("unknown dtype \(dtypeName) (the format's are \(DType.allCases.map(\.rawValue).joined(separator: ", ")))",
                   tensor: name)
      }
      guard let shape = Self.integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
        throw fail("shape is not a list of non-negative integers", tensor: name)
      }
      guard let offsets = Self.integers(entry["data_offsets"]), offsets.count == 2, offsets[0] >= 0,
            offsets[0] <= offsets[1] else {
        throw fail("data_offsets is not [begin, end] with 0 ≤ begin ≤ end", tensor: name)
      }
      var count = 1
      for d in shape {
        let (p, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow else { throw fail("shape \(shape) overflows", tensor: name) }
        count = p
      }
      let (expected, overflow) = count.multipliedReportingOverflow(by: dtype.size)
      guard !overflow, expected == offsets[1] - offsets[0] else {
        throw fail("shape \(shape) × \(dtype.rawValue) needs \(count) × \(dtype.size) bytes, data_offsets "
                   + "[\(offsets[0]), \(offsets[1])] hold \(offsets[1] - offsets[0])", tensor: name)
      }
      tensors[name] = TensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: offsets[0]..<offsets[1])
    }

    // The tensors tile the data buffer in offset order (ties: empty tensors first, then by name).
    let ordered = tensors.values.sorted {
      ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound, $0.name)
        < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound, $1.name)
    }
    var end = 0
    var previous: String?
    for t in ordered {
      if t.dataOffsets.lowerBound < end {
        throw fail("data_offsets [\(t.dataOffsets.lowerBound), \(t.dataOffsets.upperBound)] overlap tensor "
                   + "'\(previous ?? "")', which ends at \(end)", tensor: t.name)
      }
      if t.dataOffsets.lowerBound > end {
        throw fail("data_offsets start at \(t.dataOffsets.lowerBound), leaving \(t.dataOffsets.lowerBound - end) "
                   + "undeclared bytes after \(previous.map { "tensor '\($0)'" } ?? "the header")", tensor: t.name)
      }
      if t.dataOffsets.upperBound > dataLength {
        throw fail("data_offsets end at \(t.dataOffsets.upperBound) but the file holds \(dataLength) data bytes "
                   + "(truncated?)", tensor: t.name)
      }
      end = t.dataOffsets.upperBound
      previous = t.name
    }
    if end != dataLength {
      throw fail("\(dataLength - end) bytes after the last tensor\(previous.map { " ('\($0)')" } ?? "") are not declared")
    }
    self.tensors = tensors
    self.metadata = metadata
  }

  /// A tensor's declaration; an unknown name is a `.mismatch` error naming it.
  public func info(_ name: String) throws(EncoderError) -> TensorInfo {
    guard let t = tensors[name] else {
      throw EncoderError(.mismatch, "no such tensor (the file holds \(tensors.count))", file: file, tensor: name)
    }
    return t
  }

  /// A tensor's values as `Float`, row-major in its declared shape.
  public func floats(_ name: String) throws(EncoderError) -> [Float] {
    let t = try info(name)
    guard DType.convertible.contains(t.dtype) else {
      throw EncoderError(.unsupported, "dtype \(t.dtype.rawValue) is not converted to Float (only "
                         + "\(DType.convertible.map(\.rawValue).joined(separator: ", ")))", file: file, tensor: name)
    }
    let n = t.count
    let start = dataStart + t.dataOffsets.lowerBound
    return bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Float] in
      let base = UnsafeRawBufferPointer(rebasing: raw[start..<(start + t.dataOffsets.count)])
      return [Float](unsafeUninitializedCapacity: n) { out, initialized in
        switch t.dtype {
        case .f32:
          #if _endian(little)
          if n > 0 { UnsafeMutableRawBufferPointer(out).copyMemory(from: base) }
          #else
          for i in 0..<n { out[i] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
          #endif
        case .f16:
          for i in 0..<n {
            out[i] = Float(Self.half(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))))
          }
        case .bf16:
          for i in 0..<n {
            let b = UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            out[i] = Float(bitPattern: UInt32(b) << 16)
          }
        case .f64:
          for i in 0..<n {
            out[i] = Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
          }
        default:
          preconditionFailure("checked above")
        }
        initialized = n
      }
    }
  }

  /// IEEE 754 binary16 → Float, exactly (subnormals, infinities and NaN included), without `Float16` (not on
  /// every platform Swift supports).
  static func half(_ h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = Int((h >> 10) & 0x1F)
    let mantissa = UInt32(h & 0x3FF)
    switch exponent {
    case 0:
      // ±0 or subnormal: mantissa × 2^-24.
      let v = Float(mantissa) * 0x1p-24
      return sign == 0 ? v : -v
    case 0x1F:
      return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    default:
      return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }
  }

  /// A JSON list of integers.
  private static func integers(_ value: Any?) -> [Int]? {
    guard let list = value as? [Any] else { return nil }
    var out: [Int] = []
    for v in list {
      guard let i = v as? Int else { return nil }
      out.append(i)
    }
    return out
  }
}
