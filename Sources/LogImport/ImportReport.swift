internal import Foundation

/// The Markdown import report (`routerbench import … --report FILE`).
public enum ImportReport {
  public static func markdown(_ s: ImportSummary, root: String) -> String {
    var out = "# Import report\n\n"
    out += "- root: `\(root)`\n"
    out += "- records imported: \(s.recordsImported) (\(s.samples) samples × \(s.models) models in the database, "
      + "\(s.datasets) datasets)\n"
    out += "- token counter: `\(s.tokenCounter)`; records with estimated output tokens (no prediction): "
      + "\(s.estimatedRecords)\n"
    out += "- files read: \(s.filesRead); groups unchanged and skipped: \(s.groupsSkipped)\n"
    if !s.skippedGroups.isEmpty || !s.vanishedGroups.isEmpty {
      out += "- groups skipped on error: \(s.skippedGroups.count); groups no longer found: \(s.vanishedGroups.count)\n"
    }
    out += "\n"

    out += "## Cross-check against VLMEvalKit's aggregates\n\n"
    if s.crossChecks.isEmpty {
      out += "No aggregate files (`_acc.csv`, `_score.csv`, `_score.json`) beside the imported files.\n\n"
    } else {
      let agree = s.crossChecks.count { $0.isAgreement }
      out += "\(agree) of \(s.crossChecks.count) stored figures reproduced.\n\n"
      out += "| model | dataset | figure | scale | stored | ours | samples | result |\n"
      out += "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
      for c in s.crossChecks.sorted(by: { ($0.dataset, $0.model, $0.file) < ($1.dataset, $1.model, $1.file) }) {
        let result: String = switch c.outcome {
        case .exact: "exact"
        case .agrees: "agrees (rounding)"
        case .differs(let d): "**differs by \(d)**"
        case .notCompared(let why): "not compared: \(why)"
        }
        out += "| \(c.model) | \(c.dataset) | \(c.figure) | \(c.scale) | \(c.stored.map { "\($0)" } ?? "—") | "
          + "\(c.recomputed.map { "\($0)" } ?? "—") | \(c.samples) | \(result) |\n"
      }
      out += "\n"
    }

    if !s.failedAPI.isEmpty {
      out += "## Failed API calls\n\nRows whose prediction is \"\(TokenEstimates.failedAPIMarker)\" (imported as scored "
        + "by VLMEvalKit, usually 0):\n\n"
      for f in s.failedAPI {
        out += "- \(f.model) × \(f.dataset): \(f.indices.count) rows (e.g. index "
          + f.indices.prefix(5).joined(separator: ", ") + ")\n"
      }
      out += "\n"
    }
    if !s.groups.isEmpty {
      out += "## Scoring: era, rule and cross-check per (model, dataset)\n\n"
      out += "| model | dataset | records | era (what decided it) | rule | cross-check | replaced |\n"
      out += "| --- | --- | --- | --- | --- | --- | --- |\n"
      for g in s.groups.sorted(by: { ($0.dataset, $0.model) < ($1.dataset, $1.model) }) {
        out += "| \(cell(g.model)) | \(cell(g.dataset)) | \(g.records) | \(cell(g.era)) | \(cell(g.rule)) | "
          + "\(cell(g.crossCheck)) | \(g.replacedRecords > 0 ? "\(g.replacedRecords) stored records" : "—") |\n"
      }
      out += "\n"
    }
    if !s.skippedGroups.isEmpty {
      out += "## Skipped groups (--on-error skip)\n\nNot imported; any records they had are deleted, and `--missing` "
        + "decided about the hole.\n\n"
      for g in s.skippedGroups.sorted(by: { ($0.dataset, $0.model) < ($1.dataset, $1.model) }) {
        out += "- \(g.description)\n"
      }
      out += "\n"
    }
    if !s.vanishedGroups.isEmpty {
      out += "## Groups no longer found\n\nImported before; their files are gone or unreadable, so their records "
        + "were deleted (never left stale).\n\n"
      for g in s.vanishedGroups.sorted(by: { ($0.dataset, $0.model) < ($1.dataset, $1.model) }) {
        out += "- \(g.description)\n"
      }
      out += "\n"
    }
    if !s.warnings.isEmpty {
      out += "## Warnings\n\n" + s.warnings.map { "- " + $0 + "\n" }.joined() + "\n"
    }
    if !s.notes.isEmpty {
      out += "## Notes\n\n" + s.notes.map { "- " + $0 + "\n" }.joined() + "\n"
    }
    if !s.droppedModels.isEmpty || !s.droppedSamples.isEmpty {
      out += "## Dropped\n\n- models: \(s.droppedModels.joined(separator: ", "))\n- samples: \(s.droppedSamples.count)\n"
    }
    return out
  }

  /// A Markdown table cell: `|` escaped, line breaks as spaces.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
