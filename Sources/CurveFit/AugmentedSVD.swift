import CBLAS

/// Thin SVD `A = U·diag(s)·Vᵀ` of a dense `rows×cols` matrix (`rows ≥ cols`) through LAPACK `dgesvd_`.
///
/// All buffers, including LAPACK's workspace (sized once by a workspace query), are allocated in
/// `init` and reused by every `factor()` call, so the solver's inner loop does not allocate for it.
/// Storage is column-major (Fortran): entry `(i, j)` of `a` and `u` lives at `i + j*rows`, and entry
/// `(k, j)` of `vt` at `k + j*cols`.
struct AugmentedSVD {
  let rows: Int
  let cols: Int
  /// Input matrix, column-major; destroyed by `factor()`.
  var a: [Double]
  /// Singular values, descending.
  var s: [Double]
  /// Left singular vectors, column-major `rows×cols`.
  var u: [Double]
  /// Right singular vectors transposed, column-major `cols×cols`.
  var vt: [Double]
  private var work: [Double]

  init(rows: Int, cols: Int) throws(CurveFitError) {
    precondition(rows >= cols && cols >= 1)
    self.rows = rows
    self.cols = cols
    a = Array(repeating: 0, count: rows * cols)
    s = Array(repeating: 0, count: cols)
    u = Array(repeating: 0, count: rows * cols)
    vt = Array(repeating: 0, count: cols * cols)
    work = [0]
    // Workspace query (lwork = -1): the optimal size comes back in work[0].
    let info = call(lwork: -1)
    guard info == 0 else { throw .svdFailed(info: info, rows: rows, columns: cols) }
    let optimal = max(Int(work[0].rounded(.up)), 5 * cols + rows, 1)
    work = Array(repeating: 0, count: optimal)
  }

  /// Factors `a` in place; afterwards `s`, `u` and `vt` hold the thin SVD.
  mutating func factor() throws(CurveFitError) {
    let info = call(lwork: Int32(work.count))
    guard info == 0 else { throw .svdFailed(info: info, rows: rows, columns: cols) }
  }

  private mutating func call(lwork: Int32) -> Int32 {
    var jobu = CChar(UInt8(ascii: "S"))
    var jobvt = CChar(UInt8(ascii: "S"))
    var m = Int32(rows), n = Int32(cols), lda = Int32(rows), ldu = Int32(rows), ldvt = Int32(cols)
    var lw = lwork
    var info: Int32 = 0
    a.withUnsafeMutableBufferPointer { a in
      s.withUnsafeMutableBufferPointer { s in
        u.withUnsafeMutableBufferPointer { u in
          vt.withUnsafeMutableBufferPointer { vt in
            work.withUnsafeMutableBufferPointer { w in
              dgesvd_(&jobu, &jobvt, &m, &n, a.baseAddress, &lda, s.baseAddress, u.baseAddress, &ldu,
                      vt.baseAddress, &ldvt, w.baseAddress, &lw, &info)
            }
          }
        }
      }
    }
    return info
  }
}
