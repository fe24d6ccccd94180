public import BenchCore
public import BenchStore
internal import Foundation
internal import Learning

/// Turns a run's feature key ("text+image/normalize_concat") into the fused matrix from the store's feature sets.
///
/// One set is used as it is; two sets are fused with a fixed method of VL-RouterBench App. G.2 (`FusionMethod`).
/// Trainable fusions (weighted average, GMU, MLB) are layers inside a router (`MLPRouter(fusion:)`), not a
/// property of the features, so they are not accepted here.
public struct FeatureLoader: Sendable {
  public var store: BenchStore

  public init(store: BenchStore) { self.store = store }

  /// Fusion names accepted in a key (dashes or underscores).
  public static var fusions: [String] { FusionMethod.allCases.filter { !$0.isTrainable }.map(\.rawValue) }

  public func load(_ key: String) throws -> Matrix<Float> {
    let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
    let sets = parts[0].split(separator: "+").map(String.init)
    let name = (parts.count > 1 ? parts[1] : FusionMethod.normalizeConcat.rawValue).replacingOccurrences(of: "-", with: "_")
    guard let fusion = FusionMethod(rawValue: name), !fusion.isTrainable else {
      throw SweepError.invalidFeatureKey(
        "fusion '\(name)' is not a fixed fusion; use one of \(Self.fusions.joined(separator: ", ")) (trainable fusions are router options, e.g. MLPRouter(fusion: .gmu(…)))")
    }
    guard (1...2).contains(sets.count) else {
      throw SweepError.invalidFeatureKey("name one feature set or two joined by '+', e.g. text+image; got '\(parts[0])'")
    }
    let available = try store.featureSetNames()
    for s in sets where !available.contains(s) {
      throw SweepError.invalidFeatureKey("no feature set '\(s)' in the database (stored: \(available.joined(separator: ", ")))")
    }
    let views = try sets.map { try store.loadFeatures(name: $0) }
    return views.count == 1 ? views[0] : fusion.fuse(text: views[0], image: views[1])
  }
}
