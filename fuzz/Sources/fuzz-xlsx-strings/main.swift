// libFuzzer target: the shared-strings part (xl/sharedStrings.xml). The first byte is a read-window size; the
// strings (or the error kind) must be the same when the bytes are parsed in one window.
import FuzzSupport
@testable import LogImport

runFuzzer { input in
  let (window, bytes) = FuzzInput.window(input)
  func parse(_ chunk: Int) -> Result<[String], ImportError> {
    do {
      return .success(try XLSXReader.parseSharedStringsXML(bytes, chunkSize: chunk))
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
  case let (.success(a), .success(b)): precondition(a == b, "window \(window ?? 0): strings differ from one window")
  case let (.failure(a), .failure(b)): precondition(a.kind == b.kind, "window \(window ?? 0): \(a) vs \(b)")
  default: preconditionFailure("window \(window ?? 0): \(small) vs one window: \(whole)")
  }
}
