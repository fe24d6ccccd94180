internal import BenchCore
internal import BenchStore
internal import Foundation

/// The write half of an import: everything inside the one transaction.
struct ImportWriter {
  let options: ImportOptions
  let plan: ImportPlan
  let tx: StoreTransaction
  let progress: @Sendable (ImportEvent) -> Void
  var phases: PhaseClock
  var summary = ImportSummary()

  init(options: ImportOptions, plan: ImportPlan, tx: StoreTransaction, progress: @escaping @Sendable (ImportEvent) -> Void,
       phases: PhaseClock) {
    self.options = options
    self.plan = plan
    self.tx = tx
    self.progress = progress
    self.phases = phases
  }

  func warn(_ text: String) -> String {
    progress(.note("warning: " + text))
    return text
  }

  mutating func write(schedule: ParseSchedule, channel: ParseChannel, snapshot: [String: ImportedFile],
                      stored: [StoredGroup]) throws -> ImportSummary
  {
    if let source = try tx.metadata(.costSource), source != "tokens" {
      throw ImportError(.usage, "this database holds a VL-RouterBench release (costs from \(source), no token counts); "
                          + "import evaluation logs into a new database")
    }
    guard try tx.importedFiles() == snapshot else {
      throw ImportError(.store, "the database changed while the files were being read; run the import again")
    }

    // Datasets, models, prices.
    var datasetIds: [String: Int64] = [:]
    for d in schedule.datasets { datasetIds[d.name] = try tx.ensureDataset(d.info, position: plan.position[d.name]!) }
    var modelIds: [String: Int64] = [:]
    for m in Set(plan.groups.map(\.model)).sorted() {
      modelIds[m] = try tx.ensureModel(options.catalog.model(named: m) ?? ModelInfo(name: m, displayName: m))
    }
    let recordsBefore = try tx.count(.record)
    var recomputeCosts = false
    if case .activated = try tx.activatePriceTable(plan.prices, createdAt: plan.now), recordsBefore > 0 {
      recomputeCosts = true
    }
    if let f = plan.pricingFile { try tx.recordImportedFile(f) }
    for m in modelIds.keys.sorted() {
      if let p = plan.prices.prices[m], p.inputPerMillion == 0 || p.outputPerMillion == 0 {
        summary.warnings.append(warn("model \(m) has a zero price (input \(p.inputPerMillion), output "
                                       + "\(p.outputPerMillion) USD per 1M tokens)"))
      }
    }
    phases.mark("writer: datasets, models, prices")

    // Groups stored before this import, and the groups this import read (or skipped as unchanged) or failed on.
    var storedRecords: [[String]: Int] = [:]
    for g in stored { storedRecords[[g.model, g.dataset]] = g.records }
    var handled = Set<[String]>()
    var failed: [GroupProblem] = plan.failures
    for f in plan.failures { handled.insert([f.model, f.dataset]) }
    func fail(_ model: String, _ dataset: String, _ reason: String) {
      failed.append(GroupProblem(model: model, dataset: dataset, reason: reason, deletedRecords: 0))
      handled.insert([model, dataset])
      progress(.note("warning: skipped \(model) × \(dataset) (--on-error skip): \(reason)"))
    }

    // Dataset by dataset, as the parsers deliver: samples, provenance rows, records.
    var waited = 0.0
    var perModel: [Int64: Int] = [:]
    let counter = options.tokenCounter
    // `importedFile` rows are written in the same order either way (each dataset file before its groups' files,
    // feature files last), so their ids — which records cite — do not depend on when the features were stored.
    /// Stores a dataset file's samples; returns the file's row to record, or why its groups are skipped.
    func takeDatasetFile(_ d: ParseSchedule.Dataset) throws -> (file: ImportedFile?, failure: String?) {
      guard let job = d.fileJob else { return (nil, nil) }
      let (result, w) = try channel.take(job)
      waited += w
      switch result {
      case .dataset(let parsed):
        if try tx.upsertSamples(parsed.samples).updated > 0 { recomputeCosts = true }
        summary.filesRead += 1
        return (parsed.file, nil)
      case .failed(_, _, let error): return (nil, "its dataset file cannot be read: \(error)")
      default: return (nil, nil)
      }
    }
    var featureFiles: [ImportedFile] = []
    func takeFeatures() throws {
      for job in schedule.featureJobs {
        let (result, w) = try channel.take(job)
        waited += w
        if case .features(let f) = result { featureFiles.append(try importFeatures(f)) }
      }
    }
    var takenFirst: [(file: ImportedFile?, failure: String?)] = []
    if schedule.featuresFirst {
      takenFirst = try schedule.datasets.map(takeDatasetFile)
      phases.mark("writer: dataset files")
      try takeFeatures()
      phases.mark("features (stored while the parsers read the groups)")
    }
    for (k, d) in schedule.datasets.enumerated() {
      let taken = schedule.featuresFirst ? takenFirst[k] : try takeDatasetFile(d)
      if let file = taken.file { try tx.recordImportedFile(file) }
      let datasetFailure = taken.failure
      var groups: [ParsedGroup] = []
      for job in d.groupJobs {
        let (result, w) = try channel.take(job)
        waited += w
        switch result {
        case .group(let g):
          if let datasetFailure { fail(g.model, g.dataset, datasetFailure) } else {
            groups.append(g)
            handled.insert([g.model, g.dataset])
          }
        case .failed(let model?, let dataset, let error): fail(model, dataset, error.description)
        default: break
        }
      }
      summary.groupsSkipped += groups.count { $0.skipped }
      groups = groups.filter { !$0.skipped }.sorted { modelIds[$0.model]! < modelIds[$1.model]! }
      let prompts = groups.flatMap(\.prompts)
      if !prompts.isEmpty { try tx.upsertSamples(prompts, updateExisting: false) }
      guard !groups.isEmpty else { continue }

      // Every row's sample, before anything of the group is written: a group is written whole or not at all.
      let samples = try tx.samples(ofDataset: d.name)
      var resolved: [(group: ParsedGroup, refs: [SampleRef])] = []
      for g in groups {
        var refs: [SampleRef] = []
        refs.reserveCapacity(g.rows.count)
        var bad: ImportError?
        for r in g.rows {
          guard let ref = samples[r.index] else {
            bad = ImportError(.badValue, "index '\(r.index)' is not a sample of \(g.dataset) "
                                + "(not in \(g.dataset).tsv of the dataset directory)",
                              file: g.predictionFile, row: Int(r.predictionRow), column: "index")
            break
          }
          refs.append(ref)
        }
        if let bad {
          guard options.onError == .skip else { throw bad }
          fail(g.model, g.dataset, bad.description)
          continue
        }
        resolved.append((g, refs))
      }

      var fileIds: [String: Int64] = [:]
      for f in resolved.flatMap(\.group.files) { fileIds[f.path] = try tx.recordImportedFile(f) }
      summary.filesRead += resolved.reduce(0) { $0 + $1.group.files.count }

      // Records in (sampleId, modelId) order: groups by model id, then a stable counting sort by sample id.
      var unsorted: [RecordRow] = []
      unsorted.reserveCapacity(resolved.reduce(0) { $0 + $1.group.rows.count })
      for (g, refs) in resolved {
        summary.crossChecks += g.crossChecks
        if !g.failedAPI.isEmpty { summary.failedAPI.append((g.model, g.dataset, g.failedAPI)) }
        summary.estimatedRecords += g.estimatedRows
        summary.scoring.append((g.model, g.dataset, g.scoring))
        if g.rows.count > 1, let first = g.rows.first?.outputTokens, g.rows.allSatisfy({ $0.outputTokens == first }) {
          summary.warnings.append(warn("\(g.model) × \(g.dataset): every one of \(g.rows.count) records has \(first) output "
                                         + "tokens (constant token counts: empty or placeholder predictions?)"))
        }
        // A re-imported group replaces the stored one whole: rows no longer in the file do not survive.
        let replaced = storedRecords[[g.model, g.dataset]] != nil ? try tx.deleteRecords(model: g.model, dataset: g.dataset) : 0
        summary.groups.append(GroupReport(model: g.model, dataset: g.dataset, records: g.rows.count, era: g.era,
                                          rule: g.rule, crossCheck: CrossCheck.phrase(g.crossChecks),
                                          replacedRecords: replaced))
        let price = plan.prices.prices[g.model]!
        let modelId = modelIds[g.model]!
        let fileId = fileIds[g.scoreFile]!
        for (r, ref) in zip(g.rows, refs) {
          unsorted.append(RecordRow(
            sampleId: ref.id, modelId: modelId, score: r.score, correct: r.score >= options.correctThreshold,
            outputTokens: r.outputTokens, tokensEstimated: counter.isEstimate || r.estimated,
            costUSD: price.cost(inputTokens: Double(ref.inputTokens), outputTokens: Double(r.outputTokens)),
            sourceFileId: fileId, sourceRow: r.sourceRow))
        }
        perModel[modelId, default: 0] += g.rows.count
      }
      let records = Self.sortedBySample(unsorted)
      try tx.writeRecords(records)
      summary.recordsImported += records.count
    }

    // Skipped groups lose their stored records (never left stale); so do stored groups this import no longer
    // finds. Both leave holes that --missing decides about.
    for var f in failed {
      if storedRecords[[f.model, f.dataset]] != nil { f.deletedRecords = try tx.deleteRecords(model: f.model, dataset: f.dataset) }
      summary.skippedGroups.append(f)
    }
    for g in stored where !handled.contains([g.model, g.dataset]) {
      let gone = g.files.filter { path in
        let url = plan.root.appendingPathComponent(path).standardizedFileURL
        return !WorkDirectoryScanner.isRegularFile(url)
          && plan.workDirs.contains { url.path.hasPrefix($0.standardizedFileURL.path + "/") }
      }
      guard plan.scannedModels.contains(g.model) || !gone.isEmpty else { continue }
      let reason = gone.isEmpty
        ? "imported before (from \(g.files.joined(separator: ", "))), but its model folder no longer holds a readable prediction file for it"
        : "imported before, but \(gone.joined(separator: ", ")) \(gone.count == 1 ? "is" : "are") gone or not a regular file"
      if options.missing == .refuse {
        throw ImportError(.incomplete, "\(g.model) × \(g.dataset): \(reason); its \(g.records) stored records would be "
                            + "stale. Restore the files, or re-run with --missing drop-model or --missing drop-sample "
                            + "to delete them", file: g.files.first)
      }
      let deleted = try tx.deleteRecords(model: g.model, dataset: g.dataset)
      summary.vanishedGroups.append(GroupProblem(model: g.model, dataset: g.dataset, reason: reason, deletedRecords: deleted))
      summary.warnings.append(warn("\(g.model) × \(g.dataset): \(reason); its \(deleted) stored records were deleted"))
    }
    phases.mark(schedule.featuresFirst ? "writer: records (pipelined with parsing)"
                  : "writer: samples and records (pipelined with parsing)")

    if recomputeCosts { try tx.recomputeCosts() }
    let thresholdText = "\(options.correctThreshold)"
    if let stored = try tx.metadata(.correctThreshold), stored != thresholdText {
      try tx.recomputeCorrect(threshold: options.correctThreshold)
    }

    // Fresh store: every record was just written, so per-model counts decide completeness without a scan.
    let sampleCount = try tx.count(.sample)
    let knownComplete = try recordsBefore == 0 && perModel.count == tx.count(.model)
      && perModel.values.allSatisfy { $0 == sampleCount }
    if !knownComplete { try applyMissingPolicy() }
    phases.mark("completeness")

    summary.splitStored = try tx.ensureDefaultSplit(seed: options.seed)
    let outside = summary.splitStored ? [] : try tx.samplesOutsideSplit(BenchStore.defaultSplitName)
    if !outside.isEmpty {
      summary.warnings.append(warn("\(outside.count) samples (e.g. \(outside.prefix(3).joined(separator: ", "))) are "
                                     + "not in the stored split '\(BenchStore.defaultSplitName)'"))
    }
    phases.mark("split")

    if !schedule.featuresFirst { try takeFeatures() }
    for f in featureFiles { try tx.recordImportedFile(f) }
    if !schedule.featuresFirst { phases.mark("features") }
    summary.writerWaitSeconds = waited

    if let simulation = plan.simulation {
      let path = WorkDirectoryScanner.relative(simulation, to: plan.root)
      if let preset = try Self.readPreset(simulation, path: path) { try tx.setMetadata(.preset, preset) }
      let (sha, _) = try sha256(ofFile: simulation, displayPath: path)
      try tx.recordImportedFile(ImportedFile(path: path, sha256: sha, kind: "simulation", rows: 1, importedAt: plan.now))
    }
    try tx.setMetadata(.simulated, plan.simulation == nil ? "false" : "true")
    try tx.setMetadata(.tokenCounter, counter.name)
    summary.tokenCounter = counter.name
    try tx.setMetadata(.correctThreshold, thresholdText)
    try tx.setMetadata(.imageTokens, "\(options.imageTokens)")
    summary.datasets = try tx.count(.dataset)
    summary.models = try tx.count(.model)
    summary.samples = try tx.count(.sample)
    summary.records = try tx.count(.record)
    phases.mark("metadata")
    summary.phases = phases.phases
    summary.phaseCPUSeconds = phases.cpu
    return summary
  }

  /// A stable counting sort by sample id (input already ordered by model id within each sample).
  static func sortedBySample(_ rows: [RecordRow]) -> [RecordRow] {
    guard let lo = rows.lazy.map(\.sampleId).min(), let hi = rows.lazy.map(\.sampleId).max() else { return rows }
    var start = [Int](repeating: 0, count: Int(hi - lo) + 2)
    for r in rows { start[Int(r.sampleId - lo) + 1] += 1 }
    for i in 1..<start.count { start[i] += start[i - 1] }
    return [RecordRow](unsafeUninitializedCapacity: rows.count) { out, count in
      for r in rows {
        let k = Int(r.sampleId - lo)
        (out.baseAddress! + start[k]).initialize(to: r)
        start[k] += 1
      }
      count = rows.count
    }
  }

  // MARK: Missing cells

  mutating func applyMissingPolicy() throws {
    let missing = try tx.missingCells()
    guard !missing.isEmpty else { return }
    switch options.missing {
    case .refuse:
      let lines = missing.prefix(8).map { "  " + $0.description }
      let skipped = summary.skippedGroups.isEmpty ? "" : "\nskipped (--on-error skip):\n"
        + summary.skippedGroups.prefix(8).map { "  " + $0.description }.joined(separator: "\n")
      throw ImportError(.incomplete, "the matrix is incomplete (\(missing.count) model × dataset cells miss samples):\n"
                          + lines.joined(separator: "\n") + (missing.count > 8 ? "\n  …" : "") + skipped
                          + "\nfix the logs, or re-run with --missing drop-sample or --missing drop-model")
    case .dropSample:
      summary.droppedSamples = try tx.deleteIncompleteSamples()
      summary.warnings.append(warn("dropped \(summary.droppedSamples.count) samples some model lacks (e.g. "
                                     + summary.droppedSamples.prefix(3).joined(separator: ", ") + ")"))
    case .dropModel:
      summary.droppedModels = Array(Set(missing.map(\.model))).sorted()
      try tx.deleteModels(summary.droppedModels)
      summary.warnings.append(warn("dropped models with missing samples: " + summary.droppedModels.joined(separator: ", ")))
    }
    if try tx.count(.model) == 0 || tx.count(.sample) == 0 {
      throw ImportError(.incomplete, "nothing is left after applying --missing \(options.missing.rawValue): "
                          + missing.prefix(3).map(\.description).joined(separator: "; "))
    }
    if let first = try tx.missingCells().first {
      throw ImportError(.incomplete, "still incomplete after --missing \(options.missing.rawValue): \(first)")
    }
  }

  // MARK: Features

  /// Stores a feature file as the feature set named after it (replacing a different stored one). Keys of
  /// samples that are not stored (dropped) are ignored; every stored sample needs a vector. Returns the file's
  /// `importedFile` row, for the caller to record.
  mutating func importFeatures(_ f: ParsedFeatures) throws -> ImportedFile {
    let (wrote, rows, dimension, file) = try FeatureImport.store(f, in: tx, importedAt: plan.now, recordFile: false)
    summary.featureSets.append(f.name)
    if wrote { progress(.note("\(f.path): feature set '\(f.name)', \(rows) × \(dimension)")) }
    return file
  }

  static func readPreset(_ url: URL, path: String) throws(ImportError) -> String? {
    try requireRegularFile(url, displayPath: path)
    do {
      let data = try Data(contentsOf: url)
      let object = try JSONSerialization.jsonObject(with: data)
      return (object as? [String: Any])?["preset"] as? String
    } catch {
      throw ImportError(.malformed, "not valid JSON: \(error.localizedDescription)", file: path)
    }
  }
}
