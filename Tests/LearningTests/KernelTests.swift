import BenchCore
import Foundation
import Learning
import Testing

/// Naive Double reference of op(A)·op(B).
func naiveProduct(_ a: Matrix<Float>, _ ta: Bool, _ b: Matrix<Float>, _ tb: Bool) -> [[Double]] {
  let m = ta ? a.columns : a.rows, k = ta ? a.rows : a.columns, n = tb ? b.rows : b.columns
  return (0..<m).map { i in
    (0..<n).map { j in
      (0..<k).reduce(0.0) { s, l in s + Double(ta ? a[l, i] : a[i, l]) * Double(tb ? b[j, l] : b[l, j]) }
    }
  }
}

@Suite struct BLASTests {
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gemmMatchesNaiveProduct(transposes: (Bool, Bool)) {
    var g = SplitMix64(seed: 11)
    let (ta, tb) = transposes
    let a = ta ? randomMatrix(4, 3, &g) : randomMatrix(3, 4, &g)
    let b = tb ? randomMatrix(5, 4, &g) : randomMatrix(4, 5, &g)
    let c = BLAS.matmul(a, transposeA: ta, b, transposeB: tb)
    let ref = naiveProduct(a, ta, b, tb)
    #expect(c.rows == 3 && c.columns == 5)
    for i in 0..<3 { for j in 0..<5 { #expect(abs(Double(c[i, j]) - ref[i][j]) < 1e-5) } }
  }

  @Test func gemmAccumulatesWithBeta() {
    let a = Matrix<Float>(rows: 1, columns: 2, values: [1, 2])
    let b = Matrix<Float>(rows: 2, columns: 1, values: [3, 4])
    var c = Matrix<Float>(rows: 1, columns: 1, values: [10])
    BLAS.gemm(a, b, alpha: 2, beta: 0.5, into: &c)
    #expect(c[0, 0] == 2 * 11 + 5)
  }

  @Test func threadCountIsSettableAndClampedToOne() {
    let before = BLAS.threadCount
    BLAS.setThreadCount(0)
    #expect(BLAS.threadCount == 1)
    BLAS.setThreadCount(before)
    #expect(BLAS.threadCount == before)
  }

  @Test func gemvBothWays() {
    let a = Matrix<Float>(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
    var y: [Float] = [0, 0]
    BLAS.gemv(a, [1, 0, -1], into: &y)
    #expect(y == [-2, -2])
    var z: [Float] = [0, 0, 0]
    BLAS.gemv(a, transpose: true, [1, 1], into: &z)
    #expect(z == [5, 7, 9])
  }
}

@Suite struct StandardizerAndFusionTests {
  @Test func populationStandardDeviationAndZeroSpread() {
    // Column 0: 1, 3 (selected rows 0 and 2) → mean 2, population std 1. Column 1 constant → scale 1.
    let x = Matrix<Float>(rows: 3, columns: 2, values: [1, 5, 100, 7, 3, 5])
    let s = Standardizer(fitting: x, rows: [0, 2])
    #expect(s.mean == [2, 5])
    #expect(s.scale == [1, 1])
    let t = s.transform(x, rows: [2, 1])
    #expect(t.values == [1, 0, 98, 2])
    let wide = Standardizer(fitting: Matrix(rows: 4, columns: 1, values: [0, 0, 4, 4]))
    #expect(wide.scale == [2])  // population std √(Σ(x − 2)²/4) = 2; the sample std would be 2.31
  }

  @Test func normalizeConcatLeavesZeroRowsAlone() {
    let text = Matrix<Float>(rows: 2, columns: 2, values: [3, 4, 0, 0])
    let image = Matrix<Float>(rows: 2, columns: 1, values: [-2, 5])
    let f = FusionMethod.normalizeConcat.fuse(text: text, image: image)
    let expected: [Float] = [0.6, 0.8, -1, 0, 0, 1]
    #expect(zip(f.values, expected).allSatisfy { abs($0 - $1) < 1e-6 } && f.columns == 3)
    #expect(FusionMethod.concat.fuse(text: text, image: image).values == [3, 4, -2, 0, 0, 5])
    #expect(FusionMethod.onlyText.fuse(text: text, image: image) == text)
    #expect(FusionMethod.onlyImage.fuse(text: text, image: image) == image)
    #expect(FusionMethod.gmu.isTrainable && !FusionMethod.normalizeConcat.isTrainable)
  }
}

@Suite struct NearestNeighborTests {
  @Test func matchesBruteForce() {
    var g = SplitMix64(seed: 21)
    let reference = randomMatrix(300, 9, &g)
    let queries = randomMatrix(40, 9, &g)
    let found = CosineNeighbors(reference: reference, blockSize: 16).search(queries, k: 6)
    for q in 0..<40 {
      func cosine(_ r: Int) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for j in 0..<9 {
          dot += Double(queries[q, j]) * Double(reference[r, j])
          na += Double(queries[q, j] * queries[q, j])
          nb += Double(reference[r, j] * reference[r, j])
        }
        return 1 - dot / (na.squareRoot() * nb.squareRoot())
      }
      let distances: [Double] = (0..<300).map(cosine)
      let order: [Int] = (0..<300).sorted { (a: Int, b: Int) -> Bool in
        distances[a] < distances[b] || (distances[a] == distances[b] && a < b)
      }
      let expected = Array(order.prefix(6))
      #expect(Array(found.neighbors(of: q)) == expected, "query \(q)")
      for (d, i) in zip(found.distances(of: q), expected) { #expect(abs(Double(d) - distances[i]) < 1e-5) }
    }
  }

  @Test func tiesGoToTheLowerIndexAndZeroRowsAreFar() {
    // Rows 1 and 3 are identical (and parallel to row 4), row 2 is zero.
    let reference = Matrix<Float>(rows: 5, columns: 2, values: [0, 1, 1, 0, 0, 0, 1, 0, 2, 0])
    let found = CosineNeighbors(reference: reference).search(Matrix(rows: 1, columns: 2, values: [3, 0]), k: 4)
    #expect(Array(found.neighbors(of: 0)) == [1, 3, 4, 0])
    #expect(Array(found.distances(of: 0)) == [0, 0, 0, 1])
    let capped = CosineNeighbors(reference: reference).search(Matrix(rows: 1, columns: 2, values: [0, -1]), k: 9)
    #expect(capped.k == 5)
    #expect(capped.neighbors(of: 0).last == 0)  // opposite direction: distance 2
    #expect(capped.distances(of: 0).last == 2)
  }
}

@Suite struct LogisticRegressionTests {
  @Test func convergesToAStationaryPointOfTheBalancedObjective() {
    var g = SplitMix64(seed: 31)
    let n = 400, d = 5
    let x = randomMatrix(n, d, &g)
    var y = Matrix<Float>(rows: n, columns: 2, repeating: 0)
    for i in 0..<n {
      y[i, 0] = Double(x[i, 0]) - 0.5 * Double(x[i, 1]) + g.nextGaussian() * 0.5 > 0.8 ? 1 : 0  // imbalanced
      y[i, 1] = Double(x[i, 2]) + g.nextGaussian() > 0 ? 1 : 0
    }
    let sol = LogisticRegression.fit(x, labels: y, columns: [0, 1])
    #expect(sol.converged == [true, true])
    // Independent gradient of (1/S)Σ s_i ℓ_i + ‖w‖²/(2CS) in Double at the solution.
    for c in 0..<2 {
      let pos = (0..<n).filter { y[$0, c] == 1 }.count
      let wPos = Double(n) / (2 * Double(pos)), wNeg = Double(n) / (2 * Double(n - pos))
      var grad = [Double](repeating: 0, count: d + 1)
      for i in 0..<n {
        var z = Double(sol.bias[c])
        for j in 0..<d { z += Double(x[i, j]) * Double(sol.weights[j, c]) }
        let yi = Double(y[i, c])
        let r = (yi == 1 ? wPos : wNeg) * (1 / (1 + exp(-z)) - yi)
        for j in 0..<d { grad[j] += r * Double(x[i, j]) }
        grad[d] += r
      }
      for j in 0..<d { grad[j] = grad[j] / Double(n) + Double(sol.weights[j, c]) / Double(n) }
      grad[d] /= Double(n)
      #expect(grad.allSatisfy { abs($0) < 1e-4 }, "problem \(c): \(grad)")
    }
    // The fitted direction is the generating one.
    #expect(sol.weights[0, 0] > 0 && sol.weights[1, 0] < 0 && sol.weights[2, 1] > 0)
  }
}

@Suite struct TextFeaturizerTests {
  @Test func fnvMatchesTheReferenceValue() {
    // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; our prefix byte is hashed first, so kind "a" + no bytes equals it.
    #expect(HashedTextFeaturizer.fnv1a([UInt8](), kind: 0x61) == 0xAF63_DC4C_8601_EC8C)
  }

  @Test func deterministicNormalisedAndSimilarityPreserving() {
    let f = HashedTextFeaturizer(dimension: 1024)
    let a = f.features("What is the area of the red triangle in the figure?")
    #expect(a == f.features("What is the area of the red triangle in the figure?"))
    #expect(abs(a.reduce(0) { $0 + Double($1 * $1) } - 1) < 1e-5)
    let near = f.features("what is the AREA of the blue triangle in this figure")
    let far = f.features("Transcribe every invoice number printed on this receipt.")
    func dot(_ u: [Float], _ v: [Float]) -> Double { zip(u, v).reduce(0) { $0 + Double($1.0 * $1.1) } }
    #expect(dot(a, near) > 0.5)
    #expect(dot(a, far) < 0.2, "\(dot(a, far))")
    #expect(f.features("  ,;  ").allSatisfy { $0 == 0 })
    #expect(HashedTextFeaturizer.words("Hello, WORLD-42!") == ["hello", "world", "42"])
    let m = f.features(["a b", ""])
    #expect(m.rows == 2 && m.columns == 1024)
  }
}
