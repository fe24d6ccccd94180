public import Foundation
internal import BenchCore

extension ECVLSimulation {
  /// The files `write` produces, relative to its directory.
  public static let scoresFile = "scores.csv"
  public static let modelsFile = "models.csv"
  public static let manifestFile = "simulation.json"
  public static let featureFiles = ["features/text.npy", "features/image.npy"]

  /// Writes the preset as the documented long layout (docs/ecvl.md) plus models and features:
  ///
  ///     DIR/scores.csv          sample_id, dataset, model, score, latency_s, input_tokens, output_tokens, prompt, image
  ///     DIR/models.csv          model, display_name, params_b, tier
  ///     DIR/features/text.npy   N × 384 float32; image.npy N × 256; sample_ids.txt one key per row
  ///     DIR/simulation.json     {"preset": "ecvl", "simulated": true, "seed": …, "scale": …}
  ///
  /// The same data gives the same bytes.
  public static func write(_ data: ECVLSimulatedData, to dir: URL) throws {
    precondition(data.text.rows == data.sampleCount, "write: the data was generated without features")
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("features"), withIntermediateDirectories: true)
    var csv = DelimitedText(separator: 0x2C, capacity: data.sampleCount * data.models.count * 120)
    csv.row(["sample_id", "dataset", "model", "score", "latency_s", "input_tokens", "output_tokens", "prompt",
             "image"])
    for i in 0..<data.sampleCount {
      for (m, model) in data.models.enumerated() {
        csv.row([data.sampleIndex[i], data.datasets[data.sampleDataset[i]].name, model.info.name,
                 shortNumber(data.scores[i, m]), String(format: "%.4f", data.latency[i, m]),
                 String(data.inputTokens[i]), String(data.outputTokens[i, m]), data.prompts[i], data.images[i]])
      }
    }
    try csv.write(to: dir.appendingPathComponent(scoresFile))

    var models = DelimitedText(separator: 0x2C)
    models.row(["model", "display_name", "params_b", "tier"])
    for m in data.models {
      models.row([m.info.name, m.info.displayName, m.info.paramsB.map(shortNumber) ?? "", m.info.tier.rawValue])
    }
    try models.write(to: dir.appendingPathComponent(modelsFile))

    let ids = (0..<data.sampleCount).map { data.sampleKey($0) + "\n" }.joined()
    try Data(ids.utf8).write(to: dir.appendingPathComponent("features/sample_ids.txt"))
    try NumpyArray(shape: [data.text.rows, data.text.columns], values: data.text.values)
      .write(to: dir.appendingPathComponent(featureFiles[0]))
    try NumpyArray(shape: [data.image.rows, data.image.columns], values: data.image.values)
      .write(to: dir.appendingPathComponent(featureFiles[1]))

    let manifest = """
      {"preset": "ecvl", "scale": \(shortNumber(data.config.scale)), "seed": \(data.config.seed), "simulated": true}

      """
    try Data(manifest.utf8).write(to: dir.appendingPathComponent(manifestFile))
  }
}
