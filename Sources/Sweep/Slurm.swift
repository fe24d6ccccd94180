public import Foundation

/// What each task of a job array asks Slurm for (`routerbench slurm --partition --time --cpus --mem --gpus`).
///
/// Every value is checked against the form `sbatch` accepts before it is written into a script, so a typo is an
/// error naming the option here, not a rejected submission (or, worse, a stray line in the script).
public struct SlurmResources: Sendable, Hashable {
  /// Partitions, comma-separated (nil: the cluster's default).
  public var partition: String?
  /// Wall-time limit per task: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S` (nil: the partition's default).
  public var time: String?
  /// CPUs per task; the task runs this many runs side by side (`run --jobs`).
  public var cpus: Int
  /// Memory per task: a number of megabytes, or with a K, M, G or T suffix (nil: the cluster's default).
  public var memory: String?
  /// GPUs per task, `N` or `TYPE:N` (nil or 0: none); asked for as a generic resource, `--gres=gpu:…`.
  public var gpus: String?

  public init(partition: String? = nil, time: String? = nil, cpus: Int = 1, memory: String? = nil,
              gpus: String? = nil) throws(SweepError) {
    func check(_ value: String?, _ option: String, _ pattern: String, _ form: String) throws(SweepError) {
      guard let value else { return }
      guard value.range(of: pattern, options: .regularExpression) != nil else {
        throw .slurm(what: option, message: "'\(value)' is not \(form)")
      }
    }
    try check(partition, "--partition", #"^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$"#,
              "a partition name (letters, digits, '_', '.', '-'; several comma-separated)")
    try check(time, "--time", #"^([0-9]+-[0-9]+(:[0-9]+){0,2}|[0-9]+(:[0-9]+){0,2}|UNLIMITED|INFINITE)$"#,
              "a Slurm time limit: M, M:S, H:M:S, D-H, D-H:M or D-H:M:S")
    try check(memory, "--mem", #"^[0-9]+[KMGT]?$"#, "a memory size: megabytes, or a number with K, M, G or T")
    try check(gpus, "--gpus", #"^([A-Za-z0-9_.-]+:)?[0-9]+$"#, "a GPU count N or TYPE:N")
    guard cpus >= 1 else { throw .slurm(what: "--cpus", message: "'\(cpus)' is not a CPU count ≥ 1") }
    self.partition = partition
    self.time = time
    self.cpus = cpus
    self.memory = memory
    self.gpus = gpus.flatMap { $0.hasSuffix(":0") || $0 == "0" ? nil : $0 }
  }
}

/// A Slurm job array for one experiment, and its merge job (`routerbench slurm`; docs/slurm.md).
///
/// The array has one task per shard of the cost-balanced plan (`ShardPlan`). Task i runs
/// `routerbench run --shard i/n --shard-db FILE --plan-digest D`: it writes only its own shard database beside the
/// main one (made as a copy of it on first start), skips the runs of its shard that file already holds, and
/// refuses to run a plan other than the one the script was written for. The merge job starts when every task
/// succeeded (`--dependency=afterok`), merges the shard databases into the main one — reporting runs of the
/// experiment that are still missing — and writes the report. Every path in the scripts is absolute, so they run
/// from any folder on any node that sees the same file system.
public struct SlurmJob: Sendable {
  public var experiment: String
  /// The experiment file every task reads.
  public var configPath: String
  /// The main database: read by every task, written only by the merge job.
  public var databasePath: String
  /// The `routerbench` executable the tasks run.
  public var executable: String
  /// Where the scripts, `logs/` and `report/` go.
  public var outputDirectory: String
  public var plan: ShardPlan
  public var resources: SlurmResources
  /// Bootstrap resamples of the merge job's report.
  public var bootstrap: Int

  /// - Throws: `SweepError.slurm` when a path cannot be written into an `#SBATCH` line (the output directory
  ///   must not hold white space, quotes, backslashes or '%', which `sbatch` treats as a file-name pattern) or
  ///   a path is not absolute.
  public init(experiment: String, configPath: String, databasePath: String, executable: String,
              outputDirectory: String, plan: ShardPlan, resources: SlurmResources, bootstrap: Int = 1000)
    throws(SweepError)
  {
    for (what, path) in [("--config", configPath), ("--db", databasePath), ("routerbench", executable),
                         ("--out", outputDirectory)] where !path.hasPrefix("/") {
      throw .slurm(what: what, message: "'\(path)' is not an absolute path")
    }
    if let bad = outputDirectory.first(where: { $0.isWhitespace || "%'\"\\$`".contains($0) }) {
      throw .slurm(what: "--out", message: "'\(outputDirectory)' holds '\(bad)', which cannot go into an #SBATCH --output "
                     + "line; choose a folder without white space, quotes, backslashes, '$', '`' or '%'")
    }
    self.experiment = experiment
    self.configPath = configPath
    self.databasePath = databasePath
    self.executable = executable
    self.outputDirectory = outputDirectory.count > 1 && outputDirectory.hasSuffix("/")
      ? String(outputDirectory.dropLast()) : outputDirectory
    self.plan = plan
    self.resources = resources
    self.bootstrap = bootstrap
  }

  public var shardCount: Int { plan.shards.count }
  public var arrayScriptPath: String { outputDirectory + "/array.sbatch" }
  public var mergeScriptPath: String { outputDirectory + "/merge.sbatch" }
  public var submitScriptPath: String { outputDirectory + "/submit.sh" }
  public var logDirectory: String { outputDirectory + "/logs" }
  public var reportDirectory: String { outputDirectory + "/report" }

  /// The experiment name as it may appear in file and job names.
  var fileTag: String {
    let t = String(experiment.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    return t.isEmpty ? "experiment" : t
  }

  /// The main database's path without its `.sqlite` (or `.db`) extension.
  var databaseStem: String {
    for ext in [".sqlite", ".sqlite3", ".db"] where databasePath.hasSuffix(ext) {
      return String(databasePath.dropLast(ext.count))
    }
    return databasePath
  }

  /// Shard i's database, beside the main one: `b.sqlite` → `b.EXPERIMENT.shard-2-of-4.sqlite`.
  public func shardDatabasePath(_ i: Int) -> String {
    "\(databaseStem).\(fileTag).shard-\(i)-of-\(shardCount).sqlite"
  }

  /// `#SBATCH` lines shared by both jobs (partition, time, memory).
  private func commonDirectives() -> [String] {
    var d: [String] = []
    if let p = resources.partition { d.append("#SBATCH --partition=\(p)") }
    if let t = resources.time { d.append("#SBATCH --time=\(t)") }
    if let m = resources.memory { d.append("#SBATCH --mem=\(m)") }
    return d
  }

  /// The job array: one task per shard.
  public var arrayScript: String {
    let n = shardCount
    var lines = [
      "#!/bin/bash",
      "# RouterBench job array for experiment '\(Self.comment(experiment))', written by `routerbench slurm` (docs/slurm.md).",
      "# Experiment file: \(Self.comment(configPath))",
      "# Main database:   \(Self.comment(databasePath))",
      "#   (every task reads it, and writes only its own shard database beside it)",
      String(format: "# Plan: %d runs in %d shards, balanced by estimated cost (seconds of a full-scale release run):",
             plan.shards.reduce(0) { $0 + $1.count }, n),
    ]
    for (i, runs) in plan.shards.enumerated() {
      let count = runs.count == 1 ? "1 run" : "\(runs.count) runs"
      lines.append("#   shard \(i): \(count), " + String(format: "~%.1f s", plan.estimatedSeconds[i])
                   + (runs.isEmpty ? "" : "  (\(Self.comment(Self.variantCounts(runs))))"))
    }
    lines += [
      "# Plan digest (a task whose plan differs — the experiment file, the data or routerbench changed since",
      "# this was written — refuses to run): \(plan.digest)",
      "#SBATCH --job-name=rb-\(fileTag)",
      "#SBATCH --array=0-\(n - 1)",
      "#SBATCH --output=\(logDirectory)/shard-%a.job-%A.log",
      "#SBATCH --cpus-per-task=\(resources.cpus)",
    ]
    lines += commonDirectives()
    if let g = resources.gpus { lines.append("#SBATCH --gres=gpu:\(g)") }
    let shardDB = Self.shellWord(prefix: "\(databaseStem).\(fileTag).shard-", variable: "shard",
                                 suffix: "-of-\(n).sqlite")
    lines += [
      "set -euo pipefail",
      "shard=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array}\"",
      "echo \"routerbench: experiment \(Self.quotedForEcho(experiment)), shard ${shard}/\(n), "
        + "job ${SLURM_ARRAY_JOB_ID}_${shard} on $(hostname), $(date -u +%Y-%m-%dT%H:%M:%SZ)\"",
      "exec \(Self.shellQuoted(executable)) run \\",
      "  --config \(Self.shellQuoted(configPath)) \\",
      "  --db \(Self.shellQuoted(databasePath)) \\",
      "  --shard \"${shard}/\(n)\" --shard-db \(shardDB) \\",
      "  --plan-digest \(plan.digest) --jobs \(resources.cpus)",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The merge job: merge every shard database into the main one, then write the report.
  public var mergeScript: String {
    var lines = [
      "#!/bin/bash",
      "# RouterBench merge job for experiment '\(Self.comment(experiment))', written by `routerbench slurm` (docs/slurm.md).",
      "# submit.sh submits it with --dependency=afterok:<array job>: it starts once every shard succeeded;",
      "# --kill-on-invalid-dep cancels it, instead of leaving it pending, when a shard failed.",
      "#SBATCH --job-name=rb-\(fileTag)-merge",
      "#SBATCH --output=\(logDirectory)/merge.job-%j.log",
      "#SBATCH --cpus-per-task=1",
      "#SBATCH --kill-on-invalid-dep=yes",
    ]
    lines += commonDirectives()
    let rb = Self.shellQuoted(executable), db = Self.shellQuoted(databasePath)
    lines += [
      "set -euo pipefail",
      "echo \"routerbench: merging \(shardCount) shards of experiment \(Self.quotedForEcho(experiment)) into "
        + "\(Self.quotedForEcho(databasePath)) on $(hostname), $(date -u +%Y-%m-%dT%H:%M:%SZ)\"",
      "\(rb) merge --db \(db) --experiment \(Self.shellQuoted(experiment)) \\",
    ]
    for i in 0..<shardCount {
      lines.append("  \(Self.shellQuoted(shardDatabasePath(i)))" + (i + 1 < shardCount ? " \\" : ""))
    }
    lines.append("\(rb) report --db \(db) --experiment \(Self.shellQuoted(experiment)) "
                 + "--out \(Self.shellQuoted(reportDirectory)) --bootstrap \(bootstrap)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Submits the array, then the merge job after it; prints `array_job=ID` and `merge_job=ID`.
  public var submitScript: String {
    """
    #!/bin/bash
    # Submits the RouterBench job array for experiment '\(Self.comment(experiment))' and its merge job
    # (what `routerbench slurm --submit` does). Prints the job ids.
    set -euo pipefail
    array=$(sbatch --parsable \(Self.shellQuoted(arrayScriptPath)))
    array=${array%%;*}
    echo "array_job=$array"
    merge=$(sbatch --parsable --dependency=afterok:"$array" \(Self.shellQuoted(mergeScriptPath)))
    echo "merge_job=${merge%%;*}"

    """
  }

  /// Writes the three scripts (executable) and makes `logs/`. Returns the scripts' paths.
  @discardableResult
  public func write() throws(SweepError) -> [String] {
    let fm = FileManager.default
    let files = [(arrayScriptPath, arrayScript), (mergeScriptPath, mergeScript), (submitScriptPath, submitScript)]
    do {
      try fm.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
      for (path, text) in files {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
      }
    } catch {
      throw .slurm(what: "--out", message: "cannot write the scripts into \(outputDirectory): \(error.localizedDescription)")
    }
    return files.map(\.0)
  }

  /// The submitted jobs.
  public struct Submission: Sendable, Hashable {
    public var arrayJob: String
    public var mergeJob: String
  }

  /// Runs `submit.sh` (after `write()`): `sbatch` the array, then the merge job with `--dependency=afterok`.
  ///
  /// - Parameter environment: the environment the submission runs in (default: this process's); `sbatch` is
  ///   looked up on its `PATH`.
  /// - Throws: `SweepError.slurm` when `sbatch` is not on the path or a submission fails (with `sbatch`'s
  ///   message, and the array's job id when only the merge job failed).
  public func submit(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SweepError)
    -> Submission
  {
    let path = environment["PATH"] ?? "/usr/bin:/bin"
    guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/sbatch") })
    else {
      throw .slurm(what: "sbatch", message: "not found on PATH (\(path)): submit from a Slurm login node, or run "
                     + "\(submitScriptPath) there")
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [submitScriptPath]
    p.environment = environment
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let o: Data, e: Data
    do {
      try p.run()
      o = out.fileHandleForReading.readDataToEndOfFile()
      e = err.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
    } catch {
      throw .slurm(what: submitScriptPath, message: "cannot run it: \(error.localizedDescription)")
    }
    var ids: [String: String] = [:]
    for line in String(decoding: o, as: UTF8.self).split(separator: "\n") {
      let kv = line.split(separator: "=", maxSplits: 1).map(String.init)
      if kv.count == 2 { ids[kv[0]] = kv[1] }
    }
    let message = String(decoding: e, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard p.terminationStatus == 0, let a = ids["array_job"], let m = ids["merge_job"], !a.isEmpty, !m.isEmpty else {
      let submitted = ids["array_job"].map { " (array job \($0) was submitted; cancel it with `scancel \($0)` or submit "
                                              + "\(mergeScriptPath) with --dependency=afterok:\($0))" } ?? ""
      throw .slurm(what: "sbatch", message: (message.isEmpty ? "exit status \(p.terminationStatus)" : message) + submitted)
    }
    return Submission(arrayJob: a, mergeJob: m)
  }

  // MARK: Shell text

  /// `s` safe inside a `#` comment line: control characters (a newline would end the comment) become '?'.
  static func comment(_ s: String) -> String {
    String(s.map { $0.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) } ? "?" : $0 })
  }

  /// Characters a word may hold unquoted in bash.
  static func isPlain(_ s: String) -> Bool {
    !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:=@".contains($0)) }
  }

  /// `s` as one bash word: as it is when plain, else in single quotes.
  static func shellQuoted(_ s: String) -> String {
    isPlain(s) ? s : "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }

  /// `prefix${variable}suffix` as one bash word.
  static func shellWord(prefix: String, variable: String, suffix: String) -> String {
    if isPlain(prefix) && isPlain(suffix) { return "\"\(prefix)${\(variable)}\(suffix)\"" }
    return shellQuoted(prefix) + "\"${\(variable)}\"" + shellQuoted(suffix)
  }

  /// `s` inside a double-quoted echo: single-quoted for the reader, with what bash would expand escaped.
  static func quotedForEcho(_ s: String) -> String {
    var out = ""
    for c in s {
      if "\"\\$`".contains(c) { out.append("\\") }
      out.append(c)
    }
    return "'" + out + "'"
  }

  /// `KNN, Linear ×2`: how many runs of each variant, in order of first appearance.
  static func variantCounts(_ runs: [RunSpec]) -> String {
    var order: [String] = [], count: [String: Int] = [:]
    for r in runs {
      if count[r.identity.variant] == nil { order.append(r.identity.variant) }
      count[r.identity.variant, default: 0] += 1
    }
    return order.map { count[$0]! > 1 ? "\($0) ×\(count[$0]!)" : $0 }.joined(separator: ", ")
  }
}
