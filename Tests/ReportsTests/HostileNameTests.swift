import BenchCore
import Foundation
import Testing

@testable import Reports

/// Names are data, never markup: a router, model or dataset name is escaped for each format, everywhere it is
/// written — cells, headers, titles, captions, plot labels and legends, HTML.
@Suite struct HostileNameTests {
  static let hostile = #"\input|"id>x"^~ & 50% <b>x</b>"# + "\nnext"

  func table() -> TextTable {
    TextTable(title: "T " + Self.hostile, caption: "Caption of " + Self.hostile, header: ["Router", "Value"],
              rows: [[Self.hostile, "1.00"], ["=HYPERLINK(1)", "-0.50"]], textColumns: 1)
  }

  @Test func latexEscapesEverySpecialCharacter() {
    let tex = table().latex
    let body = tex.split(separator: "\n").filter { !$0.hasPrefix("%") }.joined(separator: "\n")
    #expect(tex.split(separator: "\n").filter { $0.hasPrefix("%") }.count == 1, "the title stays one comment line")
    #expect(!body.contains(#"\input"#), "a name must not become a LaTeX command")
    let escaped = #"\textbackslash{}input\textbar{}\texttt{\char34}id\textgreater{}x\texttt{\char34}\textasciicircum{}\textasciitilde{} \& 50\% \textless{}b\textgreater{}x\textless{}/b\textgreater{} next"#
    #expect(tex.contains(escaped), "\(tex)")
    #expect(tex.contains(#"\caption{Caption of "# + escaped + "}"), "the caption is escaped too")
  }

  @Test func latexWritesNonASCIIAndLigaturesAsPlainCommands() {
    #expect(latexEscape("é ü ñ ç å ł ß ø") == #"\'{e} \"{u} \~{n} \c{c} \r{a} \l{} \ss{} \o{}"#)
    #expect(latexEscape("ï") == #"\"{\i{}}"#)
    #expect(latexEscape("λ β ± – — ≥ ² ×") == #"$\lambda$ $\beta$ $\pm$ -- --- $\geq$ \textsuperscript{2} $\times$"#)
    // Nothing outside ASCII reaches the file, whatever the name.
    let foreign = latexEscape("模型 Ω ą 🙂")
    #expect(foreign.allSatisfy { $0.isASCII }, "\(foreign)")
    #expect(latexEscape("模").contains(#"\texttt{U+6A21}"#))
    // TeX ligatures stay separate characters: "--" is not an en dash, `` and '' are not quotes, !` is not ¡.
    #expect(latexEscape("a--b") == "a-{}-b" && latexEscape("a---b") == "a-{}-{}-b")
    #expect(latexEscape("''x``!`") == #"'{}'x\textasciigrave{}\textasciigrave{}!\textasciigrave{}"#)
    #expect(latexEscape("a\u{1}b\tc") == "a b c", "control characters are not input")
  }

  @Test func markdownCellsCannotAddColumnsSplitRowsOrPassHTML() {
    let md = table().markdown
    let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") }
    #expect(rows.count == 3, "header + 2 rows, the newline folded: \(md)")
    // Every row has exactly the table's two cells: unescaped pipes are only the separators.
    for r in rows {
      let separators = r.replacingOccurrences(of: #"\|"#, with: "").filter { $0 == "|" }.count
      #expect(separators == 3, "\(r)")
    }
    #expect(!md.contains("<b>") && md.contains("&lt;b&gt;"))
    // The caption is one paragraph of text: its newline folded, no HTML.
    let caption = md.split(separator: "\n").first { $0.hasPrefix("Caption of") }
    #expect(caption?.contains("&lt;b&gt;x&lt;/b&gt; next") == true, "\(md)")
  }

  @Test func csvGuardsFormulasInTextColumnsOnly() {
    let csv = table().csv
    #expect(csv.contains("\n'=HYPERLINK(1),-0.50\n"), "\(csv)")
    #expect(csvText("-") == "-" && csvText("@x") == "'@x" && csvText("+1") == "'+1" && csvText("plain") == "plain")
    #expect(csvText("a,b") == "\"a,b\"")
  }

  /// The hostile 16-router report: every format of every file keeps every name as text.
  @Test func everyFileOfAHostileReportKeepsNamesAsText() throws {
    let input = stressInput()
    let files = Dictionary(uniqueKeysWithValues: RenderTests.files(input).map { ($0.path, $0.contents) })
    for (path, text) in files {
      switch (path as NSString).pathExtension {
      case "svg":
        let c = parseXML(text)
        #expect(c.error == nil, "\(path): \(c.error ?? "")")
        #expect(!c.names.contains("script") && !c.names.contains("b") && !c.names.contains("i"), "\(path): \(Set(c.names))")
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path) shows the router's name as text")
      case "html":
        let c = parseXML(text.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
          .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: ""))
        #expect(c.error == nil, "\(path): \(c.error ?? "")")
        #expect(!c.names.contains("script") && !c.names.contains("b"), "\(path): markup from a name")
      case "tex":
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("%") }
        #expect(!lines.contains { $0.contains(#"\input"#) || $0.contains(#"\write18"#) || $0.contains(#"\emph"#) }, "\(path)")
        let nonASCII = lines.filter { !$0.allSatisfy { $0.isASCII } }
        #expect(nonASCII.isEmpty, "\(path): non-ASCII in LaTeX: \(nonASCII.prefix(2))")
      case "md":
        #expect(!text.contains("<script>") && !text.contains("<b>") && !text.contains("<i>"), "\(path)")
        // Every table's rows keep its column count: the hostile router and dataset names add no column.
        var widths: Set<Int> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
          guard line.hasPrefix("|") else {
            #expect(widths.count <= 1, "\(path): rows of different widths \(widths)")
            widths = []
            continue
          }
          widths.insert(line.replacingOccurrences(of: #"\|"#, with: "").filter { $0 == "|" }.count)
        }
      case "csv":
        for line in text.split(separator: "\n") {
          for cell in parseCSVLine(String(line)) {
            #expect(!(cell.first.map { "=+@".contains($0) } ?? false), "\(path): formula cell \(cell)")
          }
        }
      case "json": break
      default: Issue.record("unexpected file \(path)")
      }
    }
  }

  @Test func controlCharactersCannotBreakXML() {
    #expect(xml("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    var p = SVGPlot(title: "t\u{7}", xLabel: "x", yLabel: "y", logX: false)
    p.series = [.init(name: "r\u{0}", points: [(1, 2), (2, 3)], color: "#000", labels: ["a\u{2}", "b"])]
    #expect(parseXML(p.render()).error == nil)
  }
}
