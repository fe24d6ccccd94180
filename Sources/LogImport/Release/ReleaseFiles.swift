public import BenchCore
public import BenchStore
public import Foundation

/// Where the files of a VL-RouterBench data release are (spec §1.6–1.10), relative to its root:
///
/// ```
/// ROOT/data/matrices/Y.npz            quality, key Y, int8 0/1, N × K (np.savez_compressed)
/// ROOT/data/matrices/C.npy            cost, float32 USD per sample, N × K  (or the legacy C.npz, key C)
/// ROOT/data/matrices/cost_bounds.json cmin / cmax: the lowest / highest per-model mean of the entries > 0
/// ROOT/data/matrices/sample_ids.pkl   C's rows: a pickled list of str, sorted
/// ROOT/data/matrices/model_names.pkl  C's columns: a pickled list of str, sorted
/// ROOT/data/registry/meta.parquet     sample_id, dataset, split, task (not read: see docs/interchange.md)
/// ROOT/data/registry/sample_index.pkl, model_index.pkl   Y's rows and columns (optional; else C's)
/// ROOT/SPLITS/{train,dev,test}.jsonl  {"sample_id": …} per line: the paper's split
/// ```
public struct ReleaseLayout: Sendable {
  /// The release root (holding `data/` and `SPLITS/`).
  public var root: URL

  public init(root: URL) { self.root = root.standardizedFileURL }

  /// The layout of `url` when it is a release root (has `data/matrices/Y.npz`) or its `data/` folder; else nil.
  public static func detect(_ url: URL) -> ReleaseLayout? {
    let u = url.standardizedFileURL
    if FileKind(path: u.appendingPathComponent("data/matrices/Y.npz").path) != .missing { return ReleaseLayout(root: u) }
    if u.lastPathComponent == "data", FileKind(path: u.appendingPathComponent("matrices/Y.npz").path) != .missing {
      return ReleaseLayout(root: u.deletingLastPathComponent())
    }
    return nil
  }

  public static let matrices = "data/matrices"
  public static let registry = "data/registry"
  public static let splits = "SPLITS"

  func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
  func exists(_ relative: String) -> Bool { FileKind(path: url(relative).path) != .missing }
}

/// Bounded readers of the release's file formats. Every error is an `ImportError` naming the file (relative to
/// the release root) and, inside an `.npz`, the member.
enum ReleaseFiles {
  /// Largest file read whole: pickles and JSON (256 MiB) and matrices (2 GiB; the paper's Y is 0.5 MB, C 2 MB).
  static let maxSmallFileBytes = 256 << 20
  static let maxMatrixBytes = 2 << 30

  /// The bytes of a regular file no larger than `limit`.
  static func bytes(_ url: URL, path: String, limit: Int) throws(ImportError) -> [UInt8] {
    try requireRegularFile(url, displayPath: path)
    let size: Int
    do {
      size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
    } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: path)
    }
    guard size <= limit else {
      throw ImportError(.limitExceeded, "\(size) bytes; files of this kind are read up to \(limit) bytes", file: path)
    }
    do { return [UInt8](try Data(contentsOf: url)) } catch {
      throw ImportError(.unreadable, "cannot read: \(error.localizedDescription)", file: path)
    }
  }

  /// A pickled list of str (the restricted reader: no code runs, anything but such a list is refused).
  static func pickledStrings(_ url: URL, path: String) throws(ImportError) -> [String] {
    let raw = try bytes(url, path: path, limit: maxSmallFileBytes)
    do { return try RestrictedPickle.strings(raw, source: path) } catch {
      throw ImportError(error.kind == .unsupported ? .unsupported : .malformed, error.message, file: path)
    }
  }

  /// A 2-D `.npy` file.
  static func npy(_ url: URL, path: String) throws(ImportError) -> NumpyMatrix {
    let raw = try bytes(url, path: path, limit: maxMatrixBytes)
    return try matrix(raw, path: path, member: nil)
  }

  static func matrix(_ raw: [UInt8], path: String, member: String?) throws(ImportError) -> NumpyMatrix {
    do { return try NumpyMatrix.parse(raw, source: path) } catch {
      var e = ImportError(error.kind == .unsupported ? .unsupported : .malformed, error.message, file: path)
      e.part = member
      throw e
    }
  }

  /// Limits for `.npz` members: a 0/1 matrix deflates well, but not 1000:1 (a bomb does).
  static let npzLimits: XLSXLimits = {
    var l = XLSXLimits()
    l.maxCompressionRatio = 1000
    l.compressionRatioFloorBytes = 16 << 20
    return l
  }()

  /// The array stored under `key` in an `.npz` (a zip of `<key>.npy`, stored or deflated), with numpy's
  /// fallbacks when `key` is absent and the archive holds exactly one array (`arr_0`, `data`, …).
  static func npz(_ url: URL, path: String, key: String) throws(ImportError) -> (NumpyMatrix, member: String) {
    let archive: ZipArchive
    do { archive = try XLSXReader.openArchive(url) } catch let e as ImportError {
      throw ImportError(e.kind, e.message.replacingOccurrences(of: "ZIP archive", with: ".npz (ZIP) archive"), file: path)
    } catch {
      throw ImportError(.unreadableArchive, "not a readable .npz (ZIP) archive: \(error)", file: path)
    }
    let members = archive.entries.filter { $0.kind == .file }.map(\.path)
    let member: String
    if members.contains(key + ".npy") {
      member = key + ".npy"
    } else if members.count == 1, members[0].hasSuffix(".npy") {
      member = members[0]
    } else {
      throw ImportError(.missingPart, "no array '\(key)' (member \(key).npy); the archive holds: "
                          + (members.isEmpty ? "nothing" : members.joined(separator: ", ")), file: path)
    }
    let raw: [UInt8]
    do {
      raw = try XLSXReader.readWholePart(archive, path: member, file: path, limit: Int64(maxMatrixBytes), limits: npzLimits)
    } catch let e as ImportError {
      throw e
    } catch {
      throw ImportError(.unreadableArchive, "cannot read member \(member): \(error)", file: path)
    }
    return (try matrix(raw, path: path, member: member), member)
  }

  /// A JSON object file.
  static func jsonObject(_ url: URL, path: String) throws(ImportError) -> [String: Any] {
    let raw = try bytes(url, path: path, limit: maxSmallFileBytes)
    guard let object = try? JSONSerialization.jsonObject(with: Data(raw)), let dict = object as? [String: Any] else {
      throw ImportError(.malformed, "not a JSON object", file: path)
    }
    return dict
  }
}

// MARK: - Splits

/// The split files of a release, `SPLITS/{train,dev,test}.jsonl`: one JSON object per line with a string
/// `sample_id` (other keys ignored), as the reference code writes and reads them.
public enum ReleaseSplitFiles {
  /// The folder holding `train.jsonl`, `dev.jsonl`, `test.jsonl` under `url`: `url/SPLITS`, or `url` itself.
  public static func directory(in url: URL) -> URL? {
    for candidate in [url.appendingPathComponent(ReleaseLayout.splits), url]
    where FileKind(path: candidate.appendingPathComponent("train.jsonl").path) != .missing {
      return candidate
    }
    return nil
  }

  /// Reads the three parts. A missing part file, a line that is not an object with a string `sample_id`, or an
  /// id listed twice (in one part or in two) is an error naming the file and line.
  public static func read(directory dir: URL, displayPrefix: String = "SPLITS") throws(ImportError)
    -> [SplitName: [String]]
  {
    var parts: [SplitName: [String]] = [:]
    var seen: [String: (SplitName, Int)] = [:]
    for part in SplitName.allCases {
      let url = dir.appendingPathComponent(part.rawValue + ".jsonl")
      let path = displayPrefix + "/" + part.rawValue + ".jsonl"
      guard FileKind(path: url.path) != .missing else {
        throw ImportError(.unreadable, "missing: a split needs train.jsonl, dev.jsonl and test.jsonl", file: path)
      }
      let raw = try ReleaseFiles.bytes(url, path: path, limit: ReleaseFiles.maxSmallFileBytes)
      var ids: [String] = []
      var line = 0
      for slice in raw.split(separator: 0x0A, omittingEmptySubsequences: false) {
        line += 1
        let text = slice.last == 0x0D ? slice.dropLast() : slice
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text)) as? [String: Any],
              let id = object["sample_id"] as? String
        else {
          throw ImportError(.invalidRecord, "expected a JSON object with a string \"sample_id\"", file: path, row: line)
        }
        if let (other, otherLine) = seen[id] {
          throw ImportError(.duplicate, "sample \(id) is also on line \(otherLine) of \(other.rawValue).jsonl",
                            file: path, row: line)
        }
        seen[id] = (part, line)
        ids.append(id)
      }
      parts[part] = ids
    }
    return parts
  }

  /// Writes the three parts as the reference code does (`{"sample_id": "…"}` per line, JSON-escaped).
  public static func write(_ parts: [SplitName: [String]], to dir: URL) throws {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for part in SplitName.allCases {
      var out = Data()
      for id in parts[part] ?? [] {
        out.append(contentsOf: Array("{\"sample_id\": ".utf8))
        out.append(jsonString(id))
        out.append(contentsOf: Array("}\n".utf8))
      }
      try out.write(to: dir.appendingPathComponent(part.rawValue + ".jsonl"), options: .atomic)
    }
  }

  /// A JSON string literal as Python's `json.dumps` writes it (ASCII only: non-ASCII as `\uXXXX`).
  static func jsonString(_ s: String) -> Data {
    var out = "\""
    for u in s.utf16 {
      switch u {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(u)!)
      default: out += String(format: "\\u%04x", u)
      }
    }
    return Data((out + "\"").utf8)
  }
}

extension ReleaseSplitFiles {
  /// What storing a split file's split did.
  public struct Stored: Sendable {
    /// False when the database already held exactly this split under the name (nothing written).
    public var changed: Bool
    public var sizes: [SplitName: Int]
    /// Ids of the files that are not samples of the database (ignored).
    public var ignored: Int
    /// Samples of the database in no part (no run trains or tests on them), with a few examples.
    public var outside: Int
    public var outsideExamples: [String]
  }

  /// Stores the split read from `dir` (`SPLITS/` of a release, `run --split-from`) as split `name`, restricted to
  /// the database's samples; nothing is written when the stored split of that name is already the same. No
  /// sample of the files in the database is an error.
  public static func store(directory dir: URL, as name: String, in store: BenchStore) throws(ImportError) -> Stored {
    let parts = try read(directory: dir, displayPrefix: dir.path)
    do {
      return try store.transaction { tx in
        let index = try tx.sampleIndex()
        var kept: [SplitName: [String]] = [:]
        var ignored = 0
        for part in SplitName.allCases {
          let ids = parts[part] ?? []
          kept[part] = ids.filter { index[$0] != nil }
          ignored += ids.count - kept[part]!.count
        }
        let members = Set(kept.values.flatMap { $0 })
        guard !members.isEmpty else {
          throw ImportError(.incomplete, "none of the \(ignored) sample ids of the split files is a sample of this database "
                              + "(e.g. \(parts[.test]?.first ?? parts[.train]?.first ?? "?"); ids look like <dataset>/<index>)",
                            file: dir.path)
        }
        let outside = try tx.sampleIndex().sorted { $0.value.id < $1.value.id }.map(\.key).filter { !members.contains($0) }
        var sorted = kept
        for part in SplitName.allCases {
          sorted[part] = kept[part]!.sorted { index[$0]!.id < index[$1]!.id }
        }
        let changed = try tx.splitMembers(name) != sorted
        if changed {
          try tx.storeSplit(name: name, seed: nil, description: "read from \(dir.path) (train/dev/test.jsonl)", parts: sorted)
        }
        return Stored(changed: changed, sizes: sorted.mapValues(\.count), ignored: ignored, outside: outside.count,
                      outsideExamples: Array(outside.prefix(3)))
      }
    } catch {
      throw Importer.importError(error)
    }
  }
}
