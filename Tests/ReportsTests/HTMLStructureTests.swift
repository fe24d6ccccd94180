import BenchCore
import Foundation
import FoundationXML
import Testing

@testable import Reports

/// Parses a document as XML and collects element names (SVG is XML; our HTML is written as well-formed XHTML-ish
/// markup apart from the doctype and void elements, which the check below accounts for).
final class ElementCollector: NSObject, XMLParserDelegate {
  var names: [String] = []
  var error: String?
  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String] = [:]) { names.append(name) }
  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = "\(parseError)" }
}

func parseXML(_ text: String) -> ElementCollector {
  let c = ElementCollector()
  let p = XMLParser(data: Data(text.utf8))
  p.delegate = c
  _ = p.parse()
  return c
}

@Suite struct HTMLStructureTests {
  @Test func plotsAreWellFormedSVG() throws {
    let files = Dictionary(uniqueKeysWithValues: reportFiles(sampleInput()).map { ($0.path, $0.contents) })
    for name in ["plots/overview.svg", "plots/lambda-sweep.svg", "plots/routers-by-family.svg"] {
      let svg = try #require(files[name])
      let c = parseXML(svg)
      #expect(c.error == nil, "\(name): \(c.error ?? "")")
      #expect(c.names.first == "svg" && c.names.contains("text") && c.names.contains("g"))
    }
    // The overview plot has the single models and one marker group per router of the main table.
    let overview = files["plots/overview.svg"]!
    #expect(overview.contains("data-name=\"Oracle (upper bound)\"") && overview.contains("data-name=\"MLP (λ=0)\"")
      && overview.contains("data-name=\"Strongest\""), "λ-independent routers carry no λ")
  }

  @Test func indexHTMLHasTheSectionsAndBalancedTables() throws {
    let html = try #require(reportFiles(sampleInput()).first { $0.path == "index.html" }?.contents)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for needle in ["<h2>Main table</h2>", "<h2>Leaderboard</h2>", "<h2>Frontiers</h2>", "<h2>Per-dataset tables</h2>",
                   "plots/overview.svg", "plots/routers-by-family.svg", "Simulated benchmark"] {
      #expect(html.contains(needle), "index.html lacks \(needle)")
    }
    // Without the doctype and the void <meta> element, the page parses as XML: every tag is closed.
    let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
      .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "")
    let c = parseXML(body)
    #expect(c.error == nil, "index.html: \(c.error ?? "")")
    #expect(c.names.filter { $0 == "table" }.count >= 4)
    // Every table is in a scrolling container (the render test checks the layout in Chromium).
    #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "<div class=\"table-scroll\">\n<table>").count)
    #expect(html.contains(".table-scroll { max-width: 100%; overflow-x: auto;"))
  }

  @Test func leaderboardFormats() throws {
    let rows = mainTable(sampleInput(), timings: [])
    let entries = leaderboard(rows)
    #expect(entries.first?.router == "Oracle" && entries.first?.gapToOracle == 0)
    let json = renderLeaderboard(entries, format: .json)
    let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect(decoded?.count == entries.count)
    #expect(renderLeaderboard(entries, format: .csv).hasPrefix("rank,router,family,lambda,accuracy_pct,"))
    #expect(parseXML(renderLeaderboard(entries, format: .html).replacingOccurrences(of: "<!DOCTYPE html>", with: "")
      .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "")).error == nil)
  }
}
