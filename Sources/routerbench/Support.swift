import ArgumentParser
import Foundation

/// Diagnostics and progress go to stderr (through FileHandle: no Glibc globals under strict concurrency).
func note(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Rewrites a progress line in place on a terminal; prints it plainly otherwise (CI logs).
func progressLine(_ message: String, final: Bool = false) {
  if isatty(2) != 0 {
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + message + (final ? "\n" : "")).utf8))
  } else if final {
    note(message)
  }
}

/// `--db FILE`, shared by every command that reads or writes a benchmark database.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: "The benchmark database (SQLite).")
  var db: String = "matrices/benchmark.sqlite"
}

extension Double {
  /// "1.2 s", "3:04" for long ones.
  var durationText: String {
    self < 60 ? String(format: "%.1f s", self) : String(format: "%d:%02d", Int(self) / 60, Int(self) % 60)
  }
}
