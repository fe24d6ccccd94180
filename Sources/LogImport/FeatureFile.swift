internal import Foundation

/// A feature file: a little-endian float `.npy` array (format versions 1–3, C order, `<f4` or `<f8`), as float32 values.
struct FeatureFile {
  var shape: [Int]
  var values: [Float]

  static func read(_ url: URL, path: String) throws(ImportError) -> FeatureFile {
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: path)
    }
    do {
      return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(ImportError) -> FeatureFile in
      func bad(_ m: String) -> ImportError { ImportError(.malformed, "not a supported .npy file: \(m)", file: path) }
      guard raw.count >= 10, raw[0] == 0x93, Array(raw[1..<6]) == Array("NUMPY".utf8) else { throw bad("no magic") }
      let major = raw[6]
      let headerLength: Int, start: Int
      if major == 1 {
        headerLength = Int(raw[8]) | Int(raw[9]) << 8
        start = 10
      } else if major == 2 || major == 3, raw.count >= 12 {
        headerLength = Int(raw[8]) | Int(raw[9]) << 8 | Int(raw[10]) << 16 | Int(raw[11]) << 24
        start = 12
      } else { throw bad("version \(major)") }
      guard raw.count >= start + headerLength else { throw bad("truncated header") }
      let header = String(decoding: raw[start..<(start + headerLength)], as: UTF8.self)
      func field(_ key: String) -> String? {
        guard let r = header.range(of: "'\(key)':") else { return nil }
        return String(header[r.upperBound...]).trimmingCharacters(in: .whitespaces)
      }
      guard let descr = field("descr") else { throw bad("no descr") }
      let width: Int
      if descr.hasPrefix("'<f4'") || descr.hasPrefix("'|f4'") { width = 4 } else if descr.hasPrefix("'<f8'") {
        width = 8
      } else { throw bad("dtype \(descr.prefix(6)) (need <f4 or <f8)") }
      if let f = field("fortran_order"), f.hasPrefix("True") { throw bad("Fortran order") }
      guard let s = field("shape"), let open = s.firstIndex(of: "("), let close = s.firstIndex(of: ")") else {
        throw bad("no shape")
      }
      let shape = s[s.index(after: open)..<close].split(separator: ",").compactMap {
        Int($0.trimmingCharacters(in: .whitespaces))
      }
      let count = shape.reduce(1, *)
      let body = start + headerLength
      guard raw.count - body >= count * width else {
        throw bad("\(raw.count - body) data bytes for shape \(shape) of \(width)-byte floats")
      }
      var values = [Float](repeating: 0, count: count)
      for i in 0..<count {
        if width == 4 {
          values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: body + 4 * i, as: UInt32.self)))
        } else {
          values[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: body + 8 * i, as: UInt64.self))))
        }
      }
      return FeatureFile(shape: shape, values: values)
      }
    } catch let e as ImportError { throw e } catch { throw ImportError(.unreadable, "\(error)", file: path) }
  }
}
