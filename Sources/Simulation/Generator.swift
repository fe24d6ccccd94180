internal import Foundation
internal import BenchCore
internal import VLRouterBenchPreset

/// Generates a calibrated simulated benchmark. A pure function of `config`: the same config gives the same
/// benchmark (and, through `write`, the same bytes) on every machine.
///
/// The model (see docs/simulation.md): sample i of dataset d has latent factors z_i ~ N(μ_d, I_L) and a standardised
/// difficulty δ̃_i ~ N(0, 1); model m has abilities a_m ~ N(0, τ² I_L) and answers correctly iff
/// b_{m,d} + a_m·z_i − σ_d·δ̃_i + ε_{i,m} > 0 (ε standard logistic). b and σ are calibrated (`DatasetCalibration`).
/// Questions, answers, predictions and features are then rendered from the same latent draws.
public func simulate(_ config: SimulationConfig) -> SimulatedBenchmark {
  precondition(config.scale.isFinite && config.scale > 0, "scale must be a positive number")
  switch config.preset {
  case .vlRouterBench: return Generator(config: config).run()
  }
}

struct Generator {
  let config: SimulationConfig
  let latent = Profiles.latentDimension
  /// Standard deviation of each ability component: a_m·(z − μ) then has a standard deviation of about 1 logit.
  static let abilityScale = 0.35
  /// Standard deviation of the dataset means μ_d (datasets are far apart in latent space, hence in features).
  static let datasetMeanScale = 1.5
  /// Below this many test samples, σ_d is calibrated on the whole dataset instead of its test part.
  static let minimumTestRowsForSpread = 50

  func run() -> SimulatedBenchmark {
    let preset = VLRouterBench.shared
    let catalog = preset.datasets
    let modelCatalog = preset.models
    let k = modelCatalog.count
    let root = SplitMix64(seed: config.seed)

    var abilityStream = root.derived("abilities")
    let abilities = (0..<(k * latent)).map { _ in abilityStream.nextGaussian() * Self.abilityScale }

    let sizes = catalog.map { max(5, Int((Double($0.totalSamples) * config.scale).rounded())) }
    var datasetRows: [Range<Int>] = []
    var start = 0
    for n in sizes { datasetRows.append(start..<(start + n)); start += n }
    let total = start
    var sampleDataset = [Int32](repeating: 0, count: total)
    for (d, r) in datasetRows.enumerated() { for i in r { sampleDataset[i] = Int32(d) } }
    let split = StratifiedSplit.make(sampleDataset: sampleDataset, datasetNames: catalog.map(\.info.name),
                                     seed: config.splitSeed)
    var part = [UInt8](repeating: 0, count: total)
    for i in split[.dev] ?? [] { part[i] = 1 }
    for i in split[.test] ?? [] { part[i] = 2 }

    var samples: [SimulatedSample] = []
    samples.reserveCapacity(total)
    var quality = [Float](repeating: 0, count: total * k)
    var outputTokens = [Int32](repeating: 0, count: total * k)
    var responses = [SimulatedResponse](repeating: .accepted, count: total * k)
    var spreads: [Double] = [], targetUnsolved: [Int] = [], achievedUnsolved: [Int] = []

    for (d, range) in datasetRows.enumerated() {
      let profile = Profiles.datasets[d]
      precondition(profile.name == catalog[d].info.name, "Profiles.datasets is out of catalog order")
      let n = range.count
      var g = root.derived("latent/" + profile.name)
      let mean = (0..<latent).map { _ in g.nextGaussian() * Self.datasetMeanScale }
      var z = [Double](repeating: 0, count: n * latent)
      var difficulty = [Double](repeating: 0, count: n)
      var base = [Double](repeating: 0, count: n * k)
      for i in 0..<n {
        for l in 0..<latent { z[i * latent + l] = mean[l] + g.nextGaussian() }
        difficulty[i] = g.nextGaussian()
        for m in 0..<k {
          var dot = 0.0
          for l in 0..<latent { dot += abilities[m * latent + l] * z[i * latent + l] }
          base[i * k + m] = dot + g.nextLogistic()
        }
      }

      // Calibrate σ_d on the test part (the paper's figures are test-split figures), then fix every model's
      // count on every part.
      let cal = DatasetCalibration(rows: n, models: k, base: base, difficulty: difficulty,
                                   part: Array(part[range]), target: Profiles.targetAccuracy[d])
      let testRows = cal.rows(of: 2)
      let oracle = (preset.baselines[profile.name]?.oracle ?? 100) / 100
      let spreadRows = testRows.count >= Self.minimumTestRowsForSpread ? testRows : Array(0..<n)
      let wantUnsolved = Int(((1 - oracle) * Double(spreadRows.count)).rounded())
      let (sigma, _) = cal.calibrateSpread(targetUnsolved: wantUnsolved, subset: spreadRows)
      spreads.append(sigma)
      targetUnsolved.append(Int(((1 - oracle) * Double(testRows.count)).rounded()))
      achievedUnsolved.append(cal.unsolved(sigma: sigma, subset: testRows))
      var correct = [Bool](repeating: false, count: n * k)
      for p: UInt8 in 0...2 {
        let rows = cal.rows(of: p)
        let c = cal.correctness(sigma: sigma, subset: rows)
        for (j, i) in rows.enumerated() { for m in 0..<k { correct[i * k + m] = c[j * k + m] } }
      }

      // Sample content, answers, lengths.
      var content = SampleContentGenerator(profile: profile, dataset: d, mean: mean,
                                           stream: root.derived("samples/" + profile.name))
      var answerStream = root.derived("responses/" + profile.name)
      var lengthStream = root.derived("lengths/" + profile.name)
      for i in 0..<n {
        let zi = z[(i * latent)..<((i + 1) * latent)]
        let sample = content.make(local: i, latent: Array(zi), difficulty: difficulty[i])
        let row = range.lowerBound + i
        for m in 0..<k {
          let cell = row * k + m
          let response: SimulatedResponse =
            correct[i * k + m] ? .accepted : Responses.wrong(for: sample, judge: profile.judge, using: &answerStream)
          responses[cell] = response
          quality[cell] = Responses.score(response, sample: sample, judge: profile.judge)
          outputTokens[cell] = Responses.outputLength(
            response: response, sample: sample, dataset: profile, model: Profiles.models[m],
            difficulty: difficulty[i], using: &lengthStream)
        }
        samples.append(sample)
      }
    }

    var textStream = root.derived("text")
    let textSeed = textStream.next()
    let features = FeatureGenerator(latent: latent, stream: root.derived("features"))
      .make(samples: samples, spreads: spreads)

    return SimulatedBenchmark(
      config: config, datasets: catalog.map(\.info), models: modelCatalog.map(\.info),
      prices: modelCatalog.map(\.price), samples: samples, datasetRows: datasetRows,
      quality: Matrix(rows: total, columns: k, values: quality),
      outputTokens: Matrix(rows: total, columns: k, values: outputTokens), responses: responses,
      abilities: abilities, features: features,
      calibration: CalibrationSummary(difficultySpread: spreads, targetAccuracy: Profiles.targetAccuracy,
                                      targetUnsolved: targetUnsolved, achievedUnsolved: achievedUnsolved),
      textSeed: textSeed)
  }
}
