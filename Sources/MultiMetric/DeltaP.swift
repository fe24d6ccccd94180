internal import BenchCore

/// One metric at one operating point: the mean value of the routed outputs, of all-edge and of all-cloud on the
/// same samples, and its ΔP.
public struct MetricOutcome: Sendable, Hashable, Codable {
  public var metric: MetricName
  public var router: Double
  public var edge: Double
  public var cloud: Double
  /// (P_router − P_edge)·orientation / |P_cloud − P_edge| × 100; nil (undefined) when P_cloud = P_edge.
  public var deltaP: Double?
}

/// The protocol's numbers at one routing rate (RouteT2I supplementary, Tables 5–22).
public struct RateEvaluation: Sendable, Hashable, Codable {
  public var rate: RoutingRate
  public var samples: Int
  /// Share actually sent to the cloud: round(r·n)/n.
  public var cloudShare: Double
  public var metrics: [MetricOutcome]
  /// The mean of the defined per-metric ΔPs; nil when no metric is defined (every metric has edge = cloud).
  public var deltaP: Double?
  /// The metrics left out of the mean because edge and cloud are equal on them.
  public var undefined: [MetricName]

  /// "ΔP is the mean over 9 of 10 metrics: harmony has edge = cloud (ΔP undefined)", or nil when all count.
  public var note: String? {
    guard !undefined.isEmpty else { return nil }
    let names = undefined.map(\.rawValue).joined(separator: ", ")
    let defined = metrics.count - undefined.count
    return "ΔP is the mean over \(defined) of \(metrics.count) metrics: \(names) "
      + (undefined.count == 1 ? "has" : "have") + " P_cloud = P_edge (ΔP undefined, left out)"
  }
}

extension PairQuality {
  /// ΔP and the per-metric means of sending `rows[k]` to the cloud iff `cloud[k]`.
  ///
  /// Per metric m: ΔP_m = (P_router − P_edge)·o_m / |P_cloud − P_edge| × 100 with o_m = +1 for a higher-is-better
  /// metric and −1 otherwise: all-cloud scores +100 on a metric where the cloud model is better and −100 on one
  /// where it is worse, so Random at r = 0.5 scores 10·k − 50 with the cloud better on k of 10 metrics. ΔP = mean of the defined ΔP_m. A metric with P_cloud = P_edge on these rows is undefined, reported and left
  /// out of the mean (never a division by zero).
  public func evaluate(rows: [Int], cloud decisions: [Bool], rate: RoutingRate) -> RateEvaluation {
    precondition(rows.count == decisions.count && !rows.isEmpty, "evaluate: \(rows.count) rows, \(decisions.count) decisions")
    let m = metrics.count
    var routed = [Double](repeating: 0, count: m), e = routed, c = routed
    var onCloud = 0
    for (k, i) in rows.enumerated() {
      if decisions[k] { onCloud += 1 }
      for j in 0..<m {
        let ev = edge[i, j], cv = cloud[i, j]
        e[j] += ev
        c[j] += cv
        routed[j] += decisions[k] ? cv : ev
      }
    }
    let n = Double(rows.count)
    var outcomes: [MetricOutcome] = []
    var undefined: [MetricName] = []
    var sum = 0.0, defined = 0
    for j in 0..<m {
      let pe = e[j] / n, pc = c[j] / n, pr = routed[j] / n
      let gap = abs(pc - pe)
      var d: Double?
      if gap > 0 {
        d = (pr - pe) * metrics[j].orientation / gap * 100
        sum += d!
        defined += 1
      } else {
        undefined.append(metrics[j].name)
      }
      outcomes.append(MetricOutcome(metric: metrics[j].name, router: pr, edge: pe, cloud: pc, deltaP: d))
    }
    return RateEvaluation(rate: rate, samples: rows.count, cloudShare: Double(onCloud) / n, metrics: outcomes,
                          deltaP: defined > 0 ? sum / Double(defined) : nil, undefined: undefined)
  }

  /// How many metrics the cloud model is better on over `rows` (orientation-aware; equal metrics count for neither).
  public func cloudBetterCount(rows: [Int]) -> Int {
    var k = 0
    for j in 0..<metrics.count {
      var g = 0.0
      for i in rows { g += gap(i, j) }
      if g > 0 { k += 1 }
    }
    return k
  }
}

/// The ΔP–routing-rate curve of one router: ΔP at each rate and the area under it.
public struct DeltaPCurve: Sendable, Hashable, Codable {
  public var points: [RateEvaluation]

  public init(points: [RateEvaluation]) { self.points = points.sorted { $0.rate < $1.rate } }

  /// ∫ ΔP(r) dr by the trapezoid rule over the curve's rates (percent × rate; over [0, 1] a router that recovers the
  /// whole gap at every rate would score 100). Nil when fewer than two rates have a defined ΔP.
  public var area: Double? {
    let defined = points.compactMap { p in p.deltaP.map { (p.rate.value, $0) } }
    guard defined.count >= 2 else { return nil }
    var a = 0.0
    for k in 1..<defined.count {
      a += (defined[k].0 - defined[k - 1].0) * (defined[k].1 + defined[k - 1].1) / 2
    }
    return a
  }

  public func point(at rate: RoutingRate) -> RateEvaluation? { points.first { $0.rate == rate } }
}
