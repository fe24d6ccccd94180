public import BenchStore
public import Foundation
internal import BenchCore

/// The one way a feature file enters a database, whether it sits in an import's `features/` folder or is given
/// to `routerbench features import`: the same reader (`.npy`, float32, N × …, sample ids one per line) and the
/// same rules (ids of samples that are not stored are skipped, an id twice is an error naming the row, every
/// stored sample needs a vector, an identical set is left as it is).
public enum FeatureImport {
  /// What importing one feature file did.
  public struct Outcome: Sendable, Hashable {
    public var name: String
    public var rows: Int
    public var dimension: Int
    /// false when an identical set was already stored.
    public var wrote: Bool
  }

  /// Imports `npy` (with the sample ids in `ids`, else `NAME_ids.txt` or `sample_ids.txt` beside it) as the
  /// feature set `name` (default: the file's stem), in one transaction.
  public static func importFile(_ npy: URL, ids: URL?, name: String?, into store: BenchStore) throws -> Outcome {
    let f = try GroupParser.readFeatures(npy, ids: ids, name: name, root: npy.deletingLastPathComponent())
    let now = ISO8601DateFormatter().string(from: Date())
    return try store.transaction { tx in
      let (wrote, rows, dimension, _) = try FeatureImport.store(f, in: tx, importedAt: now)
      return Outcome(name: f.name, rows: rows, dimension: dimension, wrote: wrote)
    }
  }

  /// Stores parsed features under the importer's rules and records the file (unless `recordFile` is false: the
  /// importer records it later, to keep `importedFile` ids in file order). Returns whether the set was written,
  /// its shape and the file's row.
  static func store(_ f: ParsedFeatures, in tx: StoreTransaction, importedAt now: String, recordFile: Bool = true)
    throws -> (wrote: Bool, rows: Int, dimension: Int, file: ImportedFile)
  {
    let stored = try tx.sampleIndex()
    let dimension = f.shape.dropFirst().reduce(1, *)
    var keep: [Int] = []
    keep.reserveCapacity(f.keys.count)
    var covered = Set<String>()
    for (i, k) in f.keys.enumerated() where stored[k] != nil {
      guard covered.insert(k).inserted else {
        throw ImportError(.duplicate, "sample '\(k)' appears twice", file: f.idsPath, row: i + 1)
      }
      keep.append(i)
    }
    if covered.count < stored.count {
      let lacking = stored.keys.filter { !covered.contains($0) }.sorted().prefix(3)
      throw ImportError(.features, "\(stored.count - covered.count) stored samples have no vector (e.g. "
                          + lacking.joined(separator: ", ") + ")", file: f.path)
    }
    let all = keep.count == f.keys.count
    var values = f.values
    if !all {
      values = []
      values.reserveCapacity(keep.count * dimension)
      for i in keep { values.append(contentsOf: f.values[(i * dimension)..<((i + 1) * dimension)]) }
    }
    let wrote = try tx.saveFeatureSet(name: f.name, sampleKeys: all ? f.keys : keep.map { f.keys[$0] },
                                      matrix: Matrix(rows: keep.count, columns: dimension, values: values),
                                      source: f.path, sha256: all ? f.sha256 : nil)
    try tx.setFeatureShape(Array(f.shape.dropFirst()), ofFeatureSet: f.name)
    let file = ImportedFile(path: f.path, sha256: f.sha256, kind: "features", rows: f.keys.count, importedAt: now)
    if recordFile { try tx.recordImportedFile(file) }
    return (wrote, keep.count, dimension, file)
  }
}
