import BenchCore
import Foundation
import Testing

@testable import Reports

/// `report --accuracy correct|score` reaches every table, caption and plot, and every caption says which it is.
@Suite struct AccuracyRuleTests {
  @Test func theRuleDecidesEveryFigure() throws {
    let correct = stressInput(accuracy: .correct), score = stressInput(accuracy: .score)
    let row = try #require(correct.results.first { $0.router == "MLP" && $0.split == .test && $0.dataset == "TextVQA_VAL" })
    #expect(row.outcome.scoreSum > row.outcome.correct, "the fixture has partial credit")
    #expect(correct.accuracyPercent(row.outcome) == row.outcome.correct / Double(row.outcome.samples) * 100)
    #expect(score.accuracyPercent(row.outcome) == row.outcome.scoreSum / Double(row.outcome.samples) * 100)
    #expect(correct.rankScore(row) == row.rankScore)
    #expect(score.rankScore(row) == RankScore(bounds: score.bounds).score(accuracy: row.outcome.scoreSum / Double(row.outcome.samples),
                                                                      cost: row.outcome.averageCost))
    // per-dataset.csv: the MLP TextVQA row at λ = 0, seed 1.
    func cells(_ input: ReportInput) -> [String] {
      parseCSVLine(String(perDatasetCSV(input).split(separator: "\n").first { $0.hasPrefix("0,MLP,1,TextVQA,") }!))
    }
    #expect(cells(correct)[6] == fixed(correct.accuracyPercent(row.outcome), 4))
    #expect(cells(score)[6] == fixed(score.accuracyPercent(row.outcome), 4) && cells(score)[6] != cells(correct)[6])
    #expect(cells(score)[8] == fixed(score.rankScore(row) * 100, 4))
    // Main table, leaderboard, A-tables and frontier points all move with the rule.
    let mainC = mainTable(correct, timings: []), mainS = mainTable(score, timings: [])
    for (c, s) in zip(mainC, mainS) where !c.isUpperBound {
      #expect(s.accuracy.mean > c.accuracy.mean, "\(c.router)")
    }
    #expect(leaderboard(mainS).first { $0.router == "MLP" }?.accuracyPct == mainS.first { $0.router == "MLP" }?.accuracy.mean)
    let a1c = perDatasetTable(correct, lambda: .finite(0)), a1s = perDatasetTable(score, lambda: .finite(0))
    #expect(a1c.rows[0] != a1s.rows[0] && a1c.rows[1] == a1s.rows[1], "accuracy rows change, cost rows do not")
    let pc = frontierRows(correct).first { $0.name == "MLP" }!, ps = frontierRows(score).first { $0.name == "MLP" }!
    #expect(zip(pc.points, ps.points).allSatisfy { $0.cost == $1.cost && $0.quality < $1.quality })
  }

  @Test func everyCaptionAndPlotSaysWhichAccuracyItShows() throws {
    for rule in AccuracyRule.allCases {
      let input = stressInput(accuracy: rule)
      let sentence = input.accuracySentence
      #expect(sentence.contains(rule == .correct ? "correct when its score is at least 1.0" : "mean score × 100"))
      let main = mainTable(input, timings: [])
      let rows = frontierRows(input)
      var tables = [mainTableText(input, rows: main), frontierTable(input, rows), fixedPointTable(input, rows)!,
                    leaderboardTable(leaderboard(main), accuracy: sentence)]
      tables += input.lambdas.map { perDatasetTable(input, lambda: $0) }
      for t in tables { #expect(t.caption.contains(sentence), "\(rule): \(t.title)") }
      let files = Dictionary(uniqueKeysWithValues: reportFiles(input).map { ($0.path, $0.contents) })
      for plot in ["plots/overview.svg", "plots/lambda-sweep.svg", "plots/routers-by-family.svg"] {
        #expect(files[plot]!.contains(xml(input.accuracyAxisLabel)), "\(rule): \(plot)")
      }
      #expect(files["README.md"]!.contains("Accuracy: \(input.accuracyProvenance)."))
      #expect(files["leaderboard.md"]!.contains(sentence))
      #expect(files["index.html"]!.contains(xml(sentence)))
    }
  }

  @Test func captionsCarryNoMarkdownMarkup() throws {
    let files = reportFiles(sampleInput())
    for f in files where f.path.hasSuffix(".tex") {
      for line in f.contents.split(separator: "\n") where line.hasPrefix("\\caption{") {
        #expect(!line.contains("`") && !line.contains("\\textasciigrave"), "\(f.path): \(line)")
      }
    }
    let html = try #require(files.first { $0.path == "index.html" }?.contents)
    for caption in html.components(separatedBy: "<p class=\"caption\">").dropFirst() {
      #expect(!caption.prefix { $0 != "<" }.contains("`"), "index.html caption: \(caption.prefix(120))")
    }
  }

  @Test func theThresholdInTheCaptionIsTheRunsOwn() {
    var input = sampleInput()
    input.correctThresholds = [0.5]
    #expect(input.accuracySentence.contains("score is at least 0.5 "))
    input.correctThresholds = [0.5, 1]
    #expect(input.accuracySentence.contains("at least 0.5 or 1.0"))
    #expect(AccuracyRule(rawValue: "score") == .score && AccuracyRule(rawValue: "mean") == nil)
  }
}
