// libFuzzer target: .npy arrays — feature files (`NumpyArray`, float32/float64) and the data release's matrices
// (`NumpyMatrix`, any plain dtype) — from memory. Accepted shapes must account for every value.
import BenchCore
import FuzzSupport

runFuzzer { input in
  let bytes = Array(input)
  do {
    let a = try NumpyArray(npy: bytes, source: "fuzz.npy")
    precondition(a.shape.reduce(1, *) == a.values.count, "shape \(a.shape) but \(a.values.count) values")
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.npy")
  }
  do {
    let m = try NumpyMatrix.parse(bytes, source: "fuzz.npy")
    precondition(m.rows * m.columns == m.values.count, "\(m.rows) × \(m.columns) but \(m.values.count) values")
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.npy")
  }
}
