internal import BenchCore
public import Foundation

extension T2ISimulation {
  public static let scoresFile = "scores.csv"
  public static let modelsFile = "models.csv"
  public static let metricsFile = "metrics.csv"
  public static let manifestFile = "simulation.json"
  public static let featureFile = "features/text.npy"

  /// Writes the preset in the multi-metric long layout (docs/multimetric.md, "Data formats"): `scores.csv`
  /// (`sample_id, dataset, model, prompt, metric:NAME…`, six decimals), `metrics.csv`, `models.csv`,
  /// `features/text.npy` with `features/sample_ids.txt`, and `simulation.json` (`"preset": "t2i"`).
  public static func write(_ data: T2ISimulatedData, to dir: URL) throws {
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("features"), withIntermediateDirectories: true)
    var csv = DelimitedText(separator: 0x2C, capacity: data.sampleCount * data.models.count * 140)
    csv.row(["sample_id", "dataset", "model", "prompt"] + metrics.map { "metric:" + $0 })
    for i in 0..<data.sampleCount {
      for (m, model) in data.models.enumerated() {
        csv.row([String(i), dataset, model.info.name, data.prompts[i]]
                  + (0..<metrics.count).map { String(format: "%.6f", data.quality[m][i, $0]) })
      }
    }
    try csv.write(to: dir.appendingPathComponent(scoresFile))

    var metricRows = DelimitedText(separator: 0x2C)
    metricRows.row(["metric", "higher_is_better", "weight", "description"])
    let descriptions = ["High definition photo / Low definition photo", "Detailed photo / Lacking Detail photo",
                        "Clear photo / Blurred photo", "Sharp / Hazy", "Visually harmonious / Visually chaotic",
                        "Realism / Distortion", "Color accurate / Color distorted",
                        "Color consistency / Color conflict", "Reasonable composition / Chaotic composition",
                        "Object completion / Object twisting"]
    for (j, name) in metrics.enumerated() { metricRows.row([name, "true", "1", descriptions[j]]) }
    try metricRows.write(to: dir.appendingPathComponent(metricsFile))

    var models = DelimitedText(separator: 0x2C)
    models.row(["model", "display_name", "params_b", "tier"])
    for m in data.models {
      models.row([m.info.name, m.info.displayName, m.info.paramsB.map(shortNumber) ?? "", m.info.tier.rawValue])
    }
    try models.write(to: dir.appendingPathComponent(modelsFile))

    let ids = (0..<data.sampleCount).map { data.sampleKey($0) + "\n" }.joined()
    try Data(ids.utf8).write(to: dir.appendingPathComponent("features/sample_ids.txt"))
    try NumpyArray(shape: [data.text.rows, data.text.columns], values: data.text.values)
      .write(to: dir.appendingPathComponent(featureFile))
    let manifest = """
      {"preset": "t2i", "scale": \(shortNumber(data.config.scale)), "seed": \(data.config.seed), "simulated": true}

      """
    try Data(manifest.utf8).write(to: dir.appendingPathComponent(manifestFile))
  }
}
