public import BenchCore
public import BenchStore
public import Routers
internal import Foundation
internal import Learning

/// Turns a run's feature key ("text+image/normalize_concat") into the fused matrix from the store's feature sets.
///
/// One set is used as it is; two sets are fused with a method of VL-RouterBench App. G.2 (`FusionMethod`). For a
/// trainable fusion (weighted average, GMU, MLB) the matrix is the raw concatenation and the request travels with
/// it, so a router that supports it (MLP) learns the fusion layer.
public struct FeatureLoader: Sendable {
  public var store: BenchStore

  public init(store: BenchStore) { self.store = store }

  /// Fusion names accepted in a key (dashes or underscores).
  public static var fusions: [String] { FusionMethod.allCases.map(\.rawValue) }

  public func load(_ key: String) throws -> LoadedFeatures {
    let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
    let sets = parts[0].split(separator: "+").map(String.init)
    let name = (parts.count > 1 ? parts[1] : FusionMethod.normalizeConcat.rawValue).replacingOccurrences(of: "-", with: "_")
    guard let fusion = FusionMethod(rawValue: name) else {
      throw SweepError.invalidFeatureKey("unknown fusion '\(name)'; one of \(Self.fusions.joined(separator: ", "))")
    }
    guard (1...2).contains(sets.count) else {
      throw SweepError.invalidFeatureKey("name one feature set or two joined by '+', e.g. text+image; got '\(parts[0])'")
    }
    let available = try store.featureSetNames()
    for s in sets where !available.contains(s) {
      let stored = available.isEmpty ? "none stored" : "stored: " + available.joined(separator: ", ")
      throw SweepError.invalidFeatureKey(
        "no feature set '\(s)' in the database (\(stored)); import embeddings with `routerbench features import`, or compute text features with `routerbench features text` and pass --feature-set hashed-text")
    }
    let views = try sets.map { try store.loadFeatures(name: $0) }
    if views.count == 1 {
      guard !fusion.isTrainable else {
        throw SweepError.invalidFeatureKey("the trainable fusion '\(name)' needs two feature sets, e.g. text+image")
      }
      return LoadedFeatures(matrix: views[0])
    }
    return LoadedFeatures(
      matrix: fusion.fuse(text: views[0], image: views[1]),
      trainableFusion: fusion.isTrainable ? TrainableFusion(method: fusion.rawValue, textWidth: views[0].columns) : nil)
  }
}

/// A run's feature matrix and, for a trainable fusion, what the router must learn.
public struct LoadedFeatures: Sendable {
  public var matrix: Matrix<Float>
  public var trainableFusion: TrainableFusion?

  public init(matrix: Matrix<Float>, trainableFusion: TrainableFusion? = nil) {
    self.matrix = matrix
    self.trainableFusion = trainableFusion
  }
}
