import BenchCore
import BenchStore
import Foundation

@testable import LogImport

func temporaryDirectory(_ label: String = #function) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("LogImportTests-\(label.prefix(24).filter { $0.isLetter })-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// VLMEvalKit `to_csv(sep='\t', quoting=QUOTE_ALL)` style: every field quoted, quotes doubled.
func tsv(_ rows: [[String]], lineEnd: String = "\n") -> String {
  rows.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: "\t") }
    .joined(separator: lineEnd) + lineEnd
}

func write(_ text: String, to url: URL) throws {
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try Data(text.utf8).write(to: url)
}

/// A float32 C-order .npy file.
func writeNpy(_ values: [Float], shape: [Int], to url: URL) throws {
  let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
  while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
  header += "\n"
  var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
  let n = UInt16(header.utf8.count)
  data.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8)])
  data.append(contentsOf: Array(header.utf8))
  for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try data.write(to: url)
}

/// A small VLMEvalKit-style root: 2 models × 5 datasets × 4 samples, every judged-file convention, LMUData,
/// pricing.yaml, features and simulation.json. Expected scores and token counts are spelled out per cell.
struct Fixture {
  let root: URL
  static let models = ["Alpha-VL", "beta_vl.2"]
  static let run = "T20250426_Ga32ffdf2"
  static let prices: [String: TokenPrice] = [
    "Alpha-VL": TokenPrice(inputPerMillion: 0.5, outputPerMillion: 2),
    "beta_vl.2": TokenPrice(inputPerMillion: 0.1, outputPerMillion: 0.25),
  ]

  struct Cell {
    var prediction: String
    var score: Float
  }

  /// Questions per dataset (index → question), fixed.
  static let questions: [String: [(String, String)]] = [
    "MMStar": [("0", "Which option is red?"), ("1", "What is shown?"), ("2", "Pick one."), ("3", "Count the dogs.")],
    "HallusionBench": [("VD_illusion_1_0_0_0", "Is it bigger?"), ("VD_illusion_1_0_0_1", "Is it smaller?"),
                       ("VS_chart_2_0_0_0", "Is 2019 higher?"), ("VS_chart_2_0_0_1", "Is 2020 lower?")],
    "MathVista_MINI": [("1", "What is x?"), ("2", "Which choice?"), ("3", "Area?"), ("4", "Name the shape.")],
    "DocVQA_VAL": [("10", "What is the date?"), ("11", "Who signed?"), ("12", "Total?"), ("13", "Title?")],
    "OCRBench": [("0", "what is written in the image?"), ("1", "what is the number?"), ("2", "Transcribe."),
                 ("3", "Write the formula.")],
  ]
  static let datasets = ["MMStar", "HallusionBench", "MathVista_MINI", "DocVQA_VAL", "OCRBench"]

  init(root: URL) { self.root = root }

  var workDir: URL { root.appendingPathComponent("work_dir") }
  func runDir(_ model: String) -> URL { workDir.appendingPathComponent(model).appendingPathComponent(Self.run) }
  func file(_ model: String, _ dataset: String, _ suffix: String = "", ext: String = "tsv") -> URL {
    runDir(model).appendingPathComponent("\(model)_\(dataset)\(suffix).\(ext)")
  }

  /// The cells: prediction text and the score the importer must derive.
  static func cell(_ model: Int, _ dataset: String, _ i: Int) -> Cell {
    switch dataset {
    case "MMStar": return Cell(prediction: ["A", "B. The answer is B", "C", "D, because\tof \"tabs\""][i],
                               score: (i + model) % 2 == 0 ? 1 : 0)
    case "HallusionBench": return Cell(prediction: "Yes, line \(i)\nsecond line", score: (i + model) % 3 == 0 ? 1 : 0)
    case "MathVista_MINI": return Cell(prediction: "The answer is \(i)", score: [1, 1, model == 0 ? 1 : 0, 0][i])
    case "DocVQA_VAL": return Cell(prediction: "doc \(i)", score: [1, 0.75, 0, Float(1 - 0.25 * Double(model))][i])
    default:  // OCRBench
      return Cell(prediction: [" The word is CENTRE.", model == 0 ? "It says 42" : "It says 24", "nothing",
                               "x ^ { 2 } + 1"][i],
                  score: [1, model == 0 ? 1 : 0, 0, 1][i])
    }
  }

  func writeAll(pricing: Bool = true, lmuData: Bool = true, features: Bool = true, simulation: Bool = true) throws {
    for (m, model) in Self.models.enumerated() {
      for dataset in Self.datasets { try writeGroup(m, model, dataset) }
    }
    if lmuData {
      for dataset in Self.datasets {
        var rows = [["index", "image", "question", "answer", "category"]]
        for (i, (index, q)) in Self.questions[dataset]!.enumerated() {
          let image = i == 3 ? "['aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYW4gaW1hZ2UgYnV0IGl0IGlzIGxvbmcgZW5vdWdoIHRvIGhhc2g=', 'b2s=']"
            : String(repeating: "iVBORw0KGgo", count: 8)
          rows.append([index, image, q, "A", "cat\(i % 2)"])
        }
        try write(tsv(rows), to: root.appendingPathComponent("LMUData/\(dataset).tsv"))
      }
    }
    if pricing {
      try write("""
        version: "test-1"
        date: "2025-06-01"
        models:
          Alpha-VL: {input: 0.5, output: 2}
          beta_vl.2:
            input: 0.1
            output: 0.25
          Unused-Model: {input: 9, output: 9}
        """, to: root.appendingPathComponent("pricing.yaml"))
    }
    if features {
      let keys = Self.datasets.flatMap { d in Self.questions[d]!.map { "\(d)/\($0.0)" } }
      try write(keys.joined(separator: "\n") + "\n", to: root.appendingPathComponent("features/sample_ids.txt"))
      try writeNpy((0..<(keys.count * 3)).map { Float($0) / 2 }, shape: [keys.count, 3],
                   to: root.appendingPathComponent("features/text.npy"))
    }
    if simulation {
      try write(#"{"preset": "tiny-test", "scale": 0.01}"#, to: root.appendingPathComponent("simulation.json"))
    }
  }

  /// Writes the prediction file and the judged file of one (model, dataset).
  func writeGroup(_ m: Int, _ model: String, _ dataset: String, lineEnd: String = "\n") throws {
    let qs = Self.questions[dataset]!
    var pred = [["index", "question", "answer", "category", "prediction"]]
    for (i, (index, q)) in qs.enumerated() {
      let answer = dataset == "OCRBench" ? ["['CENTRE', 'centre']", "['42']", "['x']", "['x^{2}+1']"][i] : "A"
      let category = dataset == "OCRBench" && i == 3 ? "Handwritten Mathematical Expression Recognition" : "c"
      pred.append([index, q, answer, category, Self.cell(m, dataset, i).prediction])
    }
    try write(tsv(pred, lineEnd: lineEnd), to: file(model, dataset))
    switch dataset {
    case "MMStar":
      var rows = [pred[0] + ["hit", "log"]]
      for i in 0..<4 { rows.append(pred[i + 1] + [Self.cell(m, dataset, i).score == 1 ? "1" : "0", "Match Log: ok"]) }
      try write(tsv(rows, lineEnd: lineEnd), to: file(model, dataset, "_openai_result"))
      // An aggregate beside it must be ignored.
      try write(tsv([["split", "Overall"], ["none", "0.5"]]), to: file(model, dataset, "_acc", ext: "csv"))
    case "HallusionBench":
      var rows = [pred[0] + ["extracted", "score"]]
      for i in 0..<4 { rows.append(pred[i + 1] + ["Yes", Self.cell(m, dataset, i).score == 1 ? "True" : "False"]) }
      try write(tsv(rows, lineEnd: lineEnd), to: file(model, dataset, "_auxmatch"))
      try write(tsv([["split", "aAcc"], ["Overall", "50"]]), to: file(model, dataset, "_score", ext: "csv"))
    case "MathVista_MINI":
      var rows = [["index", "question", "answer", "question_type", "answer_option", "prediction", "res", "log"]]
      let answers = ["3", "square", "2.5", "7"]
      let options = ["", "B", "", ""]
      let types = ["free_form", "multi_choice", "free_form", "free_form"]
      let res = m == 0 ? ["3.0", "B", " 2.50 ", "8"] : ["3", "SQUARE", "2.4", "seven"]
      for i in 0..<4 {
        rows.append([qs[i].0, qs[i].1, answers[i], types[i], options[i], Self.cell(m, dataset, i).prediction, res[i], "Succeed"])
      }
      try write(tsv(rows, lineEnd: lineEnd), to: file(model, dataset, "_gpt-4o-mini"))
      try write(tsv([["Task&Skill", "acc"], ["Overall", "50"]]), to: file(model, dataset, "_gpt-4o-mini_score", ext: "csv"))
    case "DocVQA_VAL":
      var rows = [pred[0] + ["eval_gt", "eval_pred", "eval_match", "eval_score"]]
      let matches = ["[0.0, 0.4]", "[0.25]", "[0.6, 0.51]", m == 0 ? "[0.0]" : "[0.9, 0.25]"]
      for i in 0..<4 { rows.append(pred[i + 1] + ["['a']", "a", matches[i], "0.3"]) }
      try write(tsv(rows, lineEnd: lineEnd), to: file(model, dataset, "_results"))
    default: break  // OCRBench: no per-sample file
    }
  }

  static func inputTokens(_ dataset: String, _ i: Int) -> Int {
    ApproximateTokenCounter().count(questions[dataset]![i].1) + 256 * (i == 3 ? 2 : 1)
  }
}
