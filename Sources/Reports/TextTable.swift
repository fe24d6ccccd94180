internal import Foundation

/// A rectangular table of text cells, written as Markdown, CSV or LaTeX.
public struct TextTable: Sendable, Hashable {
  public var title: String
  public var caption: String
  public var header: [String]
  public var rows: [[String]]
  /// Number of leading text columns (left-aligned); the rest are numbers (right-aligned).
  public var textColumns: Int

  public init(title: String, caption: String = "", header: [String], rows: [[String]], textColumns: Int = 1) {
    self.title = title
    self.caption = caption
    self.header = header
    self.rows = rows
    self.textColumns = textColumns
  }

  /// Markdown; cells are data (a `|`, a newline or `<` in a router, model or dataset name cannot add a column,
  /// split a row or pass HTML through).
  public var markdown: String {
    var s = "### \(markdownEscape(title))\n\n"
    if !caption.isEmpty { s += caption + "\n\n" }
    s += "| " + header.map(markdownEscape).joined(separator: " | ") + " |\n"
    s += "|" + header.indices.map { $0 < textColumns ? ":---" : "---:" }.joined(separator: "|") + "|\n"
    for r in rows { s += "| " + r.map(markdownEscape).joined(separator: " | ") + " |\n" }
    return s
  }

  /// CSV (RFC 4180 quoting); text columns get the spreadsheet-formula guard (`csvText`).
  public var csv: String {
    let head = header.enumerated().map { csvText($1) }
    let body = rows.map { r in r.enumerated().map { $0 < textColumns ? csvText($1) : csvField($1) } }
    return ([head] + body).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  public var latex: String {
    let spec = header.indices.map { $0 < textColumns ? "l" : "r" }.joined()
    // The title is a comment line: line breaks folded, so no part of it can leave the comment.
    var s = "% \(title.split(whereSeparator: \.isNewline).joined(separator: " "))\n\\begin{table}[t]\n\\centering\n\\small\n"
    if !caption.isEmpty { s += "\\caption{\(latexEscape(caption))}\n" }
    s += "\\begin{tabular}{\(spec)}\n\\toprule\n"
    s += header.map(latexEscape).joined(separator: " & ") + " \\\\\n\\midrule\n"
    for r in rows { s += r.map(latexEscape).joined(separator: " & ") + " \\\\\n" }
    s += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
    return s
  }
}

/// Quotes a CSV field when it holds a comma, quote or newline (RFC 4180).
public func csvField(_ s: String) -> String {
  guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
  return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A text field of a CSV file: quoted as `csvField` does, and guarded against spreadsheet formulas (OWASP's CSV
/// injection advice): a field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
public func csvText(_ s: String) -> String {
  guard let first = s.first, "=+-@\t\r".contains(first), s != "-" else { return csvField(s) }
  return csvField("'" + s)
}

/// A Markdown table cell or heading as plain text: `|` escaped, line breaks folded to spaces, `<` and `>` as
/// entities.
func markdownEscape(_ s: String) -> String {
  var out = ""
  for ch in s {
    switch ch {
    case "|": out += "\\|"
    case "\n", "\r", "\r\n": out += " "
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    default: out.append(ch)
    }
  }
  return out
}

/// LaTeX text: every special character escaped (so a name is never markup: `\input|"…"` stays text), and the
/// table symbols as math.
func latexEscape(_ s: String) -> String {
  var out = ""
  for ch in s {
    switch ch {
    case "\\": out += "\\textbackslash{}"
    case "^": out += "\\textasciicircum{}"
    case "~": out += "\\textasciitilde{}"
    case "<": out += "\\textless{}"
    case ">": out += "\\textgreater{}"
    case "|": out += "\\textbar{}"
    case "\"": out += "\\textquotedbl{}"
    case "\n", "\r", "\r\n": out += " "
    case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
    case "↑": out += "$\\uparrow$"
    case "↓": out += "$\\downarrow$"
    case "λ": out += "$\\lambda$"
    case "±": out += "$\\pm$"
    case "∞": out += "$\\infty$"
    default: out.append(ch)
    }
  }
  return out
}

/// Fixed-point formatting, identical on every machine (no locale).
public func fixed(_ v: Double, _ digits: Int = 2) -> String {
  guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
  let s = String(format: "%.\(digits)f", v)
  return s == "-0.00" || s == "-0.0000" || s == "-0.0" ? String(s.dropFirst()) : s
}
