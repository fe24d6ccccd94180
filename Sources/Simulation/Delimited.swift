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

  private mutating func field(_ f: String) {
    bytes.append(0x22)
    for b in f.utf8 {
      if b == 0x22 { bytes.append(0x22) }
      bytes.append(b)
    }
    bytes.append(0x22)
  }

  func write(to url: URL) throws { try Data(bytes).write(to: url) }
}
