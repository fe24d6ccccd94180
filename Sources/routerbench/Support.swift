import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import Reports
import Sweep
import Synchronization

/// Diagnostics and progress go to stderr (through FileHandle: no Glibc globals under strict concurrency).
@Sendable func note(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Rewrites a progress line in place on a terminal. Elsewhere (nohup, Slurm and CI logs) every update is a plain
/// line of its own: the sweep reports after each finished run, so a log shows one line per run.
@Sendable func progressLine(_ message: String, final: Bool = false) {
  if isatty(2) != 0 {
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + message + (final ? "\n" : "")).utf8))
  } else {
    note(message)
  }
}

/// The CLI's one error type for problems with the data or files a command was given: printed as
/// `Error: <message>`, exit status 1. Usage errors (a bad flag value) are ArgumentParser's `ValidationError`,
/// exit status 64 with the usage. Errors of the library modules (StoreError, ImportError, SweepError, …) pass
/// through unchanged and also exit 1.
struct CLIError: Error, CustomStringConvertible, LocalizedError {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
  var errorDescription: String? { message }
}

/// `--db FILE`, shared by every command that reads or writes a benchmark database. The default is the database
/// `make run` writes.
struct DatabaseOptions: ParsableArguments {
  static let defaultPath = "matrices/vl-routerbench.sqlite"

  @Option(name: .long, help: "The benchmark database (SQLite).")
  var db: String = DatabaseOptions.defaultPath

  /// Opens an existing database; a missing file is a data error naming how to make one.
  func open() throws -> BenchStore {
    guard FileManager.default.fileExists(atPath: db) else {
      throw CLIError("no database at \(db); create one with `routerbench import WORK_DIR --db \(db)` or `make run`")
    }
    return try BenchStore(path: db)
  }
}

extension AccuracyRule: ExpressibleByArgument {}

/// `--experiment`, `--routers`, `--lambdas`: which stored runs a report or leaderboard shows; `--accuracy`: what it
/// counts as accuracy.
struct SelectionOptions: ParsableArguments {
  @Option(help: "The experiment to show (default: the latest `reproduce` or `run --config`; see `routerbench runs experiments`).")
  var experiment: String?
  @Option(help: "Only these routers (kinds or variant names, comma-separated).")
  var routers: String?
  @Option(help: "Only these λ values (comma-separated; λ-independent routers are always shown).")
  var lambdas: String?
  @Option(help: ArgumentHelp(
    "What accuracy counts: correct (score ≥ the correctness threshold, 1.0 by default: the paper's rule) or score "
      + "(the mean score, partial credit kept, as VLMEvalKit and `summary` show it).", valueName: "correct|score"))
  var accuracy: AccuracyRule = .correct

  func validate() throws {
    if let lambdas { _ = try parseLambdas(lambdas, option: "--lambdas") }
  }

  var selection: ReportSelection {
    ReportSelection(experiment: experiment, routers: routers.map(splitList),
                    lambdas: lambdas.flatMap { try? parseLambdas($0, option: "--lambdas") }, accuracy: accuracy)
  }
}

func splitList(_ s: String) -> [String] {
  s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// Parses a comma-separated λ grid ("0,10,inf"); a bad value is a usage error.
func parseLambdas(_ s: String, option: String) throws -> [Lambda] {
  let items = splitList(s)
  guard !items.isEmpty else { throw ValidationError("\(option): give at least one value") }
  return try items.map { t in
    guard let l = Lambda(parsing: t), l.isApplicable else {
      throw ValidationError("\(option): '\(t)' is not a number ≥ 0 or 'inf'")
    }
    return l
  }
}

/// Parses `i/n`.
func parseShard(_ s: String) -> (index: Int, count: Int)? {
  let p = s.split(separator: "/")
  guard p.count == 2, let i = Int(p[0]), let n = Int(p[1]), n > 0, (0..<n).contains(i) else { return nil }
  return (i, n)
}

extension Double {
  /// "1.2 s", "3:04" for long ones.
  var durationText: String {
    self < 60 ? String(format: "%.1f s", self) : String(format: "%d:%02d", Int(self) / 60, Int(self) % 60)
  }
}

/// Ctrl-C during a sweep: stop at once and say what is kept. Every finished run is already committed (one
/// transaction each), so the runs in flight are the only work lost; the same command resumes. Exit status 130
/// (128 + SIGINT), as shells expect.
final class InterruptReport: Sendable {
  private let stored = Mutex(0)

  /// The SIGINT source, kept alive for the process (set once, before the sweep starts any task).
  nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

  init() {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [self] in
      let n = stored.withLock { $0 }
      note("\ninterrupted: \(n) runs stored; run the same command again to resume")
      exit(130)
    }
    source.resume()
    Self.source = source
  }

  /// Records the sweep's progress (the count the message reports).
  func update(_ p: SweepProgress) { stored.withLock { $0 = p.done - p.skipped - p.failed } }
}
