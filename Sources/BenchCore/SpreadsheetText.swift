/// The value of the four ASCII hex digits at `b[at..<at + 4]`, or nil if any is not a hex digit (xlsx's `_xHHHH_`
/// escapes, written by Simulation and read by LogImport).
public func hexValue4(_ b: [UInt8], _ at: Int) -> UInt32? {
  var v: UInt32 = 0
  for k in 0..<4 {
    let c = b[at + k]
    let d: UInt32
    switch c {
    case 0x30...0x39: d = UInt32(c - 0x30)
    case 0x41...0x46: d = UInt32(c - 0x41 + 10)
    case 0x61...0x66: d = UInt32(c - 0x61 + 10)
    default: return nil
    }
    v = v << 4 | d
  }
  return v
}

/// Spreadsheet column letters for a 1-based column index (1 → "A", 28 → "AB"), as xlsx cell references and error
/// messages write them.
public func xlsxColumnName(_ index: Int) -> String {
  var n = index
  var letters: [UInt8] = []
  while n > 0 {
    letters.append(UInt8(65 + (n - 1) % 26))
    n = (n - 1) / 26
  }
  return String(decoding: letters.reversed(), as: UTF8.self)
}
