// What every fuzz target shares: the libFuzzer driver call, the input conventions, and the one property all
// readers must have — each input is read or refused with the module's contextual error, never anything else.
public import Foundation
internal import BenchCore
internal import CFuzzerShim
internal import Encoders
internal import LogImport

/// The target's body. A global because libFuzzer takes a C function pointer, which cannot capture; set once by
/// `runFuzzer` before the driver starts and only read afterwards (libFuzzer calls back on one thread).
nonisolated(unsafe) private var fuzzBody: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Runs libFuzzer over `body` with this process's command-line arguments (`-runs=`, `-max_total_time=`, a corpus
/// folder …) and exits with its status. A crash, a trap or an error of the wrong type inside `body` is a finding:
/// libFuzzer writes the input to `crash-<sha1>` and stops.
public func runFuzzer(_ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
  fuzzBody = body
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  let status = routerbench_fuzz_run_driver(&argc, &argv) { data, size in
    fuzzBody?(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    return 0
  }
  exit(status)
}

public enum FuzzInput {
  /// Splits off the first byte as a read-window size (1…256 bytes; 0 = the reader's default), so one input also
  /// exercises every place a token can be cut by a window boundary. Seeds carry a leading 0.
  public static func window(_ input: UnsafeBufferPointer<UInt8>) -> (window: Int?, bytes: [UInt8]) {
    guard let first = input.first else { return (nil, []) }
    return (first == 0 ? nil : Int(first), Array(input.dropFirst()))
  }

  /// Shared strings for sheets that reference them (`t="s"`): indices 0…4095 resolve, others must be refused.
  public static let sharedStrings = (0..<4096).map { "s\($0)" }

  /// Fails (a finding) unless `error` is one of the readers' contextual error types and names its file.
  public static func requireContextualError(_ error: any Error, file: String) {
    switch error {
    case let e as ImportError:
      precondition(e.file != nil, "ImportError without a file: \(e)")
    case is BenchCoreError, is EncoderError:
      break
    default:
      preconditionFailure("a reader threw \(type(of: error)), not its module's error type: \(error)")
    }
    _ = file
  }
}

/// One file per process (in /dev/shm when it exists, else the temporary directory) that file-based readers read:
/// each input overwrites it. Removed by nobody: it is tiny and named after the process id.
public struct ScratchFile: Sendable {
  public let url: URL

  public init(extension ext: String) {
    var isDirectory: ObjCBool = false
    let base = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
      ? "/dev/shm" : NSTemporaryDirectory()
    url = URL(fileURLWithPath: base).appendingPathComponent("routerbench-fuzz-\(getpid()).\(ext)")
  }

  /// Replaces the file's content with `bytes`.
  public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot create \(url.path): errno \(errno)")
    var done = 0
    while done < bytes.count {
      let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
      precondition(n > 0, "cannot write \(url.path): errno \(errno)")
      done += n
    }
    close(fd)
  }
}
