/// An operating point in the accuracy–cost plane.
public struct OperatingPoint: Sendable, Hashable, Codable {
  public var cost: Double
  public var quality: Double
  public var label: String

  public init(cost: Double, quality: Double, label: String = "") {
    self.cost = cost
    self.quality = quality
    self.label = label
  }
}

/// Pareto frontiers and RouterBench's Average Improvement in Quality (Hu et al., 2024, Sec. 3).
public enum Frontier {
  /// The non-dominated points: no other point is at most as costly and strictly better, or strictly cheaper and at
  /// least as good. Sorted by cost ascending; O(n log n).
  public static func nonDominated(_ points: [OperatingPoint]) -> [OperatingPoint] {
    let sorted = points.filter { $0.cost.isFinite && $0.quality.isFinite }
      .sorted { $0.cost != $1.cost ? $0.cost < $1.cost : $0.quality > $1.quality }
    var out: [OperatingPoint] = []
    for p in sorted where out.isEmpty || p.quality > out[out.count - 1].quality {
      if let last = out.last, last.cost == p.cost { continue }
      out.append(p)
    }
    return out
  }

  /// The non-decreasing convex hull (RouterBench's NDCH): the upper concave envelope of the non-dominated points,
  /// the best quality reachable at each cost by mixing two operating points at random. Vertices sorted by cost;
  /// O(n log n) (Andrew's monotone chain on the Pareto set).
  public static func nonDecreasingConvexHull(_ points: [OperatingPoint]) -> [OperatingPoint] {
    var hull: [OperatingPoint] = []
    for p in nonDominated(points) {
      while hull.count >= 2 {
        let a = hull[hull.count - 2], b = hull[hull.count - 1]
        // Drop b when it lies on or below the segment a → p (cross product ≥ 0 means a non-right turn).
        let cross = (b.cost - a.cost) * (p.quality - a.quality) - (b.quality - a.quality) * (p.cost - a.cost)
        if cross >= 0 { hull.removeLast() } else { break }
      }
      hull.append(p)
    }
    return hull
  }

  /// The hull's quality at a cost: linear between vertices, flat after the last vertex (spending more never
  /// hurts), and 0 before the first (no mixture of the points is that cheap).
  public static func value(of hull: [OperatingPoint], at cost: Double) -> Double {
    guard let first = hull.first, let last = hull.last, cost >= first.cost else { return 0 }
    if cost >= last.cost { return last.quality }
    var lo = 0, hi = hull.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if hull[mid].cost <= cost { lo = mid } else { hi = mid }
    }
    let a = hull[lo], b = hull[hi]
    return a.quality + (b.quality - a.quality) * (cost - a.cost) / (b.cost - a.cost)
  }

  /// Average Improvement in Quality: the area under the hull over [costMin, costMax], divided by its width —
  /// the hull's mean quality over a common cost range, so routers are compared on the same interval.
  public static func aiq(_ points: [OperatingPoint], costMin: Double, costMax: Double) -> Double {
    precondition(costMax > costMin, "AIQ needs costMax > costMin")
    let hull = nonDecreasingConvexHull(points)
    guard !hull.isEmpty else { return 0 }
    // Exact integral of a piecewise-linear function: break at every vertex inside the interval (including the
    // first, where the function steps up from 0) and sum trapezoids to the right of the first vertex.
    let first = hull[0].cost
    let xs = ([costMin, costMax] + hull.map(\.cost).filter { $0 > costMin && $0 < costMax }).sorted()
    var area = 0.0
    for (x0, x1) in zip(xs, xs.dropFirst()) where x1 > x0 && x0 >= first {
      area += (value(of: hull, at: x0) + value(of: hull, at: x1)) / 2 * (x1 - x0)
    }
    return area / (costMax - costMin)
  }
}
