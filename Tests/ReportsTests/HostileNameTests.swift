import BenchCore
import Foundation
import Testing

@testable import Reports

/// Names are data, never markup: a router, model or dataset name is escaped for each format.
@Suite struct HostileNameTests {
  static let hostile = #"\input|"id>x"^~ & 50% <b>x</b>"# + "\nnext"

  func table() -> TextTable {
    TextTable(title: "T " + Self.hostile, header: ["Router", "Value"], rows: [[Self.hostile, "1.00"], ["=HYPERLINK(1)", "-0.50"]],
              textColumns: 1)
  }

  @Test func latexEscapesEverySpecialCharacter() {
    let tex = table().latex
    let body = tex.split(separator: "\n").filter { !$0.hasPrefix("%") }.joined(separator: "\n")
    #expect(tex.split(separator: "\n").filter { $0.hasPrefix("%") }.count == 1, "the title stays one comment line")
    #expect(!body.contains(#"\input"#), "a name must not become a LaTeX command")
    #expect(tex.contains(#"\textbackslash{}input\textbar{}\textquotedbl{}id\textgreater{}x\textquotedbl{}\textasciicircum{}\textasciitilde{} \& 50\% \textless{}b\textgreater{}x\textless{}/b\textgreater{} next"#), "\(tex)")
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
  }

  @Test func csvGuardsFormulasInTextColumnsOnly() {
    let csv = table().csv
    #expect(csv.contains("\n'=HYPERLINK(1),-0.50\n"), "\(csv)")
    #expect(csvText("-") == "-" && csvText("@x") == "'@x" && csvText("+1") == "'+1" && csvText("plain") == "plain")
    #expect(csvText("a,b") == "\"a,b\"")
  }
}
