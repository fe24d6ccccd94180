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

  public var markdown: String {
    var s = "### \(title)\n\n"
    if !caption.isEmpty { s += caption + "\n\n" }
    s += "| " + header.joined(separator: " | ") + " |\n"
    s += "|" + header.indices.map { $0 < textColumns ? ":---" : "---:" }.joined(separator: "|") + "|\n"
    for r in rows { s += "| " + r.joined(separator: " | ") + " |\n" }
    return s
  }

  public var csv: String {
    ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  public var latex: String {
    let spec = header.indices.map { $0 < textColumns ? "l" : "r" }.joined()
    var s = "% \(title)\n\\begin{table}[t]\n\\centering\n\\small\n"
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

func latexEscape(_ s: String) -> String {
  var out = ""
  for ch in s {
    switch ch {
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
