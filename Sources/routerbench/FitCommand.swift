import ArgumentParser
import CurveFit
import Foundation

struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit the frontier y = a(1 − e^(−b·x)) + c to cost,accuracy points (bounded Trust Region Reflective).",
    discussion: """
      The input is a CSV with a header containing `cost` and `accuracy` columns (cost in USD per 10K samples,
      accuracy in %); other columns are ignored. Bounds: a ≥ 0, b ≥ 0, 0 ≤ c ≤ 100. Compare with
      scipy.optimize.least_squares(method="trf") on the same points.
      """)

  enum Format: String, ExpressibleByArgument { case json, text }

  @Option(help: "CSV file with cost,accuracy columns.") var points: String
  @Option(help: "Output format: json or text.") var format: Format = .json

  func run() throws {
    let pts = try Self.readPoints(points)
    let fit: FrontierFit
    do {
      fit = try fitSaturationFrontier(points: pts)
    } catch {
      throw CLIError("\(points): \(error)")
    }
    switch format {
    case .json:
      let obj: [String: Any] = ["a": fit.a, "b": fit.b, "c": fit.c, "r2": fit.r2, "iterations": fit.iterations,
                                "status": "\(fit.status)"]
      let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    case .text:
      print(String(format: "a = %.6f  b = %.6f  c = %.6f  a + c = %.4f  R² = %.6f  (%d iterations, %@)",
                   fit.a, fit.b, fit.c, fit.a + fit.c, fit.r2, fit.iterations, "\(fit.status)"))
    }
  }

  static func readPoints(_ path: String) throws -> [(cost: Double, accuracy: Double)] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CLIError("cannot read \(path)")
    }
    let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
    guard let header = lines.first?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
          let ci = header.firstIndex(of: "cost"), let ai = header.firstIndex(of: "accuracy") else {
      throw CLIError("\(path):1: the header must name a `cost` and an `accuracy` column")
    }
    return try lines.dropFirst().enumerated().map { n, line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard f.count > max(ci, ai), let c = Double(f[ci]), let a = Double(f[ai]) else {
        throw CLIError("\(path):\(n + 2): expected numbers in the cost and accuracy columns, got '\(line)'")
      }
      return (c, a)
    }
  }
}
