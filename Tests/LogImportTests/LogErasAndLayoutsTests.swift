import BenchCore
import BenchStore
import Foundation
import Testing

@testable import LogImport
@testable import Simulation

/// Issue 14, "Logs it must read": eras by layout, what the import may be pointed at, `--on-error skip`,
/// multiple choice without a judged file, aggregates that are not accuracies, re-import, strict decoding, `.csv`.
struct LogErasAndLayoutsTests {
  static let pricing = """
    version: t
    date: "2026-01-01"
    models:
      M-1: {input: 1, output: 2}
      M-2: {input: 1, output: 2}
    """

  static func options(_ root: URL, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportOptions {
    let pricing = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-pricing.yaml")
    try write(Self.pricing, to: pricing)
    var o = ImportOptions(root: root, pricing: pricing)
    configure(&o)
    return o
  }

  /// Records stored (the summary counts one per (sample, model)).
  static func records(_ store: BenchStore) throws -> Int { try store.summary().reduce(0) { $0 + $1.samples } }

  static func run(_ root: URL, store: BenchStore = try! BenchStore.inMemory(),
                  _ configure: (inout ImportOptions) -> Void = { _ in }) async throws -> ImportSummary {
    try await Importer(options: try options(root, configure)).run(into: store)
  }

  static func refused(_ root: URL, store: BenchStore = try! BenchStore.inMemory(),
                      _ configure: (inout ImportOptions) -> Void = { _ in }) async throws -> ImportError {
    do {
      _ = try await run(root, store: store, configure)
    } catch let error as ImportError {
      return error
    }
    Issue.record("the import was expected to fail")
    return ImportError(.usage, "did not fail")
  }

  /// A TextVQA prediction file whose rows answer "1990." against ten "1990"s: 1 under the old period rule, 0 under
  /// the new one.
  static func textVQA(rows: Int = 2) -> String {
    var out = [["index", "question", "answer", "prediction"]]
    for i in 0..<rows { out.append(["\(i)", "q\(i)?", "['1990', '1990', '1990', '1990', '1990', '1990', '1990', '1990', '1990', '1990']", "1990."]) }
    return tsv(out)
  }

  /// An MMStar prediction file (options A–D, `answer`) and its judged file with `hit`.
  static func mmstar(_ dir: URL, model: String, rows: Int, judged: Bool = true) throws {
    var pred = [["index", "question", "A", "B", "C", "D", "answer", "prediction"]]
    for i in 0..<rows { pred.append(["\(i)", "q\(i)", "red", "green", "blue", "black", "A", i % 2 == 0 ? "A" : "B"]) }
    try write(tsv(pred), to: dir.appendingPathComponent("\(model)_MMStar.tsv"))
    if judged {
      var j = [pred[0] + ["hit"]]
      for i in 0..<rows { j.append(pred[i + 1] + [i % 2 == 0 ? "1" : "0"]) }
      try write(tsv(j), to: dir.appendingPathComponent("\(model)_MMStar_openai_result.tsv"))
    }
  }

  // MARK: 1. Eras by layout

  @Test func flatLayoutIsReadWithTheRulesOfItsEraAndTheReportSaysWhy() async throws {
    let root = try temporaryDirectory()
    let flat = root.appendingPathComponent("work_dir/M-1")
    try write(Self.textVQA(), to: flat.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    try write(tsv([["Overall"], ["100.0"]]), to: flat.appendingPathComponent("M-1_TextVQA_VAL_acc.csv"))
    // The same files in a 2026 run folder: the current rule.
    let run = root.appendingPathComponent("work_dir/M-2/T20260105-101010")
    try write(Self.textVQA(), to: run.appendingPathComponent("M-2_TextVQA_VAL.tsv"))
    try write("{}", to: run.appendingPathComponent("status.json"))
    let store = try BenchStore.inMemory()
    let s = try await Self.run(root, store: store)
    let byModel = Dictionary(uniqueKeysWithValues: s.groups.map { ($0.model, $0) })
    let flatGroup = try #require(byModel["M-1"]), runGroup = try #require(byModel["M-2"])
    #expect(flatGroup.era.contains("flat layout") && flatGroup.era.contains("old TextVQA period rule"))
    #expect(flatGroup.rule.contains("legacy period rule"))
    #expect(flatGroup.crossCheck == "Overall of M-1_TextVQA_VAL_acc.csv: exact")
    #expect(runGroup.era.contains("run folder T20260105-101010 (2026-01-05)") && runGroup.era.contains("status.json"))
    #expect(runGroup.rule.contains("current period rule") && runGroup.crossCheck == "no aggregate file")
    let rows = try store.summary()
    #expect(rows.first { $0.model == "M-1" }?.correct == 2 && rows.first { $0.model == "M-2" }?.correct == 0)
    let report = ImportReport.markdown(s, root: "r")
    #expect(report.contains("| M-1 | TextVQA_VAL | 2 | flat layout (no run folder)"))
    #expect(report.contains("| exact") || report.contains("Overall of M-1_TextVQA_VAL_acc.csv: exact"))

    // The override still wins, and says so.
    let overridden = try await Self.run(root) { $0.vqaPeriodRule = .current }
    let g = try #require(overridden.groups.first { $0.model == "M-1" })
    #expect(g.era.contains("--vqa-period-rule new overrides") && g.crossCheck.contains("differs by -100"))
  }

  @Test func eraDecisionTable() {
    let dated = RunEra.decide(runDirectory: "T20250426_Ga32ffdf2", hasStatusJSON: false, suffixes: ["", "_openai_result"],
                              periodRuleOverride: nil)
    #expect(dated.era == RunEra(periodRule: .legacy, chartQAOrder: .swapped))
    #expect(dated.label == "run folder T20250426_Ga32ffdf2 (2025-04-26)")
    #expect(dated.evidence.contains { $0.contains("_openai_result") })
    let late = RunEra.decide(runDirectory: "T20250615_Gabc", hasStatusJSON: false, suffixes: [], periodRuleOverride: nil)
    #expect(late.era == RunEra(periodRule: .current, chartQAOrder: .swapped))
    #expect(RunEra.decide(runDirectory: nil, hasStatusJSON: true, suffixes: [], periodRuleOverride: nil).era == .current)
    // Flat, but with `_results` files (written since Jul 2025): copied out of a run folder, current rules.
    #expect(RunEra.decide(runDirectory: nil, hasStatusJSON: false, suffixes: ["", "_results"], periodRuleOverride: nil)
      .era == .current)
    let flat = RunEra.decide(runDirectory: nil, hasStatusJSON: false, suffixes: ["", "_chatgpt-0125_result"],
                             periodRuleOverride: .current)
    #expect(flat.era == RunEra(periodRule: .current, chartQAOrder: .swapped))
    #expect(flat.evidence.contains { $0.contains("`_chatgpt-0125_result`") })
  }

  // MARK: 2. Point it at what you have

  @Test func aSingleModelFolderAndAFolderOfWorkDirsAreImported() async throws {
    let parent = try temporaryDirectory()
    let single = parent.appendingPathComponent("shared/M-1")
    try Self.mmstar(single, model: "M-1", rows: 4)
    let s = try await Self.run(single)
    #expect(s.recordsImported == 4 && s.models == 1)
    #expect(s.groups.first?.era.contains("flat layout") == true)

    // Two work dirs side by side; the same model in both is one model whose run folders are reruns.
    let many = parent.appendingPathComponent("many")
    try Self.mmstar(many.appendingPathComponent("wd-a/M-1/T20250101_Gaaaa"), model: "M-1", rows: 2)
    try Self.mmstar(many.appendingPathComponent("wd-b/M-1/T20250301_Gbbbb"), model: "M-1", rows: 4)
    try Self.mmstar(many.appendingPathComponent("wd-b/M-2/T20250301_Gbbbb"), model: "M-2", rows: 4)
    let store = try BenchStore.inMemory()
    let t = try await Self.run(many, store: store)
    #expect(t.models == 2 && t.records == 8)
    #expect(t.notes.contains { $0.contains("2 work directories: wd-a, wd-b") })
    #expect(t.notes.contains { $0.contains("M-1: 2 model folders") })
    #expect(t.notes.contains { $0.contains("read T20250301_Gbbbb (newest run directory by name)") })
    #expect(try store.provenance(sample: "MMStar/3", model: "M-1")?.file
      == "wd-b/M-1/T20250301_Gbbbb/M-1_MMStar_openai_result.tsv")
  }

  // MARK: 3. --on-error skip

  @Test func onErrorSkipImportsTheRestAndListsEachSkippedGroup() async throws {
    let root = try temporaryDirectory()
    let run1 = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    let run2 = root.appendingPathComponent("work_dir/M-2/T20250426_Ga32ffdf2")
    try Self.mmstar(run1, model: "M-1", rows: 4)
    try Self.mmstar(run2, model: "M-2", rows: 4)
    try write(Self.textVQA(rows: 3), to: run1.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    try write(Self.textVQA(rows: 3), to: run2.appendingPathComponent("M-2_TextVQA_VAL.tsv"))
    // M-2's MMStar judged file has a bad hit; M-2 has no judged file for HallusionBench (Y/N: no recomputation).
    try write(tsv([["index", "hit"], ["0", "1"], ["1", "0x1"], ["2", "1"], ["3", "0"]]),
              to: run2.appendingPathComponent("M-2_MMStar_openai_result.tsv"))
    try write(tsv([["index", "question", "prediction"], ["a", "q", "Yes"]]), to: run2.appendingPathComponent("M-2_HallusionBench.tsv"))

    // Refused by default, naming the first problem; the database is unchanged.
    let store = try BenchStore.inMemory()
    let e = try await Self.refused(root, store: store)
    #expect(e.kind == .missingJudgedFile || e.kind == .badValue)
    #expect(try Self.records(store) == 0)

    // Skipped with --on-error skip; the holes need a --missing policy.
    let incomplete = try await Self.refused(root, store: store) { $0.onError = .skip }
    #expect(incomplete.kind == .incomplete && incomplete.message.contains("skipped (--on-error skip)")
      && incomplete.message.contains("M-2 × MMStar"))
    #expect(try Self.records(store) == 0)
    let s = try await Self.run(root, store: store) {
      $0.onError = .skip
      $0.missing = .dropModel
    }
    #expect(Set(s.skippedGroups.map { "\($0.model) × \($0.dataset)" }) == ["M-2 × MMStar", "M-2 × HallusionBench"])
    #expect(s.skippedGroups.first { $0.dataset == "MMStar" }?.reason.contains("row 3, column 'hit'") == true)
    #expect(s.skippedGroups.first { $0.dataset == "HallusionBench" }?.reason.contains("no per-sample judged file") == true)
    #expect(s.droppedModels == ["M-2"] && s.records == 4 + 3)
    let report = ImportReport.markdown(s, root: "r")
    #expect(report.contains("## Skipped groups (--on-error skip)") && report.contains("- M-2 × MMStar: "))
  }

  // MARK: 4. Multiple choice without a judged file

  @Test func multipleChoiceWithoutAJudgedFileIsRecomputedByExactMatching() async throws {
    let root = try temporaryDirectory()
    let run = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    var pred = [["index", "question", "A", "B", "C", "D", "answer", "prediction"]]
    let predictions = ["A", "The answer is (B).", "green", "I think A or B", "nothing fits", "Blue, clearly", "Z"]
    for (i, p) in predictions.enumerated() {
      pred.append(["\(i)", "q", "red", "green", "blue", i == 6 ? "" : "black", i == 5 ? "C" : "B", p])
    }
    try write(tsv(pred), to: run.appendingPathComponent("M-1_MMStar.tsv"))
    // The stored `_acc` (2 right out of 7: rows 1 and 2 infer B; 5 infers C by text).
    try write("\"split\",\"Overall\"\n\"none\",\"\(3.0 / 7.0)\"\n", to: run.appendingPathComponent("M-1_MMStar_acc.csv"))
    let store = try BenchStore.inMemory()
    let s = try await Self.run(root, store: store)
    let g = try #require(s.groups.first)
    #expect(g.rule.contains("recomputed: exact matching"))
    #expect(g.crossCheck == "Overall (split none) of M-1_MMStar_acc.csv: exact")
    #expect(s.notes.contains { $0.contains("no `_<judge>_result` file") })
    let b = try store.loadBenchmark()
    #expect((0..<7).map { b.quality[$0, 0] } == [0, 1, 1, 0, 0, 1, 0])
  }

  @Test func circularExactMatchingNeedsEveryRotation() async throws {
    let root = try temporaryDirectory()
    let run = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    var pred = [["index", "question", "A", "B", "answer", "prediction"]]
    // Sample 0: right in both rotations; sample 1: right in the main row only.
    pred.append(["0", "q", "cat", "dog", "A", "A"])
    pred.append(["1", "q", "sun", "moon", "B", "B"])
    pred.append(["1000000", "q", "dog", "cat", "B", "B"])
    pred.append(["1000001", "q", "moon", "sun", "A", "B"])
    try write(tsv(pred), to: run.appendingPathComponent("M-1_MMBench_DEV_EN_V11.tsv"))
    let store = try BenchStore.inMemory()
    let s = try await Self.run(root, store: store)
    #expect(s.recordsImported == 2)
    let b = try store.loadBenchmark()
    #expect(b.quality[0, 0] == 1 && b.quality[1, 0] == 0)
  }

  /// MMMU's Dec-2023 layout: the prediction file and `_acc.xlsx` per split, no per-sample `hit`.
  @Test func mmmuDec2023AccXLSXIsComparedPerSplit() async throws {
    let root = try temporaryDirectory()
    let flat = root.appendingPathComponent("work_dir/M-1")
    var pred = [["index", "question", "A", "B", "answer", "split", "prediction"]]
    pred.append(["1", "q", "x", "y", "A", "dev", "A"])
    pred.append(["2", "q", "x", "y", "B", "validation", "A"])
    pred.append(["3", "q", "x", "y", "B", "validation", "B"])
    try write(tsv(pred), to: flat.appendingPathComponent("M-1_MMMU_DEV_VAL.tsv"))
    try FileManager.default.createDirectory(at: flat, withIntermediateDirectories: true)
    let w = try XLSXWriter(url: flat.appendingPathComponent("M-1_MMMU_DEV_VAL_acc.xlsx"))
    try w.writeRow(["split", "Overall"])
    try w.writeRow(["dev", "1.0"])
    try w.writeRow(["validation", "0.5"])
    try w.close()
    let s = try await Self.run(root)
    #expect(s.crossChecks.map(\.figure) == ["Overall (split dev)", "Overall (split validation)"])
    #expect(s.crossChecks.allSatisfy { $0.outcome == .exact })
    #expect(s.groups.first?.rule.contains("exact matching") == true)
  }

  // MARK: 5. Aggregates that are not accuracies

  @Test func popeIsComparedOnAccNotF1AndMMEOnItsTaskSums() async throws {
    let root = try temporaryDirectory()
    let run = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    // POPE: 4 rows, 3 right; F1 of "Yes" answers differs from the accuracy.
    var pope = [["index", "question", "answer", "category", "prediction"]]
    for (i, (a, p, c)) in [("Yes", "Yes", "random"), ("No", "Yes", "random"), ("No", "No", "popular"),
                           ("Yes", "Yes", "popular")].enumerated() {
      pope.append(["\(i)", "q", a, c, p])
    }
    try write(tsv(pope), to: run.appendingPathComponent("M-1_POPE.tsv"))
    var aux = [pope[0] + ["extracted", "score"]]
    for r in pope.dropFirst() { aux.append(r + [r[4], r[2] == r[4] ? "True" : "False"]) }
    try write(tsv(aux), to: run.appendingPathComponent("M-1_POPE_auxmatch.tsv"))
    try write("""
      "split","Overall","acc","precision","recall"
      "Overall","80.0","75.0","66.66666666666666","100.0"
      "random","66.66666666666666","50.0","50.0","100.0"
      "popular","100.0","100.0","100.0","100.0"
      """, to: run.appendingPathComponent("M-1_POPE_score.csv"))

    // MME: two tasks, two questions per image.
    var mme = [["index", "question", "answer", "category", "image_path", "prediction"]]
    let mmeRows: [(String, String, String, String)] = [  // category, image, answer, prediction
      ("OCR", "a.jpg", "Yes", "Yes"), ("OCR", "a.jpg", "No", "No"), ("OCR", "b.jpg", "Yes", "No"), ("OCR", "b.jpg", "No", "No"),
      ("code_reasoning", "c.jpg", "Yes", "Yes"), ("code_reasoning", "c.jpg", "No", "Yes"),
    ]
    for (i, r) in mmeRows.enumerated() { mme.append(["\(i)", "q", r.2, r.0, r.1, r.3]) }
    try write(tsv(mme), to: run.appendingPathComponent("M-1_MME.tsv"))
    var mmeAux = [mme[0] + ["extracted", "score"]]
    for r in mme.dropFirst() { mmeAux.append(r + [r[5], r[2] == r[5] ? "True" : "False"]) }
    try write(tsv(mmeAux), to: run.appendingPathComponent("M-1_MME_auxmatch.tsv"))
    // OCR: acc 75 + acc+ 50 = 125; code_reasoning: acc 50 + acc+ 0 = 50. Perception lacks tasks: not compared.
    try write("""
      "perception","reasoning","OCR","code_reasoning"
      "125.0","50.0","125.0","50.0"
      """, to: run.appendingPathComponent("M-1_MME_score.csv"))
    let s = try await Self.run(root)
    let pc = s.crossChecks.filter { $0.dataset == "POPE" }
    #expect(pc.map(\.figure) == ["Overall (F1)", "acc (Overall)", "acc (random)", "acc (popular)"])
    #expect(pc.dropFirst().allSatisfy { $0.outcome == .exact })
    if case .notCompared(let why) = pc[0].outcome { #expect(why.contains("F1")) } else { Issue.record("F1 compared") }
    let mc = Dictionary(uniqueKeysWithValues: s.crossChecks.filter { $0.dataset == "MME" }.map { ($0.figure, $0) })
    #expect(mc["OCR (acc + acc+)"]?.outcome == .exact && mc["OCR (acc + acc+)"]?.recomputed == 125)
    #expect(mc["code_reasoning (acc + acc+)"]?.outcome == .exact)
    #expect(mc["reasoning"].map { if case .notCompared = $0.outcome { true } else { false } } == true)
    #expect(mc["perception"].map { if case .notCompared = $0.outcome { true } else { false } } == true)
  }

  // MARK: 6. Every unpriced model at once

  @Test func everyUnpricedModelIsNamedAtOnce() async throws {
    let root = try temporaryDirectory()
    for m in ["X-1", "X-2", "X-3"] { try Self.mmstar(root.appendingPathComponent("work_dir/\(m)/T20250426_Ga32ffdf2"), model: m, rows: 2) }
    let e = try await Self.refused(root)
    #expect(e.kind == .missingPrice && e.message.contains("models X-1, X-2 and X-3 have no price"))
    #expect(e.message.contains("routerbench pricing template"))
  }

  // MARK: Re-import

  @Test func aReimportedGroupReplacesTheOldOneWholeAndVanishedGroupsAreHandled() async throws {
    let root = try temporaryDirectory()
    let run1 = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    let run2 = root.appendingPathComponent("work_dir/M-2/T20250426_Ga32ffdf2")
    try Self.mmstar(run1, model: "M-1", rows: 5)
    try Self.mmstar(run2, model: "M-2", rows: 5)
    try write(Self.textVQA(rows: 3), to: run1.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    try write(Self.textVQA(rows: 3), to: run2.appendingPathComponent("M-2_TextVQA_VAL.tsv"))
    let store = try BenchStore.inMemory()
    _ = try await Self.run(root, store: store)
    #expect(try Self.records(store) == 16)

    // M-1's MMStar now has 4 rows: the group is replaced whole; the 5th record does not survive, so the matrix is
    // incomplete (refused by default, database unchanged) …
    try Self.mmstar(run1, model: "M-1", rows: 4)
    let e = try await Self.refused(root, store: store)
    #expect(e.kind == .incomplete && e.message.contains("M-1") && e.message.contains("MMStar"))
    #expect(try Self.records(store) == 16)
    // … and with drop-sample, sample MMStar/4 goes.
    let s = try await Self.run(root, store: store) { $0.missing = .dropSample }
    #expect(s.groups.first { $0.model == "M-1" && $0.dataset == "MMStar" }?.replacedRecords == 5)
    #expect(s.droppedSamples == ["MMStar/4"] && s.records == 14)

    // M-2's TextVQA file vanishes: refused by default (its records would be stale), deleted under a policy.
    try FileManager.default.removeItem(at: run2.appendingPathComponent("M-2_TextVQA_VAL.tsv"))
    let gone = try await Self.refused(root, store: store)
    #expect(gone.kind == .incomplete && gone.message.contains("M-2 × TextVQA_VAL")
      && gone.message.contains("3 stored records would be stale"))
    #expect(try Self.records(store) == 14)
    let t = try await Self.run(root, store: store) { $0.missing = .dropModel }
    #expect(t.vanishedGroups.map(\.description) == [
      "M-2 × TextVQA_VAL: imported before, but work_dir/M-2/T20250426_Ga32ffdf2/M-2_TextVQA_VAL.tsv is gone or not a "
        + "regular file (3 stored records deleted)"])
    #expect(t.droppedModels == ["M-2"] && t.records == 4 + 3)

    // An emptied file (header only) replaces the group with nothing.
    try write(tsv([["index", "question", "answer", "prediction"]]), to: run1.appendingPathComponent("M-1_TextVQA_VAL.tsv"))
    let empty = try await Self.refused(root, store: store)
    #expect(empty.kind == .incomplete && empty.message.contains("TextVQA_VAL"))
  }

  @Test func anUnreadableGroupUnderSkipLosesItsStoredRecords() async throws {
    let root = try temporaryDirectory()
    let run1 = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    let run2 = root.appendingPathComponent("work_dir/M-2/T20250426_Ga32ffdf2")
    try Self.mmstar(run1, model: "M-1", rows: 3)
    try Self.mmstar(run2, model: "M-2", rows: 3)
    let store = try BenchStore.inMemory()
    _ = try await Self.run(root, store: store)
    try write("\"index\"\t\"hit\"\n\"0\t1\n", to: run2.appendingPathComponent("M-2_MMStar_openai_result.tsv"))
    let s = try await Self.run(root, store: store) {
      $0.onError = .skip
      $0.missing = .dropModel
    }
    #expect(s.skippedGroups.count == 1 && s.skippedGroups[0].deletedRecords == 3)
    #expect(s.skippedGroups[0].reason.contains("M-2_MMStar_openai_result.tsv"))
    #expect(s.droppedModels == ["M-2"] && s.records == 3)
  }

  // MARK: Strict decoding, .csv per-sample files

  @Test func hexFloatsAndInvalidUTF8InAnyColumnAreRefused() async throws {
    #expect(CellValue.number("0x1") == nil && CellValue.number("0x1p0") == nil && CellValue.number("inf") == nil)
    #expect(CellValue.number("nan") == nil && CellValue.number("1e") == nil && CellValue.number(".") == nil)
    #expect(CellValue.number(" 0.5 ") == 0.5 && CellValue.number("1.") == 1 && CellValue.number("-.0") == 0
      && CellValue.number("2.5E-1") == 0.25 && CellValue.number("True") == 1)
    let root = try temporaryDirectory()
    let run = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    try Self.mmstar(run, model: "M-1", rows: 2)
    try write(tsv([["index", "hit"], ["0", "0x1"], ["1", "0"]]), to: run.appendingPathComponent("M-1_MMStar_openai_result.tsv"))
    let hex = try await Self.refused(root)
    #expect(hex.kind == .badValue && hex.row == 2 && hex.column == "hit" && hex.message.contains("'0x1' is not a number"))

    // A bad byte in a column the import does not use is refused too (as xlsx and JSON refuse it).
    try Self.mmstar(run, model: "M-1", rows: 2)
    var bytes = Data(tsv([["index", "log", "hit"], ["0", "ok", "1"], ["1", "bad", "0"]]).utf8)
    let bad = bytes.range(of: Data("bad".utf8))!
    bytes.replaceSubrange(bad, with: [0x62, 0xFF, 0x64])
    try bytes.write(to: run.appendingPathComponent("M-1_MMStar_openai_result.tsv"))
    let utf8 = try await Self.refused(root)
    #expect(utf8.kind == .invalidUTF8 && utf8.row == 3 && utf8.column == "log")
  }

  @Test func csvPerSampleFilesAreReadAndCSVAggregatesAreNot() async throws {
    let root = try temporaryDirectory()
    let run = root.appendingPathComponent("work_dir/M-1/T20250426_Ga32ffdf2")
    let rows = [["index", "question", "A", "B", "answer", "prediction"], ["0", "q, with comma", "x", "y", "A", "A"],
                ["1", "q", "x", "y", "B", "A"]]
    func csv(_ r: [[String]]) -> String { tsv(r).replacingOccurrences(of: "\"\t\"", with: "\",\"") }
    try write(csv(rows), to: run.appendingPathComponent("M-1_MMStar.csv"))
    try write(csv([rows[0] + ["hit"], rows[1] + ["1"], rows[2] + ["0"]]), to: run.appendingPathComponent("M-1_MMStar_openai_result.csv"))
    try write("\"split\",\"Overall\"\n\"none\",\"0.5\"\n", to: run.appendingPathComponent("M-1_MMStar_acc.csv"))
    let store = try BenchStore.inMemory()
    let s = try await Self.run(root, store: store)
    #expect(s.recordsImported == 2 && s.crossChecks.first?.outcome == .exact)
    #expect(s.groups.first?.rule.contains("`hit`") == true)
    #expect(try store.provenance(sample: "MMStar/0", model: "M-1")?.file
      == "work_dir/M-1/T20250426_Ga32ffdf2/M-1_MMStar_openai_result.csv")
    #expect(try store.loadBenchmark().sampleCount == 2)
  }
}
