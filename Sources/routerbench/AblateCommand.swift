import ArgumentParser
import BenchCore
import BenchStore
import Foundation
import Pipeline
import Reports
import Routers
import Sweep

/// `routerbench ablate backbone|fusion`: the paper's architecture ablations as experiments, written in the
/// paper's layout (Table 4: the four backbones on VLC at λ = 100; Table 3: the seven fusions on MLP at λ = 100),
/// test figures as mean ± standard deviation over the seeds.
struct AblateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ablate",
    abstract: "Paper Tables 3 and 4: run the fusion (MLP) or backbone (VLC) ablation at λ = 100 and write it in the paper's layout.",
    discussion: """
      backbone: VLC on the text (BERT row; MiniLM-L6 with its top layer fine-tuned), image (MobileNetV4), single-stream (VisualBERT/UNITER) and dual-stream (LXMERT/ViLBERT) backbones, as experiments/ablate-backbone.yaml. fusion: MLP on Only-Text, Only-Image, Concat, Normalize-Concat, Weighted-Average, GMU and MLB, as experiments/ablate-fusion.yaml. Runs are stored and reused like any experiment's; the table goes to OUT/table4-backbones.{md,csv} or OUT/table3-fusions.{md,csv}.
      """)

  enum Kind: String, ExpressibleByArgument, CaseIterable { case backbone, fusion }

  @Argument(help: "backbone (Table 4) or fusion (Table 3).") var kind: Kind
  @OptionGroup var database: DatabaseOptions
  @Option(help: "Number of seeds (1…N).") var seeds: Int = 5
  @Option(help: "Runs executed in parallel.") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  @Option(help: "Output directory.") var out: String = "results/ablations"

  /// MiniLM layers the `text` row fine-tunes (docs/end-to-end.md, "What is fine-tuned").
  static let textFineTuneLayers = 1

  /// The ablation as an experiment: (row label, modalities or fusion description, variant).
  static func experiment(_ kind: Kind, seeds: Int) -> (Experiment, [(String, String, String)]) {
    switch kind {
    case .backbone:
      let rows: [(BackboneKind, String)] = [(.text, "text"), (.image, "image"), (.singleStream, "image + text"),
                                            (.dualStream, "image + text")]
      // The text row is the "pretrained MiniLM-L6 tower, fine-tuned": its top layer trains over the
      // cached states after layer 5 (`fine_tune_layers: 1`); the other rows read the frozen six-layer states.
      let variants = rows.map { b, _ in
        RouterVariant(name: "VLC-\(b.rawValue)", kind: VLCRouter.name,
                      values: b == .text ? ["backbone": .string(b.rawValue), "fine_tune_layers": .int(textFineTuneLayers)]
                                         : ["backbone": .string(b.rawValue)])
      }
      return (Experiment(name: "ablate-backbone", routers: variants, lambdas: [.finite(100)],
                         seeds: (1...seeds).map(UInt64.init)),
              zip(rows, variants).map { r, v in
                let label = r.0 == .text
                  ? "text (\(r.0.paperRows); MiniLM-L6, top \(textFineTuneLayers) layer fine-tuned)"
                  : "\(r.0.rawValue) (\(r.0.paperRows))"
                return (label, r.1, v.name)
              })
    case .fusion:
      let rows: [(String, FeatureKey)] = [
        ("Only-Text", FeatureKey(sets: ["text"])), ("Only-Image", FeatureKey(sets: ["image"])),
        ("Concat", FeatureKey(sets: ["text", "image"], fusion: .concat)),
        ("Normalize-Concat", FeatureKey(sets: ["text", "image"], fusion: .normalizeConcat)),
        ("Weighted-Average", FeatureKey(sets: ["text", "image"], fusion: .weightedAverage)),
        ("GMU", FeatureKey(sets: ["text", "image"], fusion: .gmu)),
        ("MLB", FeatureKey(sets: ["text", "image"], fusion: .mlb)),
      ]
      let variants = rows.map { name, key in
        RouterVariant(name: "MLP-\(name.lowercased())", kind: MLPRouter.name, features: key)
      }
      return (Experiment(name: "ablate-fusion", routers: variants, lambdas: [.finite(100)],
                         seeds: (1...seeds).map(UInt64.init)),
              zip(rows, variants).map { r, v in (r.0, r.1.label, v.name) })
    }
  }

  func validate() throws {
    guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() async throws {
    let store = try database.open()
    let (experiment, rows) = Self.experiment(kind, seeds: seeds)
    let interrupt = InterruptReport()
    let summary = try await Pipeline.run(
      experiment, kind: .config, store: store, jobs: jobs, log: { note("==> " + $0) },
      progress: { p in interrupt.update(p); progressLine(p.line, final: p.done == p.total) })
    for f in summary.failures { note("FAILED \(f.run): \(f.message)") }
    let report = try StoredReport.load(from: store, selection: ReportSelection(experiment: experiment.name),
                                       routerOrder: RouterRegistry.builtIn.entries.map(\.name))
    let timing = Dictionary(report.timings.map { ($0.runID, $0) }, uniquingKeysWith: { a, _ in a })
    func meanStd(_ v: [Double]) -> String {
      guard !v.isEmpty else { return "—" }
      let m = v.reduce(0, +) / Double(v.count)
      let s = v.count > 1 ? (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot() : 0
      return String(format: "%.2f ± %.2f", m, s)
    }
    let header = kind == .backbone
      ? ["Backbone", "Modalities", "Avg. Acc. (%)", "Avg. Cost ($/10K)", "Rank Score", "Throughput (tokens/s)", "Seeds"]
      : ["Fusion Method", "Features", "Avg. Acc. (%)", "Avg. Cost ($/10K)", "Rank Score", "Throughput (tokens/s)", "Seeds"]
    var md = "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in " --- |" }.joined() + "\n"
    var csv = header.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
    for (label, what, variant) in rows {
      let runs = report.input.results.filter {
        $0.router == variant && $0.split == .test && $0.dataset == ResultRow.allDatasets
      }
      let acc = runs.map { report.input.accuracy.accuracy(of: $0.outcome) * 100 }
      let cost = runs.map { $0.outcome.costPer10K }
      let rank = runs.map { $0.rankScore * 100 }
      let throughput = runs.compactMap { r in timing[r.runID].map { Double($0.routedInputTokens) / max($0.routeSeconds, 1e-9) } }
      let cells = [label, what, meanStd(acc), meanStd(cost), meanStd(rank),
                   throughput.isEmpty ? "—" : String(format: "%.0f", throughput.reduce(0, +) / Double(throughput.count)),
                   "\(runs.count)"]
      md += "| " + cells.joined(separator: " | ") + " |\n"
      csv += cells.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
    }
    let name = kind == .backbone ? "table4-backbones" : "table3-fusions"
    let dir = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let caption = kind == .backbone
      ? "Table 4 layout: VLC on each backbone at λ = 100, test split, mean ± std over \(seeds) seeds (docs/end-to-end.md). "
        + "The text row fine-tunes MiniLM-L6's top \(Self.textFineTuneLayers) layer over the cached states of the layers "
        + "below; the other rows read MiniLM's frozen six-layer states.\n\n"
      : "Table 3 layout: MLP on each fusion at λ = 100, test split, mean ± std over \(seeds) seeds.\n\n"
    try Data((caption + md).utf8).write(to: dir.appendingPathComponent("\(name).md"))
    try Data(csv.utf8).write(to: dir.appendingPathComponent("\(name).csv"))
    print(md, terminator: "")
    note("==> \(name).md and .csv written to \(out)/")
    if !summary.failures.isEmpty { throw CLIError("\(runCount(summary.failures.count)) failed (listed above)") }
  }
}
