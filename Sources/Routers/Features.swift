public import BenchCore
internal import Learning

/// A run's feature matrix and, for a trainable fusion, what the router must learn.
public struct LoadedFeatures: Sendable {
  public var matrix: Matrix<Float>
  public var trainableFusion: TrainableFusion?

  public init(matrix: Matrix<Float>, trainableFusion: TrainableFusion? = nil) {
    self.matrix = matrix
    self.trainableFusion = trainableFusion
  }

  /// Fuses one or two stored views as `key` says (VL-RouterBench App. G.2): one view is used as it is; two are
  /// fused with `key.fusion`. For a trainable fusion (weighted average, GMU, MLB) the matrix is the raw
  /// concatenation and the request travels with it, so a router that supports it (MLP) learns the layer.
  public init(views: [Matrix<Float>], key: FeatureKey) {
    precondition(views.count == key.sets.count && (1...2).contains(views.count))
    if views.count == 1 {
      self.init(matrix: views[0])
    } else {
      self.init(matrix: key.fusion.fuse(text: views[0], image: views[1]),
                trainableFusion: key.fusion.isTrainable ? TrainableFusion(method: key.fusion, textWidth: views[0].columns) : nil)
    }
  }
}

/// How routers use the machine's cores.
public enum RouterCompute {
  /// Every run uses one BLAS thread: parallelism comes from running runs side by side, and a fixed thread count
  /// keeps floating-point sums, hence results, identical whatever the number of parallel runs.
  public static func useOneBLASThreadPerRun() { BLAS.setThreadCount(1) }
}
