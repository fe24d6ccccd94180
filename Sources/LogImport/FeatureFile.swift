internal import BenchCore
internal import Foundation

/// Feature files: `.npy` arrays read with BenchCore's parser, memory-mapped, float32 or float64 (narrowed to Float).
enum FeatureFile {
  static func read(_ url: URL, path: String) throws(ImportError) -> NumpyArray {
    try requireRegularFile(url, displayPath: path)
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: path)
    }
    let result = data.withUnsafeBytes { raw in
      Result { () throws(BenchCoreError) in try NumpyArray.parse(raw, source: path, allowingFloat64: true) }
    }
    switch result {
    case .success(let array): return array
    case .failure(let error): throw ImportError(.malformed, error.message, file: path)
    }
  }
}
