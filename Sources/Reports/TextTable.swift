internal import Foundation

/// A rectangular table of text cells, written as Markdown, CSV or LaTeX.
public struct TextTable: Sendable, Hashable {
  /// How the LaTeX table floats: a `table`, a `sidewaystable` (package `rotating`, as the paper prints its wide
  /// Tables A1–A6), or `automatic`: sideways when the tabular's estimated natural width is more than 1.25 × the
  /// article class's 345 pt text width (so it would be scaled below 80 %), else a `table`.
  public enum LaTeXPlacement: Sendable, Hashable { case table, sideways, automatic }

  public var title: String
  public var caption: String
  public var header: [String]
  public var rows: [[String]]
  /// Number of leading text columns (left-aligned); the rest are numbers (right-aligned).
  public var textColumns: Int
  public var latexPlacement: LaTeXPlacement

  public init(title: String, caption: String = "", header: [String], rows: [[String]], textColumns: Int = 1,
              latexPlacement: LaTeXPlacement = .automatic) {
    self.title = title
    self.caption = caption
    self.header = header
    self.rows = rows
    self.textColumns = textColumns
    self.latexPlacement = latexPlacement
  }

  /// The preamble every `.tex` table needs (README, "Output files"): `booktabs` for the rules, `graphicx` for
  /// `\resizebox`, `rotating` for `sidewaystable`. Nothing else: every other character is escaped to plain LaTeX.
  public static let latexPreamble = "\\usepackage{booktabs}\n\\usepackage{graphicx}\n\\usepackage{rotating}\n"

  /// Markdown; cells and the caption are data (a `|`, a newline or `<` in a router, model or dataset name cannot
  /// add a column, split a row or pass HTML through).
  public var markdown: String {
    var s = "### \(markdownEscape(title))\n\n"
    if !caption.isEmpty { s += markdownEscape(caption) + "\n\n" }
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

  /// A booktabs table that compiles with ``latexPreamble`` alone and never runs past the text block: the tabular
  /// is set in a box first and scaled down to `\linewidth` only when it is wider (`\small`, as the paper sets
  /// its tables). Every cell, the caption and the header go through `latexEscape`.
  public var latex: String {
    let spec = header.indices.map { $0 < textColumns ? "l" : "r" }.joined()
    let sideways = switch latexPlacement {
    case .table: false
    case .sideways: true
    case .automatic: estimatedLaTeXWidth > 1.25 * 345
    }
    let env = sideways ? "sidewaystable" : "table"
    // The title is a comment line: line breaks folded, so no part of it can leave the comment.
    var s = "% \(title.split(whereSeparator: \.isNewline).joined(separator: " "))\n"
    s += "\\begin{\(env)}\(sideways ? "" : "[t]")\n\\centering\n\\small\n"
    if !caption.isEmpty { s += "\\caption{\(latexEscape(caption))}\n" }
    s += "\\setbox0=\\hbox{%\n\\begin{tabular}{\(spec)}\n\\toprule\n"
    s += header.map(latexEscape).joined(separator: " & ") + " \\\\\n\\midrule\n"
    for r in rows { s += r.map(latexEscape).joined(separator: " & ") + " \\\\\n" }
    s += "\\bottomrule\n\\end{tabular}}%\n"
    s += "\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\box0}\\else\\leavevmode\\box0\\fi\n"
    s += "\\end{\(env)}\n"
    return s
  }

  /// The tabular's natural width in points at `\small`, roughly: per column its longest cell at 4.6 pt a
  /// character (Computer Modern's figures at 9 pt are 4.5 pt) plus the 2 × 6 pt column separation.
  var estimatedLaTeXWidth: Double {
    header.indices.reduce(0) { total, c in
      let longest = ([header[c]] + rows.map { c < $0.count ? $0[c] : "" }).map(\.count).max() ?? 0
      return total + Double(longest) * 4.6 + 12
    }
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

/// LaTeX text: every special character escaped, so a name is never markup (`\input|"…"` stays text), and every
/// non-ASCII character written with ASCII commands, so the text needs no input encoding or extra package: symbols
/// the tables use (λ, β, ↑, ±, –, …) as text or math commands, accented Latin letters as accent commands on their
/// base letter (é → `\'{e}`), and anything else as its code point in typewriter type (`U+6A21`). TeX's ligatures
/// (`--`, `''`, `` ` ``, `!``) cannot form either.
func latexEscape(_ s: String) -> String {
  var out = ""
  let chars = Array(s)
  for (i, ch) in chars.enumerated() {
    switch ch {
    case "\\": out += "\\textbackslash{}"
    case "^": out += "\\textasciicircum{}"
    case "~": out += "\\textasciitilde{}"
    case "<": out += "\\textless{}"
    case ">": out += "\\textgreater{}"
    case "|": out += "\\textbar{}"
    case "\"": out += "\\texttt{\\char34}"  // \textquotedbl needs the T1 encoding
    case "'": out += i + 1 < chars.count && chars[i + 1] == "'" ? "'{}" : "'"
    case "`": out += "\\textasciigrave{}"
    case "-": out += i + 1 < chars.count && chars[i + 1] == "-" ? "-{}" : "-"
    case "\n", "\r", "\r\n", "\t": out += " "
    case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
    default:
      if ch.isASCII {
        // Other ASCII control characters would be invalid input; printable ASCII is itself.
        if let v = ch.asciiValue, v < 0x20 || v == 0x7F { out += " " } else { out.append(ch) }
      } else {
        out += latexNonASCII(ch)
      }
    }
  }
  return out
}

/// The LaTeX for one non-ASCII character (see `latexEscape`).
private func latexNonASCII(_ ch: Character) -> String {
  if let known = latexSymbols[ch] { return known }
  // An accented Latin letter: its canonical decomposition is an ASCII letter and combining accents.
  let scalars = Array(String(ch).decomposedStringWithCanonicalMapping.unicodeScalars)
  if let base = scalars.first, base.isASCII, base.properties.isAlphabetic, scalars.count > 1 {
    var text = String(Character(base))
    if text == "i" && scalars.count > 1 { text = "\\i{}" }
    if text == "j" && scalars.count > 1 { text = "\\j{}" }
    var ok = true
    for mark in scalars.dropFirst() {
      guard let accent = latexAccents[mark.value] else { ok = false; break }
      text = "\\\(accent){\(text)}"
    }
    if ok { return text }
  }
  return String(ch).unicodeScalars.map { "\\texttt{U+\(String(format: "%04X", $0.value))}" }.joined()
}

/// Combining marks (by code point) and the LaTeX accent command that puts them on a letter.
private let latexAccents: [UInt32: String] = [
  0x300: "`", 0x301: "'", 0x302: "^", 0x303: "~", 0x304: "=", 0x306: "u", 0x307: ".", 0x308: "\"", 0x30A: "r",
  0x30B: "H", 0x30C: "v", 0x323: "d", 0x327: "c", 0x331: "b",  // no ogonek: \k needs T1
]

/// Symbols written as LaTeX commands: the tables' own (arrows, λ, β, ±, dashes) and common letters without a
/// decomposition (ß, ø, æ, ł, …).
private let latexSymbols: [Character: String] = [
  "↑": "$\\uparrow$", "↓": "$\\downarrow$", "→": "$\\rightarrow$", "←": "$\\leftarrow$",
  "λ": "$\\lambda$", "β": "$\\beta$", "α": "$\\alpha$", "γ": "$\\gamma$", "δ": "$\\delta$", "ε": "$\\varepsilon$",
  "μ": "$\\mu$", "σ": "$\\sigma$", "τ": "$\\tau$", "θ": "$\\theta$", "π": "$\\pi$", "Δ": "$\\Delta$",
  "Σ": "$\\Sigma$",
  "±": "$\\pm$", "∞": "$\\infty$", "×": "$\\times$", "·": "$\\cdot$", "−": "$-$", "≤": "$\\leq$",
  "≥": "$\\geq$", "≈": "$\\approx$", "≠": "$\\neq$", "²": "\\textsuperscript{2}", "³": "\\textsuperscript{3}",
  "¹": "\\textsuperscript{1}", "°": "\\textdegree{}", "µ": "$\\mu$",
  "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": "\\dots{}", "•": "\\textbullet{}",
  "\u{00A0}": "~", "€": "\\texteuro{}", "£": "\\pounds{}", "§": "\\S{}", "¶": "\\P{}", "©": "\\copyright{}",
  "ß": "\\ss{}", "æ": "\\ae{}", "Æ": "\\AE{}", "œ": "\\oe{}", "Œ": "\\OE{}", "ø": "\\o{}", "Ø": "\\O{}",
  "ł": "\\l{}", "Ł": "\\L{}", "ı": "\\i{}", "¡": "\\textexclamdown{}", "¿": "\\textquestiondown{}",
]

/// Fixed-point formatting, identical on every machine (no locale).
public func fixed(_ v: Double, _ digits: Int = 2) -> String {
  guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
  let s = String(format: "%.\(digits)f", v)
  return s == "-0.00" || s == "-0.0000" || s == "-0.0" ? String(s.dropFirst()) : s
}
