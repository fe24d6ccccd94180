internal import BenchCore
internal import Foundation

/// A file found under the import root.
struct FoundFile: Sendable, Hashable {
  var url: URL
  /// Path relative to the import root (stored as provenance).
  var path: String
  /// Lower-case extension.
  var ext: String
}

/// The prediction file of one (model, dataset), with the judged file beside it (when its rule needs one).
struct FileGroup: Sendable {
  var model: String
  var dataset: DatasetInfo
  var rule: any DatasetRule
  var prediction: FoundFile
  var judged: FoundFile?
  /// VLMEvalKit's aggregate files beside the prediction file (`_acc.csv`, `_score.csv`, `_score.json`, …).
  var aggregates: [FoundFile] = []
  /// The run directory the files came from (`nil`: the model directory itself).
  var runDirectory: String?
  /// How the era of the run was decided, for the report.
  var eraNote: String = ""
  /// The era label (e.g. "2025-04-26 (run folder)", "flat layout: before run folders").
  var era: String = ""
}

/// What lies under an import root.
struct ImportLayout: Sendable {
  var root: URL
  /// The work directories scanned (one, unless the root is a folder holding several).
  var workDirs: [URL]
  /// `true` when the root holds `work_dir/` (a `routerbench simulate` output or a copied VLMEvalKit tree).
  var isRoot: Bool
  var groups: [FileGroup]
  /// `--on-error skip`: (model, dataset) groups that could not be formed, with the reason.
  var failures: [GroupProblem] = []
  /// Every model whose folder was scanned.
  var scannedModels: Set<String> = []
  var warnings: [String]
  /// Informational lines for the import report (ignored caches, rerun choices, recomputations).
  var notes: [String] = []
}

/// Finds prediction and judged files in a VLMEvalKit work directory.
///
/// `work_dir/<model>/` holds run directories `T<YYYYMMDD>_G<hex>` (until Apr 2026) or `T<YYYYMMDD>-<HHMMSS>`
/// (since), each with `<model>_<dataset>[<suffix>].<ext>` files; files directly in `<model>/` (the flat layout
/// of old runs, or symlinks into the run directories) are read too. For each dataset the newest run directory
/// holding its prediction file wins (a resolvable top-level symlink's target directory first); the judged file
/// must lie beside it. The dataset is the longest known name following `<model>_` (names are never split
/// on `_`).
struct WorkDirectoryScanner {
  var knownDatasets: [String: DatasetInfo]
  var rules: DatasetRules
  var readers: TableReaders
  /// `--vqa-period-rule`: overrides the era's TextVQA period rule.
  var periodRuleOverride: VQAPeriodRule? = nil
  /// `--on-error skip`: a group that cannot be formed (ambiguous files, no judged file) is recorded, not thrown.
  var onError: GroupErrorPolicy = .refuse
  /// Extensions of per-sample files (prediction and judged). `.csv` and `.json` are also VLMEvalKit's aggregate
  /// formats: such a file is per-sample unless its suffix names an aggregate (`isAggregate`).
  static let perSampleExtensions: Set<String> = ["tsv", "xlsx", "json", "csv"]

  /// Whether `<model>_<dataset><suffix>.<ext>` is a per-sample file (prediction or judged), not an aggregate.
  static func isPerSample(suffix: String, ext: String) -> Bool {
    perSampleExtensions.contains(ext) && !isAggregate(suffix: suffix, ext: ext)
  }

  /// The same for a file of a dataset not yet known (only its stem after `<model>_`): a `.csv` ending in `_acc`
  /// or `_score` is an aggregate.
  static func isPerSample(stem: String, ext: String) -> Bool {
    perSampleExtensions.contains(ext) && !(ext == "csv" && (stem.hasSuffix("_acc") || stem.hasSuffix("_score")))
  }

  static func isRunDirectory(_ name: String) -> Bool {
    let b = Array(name.utf8)
    guard b.count >= 11, b[0] == UInt8(ascii: "T"), b[1...8].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return false
    }
    if b[9] == UInt8(ascii: "_"), b[10] == UInt8(ascii: "G") {
      return b.count > 11 && b[11...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
    if b[9] == UInt8(ascii: "-") {
      return b.count == 16 && b[10...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
    return false
  }

  /// Splits `<model>_<rest>` into (dataset, suffix) by the longest known dataset name.
  func datasetAndSuffix(of stem: String, model: String) -> (String, String)? {
    guard stem.hasPrefix(model + "_") else { return nil }
    let rest = stem.dropFirst(model.count + 1)
    var best: String?
    for name in knownDatasets.keys where rest.hasPrefix(name) {
      let after = rest.dropFirst(name.count)
      if after.isEmpty || after.hasPrefix("_"), name.count > (best?.count ?? 0) { best = name }
    }
    guard let best else { return nil }
    return (best, String(rest.dropFirst(best.count)))
  }

  func scan(root: URL) throws(ImportError) -> ImportLayout {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
      throw ImportError(.unreadable, "not a directory", file: root.path)
    }
    let (isRoot, workDirs, modelFolders) = try Self.modelFolders(root: root)
    var groups: [FileGroup] = []
    var failures: [GroupProblem] = []
    var warnings: [String] = []
    var notes: [String] = []
    if workDirs.count > 1 {
      notes.append("\(workDirs.count) work directories: " + workDirs.map { Self.relative($0, to: root) }.joined(separator: ", "))
    }
    for (model, folders) in modelFolders {
      if folders.count > 1 {
        notes.append("\(model): \(folders.count) model folders (\(folders.map { Self.relative($0, to: root) }.joined(separator: ", "))); "
                       + "their run directories are treated as reruns")
      }
      // Directories to look in, preferred first: run directories newest first (by name, across every folder of
      // the model), then the model folders themselves.
      var runs: [URL] = []
      for folder in folders {
        for name in try Self.entries(folder, root: root)
        where Self.isRunDirectory(name) && Self.isDirectory(folder.appendingPathComponent(name)) {
          runs.append(folder.appendingPathComponent(name))
        }
      }
      runs.sort { ($0.lastPathComponent, $0.path) > ($1.lastPathComponent, $1.path) }
      var dirs = runs
      dirs.append(contentsOf: folders)
      // Top-level symlinks name the run directory VLMEvalKit last evaluated a dataset in.
      var preferred: [String: URL] = [:]
      for modelDir in folders {
      for name in try Self.entries(modelDir, root: root) {
        let link = modelDir.appendingPathComponent(name)
        guard let dest = try? fm.destinationOfSymbolicLink(atPath: link.path) else { continue }
        let target = URL(fileURLWithPath: dest, relativeTo: modelDir).standardizedFileURL
        let parent = target.deletingLastPathComponent().standardizedFileURL
        guard fm.fileExists(atPath: target.path), dirs.contains(where: { $0.standardizedFileURL == parent }),
              let (dataset, suffix) = datasetAndSuffix(of: (name as NSString).deletingPathExtension, model: model),
              suffix.isEmpty else { continue }
        preferred[dataset] = parent
      }
      }
      var files: [URL: [(name: String, dataset: String, suffix: String, ext: String)]] = [:]
      var unknown = Set<String>()
      var ignored: [String: Int] = [:]
      // Datasets outside the catalog: a per-sample file `<model>_<D>.<ext>` with a judged file `<model>_<D><suffix>`
      // beside it (suffix `_<judge>_result`, `_auxmatch`, …) is dataset D (group Other, generic correctness column).
      var me = self
      for dir in dirs {
        var stems: [String] = []
        for name in try Self.entries(dir, root: root) where Self.isRegularFile(dir.appendingPathComponent(name)) {
          let ext = (name as NSString).pathExtension.lowercased()
          let stem = (name as NSString).deletingPathExtension
          guard Self.isPerSample(stem: stem, ext: ext), stem.hasPrefix(model + "_"),
                datasetAndSuffix(of: stem, model: model) == nil else { continue }
          stems.append(String(stem.dropFirst(model.count + 1)))
        }
        let stemSet = Set(stems)
        for d in stems where me.knownDatasets[d] == nil {
          let paired = stemSet.contains { other in
            other.count > d.count && other.hasPrefix(d + "_")
              && GenericCorrectness.judgedFiles.contains { $0.matches(String(other.dropFirst(d.count))) }
          }
          if paired { me.knownDatasets[d] = DatasetInfo(name: d, displayName: d, group: .other, answerType: .unknown) }
        }
      }
      for dir in dirs {
        for name in try Self.entries(dir, root: root) {
          let url = dir.appendingPathComponent(name)
          let kind = FileKind(path: url.path)
          if kind.isSpecial {
            notes.append("skipped \(Self.relative(url, to: root)): \(kind.phrase), not a regular file (never read)")
            continue
          }
          guard kind == .regular else { continue }  // skips directories and dangling symlinks
          let ext = url.pathExtension.lowercased()
          let stem = (name as NSString).deletingPathExtension
          if let kind = Self.cacheKind(name: name, ext: ext) {
            ignored[kind, default: 0] += 1
            continue
          }
          guard stem.hasPrefix(model + "_") else { continue }
          guard let (dataset, suffix) = me.datasetAndSuffix(of: stem, model: model) else {
            if Self.isPerSample(stem: stem, ext: ext) { unknown.insert(String(stem.dropFirst(model.count + 1))) }
            continue
          }
          files[dir, default: []].append((name, dataset, suffix, ext))
        }
      }
      if !ignored.isEmpty {
        notes.append("\(model): ignored " + ignored.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
          .joined(separator: ", "))
      }
      if !unknown.isEmpty {
        warnings.append("\(model): skipped files of unknown datasets: \(unknown.sorted().prefix(5).joined(separator: ", "))")
      }
      let datasets = Set(files.values.flatMap { $0.filter { $0.suffix.isEmpty && Self.isPerSample(suffix: $0.suffix, ext: $0.ext) }.map(\.dataset) })
      for name in datasets.sorted() {
        guard let info = me.knownDatasets[name] else { continue }
        let order = (preferred[name].map { [$0] } ?? []) + dirs
        let holding = dirs.filter { d in files[d]?.contains { $0.dataset == name && $0.suffix.isEmpty } == true }
        guard let dir = order.first(where: { d in files[d]?.contains { $0.dataset == name && $0.suffix.isEmpty } == true })
        else { continue }
        if holding.count > 1 {
          // Reruns: only `dir` is read; say whether the others' prediction files are identical or differ.
          func predictionHash(_ d: URL) -> String? {
            guard let f = files[d]?.first(where: { $0.dataset == name && $0.suffix.isEmpty && Self.isPerSample(suffix: $0.suffix, ext: $0.ext) })
            else { return nil }
            return try? sha256(ofFile: d.appendingPathComponent(f.name), displayPath: f.name).hex
          }
          let chosen = predictionHash(dir)
          let differing = holding.filter { $0 != dir && predictionHash($0) != chosen }.map(\.lastPathComponent)
          notes.append("\(model) × \(name): \(holding.count) runs hold it (\(holding.map(\.lastPathComponent).joined(separator: ", "))); "
                         + "read \(dir.lastPathComponent) (" + (preferred[name] == dir ? "a top-level link targets it" : "newest run directory by name") + ")"
                         + (differing.isEmpty ? "; the other runs' prediction files are identical"
                              : "; prediction files differ in \(differing.joined(separator: ", ")) (not read)"))
        }
        let here = files[dir]!.filter { $0.dataset == name }
        let isRun = !folders.contains(dir)
        let entries = (try? Self.entries(dir, root: root)) ?? []
        let decision = RunEra.decide(runDirectory: isRun ? dir.lastPathComponent : nil,
                                     hasStatusJSON: entries.contains("status.json"),
                                     suffixes: here.map(\.suffix), periodRuleOverride: periodRuleOverride)
        let era = decision.era
        let eraNote = decision.label + (decision.evidence.isEmpty ? "" : " (" + decision.evidence.joined(separator: "; ") + ")")
        guard var rule = rules.rule(for: info).map({ $0.forEra(era) }) ?? genericRule(here) else {
          warnings.append("\(model): no scoring rule for dataset \(name); skipped")
          continue
        }
        do throws(ImportError) {
        let prediction = try pick(here.filter { $0.suffix.isEmpty && Self.isPerSample(suffix: $0.suffix, ext: $0.ext) },
                                  dir: dir, root: root, what: "prediction files")
        var judged: FoundFile?
        if let pattern = rule.judgedFile {
          let matches = here.filter { !$0.suffix.isEmpty && Self.isPerSample(suffix: $0.suffix, ext: $0.ext) && pattern.matches($0.suffix) }
          if matches.isEmpty, let fallback = rule.fallback {
            notes.append("\(model) × \(name): no `\(pattern)` file; \(fallback.summary)")
            rule = fallback
          } else if matches.isEmpty {
            throw ImportError(.missingJudgedFile,
                              "no per-sample judged file `\(model)_\(name)\(pattern)`.tsv beside the prediction file; "
                                + "\(name) is scored by \(rule.summary)", file: prediction.path)
          }
          if !matches.isEmpty { judged = try pick(matches, dir: dir, root: root, what: "judged files") }
        }
        let aggregates = here.filter { Self.isAggregate(suffix: $0.suffix, ext: $0.ext) }.map {
          FoundFile(url: dir.appendingPathComponent($0.name), path: Self.relative(dir.appendingPathComponent($0.name), to: root),
                    ext: $0.ext)
        }
        groups.append(FileGroup(model: model, dataset: info, rule: rule, prediction: prediction, judged: judged,
                                aggregates: aggregates, runDirectory: isRun ? dir.lastPathComponent : nil,
                                eraNote: eraNote, era: decision.label))
        } catch {
          guard onError == .skip else { throw error }
          failures.append(GroupProblem(model: model, dataset: name, reason: error.description, deletedRecords: 0))
        }
      }
    }
    return ImportLayout(root: root, workDirs: workDirs, isRoot: isRoot, groups: groups, failures: failures,
                        scannedModels: Set(modelFolders.map(\.model)), warnings: warnings, notes: notes)
  }

  /// Whether `dir` is a model folder: its name is `M` and it holds run directories or per-sample files `M_*`.
  static func isModelFolder(_ dir: URL) -> Bool {
    let model = dir.lastPathComponent
    guard !model.hasPrefix("."), model != "logs", model != "work_dir", model != "LMUData", model != "features",
          let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return false }
    for name in names {
      if isRunDirectory(name) { if isDirectory(dir.appendingPathComponent(name)) { return true } else { continue } }
      let ext = (name as NSString).pathExtension.lowercased()
      if name.hasPrefix(model + "_"), perSampleExtensions.contains(ext) { return true }
    }
    return false
  }

  /// What the import root is, and the model folders under it (model → its folders, in path order):
  /// - a root holding `work_dir/` (as `routerbench simulate` writes it);
  /// - a single model's folder `<model>/` (files `<model>_<dataset>.xlsx`, or run directories);
  /// - a work directory (its subdirectories are model folders);
  /// - a folder holding several work directories (subdirectories whose subdirectories are model folders, or
  ///   that hold `work_dir/`). The same model in several work directories is one model whose run directories
  ///   are reruns (newest wins).
  static func modelFolders(root: URL) throws(ImportError) -> (isRoot: Bool, workDirs: [URL], [(model: String, folders: [URL])]) {
    let candidate = root.appendingPathComponent("work_dir")
    var byModel: [String: [URL]] = [:]
    var workDirs: [URL] = []
    func addWorkDir(_ w: URL) throws(ImportError) -> Bool {
      var any = false
      for name in try entries(w, root: root) {
        let d = w.appendingPathComponent(name)
        if isDirectory(d), isModelFolder(d) {
          byModel[name, default: []].append(d)
          any = true
        }
      }
      if any { workDirs.append(w) }
      return any
    }
    let isRoot = isDirectory(candidate)
    if isRoot {
      _ = try addWorkDir(candidate)
      if workDirs.isEmpty { workDirs = [candidate] }
    } else if isModelFolder(root) {
      byModel[root.lastPathComponent] = [root]
      workDirs = [root.deletingLastPathComponent()]
    } else if try !addWorkDir(root) {
      // No model folders directly below: subdirectories that are work directories (or roots holding one).
      for name in try entries(root, root: root) where !name.hasPrefix(".") {
        let d = root.appendingPathComponent(name)
        guard isDirectory(d), !isModelFolder(d) else { continue }
        let inner = d.appendingPathComponent("work_dir")
        _ = try addWorkDir(isDirectory(inner) ? inner : d)
      }
    }
    if workDirs.isEmpty { workDirs = [root] }
    let models = byModel.keys.sorted().map { (model: $0, folders: byModel[$0]!.sorted { $0.path < $1.path }) }
    return (isRoot, workDirs, models)
  }

  /// Caches and shards VLMEvalKit leaves beside its outputs (never read): the kind, or `nil` for other files.
  static func cacheKind(name: String, ext: String) -> String? {
    if ext == "lock" { return "lock files" }
    if ext == "pkl" {
      let b = Array(name.utf8)
      if b.count > 3, (0x30...0x39).contains(b[0]), (0x30...0x39).contains(b[1]), b[2] == UInt8(ascii: "_") {
        return "rank shards (.pkl)"
      }
      if name.hasSuffix("_PREV.pkl") { return "previous-run caches (_PREV.pkl)" }
      return "caches (.pkl)"
    }
    return nil
  }

  /// VLMEvalKit's aggregate score files: `_acc.csv|json`, `_score.csv|json`, `_<judge>_score.csv` (a
  /// `_<judge>_score.xlsx|tsv` is MathVerse's per-sample file).
  static func isAggregate(suffix: String, ext: String) -> Bool {
    if (ext == "xlsx" || ext == "tsv") && suffix == "_acc" { return true }  // MMMU's Dec-2023 `_acc.xlsx`
    guard ext == "csv" || ext == "json" else { return false }
    return suffix == "_acc" || suffix == "_score" || (ext == "csv" && suffix.hasSuffix("_score") && !suffix.contains("vanilla"))
  }

  /// The generic rule of a dataset outside the catalog: the first judged-file kind present, its correctness
  /// column found at parse time.
  func genericRule(_ here: [(name: String, dataset: String, suffix: String, ext: String)]) -> (any DatasetRule)? {
    for pattern in GenericCorrectness.judgedFiles
    where here.contains(where: { Self.isPerSample(suffix: $0.suffix, ext: $0.ext) && pattern.matches($0.suffix) }) {
      return GenericCorrectnessRule(judgedFile: pattern)
    }
    return GenericCorrectnessRule(judgedFile: nil)
  }

  /// One file among candidates: the one with a reader; two readable candidates are ambiguous.
  private func pick(_ candidates: [(name: String, dataset: String, suffix: String, ext: String)], dir: URL,
                    root: URL, what: String) throws(ImportError) -> FoundFile {
    let readable = candidates.filter { readers.reader(forExtension: $0.ext) != nil }
    let chosen = readable.isEmpty ? candidates : readable
    let files = chosen.sorted { $0.name < $1.name }.map {
      FoundFile(url: dir.appendingPathComponent($0.name), path: Self.relative(dir.appendingPathComponent($0.name), to: root),
                ext: $0.ext)
    }
    if files.count > 1, !readable.isEmpty {
      throw ImportError(.ambiguous, "several \(what) for one dataset: \(files.map(\.path).joined(separator: ", ")); keep one",
                        file: files[0].path)
    }
    return files[0]
  }

  static func relative(_ url: URL, to root: URL) -> String {
    let r = root.standardizedFileURL.path, p = url.standardizedFileURL.path
    if p.hasPrefix(r + "/") { return String(p.dropFirst(r.count + 1)) }
    return p
  }

  static func entries(_ dir: URL, root: URL) throws(ImportError) -> [String] {
    do { return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() } catch {
      throw ImportError(.unreadable, "cannot list directory: \(error.localizedDescription)", file: relative(dir, to: root))
    }
  }

  static func isDirectory(_ url: URL) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
  }

  /// A regular file, or a symlink to one (`stat`, following links). Dangling symlinks, directories, FIFOs,
  /// devices and sockets — directly or behind a symlink — are not: reading them would fail, block forever
  /// (a FIFO without a writer) or never end (`/dev/zero`).
  static func isRegularFile(_ url: URL) -> Bool { FileKind(path: url.path) == .regular }
}
