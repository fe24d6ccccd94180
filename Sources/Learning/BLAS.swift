public import BenchCore
internal import CBLAS

/// Dense single-precision kernels on `Matrix<Float>` (row-major), backed by OpenBLAS's CBLAS.
///
/// Every routine states its shapes; a shape mismatch is a programmer error and traps with a message.
public enum BLAS {
  /// `C ← α·op(A)·op(B) + β·C` with `op(X) = X` or `Xᵀ` (`cblas_sgemm`).
  ///
  /// - Parameters:
  ///   - a: `m×k` (or `k×m` when `transposeA`).
  ///   - b: `k×n` (or `n×k` when `transposeB`).
  ///   - c: `m×n`; read only when `beta ≠ 0`.
  /// - Complexity: 2·m·n·k floating-point operations.
  public static func gemm(
    _ a: Matrix<Float>, transposeA: Bool = false, _ b: Matrix<Float>, transposeB: Bool = false,
    alpha: Float = 1, beta: Float = 0, into c: inout Matrix<Float>
  ) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.rows == m && c.columns == n, "gemm: output is \(c.rows)×\(c.columns), expected \(m)×\(n)")
    a.values.withUnsafeBufferPointer { pa in
      b.values.withUnsafeBufferPointer { pb in
        c.values.withUnsafeMutableBufferPointer { pc in
          gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
               a: pa.baseAddress, lda: a.columns, b: pb.baseAddress, ldb: b.columns, beta: beta,
               c: pc.baseAddress, ldc: n)
        }
      }
    }
  }

  /// `op(A)·op(B)` as a new matrix.
  public static func matmul(
    _ a: Matrix<Float>, transposeA: Bool = false, _ b: Matrix<Float>, transposeB: Bool = false
  ) -> Matrix<Float> {
    var c = Matrix<Float>(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns,
                          repeating: 0)
    gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
    return c
  }

  /// `y ← α·op(A)·x + β·y` (`cblas_sgemv`).
  ///
  /// - Parameters:
  ///   - a: `m×n`; `x` has `n` entries (or `m` when `transpose`), `y` has `m` (or `n`).
  public static func gemv(
    _ a: Matrix<Float>, transpose: Bool = false, _ x: [Float], alpha: Float = 1, beta: Float = 0,
    into y: inout [Float]
  ) {
    let nx = transpose ? a.rows : a.columns
    let ny = transpose ? a.columns : a.rows
    precondition(x.count == nx && y.count == ny,
                 "gemv: vector lengths \(x.count), \(y.count) for \(a.rows)×\(a.columns)")
    guard a.rows > 0, a.columns > 0 else {
      for i in y.indices { y[i] = beta == 0 ? 0 : beta * y[i] }
      return
    }
    a.values.withUnsafeBufferPointer { pa in
      x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in
          cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns), alpha,
                      pa.baseAddress, Int32(a.columns), px.baseAddress, 1, beta, py.baseAddress, 1)
        }
      }
    }
  }

  /// Raw row-major `sgemm` on pointers, for kernels that work on slices of larger buffers (weights inside a flat
  /// parameter vector, a block of rows). Degenerate sizes are handled here: `k = 0` scales `C` by β.
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>?, lda: Int, b: UnsafePointer<Float>?, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>?, ldc: Int
  ) {
    guard m > 0, n > 0, let c else { return }
    guard k > 0, let a, let b else {
      for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
      return
    }
    precondition(Swift.max(m, n, k, lda, ldb, ldc) < Int(Int32.max), "gemm: dimension exceeds the 32-bit BLAS API")
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(Swift.max(lda, 1)), b, Int32(Swift.max(ldb, 1)), beta,
                c, Int32(Swift.max(ldc, 1)))
  }

  /// OpenBLAS's worker-thread count (process-wide).
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// Sets OpenBLAS's worker-thread count for the **whole process**. Meant for the process owner (a sweep that runs
  /// one router per core should use 1: the skinny products of Linear/OVR then skip thread hand-offs), never for a
  /// router. Values below 1 are treated as 1.
  public static func setThreadCount(_ n: Int) { openblas_set_num_threads(Int32(Swift.max(1, n))) }

  /// The kernel family OpenBLAS runs (`openblas_get_corename`), e.g. "Haswell", "SkylakeX", "Prescott".
  ///
  /// Debian's libopenblas is built with DYNAMIC_ARCH: a library constructor picks the kernels from the CPU model
  /// (or from `OPENBLAS_CORETYPE`) when the library loads, and the float32 kernels of different families sum in
  /// different orders. See ``BLASKernelPin``.
  public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

  /// OpenBLAS's build configuration (`openblas_get_config`), e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH …".
  public static var configuration: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }

  /// Floating-point operations of one `m×k · k×n` product (2·m·n·k), for throughput reports.
  public static func gemmFlops(m: Int, n: Int, k: Int) -> Double { 2 * Double(m) * Double(n) * Double(k) }
}

/// The policy that makes float32 results identical on every x86-64 machine: run one fixed OpenBLAS kernel family.
///
/// OpenBLAS (DYNAMIC_ARCH) chooses its kernels once, in a library constructor, from the CPU model or from
/// `OPENBLAS_CORETYPE`; kernels of different families block and vectorise `sgemm`/`sgemv` differently, so sums, and
/// with them trained routers, differ in the last bits (on a CPU model OpenBLAS 0.3.21 does not know it falls back to
/// the SSE3 "Prescott" kernels, while known models get Haswell or SkylakeX). The executable therefore pins
/// ``pinnedCoreType`` — whose AVX2+FMA kernels run on every CPU that has those flags — by setting
/// `OPENBLAS_CORETYPE` and re-executing itself before any BLAS call. `ROUTERBENCH_BLAS_CORETYPE` chooses another
/// family, or `auto` to leave OpenBLAS's own choice.
public enum BLASKernelPin {
  /// The default family: AVX2 + FMA kernels, available on every x86-64 CPU with those flags.
  public static let pinnedCoreType = "Haswell"
  /// Environment variable that overrides the pinned family (`auto`: do not pin).
  public static let choiceVariable = "ROUTERBENCH_BLAS_CORETYPE"
  /// Set on the re-executed process, so a failed pin warns instead of looping.
  public static let reexecMarker = "ROUTERBENCH_BLAS_REEXEC"
  /// The variable OpenBLAS reads when it loads.
  public static let coreTypeVariable = "OPENBLAS_CORETYPE"

  public enum Action: Sendable, Equatable {
    /// The kernel is the wanted one (or the user chose not to pin): go on.
    case proceed
    /// Set `OPENBLAS_CORETYPE` to this family and re-execute the program.
    case reexec(coreType: String)
    /// Go on, after printing this warning once.
    case warn(String)
  }

  /// What the program should do at start, given its environment, the CPU's feature flags (`/proc/cpuinfo`) and the
  /// family OpenBLAS loaded (``BLAS/coreName``).
  public static func action(environment: [String: String], cpuFlags: Set<String>, loadedCore: String) -> Action {
    let choice = String((environment[choiceVariable] ?? "").filter { !$0.isWhitespace })
    if choice.lowercased() == "auto" { return .proceed }
    let target: String
    if !choice.isEmpty {
      target = choice
    } else if cpuFlags.isSuperset(of: ["avx2", "fma"]) {
      target = pinnedCoreType
    } else {
      return .warn("this CPU lacks AVX2/FMA, so the OpenBLAS kernel is not pinned (running \(loadedCore)); float32 "
        + "sums, hence trained routers' figures, may differ from the committed results/")
    }
    if loadedCore.lowercased() == target.lowercased() { return .proceed }
    if environment[coreTypeVariable] == target || environment[reexecMarker] == "1" {
      return .warn("asked OpenBLAS for the \(target) kernels but it runs \(loadedCore) (an OpenBLAS without "
        + "DYNAMIC_ARCH, or an unknown \(choiceVariable)?); results may differ from the committed results/")
    }
    return .reexec(coreType: target)
  }

  /// The CPU feature flags of the first processor in `/proc/cpuinfo`'s text (empty when there is none).
  public static func cpuFlags(cpuinfo: String) -> Set<String> {
    for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
    return []
  }
}
