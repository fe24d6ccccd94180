internal import Foundation

/// Builds QUOTE_ALL delimited text the way pandas `to_csv(quoting=csv.QUOTE_ALL)` writes it: every field in
/// double quotes (a quote inside a field doubled), fields separated by `separator`, rows ended by `\n`, UTF-8.
struct DelimitedText {
  var bytes: [UInt8] = []
  let separator: UInt8

  init(separator: UInt8 = 0x09, capacity: Int = 0) {
    self.separator = separator
    bytes.reserveCapacity(capacity)
  }

  mutating func row(_ fields: [String]) {
    for (j, f) in fields.enumerated() {
      if j > 0 { bytes.append(separator) }
      field(f)
    }
    bytes.append(0x0A)
  }

  /// Starts a row (fields then follow through `field`/`separatorThenField`, and `endRow`).
  mutating func field(_ f: String) {
    var f = f
    f.withUTF8 { field(utf8: $0) }
  }

  mutating func field<C: Collection<UInt8>>(utf8 f: C) {
    bytes.append(0x22)
    if f.contains(0x22) {
      for b in f {
        if b == 0x22 { bytes.append(0x22) }
        bytes.append(b)
      }
    } else {
      bytes.append(contentsOf: f)
    }
    bytes.append(0x22)
  }

  mutating func separatorThenField(_ f: String) {
    bytes.append(separator)
    field(f)
  }

  mutating func separatorThenField<C: Collection<UInt8>>(utf8 f: C) {
    bytes.append(separator)
    field(utf8: f)
  }

  mutating func endRow() { bytes.append(0x0A) }

  func write(to url: URL) throws { try Data(bytes).write(to: url) }
}
