import Foundation
import Testing

@testable import Encoders

/// Hand-built safetensors files: every value type converts exactly, and every corruption is its own error naming
/// the tensor.
struct SafetensorsTests {
  /// A file from a header object and a data buffer (the header JSON is written as given, in key order).
  static func file(header: String, data: [UInt8], headerLength: UInt64? = nil) -> Data {
    let h = Array(header.utf8)
    var out = Data()
    var n = (headerLength ?? UInt64(h.count)).littleEndian
    withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
    out.append(contentsOf: h)
    out.append(contentsOf: data)
    return out
  }

  static func bytes<T>(_ values: [T]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }

  /// F32 [2, 2] then BF16 [3] then F16 [2] then F64 [1] and an I64 [1] buffer.
  static let good: Data = {
    let f32 = bytes([Float(1.5), -2, 0.25, 3e-8])
    let bf16 = bytes([UInt16(0x3F80), 0xC000, 0x7F80])  // 1, -2, +inf
    let f16 = bytes([UInt16(0x3C00), 0x0001])  // 1, the smallest subnormal 2^-24
    let f64 = bytes([Double(0.1)])
    let i64 = bytes([Int64(7)])
    let header = """
      {"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},\
      "b":{"dtype":"BF16","shape":[3],"data_offsets":[16,22]},"h":{"dtype":"F16","shape":[2],"data_offsets":[22,26]},\
      "d":{"dtype":"F64","shape":[1],"data_offsets":[26,34]},"ids":{"dtype":"I64","shape":[1,1],"data_offsets":[34,42]}}
      """
    return file(header: header, data: f32 + bf16 + f16 + f64 + i64)
  }()

  @Test func readsEveryFloatTypeExactly() throws {
    let f = try SafetensorsFile(data: Self.good, file: "good.safetensors")
    #expect(f.names == ["b", "d", "h", "ids", "w"])
    #expect(f.metadata == ["format": "pt"])
    #expect(try f.info("w").shape == [2, 2])
    #expect(try f.floats("w") == [1.5, -2, 0.25, 3e-8])
    #expect(try f.floats("b") == [1, -2, .infinity])
    #expect(try f.floats("h") == [1, 0x1p-24])
    #expect(try f.floats("d") == [Float(0.1)])
    let e = #expect(throws: EncoderError.self) { try f.floats("ids") }
    #expect(e?.kind == .unsupported && e?.tensor == "ids")
    let missing = #expect(throws: EncoderError.self) { try f.floats("nope") }
    #expect(missing?.kind == .mismatch && missing?.tensor == "nope")
  }

  @Test func halfPrecisionConvertsEveryBitPattern() {
    // Float16 is not available everywhere; compare against the closed form on every finite pattern.
    for bits in 0...UInt16.max {
      let exponent = Int((bits >> 10) & 0x1F)
      let mantissa = Double(bits & 0x3FF)
      let sign: Double = bits & 0x8000 == 0 ? 1 : -1
      let got = SafetensorsFile.half(bits)
      switch exponent {
      case 0x1F:
        #expect(mantissa == 0 ? got == Float(sign * .infinity) : got.isNaN)
      case 0:
        #expect(Double(got) == sign * mantissa * 0x1p-24)
      default:
        #expect(Double(got) == sign * (1 + mantissa / 1024) * pow(2, Double(exponent - 15)))
      }
    }
  }

  /// Each corruption and the error it must give.
  static let corruptions: [(name: String, data: Data, tensor: String?, message: String)] = [
    ("shorter than the length field", Data([1, 0, 0]), nil, "too short for the 8-byte header length"),
    ("header length over the limit", file(header: "{}", data: [], headerLength: 200_000_000), nil, "exceeds"),
    ("header past the end", file(header: "{}", data: [], headerLength: 50), nil, "runs past the end"),
    ("header not JSON", file(header: "{\"a\":", data: []), nil, "not valid JSON"),
    ("header not an object", file(header: "[1, 2]", data: []), nil, "not a JSON object"),
    ("unknown dtype", file(header: #"{"x":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
     "x", "unknown dtype F12"),
    ("negative dimension", file(header: #"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
     "x", "shape is not a list of non-negative integers"),
    ("offsets reversed", file(header: #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0]),
     "x", "data_offsets is not [begin, end]"),
    ("byte count ≠ shape × size", file(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
     "x", "needs 2 × 4 bytes"),
    ("overlap", file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                     data: [UInt8](repeating: 0, count: 8)), "b", "overlap tensor 'a'"),
    ("gap", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
                 data: [UInt8](repeating: 0, count: 12)), "b", "leaving 4 undeclared bytes after tensor 'a'"),
    ("first tensor not at 0", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                                   data: [UInt8](repeating: 0, count: 8)), "a", "after the header"),
    ("truncated data", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[3],"data_offsets":[4,16]}}"#,
                            data: [UInt8](repeating: 0, count: 10)), "b", "the file holds 10 data bytes (truncated?)"),
    ("trailing bytes", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                            data: [UInt8](repeating: 0, count: 6)), nil, "2 bytes after the last tensor ('a')"),
    ("metadata not strings", file(header: #"{"__metadata__":{"k":1}}"#, data: []), nil, "__metadata__ value of 'k'"),
  ]

  @Test(arguments: 0..<corruptions.count)
  func eachCorruptionIsItsOwnError(_ i: Int) {
    let c = Self.corruptions[i]
    let e = #expect(throws: EncoderError.self, "\(c.name)") { try SafetensorsFile(data: c.data, file: "bad.safetensors") }
    #expect(e?.kind == .malformed, "\(c.name): \(String(describing: e))")
    #expect(e?.tensor == c.tensor, "\(c.name): \(String(describing: e))")
    #expect(e?.file == "bad.safetensors")
    #expect(e?.message.contains(c.message) == true, "\(c.name): \(String(describing: e))")
  }

  @Test func aTruncatedRealLayoutNamesTheCutTensor() throws {
    // The good file cut inside the F64 tensor: the error names it, not a later one.
    let cut = Self.good.prefix(Self.good.count - 12)
    let e = #expect(throws: EncoderError.self) { try SafetensorsFile(data: Data(cut), file: "cut") }
    #expect(e?.tensor == "d")
    #expect(e?.description.hasPrefix("cut, tensor 'd': ") == true)
  }

  @Test func mapsFilesFromDisk() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rb-st-\(UUID().uuidString).safetensors")
    try Self.good.write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let f = try SafetensorsFile(contentsOf: url)
    #expect(try f.floats("w") == [1.5, -2, 0.25, 3e-8])
    let e = #expect(throws: EncoderError.self) {
      try SafetensorsFile(contentsOf: url.appendingPathExtension("missing"))
    }
    #expect(e?.kind == .unreadable)
  }
}
