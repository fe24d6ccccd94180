// libFuzzer target: a worksheet part (xl/worksheets/sheetN.xml) through the streaming sheet parser. The first input
// byte is a read-window size; the same bytes are parsed again in one window and both runs must agree (rows, or the
// error kind): a token cut by a window boundary must be resumed, never lost or rescanned into something else.
import FuzzSupport
@testable import LogImport

runFuzzer { input in
  let (window, bytes) = FuzzInput.window(input)
  func parse(_ chunk: Int) -> Result<[[String]], ImportError> {
    var rows: [[String]] = []
    do {
      try XLSXReader.parseSheetXML(bytes, sharedStrings: FuzzInput.sharedStrings, chunkSize: chunk) { _, cells in
        rows.append(cells)
      }
      return .success(rows)
    } catch let e as ImportError {
      FuzzInput.requireContextualError(e, file: "<memory>")
      return .failure(e)
    } catch {
      FuzzInput.requireContextualError(error, file: "<memory>")
      fatalError("unreachable")
    }
  }
  let small = parse(window ?? 1 << 16)
  let whole = parse(max(bytes.count, 1))
  switch (small, whole) {
  case let (.success(a), .success(b)): precondition(a == b, "window \(window ?? 0): rows differ from one window")
  case let (.failure(a), .failure(b)): precondition(a.kind == b.kind, "window \(window ?? 0): \(a) vs \(b)")
  default: preconditionFailure("window \(window ?? 0): \(small) vs one window: \(whole)")
  }
}
