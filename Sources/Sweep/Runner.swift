public import BenchCore
public import Routers
internal import BenchStore
internal import Foundation

/// Where finished runs are kept. The sweep asks it which runs are already done (resume) and hands it each run
/// as soon as it finishes, so a sweep killed half-way loses at most the runs in flight.
public protocol RunLedger: Sendable {
  /// Keys of runs already finished successfully.
  func completedKeys() throws -> Set<String>
  /// Claims runs of the plan that were already stored (adds them to the sweep's experiment).
  func adopt(_ keys: [String]) throws
  /// Stores one finished run atomically.
  func record(_ outcome: RunOutcome) throws
  /// Notes a failed run (kept for the record; a later sweep retries it).
  func recordFailure(_ spec: RunSpec, message: String) throws
}

/// Progress of a sweep, reported after every finished run.
public struct SweepProgress: Sendable {
  public var done: Int
  public var total: Int
  public var skipped: Int
  public var failed: Int
  public var elapsedSeconds: Double
  public var last: RunSpec?

  /// Estimated seconds left, from the average time of the runs done in this session.
  public var etaSeconds: Double? {
    let ranHere = done - skipped
    guard ranHere > 0, total > done else { return total == done ? 0 : nil }
    return elapsedSeconds / Double(ranHere) * Double(total - done)
  }

  /// A one-line bar: `[#####.....] 12/40 (3 resumed) ETA 0:42  MLP λ=10 seed=2`.
  public var line: String {
    let width = 24
    let filled = total == 0 ? width : width * done / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    var s = "[\(bar)] \(done)/\(total)"
    if skipped > 0 { s += " (\(skipped) resumed)" }
    if failed > 0 { s += " (\(failed) failed)" }
    if let eta = etaSeconds { s += " ETA \(formatClock(eta))" }
    if let l = last { s += "  \(l.title)" }
    return s
  }
}

func formatClock(_ seconds: Double) -> String {
  let t = Int(seconds.rounded())
  return String(format: "%d:%02d", t / 60, t % 60)
}

/// The summary of a sweep.
public struct SweepSummary: Sendable {
  public var planned: Int
  public var resumed: Int
  public var ran: Int
  public var failures: [(run: String, message: String)]
}

/// Runs a plan with at most `jobs` runs in parallel, skipping runs the ledger already has (unless `force`).
///
/// Runs execute in child tasks; the parent records each outcome as it arrives, in completion order, so the
/// ledger needs no locking and a kill loses only runs still in flight. A failing run is recorded and reported,
/// and the others go on. If the benchmark's data changes under the sweep (an import commits), the run that
/// notices is refused and the sweep stops with `SweepError.dataChanged`.
public func runSweep(
  plan: [RunSpec], registry: RouterRegistry, benchmark: Benchmark,
  features: @Sendable (FeatureKey) throws -> LoadedFeatures,
  text: @Sendable (TextRequest) throws -> TextTokens = { throw SweepError.invalidFeatures("no text tokens for \($0): this sweep has no text provider") },
  ledger: some RunLedger, jobs: Int = 1,
  force: Bool = false, progress: @Sendable (SweepProgress) -> Void = { _ in }
) async throws -> SweepSummary {
  // Every run uses one BLAS thread: parallelism comes from running runs side by side (`jobs`), two runs with
  // several threads each would oversubscribe the cores, and a fixed thread count keeps floating-point sums, hence
  // results, identical whatever `--jobs` is.
  let done = force ? [] : try ledger.completedKeys()
  let todo = plan.filter { !done.contains($0.key) }
  // Text token vectors (end-to-end routers) are computed once per request, before the runs, with BLAS's own
  // threads; then every run uses one.
  var textCache: [TextRequest: TextTokens] = [:]
  for spec in todo {
    let entry = try registry.entry(named: spec.identity.router)
    if let request = try entry.make(spec.values, spec.identity.variant).textRequest, textCache[request] == nil {
      textCache[request] = try text(request)
    }
  }
  let texts = textCache
  RouterCompute.useOneBLASThreadPerRun()
  try ledger.adopt(plan.map(\.key).filter(done.contains))
  let resumed = plan.count - todo.count
  var state = SweepProgress(done: resumed, total: plan.count, skipped: resumed, failed: 0, elapsedSeconds: 0)
  progress(state)
  // Feature sets are loaded once and shared by every run that needs them.
  var featureCache: [FeatureKey: LoadedFeatures] = [:]
  for key in Set(todo.compactMap(\.identity.features)) { featureCache[key] = try features(key) }
  let cache = featureCache
  // The training view (test labels hidden) is the same for every run: made once, not once per run.
  let hidden = (try? benchmark.rows(of: .test)).map { benchmark.hidingLabels(of: $0) }
  let clock = ContinuousClock()
  let start = clock.now
  var failures: [(String, String)] = []
  var stored = 0

  try await withThrowingTaskGroup(of: (RunSpec, Result<RunOutcome, any Error>).self) { group in
    var next = 0
    func launch() throws {
      let spec = todo[next]
      next += 1
      let entry = try registry.entry(named: spec.identity.router)
      let f = spec.identity.features.flatMap { cache[$0] }
      let t = try entry.make(spec.values, spec.identity.variant).textRequest.flatMap { texts[$0] }
      group.addTask {
        (spec, Result { try execute(spec, entry: entry, benchmark: benchmark, features: f, text: t, hidden: hidden) })
      }
    }
    while next < min(max(jobs, 1), todo.count) { try launch() }
    while let (spec, result) = try await group.next() {
      switch result {
      case .success(let outcome):
        do {
          try ledger.record(outcome)
          stored += 1
        } catch let e as StoreError where e.kind == .stale {
          group.cancelAll()
          throw SweepError.dataChanged(stored: stored, message: "\(spec.title): \(e.message)")
        }
      case .failure(let error):
        failures.append((spec.title, "\(error)"))
        try ledger.recordFailure(spec, message: "\(error)")
        state.failed += 1
      }
      state.done += 1
      state.last = spec
      state.elapsedSeconds = (clock.now - start).seconds
      progress(state)
      if next < todo.count { try launch() }
    }
  }
  return SweepSummary(planned: plan.count, resumed: resumed, ran: todo.count, failures: failures)
}
