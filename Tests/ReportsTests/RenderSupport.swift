import BenchCore
import Foundation
import Testing
import ZIPFoundation

@testable import Reports

/// An external program the render tests use (pdflatex, chromium, rsvg-convert, python3), found on PATH.
struct ExternalTool {
  let url: URL

  static func find(_ name: String) -> ExternalTool? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return ExternalTool(url: url) }
    }
    return nil
  }

  /// Runs the tool to completion; stdout and stderr go to files (no pipe can fill up and block the tool).
  func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil,
           environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let dir = try scratchDirectory("tool")
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
    let inURL = dir.appendingPathComponent("stdin")
    for u in [outURL, errURL] { FileManager.default.createFile(atPath: u.path, contents: nil) }
    try Data((stdin ?? "").utf8).write(to: inURL)
    let p = Process()
    p.executableURL = url
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = directory }
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    p.standardOutput = out
    p.standardError = err
    p.standardInput = try FileHandle(forReadingFrom: inURL)
    try p.run()
    p.waitUntilExit()
    try out.close()
    try err.close()
    return (p.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self), String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}

/// Why a render test cannot run on this machine (printed by Swift Testing as the skip reason).
enum Tools {
  static let pdflatex = ExternalTool.find("pdflatex")
  static let chromium = ExternalTool.find("chromium") ?? ExternalTool.find("chromium-browser")
  static let rsvg = ExternalTool.find("rsvg-convert")
  static let python = ExternalTool.find("python3")
}

/// A decoded 8-bit RGB or RGBA PNG (what Chromium's screenshots are), enough to tell a blank page from a page.
struct PNGImage {
  var width: Int, height: Int, channels: Int
  var pixels: [UInt8]

  struct DecodeError: Error, CustomStringConvertible {
    var description: String
  }

  init(_ data: Data) throws {
    let bytes = [UInt8](data)
    guard bytes.count > 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
      throw DecodeError(description: "not a PNG (signature)")
    }
    func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
    var i = 8, idat: [UInt8] = []
    var w = 0, h = 0, depth = 0, colour = 0, interlace = 0
    while i + 8 <= bytes.count {
      let length = be32(i), type = String(decoding: bytes[i + 4..<i + 8], as: UTF8.self)
      guard i + 12 + length <= bytes.count else { throw DecodeError(description: "truncated \(type) chunk") }
      let body = i + 8
      if type == "IHDR" {
        (w, h, depth, colour, interlace) = (be32(body), be32(body + 4), Int(bytes[body + 8]), Int(bytes[body + 9]),
                                            Int(bytes[body + 12]))
      } else if type == "IDAT" {
        idat += bytes[body..<body + length]
      } else if type == "IEND" {
        break
      }
      i = body + length + 4
    }
    guard depth == 8, colour == 2 || colour == 6, interlace == 0, w > 0, h > 0 else {
      throw DecodeError(description: "unsupported PNG: depth \(depth), colour type \(colour), interlace \(interlace)")
    }
    let channels = colour == 6 ? 4 : 3
    // A zlib stream: a 2-byte header, raw deflate (ZIPFoundation inflates raw deflate), an Adler-32 trailer.
    let deflate = Data(idat.dropFirst(2))
    var raw = Data()
    _ = try Data.decompress(size: Int64(deflate.count), bufferSize: max(deflate.count, 1), skipCRC32: true,
                            provider: { position, size in deflate.subdata(in: Int(position)..<min(Int(position) + size, deflate.count)) },
                            consumer: { raw.append($0) })
    let stride = w * channels
    guard raw.count >= h * (stride + 1) else { throw DecodeError(description: "short image data: \(raw.count) bytes") }
    let src = [UInt8](raw)
    var out = [UInt8](repeating: 0, count: h * stride)
    for y in 0..<h {
      let filter = src[y * (stride + 1)]
      let row = y * (stride + 1) + 1
      for x in 0..<stride {
        let a = x >= channels ? Int(out[y * stride + x - channels]) : 0
        let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
        let c = x >= channels && y > 0 ? Int(out[(y - 1) * stride + x - channels]) : 0
        let v = Int(src[row + x])
        let predicted: Int
        switch filter {
        case 0: predicted = 0
        case 1: predicted = a
        case 2: predicted = b
        case 3: predicted = (a + b) / 2
        case 4:
          let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
        default: throw DecodeError(description: "bad filter \(filter) on row \(y)")
        }
        out[y * stride + x] = UInt8((v + predicted) & 0xFF)
      }
    }
    (width, height, self.channels, pixels) = (w, h, channels, out)
  }

  /// The share of pixels that differ from the top-left pixel (the page background) by more than a little.
  var nonBackgroundShare: Double {
    let bg = Array(pixels[0..<3])
    var n = 0
    for p in stride(from: 0, to: pixels.count, by: channels) {
      if abs(Int(pixels[p]) - Int(bg[0])) + abs(Int(pixels[p + 1]) - Int(bg[1])) + abs(Int(pixels[p + 2]) - Int(bg[2])) > 30 {
        n += 1
      }
    }
    return Double(n) / Double(width * height)
  }

  /// Distinct colours after keeping the top 4 bits of each channel.
  var coarseColours: Int {
    var seen = Set<Int>()
    for p in stride(from: 0, to: pixels.count, by: channels) {
      seen.insert(Int(pixels[p] >> 4) << 8 | Int(pixels[p + 1] >> 4) << 4 | Int(pixels[p + 2] >> 4))
    }
    return seen.count
  }
}

func scratchDirectory(_ name: String) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rb-\(name)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

/// Writes `files` (report-relative paths) under `dir`.
func write(_ files: [(path: String, contents: String)], under dir: URL) throws {
  for (path, contents) in files {
    let url = dir.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
  }
}

/// A report built to break things: 16 routers over four families (five λ-dependent, the rest λ-independent),
/// names that are markup in every format (LaTeX commands, Markdown pipes, HTML, CSV formulas, shell escapes,
/// non-ASCII), three datasets one of which is hostile, partial credit (score ≠ correct), single models with long
/// and hostile names.
func stressInput(accuracy: AccuracyRule = .correct) -> ReportInput {
  let hostileDataset = #"\input|"id>pwned" ^~ 50% & <b>Ω</b>"#
  let datasets = [
    DatasetInfo(name: "TextVQA_VAL", displayName: "TextVQA", group: .general, answerType: .openVQA),
    DatasetInfo(name: "MathVista_MINI", displayName: "MathVista", group: .stem, answerType: .openVQA),
    DatasetInfo(name: "hostile", displayName: hostileDataset, group: .chartDoc, answerType: .openVQA),
  ]
  let routers: [(String, RouterFamily, Bool)] = [
    ("Oracle", .baseline, false), ("Strongest", .baseline, false), ("Cheapest", .baseline, false),
    ("StrongestPerDataset", .baseline, false), ("Random", .baseline, false), ("BestValuePerDataset", .baseline, false),
    ("KNN", .feature, false), ("PRkNN", .feature, false), ("OVR", .feature, false), ("K-means", .feature, false),
    ("Linear", .feature, true), ("MLP", .feature, true),
    (#"=HYPERLINK("http://x")|col"#, .external, true), (#"\write18{id}_é-ß--x"#, .external, false),
    ("<script>alert(1)</script>", .endToEnd, true), ("Routér 模型 \"q\" 'a' `b`", .scenario, true),
  ]
  let lambdas: [Lambda] = [.finite(0), .finite(10), .finite(100), .infinity]
  let bounds = CostBounds(cmin: 0.142e-4, cmax: 10.7e-4)
  let rs = RankScore(bounds: bounds)
  var g = SplitMix64(seed: 99)
  var rows: [ResultRow] = []
  var id: Int64 = 0
  for (k, (name, family, dependent)) in routers.enumerated() {
    for (li, l) in (dependent ? lambdas : [.notApplicable]).enumerated() {
      for seed in UInt64(1)...(dependent ? 2 : 1) {
        id += 1
        var total = Outcome()
        for (d, info) in datasets.enumerated() {
          let n = 100 + 50 * d
          // Cheaper and less accurate as λ grows; each router its own level.
          let accuracy = 0.5 + 0.03 * Double(k % 9) - 0.04 * Double(li) + 0.01 * g.nextUnit()
          let correct = (Double(n) * accuracy).rounded()
          let partial = min(Double(n), correct + Double(n) * 0.08)
          let cost = Double(n) * (0.2e-4 + 0.5e-4 * Double(k % 7) / Double(1 + li) + 0.05e-4 * g.nextUnit())
          let o = Outcome(samples: n, correct: correct, scoreSum: partial, costSum: cost)
          total = total + o
          rows.append(ResultRow(runID: id, router: name, family: family, lambda: l, seed: seed, split: .test,
                                dataset: info.name, outcome: o, rankScore: rs.score(accuracy: o.accuracy, cost: o.averageCost),
                                isUpperBound: name == "Oracle"))
        }
        for split in [SplitName.test, .dev] {
          rows.append(ResultRow(runID: id, router: name, family: family, lambda: l, seed: seed, split: split,
                                dataset: ResultRow.allDatasets, outcome: total,
                                rankScore: rs.score(accuracy: total.accuracy, cost: total.averageCost),
                                isUpperBound: name == "Oracle"))
        }
      }
    }
  }
  let models = ["Qwen2.5-VL-72B-Instruct", "InternVL2.5-78B", "Gemini-Flash-2.5", "GPT-4o", "Janus-Pro-1B",
                "SmolVLM2", "Phi-3.5-Vision", "DeepSeek-VL2-Tiny", "Model | <i>x</i> & \\emph{y}", "Pixtral-12B"]
  let singles = models.enumerated().map { k, m in
    OperatingPoint(cost: 0.15 * pow(1.45, Double(k)), quality: 40 + 38 * (1 - exp(-0.5 * Double(k))) + Double(k % 3),
                   label: m)
  }
  return ReportInput(benchmarkName: #"bench_{1} #2 ~home/\x"#, preset: nil, simulated: false, datasets: datasets,
                     routerOrder: routers.map(\.0), results: rows, bounds: bounds, singleModels: singles,
                     provenance: [("database", "/tmp/a|b<c>.sqlite"), ("experiment", "x & y")], accuracy: accuracy)
}
