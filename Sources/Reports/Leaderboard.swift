public import BenchCore
internal import Foundation

/// One leaderboard entry: a router at its dev-chosen λ.
public struct LeaderboardEntry: Sendable, Hashable, Codable {
  public var rank: Int
  public var router: String
  public var family: RouterFamily
  public var lambda: String
  public var accuracyPct: Double
  public var costUSDPer10K: Double
  public var rankScore: Double
  /// Bootstrap intervals over test samples of the seed-averaged figures beside them (``ReportBootstrap``), when
  /// computed: accuracy and rank score in %, cost in USD per 10K samples.
  public var accuracyCI: Interval?
  public var costCI: Interval?
  public var rankScoreCI: Interval?
  /// Oracle's rank score minus this router's, in points.
  public var gapToOracle: Double?
  /// One-sided paired bootstrap p-value of "beats the best single model on rank score".
  public var pValueVsBestSingle: Double?
  public var date: String
  public var config: String
}

/// Per-router extras the store supplies: when the run finished and its configuration.
public struct RunProvenance: Sendable, Hashable {
  public var finishedAt: String
  public var configJSON: String
  public init(finishedAt: String, configJSON: String) {
    self.finishedAt = finishedAt
    self.configJSON = configJSON
  }
}

/// Ranks the main table's routers by test rank score (Oracle first as the bound, rank 0), with the report's
/// bootstrap intervals and p-values.
public func leaderboard(_ rows: [MainTableRow], bootstrap: ReportBootstrap = .none,
                        provenance: [String: RunProvenance] = [:]) -> [LeaderboardEntry] {
  let oracle = rows.first { $0.isUpperBound }?.rankScore.mean
  return rows.sorted { ($0.rank, $0.router) < ($1.rank, $1.router) }.map { r in
    let ci = bootstrap.displayIntervals(r.router)
    return LeaderboardEntry(
      rank: r.rank, router: r.router, family: r.family, lambda: r.lambda.label, accuracyPct: r.accuracy.mean,
      costUSDPer10K: r.cost.mean, rankScore: r.rankScore.mean, accuracyCI: ci?.accuracy, costCI: ci?.cost,
      rankScoreCI: ci?.rankScore, gapToOracle: oracle.map { $0 - r.rankScore.mean },
      pValueVsBestSingle: bootstrap.pValues[r.router],
      date: provenance[r.router]?.finishedAt ?? "", config: provenance[r.router]?.configJSON ?? "")
  }
}

public enum LeaderboardFormat: String, Sendable, CaseIterable { case md, csv, json, html }

func ciText(_ i: Interval?) -> String { i.map { "[\(fixed($0.lower)), \(fixed($0.upper))]" } ?? "" }

/// The leaderboard as a table (Markdown / HTML share it; CSV is ``leaderboardCSV(_:)``). `method` names the bootstrap
/// behind the intervals and p-values (``ReportBootstrap/caption``), `accuracy` what accuracy counts.
public func leaderboardTable(_ entries: [LeaderboardEntry], title: String = "Leaderboard", method: String = "",
                             accuracy: String = "") -> TextTable {
  var caption = "Routers ranked by test Rank Score (mean over seeds) at the λ chosen on dev."
  for part in [accuracy, method] where !part.isEmpty { caption += " " + part }
  let dated = entries.contains { !$0.date.isEmpty }
  return TextTable(
    title: title, caption: caption,
    header: ["Rank", "Router", "Family", "λ", "Acc. %", "Acc. CI", "Cost $/10K", "Cost CI", "Rank Score",
             "RS CI", "Gap to Oracle", "p vs best single"] + (dated ? ["Date"] : []),
    rows: entries.map { e in
      [String(e.rank), e.router, e.family.rawValue, e.lambda, fixed(e.accuracyPct), ciText(e.accuracyCI), fixed(e.costUSDPer10K),
       ciText(e.costCI), fixed(e.rankScore), ciText(e.rankScoreCI), e.gapToOracle.map { fixed($0) } ?? "",
       e.pValueVsBestSingle.map { fixed($0, 3) } ?? ""] + (dated ? [e.date] : [])
    }, textColumns: 4)
}

/// `leaderboard.csv` for pandas: snake_case headers, numbers as numbers (λ empty when not applicable, `inf` for ∞),
/// each interval as two columns (`*_ci_low`, `*_ci_high`), four decimals. A column that would be empty in every
/// row (no bootstrap: no intervals or p-values; no Oracle: no gap; the report's copy: no dates) is left out.
public func leaderboardCSV(_ entries: [LeaderboardEntry]) -> String {
  func n(_ v: Double?) -> String { v.map { fixed($0, 4) } ?? "" }
  let columns: [(String, (LeaderboardEntry) -> String)] = [
    ("rank", { String($0.rank) }), ("router", { csvText($0.router) }), ("family", { csvText($0.family.rawValue) }),
    ("lambda", { e in Lambda(parsing: e.lambda).map(csvLambda) ?? csvText(e.lambda) }),
    ("accuracy_pct", { n($0.accuracyPct) }), ("accuracy_ci_low", { n($0.accuracyCI?.lower) }),
    ("accuracy_ci_high", { n($0.accuracyCI?.upper) }), ("cost_usd_per_10k", { n($0.costUSDPer10K) }),
    ("cost_ci_low", { n($0.costCI?.lower) }), ("cost_ci_high", { n($0.costCI?.upper) }),
    ("rank_score", { n($0.rankScore) }), ("rank_score_ci_low", { n($0.rankScoreCI?.lower) }),
    ("rank_score_ci_high", { n($0.rankScoreCI?.upper) }), ("gap_to_oracle", { n($0.gapToOracle) }),
    ("p_vs_best_single", { n($0.pValueVsBestSingle) }), ("date", { csvText($0.date) }),
  ]
  let cells = columns.map { c in entries.map(c.1) }
  let kept = columns.indices.filter { i in i < 2 || cells[i].contains { !$0.isEmpty } }
  var s = kept.map { columns[$0].0 }.joined(separator: ",") + "\n"
  for r in entries.indices { s += kept.map { cells[$0][r] }.joined(separator: ",") + "\n" }
  return s
}

/// Renders the leaderboard in one of the formats (`method`, `accuracy`: see
/// ``leaderboardTable(_:title:method:accuracy:)``).
public func renderLeaderboard(_ entries: [LeaderboardEntry], format: LeaderboardFormat, method: String = "",
                              accuracy: String = "") -> String {
  switch format {
  case .md: return leaderboardTable(entries, method: method, accuracy: accuracy).markdown
  case .csv: return leaderboardCSV(entries)
  case .json:
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = (try? enc.encode(entries)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  case .html:
    return htmlPage(title: "RouterBench leaderboard",
                    body: htmlTable(leaderboardTable(entries, method: method, accuracy: accuracy)))
  }
}

/// A table as an HTML `<table>` (escaped) in a horizontally scrolling container, so a wide table scrolls instead of
/// widening the page.
public func htmlTable(_ t: TextTable, heading: Bool = true) -> String {
  var s = heading ? "<h3>\(xml(t.title))</h3>\n" : ""
  if !t.caption.isEmpty { s += "<p class=\"caption\">\(xml(t.caption))</p>\n" }
  s += "<div class=\"table-scroll\">\n<table>\n<thead><tr>" + t.header.map { "<th>\(xml($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
  for r in t.rows {
    s += "<tr>" + r.enumerated().map { i, c in i < t.textColumns ? "<td>\(xml(c))</td>" : "<td class=\"num\">\(xml(c))</td>" }.joined() + "</tr>\n"
  }
  return s + "</tbody>\n</table>\n</div>\n"
}

/// A self-contained HTML page (inline CSS, no scripts).
public func htmlPage(title: String, body: String) -> String {
  """
  <!DOCTYPE html>
  <html lang="en">
  <head>
  <meta charset="utf-8">
  <title>\(xml(title))</title>
  <style>
  body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; padding: 0 1em; max-width: 1400px; color: #222; }
  .table-scroll { max-width: 100%; overflow-x: auto; margin: 1em 0 2em; }
  table { border-collapse: collapse; font-size: 13px; }
  th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  th { background: #f4f4f4; }
  .caption { color: #555; font-size: 13px; max-width: 1100px; }
  .banner { background: #fff4d6; border: 1px solid #e6c46b; padding: 8px 12px; }
  figure { display: inline-block; margin: 0 1em 1em 0; max-width: 100%; }
  figure img { max-width: 100%; height: auto; }
  code { background: #f4f4f4; padding: 1px 4px; }
  td code { overflow-wrap: anywhere; }
  </style>
  </head>
  <body>
  <h1>\(xml(title))</h1>
  \(body)
  </body>
  </html>

  """
}
