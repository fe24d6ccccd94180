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

/// The leaderboard as a table (Markdown / CSV / HTML share it). `method` names the bootstrap behind the intervals
/// and p-values (``ReportBootstrap/caption``).
public func leaderboardTable(_ entries: [LeaderboardEntry], title: String = "Leaderboard", method: String = "") -> TextTable {
  TextTable(
    title: title,
    caption: "Routers ranked by test Rank Score (mean over seeds) at the λ chosen on dev." + (method.isEmpty ? "" : " " + method),
    header: ["Rank", "Router", "Family", "λ", "Acc. %", "Acc. CI", "Cost $/10K", "Cost CI", "Rank Score",
             "RS CI", "Gap to Oracle", "p vs best single", "Date"],
    rows: entries.map { e in
      [String(e.rank), e.router, e.family.rawValue, e.lambda, fixed(e.accuracyPct), ciText(e.accuracyCI), fixed(e.costUSDPer10K),
       ciText(e.costCI), fixed(e.rankScore), ciText(e.rankScoreCI), e.gapToOracle.map { fixed($0) } ?? "",
       e.pValueVsBestSingle.map { fixed($0, 3) } ?? "", e.date]
    }, textColumns: 4)
}

/// Renders the leaderboard in one of the formats (`method`: see ``leaderboardTable(_:title:method:)``).
public func renderLeaderboard(_ entries: [LeaderboardEntry], format: LeaderboardFormat, method: String = "") -> String {
  switch format {
  case .md: return leaderboardTable(entries, method: method).markdown
  case .csv: return leaderboardTable(entries, method: method).csv
  case .json:
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = (try? enc.encode(entries)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  case .html:
    return htmlPage(title: "RouterBench leaderboard", body: htmlTable(leaderboardTable(entries, method: method)))
  }
}

/// A table as an HTML `<table>` (escaped).
public func htmlTable(_ t: TextTable, heading: Bool = true) -> String {
  var s = heading ? "<h3>\(xml(t.title))</h3>\n" : ""
  if !t.caption.isEmpty { s += "<p class=\"caption\">\(xml(t.caption))</p>\n" }
  s += "<table>\n<thead><tr>" + t.header.map { "<th>\(xml($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
  for r in t.rows {
    s += "<tr>" + r.enumerated().map { i, c in i < t.textColumns ? "<td>\(xml(c))</td>" : "<td class=\"num\">\(xml(c))</td>" }.joined() + "</tr>\n"
  }
  return s + "</tbody>\n</table>\n"
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
  body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1400px; color: #222; }
  table { border-collapse: collapse; margin: 1em 0 2em; font-size: 13px; }
  th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  th { background: #f4f4f4; }
  .caption { color: #555; font-size: 13px; max-width: 1100px; }
  .banner { background: #fff4d6; border: 1px solid #e6c46b; padding: 8px 12px; }
  figure { display: inline-block; margin: 0 1em 1em 0; }
  code { background: #f4f4f4; padding: 1px 4px; }
  </style>
  </head>
  <body>
  <h1>\(xml(title))</h1>
  \(body)
  </body>
  </html>

  """
}
