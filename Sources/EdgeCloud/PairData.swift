public import BenchCore
public import BenchStore
internal import Foundation

/// One edge/cloud pair's data in memory: every stored sample with both models' judge scores, latencies and
/// output tokens, and the inputs routers may read (prompt statistics; features are attached separately).
public struct PairData: Sendable {
  public let pair: EdgeCloudPair
  public let sampleKeys: [String]
  public let datasets: [DatasetInfo]
  /// Index into `datasets` per row.
  public let sampleDataset: [Int32]
  public let prompts: [String]
  public let hasImage: [Bool]
  public let inputTokens: [Int32]
  /// Judge scores in [1, 10].
  public let edgeScore: [Double]
  public let cloudScore: [Double]
  /// Seconds.
  public let edgeLatency: [Double]
  public let cloudLatency: [Double]
  public let edgeTokens: [Int32]
  public let cloudTokens: [Int32]
  /// False when the records carry no output tokens (all 0): token saving is then not available.
  public let tokensKnown: Bool

  public var count: Int { sampleKeys.count }

  /// The pair's columns of a graded table.
  ///
  /// - Throws: `EdgeCloudError.missingData` naming the model when it is not stored, and the sample when a record
  ///   has no judge score or no latency (records imported from VLMEvalKit logs have neither);
  ///   `.invalidValue` when the models' stored tiers say the pair is reversed.
  public init(table: GradedTable, pair: EdgeCloudPair) throws(EdgeCloudError) {
    let names = table.models.map(\.name)
    func column(_ name: String) throws(EdgeCloudError) -> Int {
      guard let j = names.firstIndex(of: name) else {
        throw EdgeCloudError(.missingData, "model is not in the database (models: \(names.joined(separator: ", ")))",
                             pair: pair.label, key: name)
      }
      return j
    }
    let e = try column(pair.edge), c = try column(pair.cloud)
    if table.models[e].tier == .cloud && table.models[c].tier == .edge {
      throw EdgeCloudError(.invalidValue, "the pair is reversed: \(pair.edge) is stored as a cloud model and "
                             + "\(pair.cloud) as an edge model; write pairs CLOUD/EDGE", pair: pair.label)
    }
    let n = table.sampleCount
    guard n > 0 else { throw EdgeCloudError(.missingData, "the database has no samples", pair: pair.label) }
    var es = [Double](), cs = [Double](), el = [Double](), cl = [Double](), et = [Int32](), ct = [Int32]()
    es.reserveCapacity(n)
    for i in 0..<n {
      for (j, name) in [(e, pair.edge), (c, pair.cloud)] {
        guard table.hasRecord[i, j] else {
          throw EdgeCloudError(.missingData, "model \(name) has no record of this sample", pair: pair.label,
                               key: table.sampleKeys[i])
        }
        guard !table.judge[i, j].isNaN else {
          throw EdgeCloudError(.missingData, "model \(name)'s record has no judge score (records imported from "
                                 + "VLMEvalKit logs are not graded; import graded scores with `routerbench scenario "
                                 + "import`)", pair: pair.label, key: table.sampleKeys[i])
        }
        guard !table.latency[i, j].isNaN else {
          throw EdgeCloudError(.missingData, "model \(name)'s record has no latency", pair: pair.label,
                               key: table.sampleKeys[i])
        }
      }
      es.append(table.judge[i, e])
      cs.append(table.judge[i, c])
      el.append(table.latency[i, e])
      cl.append(table.latency[i, c])
      et.append(table.outputTokens[i, e])
      ct.append(table.outputTokens[i, c])
    }
    try self.init(pair: pair, sampleKeys: table.sampleKeys, datasets: table.datasets,
                  sampleDataset: table.sampleDataset, prompts: table.prompts, hasImage: table.hasImage,
                  inputTokens: table.inputTokens, edgeScore: es, cloudScore: cs, edgeLatency: el, cloudLatency: cl,
                  edgeTokens: et, cloudTokens: ct)
  }

  /// A pair's data given column by column (every array one entry per sample).
  ///
  /// - Throws: `EdgeCloudError.invalidValue` naming the sample of a judge score outside [1, 10] or a negative or
  ///   non-finite latency, or when the arrays differ in length.
  public init(pair: EdgeCloudPair, sampleKeys: [String], datasets: [DatasetInfo], sampleDataset: [Int32],
              prompts: [String], hasImage: [Bool], inputTokens: [Int32], edgeScore: [Double], cloudScore: [Double],
              edgeLatency: [Double], cloudLatency: [Double], edgeTokens: [Int32], cloudTokens: [Int32])
    throws(EdgeCloudError)
  {
    let n = sampleKeys.count
    guard [sampleDataset.count, prompts.count, hasImage.count, inputTokens.count, edgeScore.count, cloudScore.count,
           edgeLatency.count, cloudLatency.count, edgeTokens.count, cloudTokens.count].allSatisfy({ $0 == n }) else {
      throw EdgeCloudError(.invalidValue, "the pair's columns differ in length", pair: pair.label)
    }
    for i in 0..<n {
      guard sampleDataset[i] >= 0, Int(sampleDataset[i]) < datasets.count else {
        throw EdgeCloudError(.invalidValue, "dataset index \(sampleDataset[i]) of \(datasets.count)", pair: pair.label,
                             key: sampleKeys[i])
      }
      for s in [edgeScore[i], cloudScore[i]] where !(s.isFinite && (1...10).contains(s)) {
        throw EdgeCloudError(.invalidValue, "judge score \(s) is outside [1, 10]", pair: pair.label, key: sampleKeys[i])
      }
      for l in [edgeLatency[i], cloudLatency[i]] where !(l.isFinite && l >= 0) {
        throw EdgeCloudError(.invalidValue, "latency \(l) s is negative or not finite", pair: pair.label,
                             key: sampleKeys[i])
      }
    }
    self.pair = pair
    self.sampleKeys = sampleKeys
    self.datasets = datasets
    self.sampleDataset = sampleDataset
    self.prompts = prompts
    self.hasImage = hasImage
    self.inputTokens = inputTokens
    self.edgeScore = edgeScore
    self.cloudScore = cloudScore
    self.edgeLatency = edgeLatency
    self.cloudLatency = cloudLatency
    self.edgeTokens = edgeTokens
    self.cloudTokens = cloudTokens
    tokensKnown = edgeTokens.contains { $0 > 0 } || cloudTokens.contains { $0 > 0 }
  }

  /// L per row: whether the edge model is competent under `rule` at `mes`.
  public func labels(rule: LabelRule, mes: MES) -> [Bool] {
    (0..<count).map { rule.isEdgeCompetent(edge: edgeScore[$0], cloud: cloudScore[$0], mes: mes) }
  }

  /// SHA-256 over everything a scenario run's outcome depends on in this data: pair, sample keys and datasets,
  /// prompts and image flags (the statistics branch reads them), input tokens, both models' judge scores,
  /// latencies and output tokens (exact bits).
  public var fingerprint: String {
    var h = SHA256()
    func text(_ s: String) { h.update(Array(s.utf8)); h.update([0]) }
    text("routerbench-edge-cloud-pair-v1")
    text(pair.label)
    for d in datasets { text(d.name) }
    for i in 0..<count {
      text("\(sampleKeys[i])\t\(sampleDataset[i])\t\(inputTokens[i])\t\(hasImage[i] ? 1 : 0)")
      text(prompts[i])
    }
    for a in [edgeScore, cloudScore, edgeLatency, cloudLatency] { a.withUnsafeBytes { h.update($0) } }
    for a in [edgeTokens, cloudTokens] { a.withUnsafeBytes { h.update($0) } }
    return h.hexDigest()
  }
}

/// Routing metrics of one set of decisions (ECVL-Router Eq. 4–6).
public struct RoutingMetrics: Sendable, Hashable {
  public var samples: Int
  /// Average problem-solving probability: share of routed responses whose judge score ≥ MES.
  public var apsp: Double
  /// Cost advantage: share routed to the edge.
  public var ca: Double
  /// Average inference latency of the routed responses, seconds.
  public var ail: Double
  /// Mean judge score of the routed responses.
  public var meanScore: Double
  public var outputTokens: Int
  public var latencySum: Double

  public func rcs(_ w: RCSWeights) -> Double { w.score(apsp: apsp, ca: ca, ail: ail) }
}

/// The metrics of Table 4 beyond APSP, CA and AIL.
public struct RoutingEvaluation: Sendable, Hashable {
  public var metrics: RoutingMetrics
  /// Share of rows whose decision (edge or not) equals the label.
  public var accuracy: Double
  /// RouteLLM's performance gap recovered on mean judge score: (S_router − S_edge)/(S_cloud − S_edge); nil when the
  /// two models' means are equal.
  public var pgr: Double?
  /// Σ cloud output tokens − Σ routed output tokens; nil when the data has no output tokens.
  public var tokenSaving: Int?
  /// Σ cloud latency − Σ routed latency, seconds.
  public var timeSaving: Double
}

extension PairData {
  /// APSP, CA and AIL of sending `rows[i]` to the edge iff `edge[i]`.
  public func metrics(rows: [Int], edge: [Bool], mes: MES) -> RoutingMetrics {
    precondition(rows.count == edge.count && !rows.isEmpty, "metrics: \(rows.count) rows, \(edge.count) decisions")
    var solved = 0, onEdge = 0, tokens = 0
    var latency = 0.0, score = 0.0
    for (r, i) in rows.enumerated() {
      let s = edge[r] ? edgeScore[i] : cloudScore[i]
      if mes.isMet(by: s) { solved += 1 }
      if edge[r] { onEdge += 1 }
      score += s
      latency += edge[r] ? edgeLatency[i] : cloudLatency[i]
      tokens += Int(edge[r] ? edgeTokens[i] : cloudTokens[i])
    }
    let n = Double(rows.count)
    return RoutingMetrics(samples: rows.count, apsp: Double(solved) / n, ca: Double(onEdge) / n, ail: latency / n,
                          meanScore: score / n, outputTokens: tokens, latencySum: latency)
  }

  /// `metrics` plus router accuracy against `labels` (one per row of the data), PGR, token and time saving.
  public func evaluation(rows: [Int], edge: [Bool], mes: MES, labels: [Bool]) -> RoutingEvaluation {
    let m = metrics(rows: rows, edge: edge, mes: mes)
    var agree = 0
    var edgeMean = 0.0, cloudMean = 0.0, cloudLatencySum = 0.0
    var cloudTokenSum = 0
    for (r, i) in rows.enumerated() {
      if edge[r] == labels[i] { agree += 1 }
      edgeMean += edgeScore[i]
      cloudMean += cloudScore[i]
      cloudLatencySum += cloudLatency[i]
      cloudTokenSum += Int(cloudTokens[i])
    }
    let n = Double(rows.count)
    edgeMean /= n
    cloudMean /= n
    let gap = cloudMean - edgeMean
    return RoutingEvaluation(metrics: m, accuracy: Double(agree) / n,
                             pgr: gap == 0 ? nil : (m.meanScore - edgeMean) / gap,
                             tokenSaving: tokensKnown ? cloudTokenSum - m.outputTokens : nil,
                             timeSaving: cloudLatencySum - m.latencySum)
  }
}
