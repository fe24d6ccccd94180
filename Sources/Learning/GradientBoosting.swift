public import BenchCore
internal import Foundation

/// Gradient-boosted decision trees for binary classification on histogram bins, the algorithm of LightGBM and
/// scikit-learn's `HistGradientBoostingClassifier` (Ke et al., "LightGBM", NeurIPS 2017), grown depth-limited.
///
/// - Binning: per feature, the midpoints between consecutive distinct values when there are at most `maxBins`,
///   else the `maxBins − 1` percentiles at 100·k/maxBins with midpoint interpolation (`np.percentile(…,
///   method="midpoint")`, made unique) — scikit-learn's `_find_binning_thresholds`. A value goes to the bin of
///   the first threshold ≥ it (bin = number of thresholds below the value).
/// - Loss: binary log loss on the raw score F; per sample g = σ(F) − y, h = σ(F)(1 − σ(F)). F starts at the log
///   odds of the training mean.
/// - Trees: every node is split on the (feature, bin) with the largest gain
///   G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ), if that gain is > `minGain`, both children keep at least
///   `minSamplesLeaf` samples and a hessian sum ≥ 10⁻³, and the node is shallower than `maxDepth` (root = depth 0);
///   leaves get −G/(H + λ + 10⁻¹⁵)·`learningRate` (scikit-learn's guard against H = 0). Ties go to the lower feature, then the lower bin.
/// - Histograms: a child's histogram is built from its rows only for the smaller child; the larger one is the
///   parent's minus it (LightGBM's subtraction trick).
///
/// scikit-learn grows best-first with `max_leaf_nodes` (31 by default); with `max_leaf_nodes=None` and a
/// `max_depth` it grows the same trees as this depth-limited grower. Test: `GradientBoostingTests` against a
/// committed scikit-learn fixture (scripts/fixtures/make_gbdt_fixture.py).
public struct GradientBoostedTrees: Sendable, Hashable, Codable {
  public struct Options: Sendable, Hashable, Codable {
    public var trees: Int = 100
    public var learningRate: Double = 0.1
    public var maxDepth: Int = 5
    public var minSamplesLeaf: Int = 20
    /// At most 255 (bins are stored as bytes).
    public var maxBins: Int = 255
    /// λ, the L2 penalty on leaf values.
    public var l2: Double = 0
    public var minGain: Double = 0

    public init() {}

    /// Problems with these options (empty when valid).
    public var problems: [String] {
      var p: [String] = []
      if trees < 1 { p.append("trees must be ≥ 1") }
      if !(learningRate > 0 && learningRate.isFinite) { p.append("learning_rate must be > 0") }
      if maxDepth < 1 { p.append("max_depth must be ≥ 1") }
      if minSamplesLeaf < 1 { p.append("min_samples_leaf must be ≥ 1") }
      if !(2...255).contains(maxBins) { p.append("max_bins must be in 2…255") }
      if !(l2 >= 0 && l2.isFinite) { p.append("l2 must be ≥ 0") }
      if !(minGain >= 0 && minGain.isFinite) { p.append("min_gain must be ≥ 0") }
      return p
    }
  }

  /// One tree: internal nodes send a sample left when its value of `feature` is ≤ `threshold`.
  public struct Tree: Sendable, Hashable, Codable {
    /// −1 marks a leaf.
    public var feature: [Int32]
    public var threshold: [Double]
    public var left: [Int32]
    public var right: [Int32]
    /// The leaf value (shrinkage included); 0 for internal nodes.
    public var value: [Double]

    public var leafCount: Int { feature.filter { $0 < 0 }.count }

    func predict(_ x: UnsafeBufferPointer<Float>) -> Double {
      var n = 0
      while feature[n] >= 0 {
        n = Int(Double(x[Int(feature[n])]) <= threshold[n] ? left[n] : right[n])
      }
      return value[n]
    }
  }

  public var options: Options
  public var featureCount: Int
  /// Log odds of the training mean.
  public var baseScore: Double
  public var trees: [Tree]
  /// Per feature, the ascending bin thresholds.
  public var thresholds: [[Double]]

  /// Fits `options.trees` trees to `x` (N × F, finite values) and labels `y`.
  ///
  /// - Throws: `LearningError.invalidInput` for an empty or non-finite input, mismatched lengths, or invalid options.
  /// - Complexity: O(trees · depth · N · F) bin updates (half of them, by the subtraction trick), plus O(F · N log N)
  ///   for binning.
  public static func fit(x: Matrix<Float>, y: [Bool], options: Options = Options()) throws(LearningError)
    -> GradientBoostedTrees
  {
    let problems = options.problems
    guard problems.isEmpty else { throw LearningError(.invalidConfiguration, "GBDT: " + problems.joined(separator: "; ")) }
    guard x.rows == y.count, x.rows > 0, x.columns > 0 else {
      throw LearningError(.invalidInput, "GBDT: \(x.rows) × \(x.columns) inputs for \(y.count) labels")
    }
    if let bad = x.values.firstIndex(where: { !$0.isFinite }) {
      throw LearningError(.invalidInput, "GBDT: a value that is not finite", sequence: bad / x.columns,
                          position: bad % x.columns)
    }
    let n = x.rows, f = x.columns
    let thresholds = (0..<f).map { column in binThresholds(x, column: column, maxBins: options.maxBins) }
    // Column-major bins: one byte per (feature, row), each feature's column contiguous (histograms are built one
    // feature at a time, with that feature's histogram in L1).
    var bins = [UInt8](repeating: 0, count: n * f)
    for j in 0..<f {
      let t = thresholds[j]
      for i in 0..<n { bins[j * n + i] = UInt8(lowerBound(t, Double(x[i, j]))) }
    }
    let positives = y.reduce(0) { $0 + ($1 ? 1 : 0) }
    let mean = min(max(Double(positives) / Double(n), 1e-15), 1 - 1e-15)
    let base = log(mean / (1 - mean))
    var raw = [Double](repeating: base, count: n)
    var grower = TreeGrower(rows: n, features: f, bins: bins, thresholds: thresholds, options: options)
    var trees: [Tree] = []
    trees.reserveCapacity(options.trees)
    var g = [Double](repeating: 0, count: n), h = [Double](repeating: 0, count: n)
    for _ in 0..<options.trees {
      for i in 0..<n {
        let p = BinaryCrossEntropy.probability(raw[i])
        g[i] = p - (y[i] ? 1 : 0)
        h[i] = p * (1 - p)
      }
      let (tree, leafOfRow) = grower.grow(gradients: g, hessians: h)
      for i in 0..<n { raw[i] += tree.value[leafOfRow[i]] }
      trees.append(tree)
    }
    return GradientBoostedTrees(options: options, featureCount: f, baseScore: base, trees: trees,
                                thresholds: thresholds)
  }

  /// The raw score F (log odds) of each row.
  public func rawScores(_ x: Matrix<Float>) -> [Double] {
    precondition(x.columns == featureCount, "GBDT: \(x.columns) features, fitted on \(featureCount)")
    var out = [Double](repeating: baseScore, count: x.rows)
    x.values.withUnsafeBufferPointer { v in
      for i in 0..<x.rows {
        let row = UnsafeBufferPointer(rebasing: v[(i * x.columns)..<((i + 1) * x.columns)])
        var s = baseScore
        for t in trees { s += t.predict(row) }
        out[i] = s
      }
    }
    return out
  }

  /// P(y = 1) of each row.
  public func probabilities(_ x: Matrix<Float>) -> [Double] { rawScores(x).map(BinaryCrossEntropy.probability) }

  // MARK: Binning

  /// scikit-learn's `_find_binning_thresholds` for one column.
  static func binThresholds(_ x: Matrix<Float>, column j: Int, maxBins: Int) -> [Double] {
    var values = (0..<x.rows).map { Double(x[$0, j]) }
    values.sort()
    var distinct: [Double] = []
    for v in values where distinct.last != v { distinct.append(v) }
    if distinct.count <= maxBins {
      return zip(distinct, distinct.dropFirst()).map { ($0 + $1) / 2 }
    }
    // np.percentile(values, 100·k/maxBins for k in 1..<maxBins, method="midpoint"), then unique.
    var out: [Double] = []
    let n = values.count
    for k in 1..<maxBins {
      let position = Double(k) / Double(maxBins) * Double(n - 1)
      let lo = Int(position.rounded(.down)), hi = Int(position.rounded(.up))
      let t = (values[lo] + values[hi]) / 2
      if out.last != t { out.append(t) }
    }
    return out
  }

  /// The number of thresholds below `v` (the bin of `v`).
  static func lowerBound(_ t: [Double], _ v: Double) -> Int {
    var lo = 0, hi = t.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if t[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

/// Grows one depth-limited tree on histograms (see `GradientBoostedTrees`).
struct TreeGrower {
  let rows: Int
  let features: Int
  let bins: [UInt8]
  let thresholds: [[Double]]
  let options: GradientBoostedTrees.Options
  /// Bins per feature (thresholds + 1).
  let binCount: [Int]
  /// Histogram layout: feature j's bins start at offset[j]; each entry holds (Σg, Σh, count).
  let offset: [Int]
  let histogramSize: Int
  static let minHessian = 1e-3

  init(rows: Int, features: Int, bins: [UInt8], thresholds: [[Double]], options: GradientBoostedTrees.Options) {
    self.rows = rows
    self.features = features
    self.bins = bins
    self.thresholds = thresholds
    self.options = options
    binCount = thresholds.map { $0.count + 1 }
    var o: [Int] = []
    var total = 0
    for c in binCount {
      o.append(total)
      total += c
    }
    offset = o
    histogramSize = total
  }

  /// Per bin (Σg, Σh, count), interleaved: bin k's three values at 3k, 3k + 1, 3k + 2.
  struct Histogram {
    var values: [Double]
  }

  struct Split {
    var feature: Int
    var bin: Int
    var gain: Double
  }

  mutating func grow(gradients g: [Double], hessians h: [Double]) -> (GradientBoostedTrees.Tree, [Int]) {
    var tree = GradientBoostedTrees.Tree(feature: [], threshold: [], left: [], right: [], value: [])
    var leafOfRow = [Int](repeating: 0, count: rows)
    let all = Array(0..<rows)
    let hist = build(all, g, h)
    var sumG = 0.0, sumH = 0.0
    for i in 0..<rows {
      sumG += g[i]
      sumH += h[i]
    }
    grow(node: &tree, rows: all, histogram: hist, sumG: sumG, sumH: sumH, depth: 0, g: g, h: h, leafOfRow: &leafOfRow)
    return (tree, leafOfRow)
  }

  /// Adds a node for `rows` (splitting it recursively); returns its index.
  @discardableResult
  func grow(node tree: inout GradientBoostedTrees.Tree, rows: [Int], histogram: consuming Histogram, sumG: Double, sumH: Double,
            depth: Int, g: [Double], h: [Double], leafOfRow: inout [Int]) -> Int {
    let index = tree.feature.count
    tree.feature.append(-1)
    tree.threshold.append(0)
    tree.left.append(-1)
    tree.right.append(-1)
    tree.value.append(-sumG / (sumH + options.l2 + 1e-15) * options.learningRate)
    guard depth < options.maxDepth, rows.count >= 2 * options.minSamplesLeaf,
          let split = bestSplit(histogram, sumG: sumG, sumH: sumH, count: rows.count) else {
      for i in rows { leafOfRow[i] = index }
      return index
    }
    var leftRows: [Int] = [], rightRows: [Int] = []
    leftRows.reserveCapacity(rows.count)
    rightRows.reserveCapacity(rows.count)
    let f = split.feature, b = UInt8(split.bin)
    for i in rows {
      if bins[f * self.rows + i] <= b { leftRows.append(i) } else { rightRows.append(i) }
    }
    var leftG = 0.0, leftH = 0.0
    for k in offset[f]...(offset[f] + split.bin) {
      leftG += histogram.values[3 * k]
      leftH += histogram.values[3 * k + 1]
    }
    let smallerIsLeft = leftRows.count <= rightRows.count
    let small = build(smallerIsLeft ? leftRows : rightRows, g, h)
    var large = histogram  // the parent's histogram, consumed: no copy
    large.values.withUnsafeMutableBufferPointer { l in
      small.values.withUnsafeBufferPointer { s in
        for k in 0..<l.count { l[k] -= s[k] }
      }
    }
    tree.value[index] = 0
    tree.feature[index] = Int32(f)
    tree.threshold[index] = thresholds[f][split.bin]
    let l = grow(node: &tree, rows: leftRows, histogram: smallerIsLeft ? small : large, sumG: leftG, sumH: leftH,
                 depth: depth + 1, g: g, h: h, leafOfRow: &leafOfRow)
    let r = grow(node: &tree, rows: rightRows, histogram: smallerIsLeft ? large : small, sumG: sumG - leftG,
                 sumH: sumH - leftH, depth: depth + 1, g: g, h: h, leafOfRow: &leafOfRow)
    tree.left[index] = Int32(l)
    tree.right[index] = Int32(r)
    return index
  }

  /// The histogram of `rows`: per feature, the gradients and hessians are gathered in row order first (scikit-learn's
  /// "ordered gradients"), then each feature's column of bins is read once.
  func build(_ rows: [Int], _ g: [Double], _ h: [Double]) -> Histogram {
    var hist = [Double](repeating: 0, count: 3 * histogramSize)
    let og = rows.map { g[$0] }, oh = rows.map { h[$0] }
    let all = rows.count == self.rows
    bins.withUnsafeBufferPointer { b in
      rows.withUnsafeBufferPointer { r in
        og.withUnsafeBufferPointer { pg in
          oh.withUnsafeBufferPointer { ph in
            hist.withUnsafeMutableBufferPointer { out in
              for j in 0..<features {
                let column = b.baseAddress! + j * self.rows
                let o = 3 * offset[j]
                if all {
                  for k in 0..<r.count {
                    let at = o + 3 * Int(column[k])
                    out[at] += pg[k]
                    out[at + 1] += ph[k]
                    out[at + 2] += 1
                  }
                } else {
                  for k in 0..<r.count {
                    let at = o + 3 * Int(column[r[k]])
                    out[at] += pg[k]
                    out[at + 1] += ph[k]
                    out[at + 2] += 1
                  }
                }
              }
            }
          }
        }
      }
    }
    return Histogram(values: hist)
  }

  func bestSplit(_ hist: Histogram, sumG: Double, sumH: Double, count: Int) -> Split? {
    let lambda = options.l2
    let parent = sumG * sumG / (sumH + lambda)
    var best: Split?
    let minLeaf = Double(options.minSamplesLeaf), total = Double(count)
    hist.values.withUnsafeBufferPointer { v in
    for j in 0..<features where binCount[j] > 1 {
      var gl = 0.0, hl = 0.0, nl = 0.0
      for b in 0..<(binCount[j] - 1) {
        let k = 3 * (offset[j] + b)
        gl += v[k]
        hl += v[k + 1]
        nl += v[k + 2]
        let nr = total - nl
        if nl < minLeaf { continue }
        if nr < minLeaf { break }
        let hr = sumH - hl, gr = sumG - gl
        if hl < Self.minHessian || hr < Self.minHessian { continue }
        let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent
        if gain > options.minGain, best.map({ gain > $0.gain }) ?? true { best = Split(feature: j, bin: b, gain: gain) }
      }
    }
    }
    return best
  }
}
