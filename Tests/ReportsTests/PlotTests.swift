import BenchCore
import Foundation
import Testing

@testable import Reports

/// Plots that read with 15+ routers: distinct colour–marker pairs, labels that collide with nothing, a legend as
/// wide as its longest name, real ticks, and Fig. 4's panel per family.
@Suite struct PlotTests {
  @Test func stylesAreDistinctPairsAndNeverTheSingleModelsGrey() {
    let styles = (0..<PlotStyle.distinctPairs).map(PlotStyle.nth)
    #expect(Set(styles).count == 63, "every pair distinct")
    #expect(Set(styles.prefix(PlotStyle.palette.count).map(\.color)).count == PlotStyle.palette.count,
            "the first nine routers differ in colour")
    #expect(!PlotStyle.palette.contains(PlotStyle.singleModels.color))
    #expect(PlotStyle.nth(0) == PlotStyle.nth(0) && PlotStyle.nth(63) == PlotStyle.nth(0), "deterministic; wraps after 63")
  }

  @Test func sixteenRoutersGetSixteenStylesTheSameInEveryPlot() throws {
    let input = stressInput()
    let main = mainTable(input, timings: [])
    let frontiers = frontierRows(input)
    let overview = overviewPlot(input, main: main, frontiers: frontiers)
    let routerSeries = overview.series.dropFirst(2)  // single models and their frontier first
    #expect(routerSeries.count == 16)
    #expect(Set(routerSeries.map { "\($0.color) \($0.marker?.rawValue ?? "")" }).count == 16,
            "16 routers, 16 colour–marker pairs")
    // A router keeps its style across the overview, the λ plot and the family figure.
    let styleOf = Dictionary(uniqueKeysWithValues: input.routers.enumerated().map { ($1, PlotStyle.nth($0)) })
    let lambda = lambdaPlot(input, frontiers)
    for s in lambda.series where !s.name.isEmpty {
      let style = try #require(styleOf[s.name.replacingOccurrences(of: " (hull)", with: "")], "\(s.name)")
      #expect(s.color == style.color && s.marker == style.marker, "\(s.name)")
    }
    for panel in familyFigure(input, frontiers).panels {
      for s in panel.series where styleOf[s.name] != nil {
        #expect(s.color == styleOf[s.name]!.color && s.marker == styleOf[s.name]!.marker, "\(panel.title): \(s.name)")
      }
    }
  }

  /// Label boxes: inside the plot area, clear of every marker and of each other.
  func expectNoCollisions(_ layout: SVGPlot.Layout, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for (i, a) in layout.labels.enumerated() {
      #expect(a.box.inside(layout.plotArea), "\(what): label \(a.text) leaves the plot", sourceLocation: sourceLocation)
      for m in layout.markers where a.box.intersects(m) {
        Issue.record("\(what): label \(a.text) covers a marker at \(m)", sourceLocation: sourceLocation)
      }
      for b in layout.labels[(i + 1)...] where a.box.intersects(b.box) {
        Issue.record("\(what): labels \(a.text) and \(b.text) overlap", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func labelsCollideWithNothing() {
    let input = stressInput()
    let frontiers = frontierRows(input)
    let overview = overviewPlot(input, main: mainTable(input, timings: []), frontiers: frontiers).renderWithLayout().1
    expectNoCollisions(overview, "overview")
    #expect(overview.labels.count + overview.omittedLabels.count == input.singleModels.count)
    #expect(overview.omittedLabels.isEmpty, "room for every model's name: \(overview.omittedLabels)")
    let lambda = lambdaPlot(input, frontiers).renderWithLayout().1
    expectNoCollisions(lambda, "λ sweep")
    #expect(lambda.labels.count >= 16, "\(lambda.labels.count) λ labels placed")

    // 40 points piled on one spot: labels that find no room are left out (and listed), never drawn on top.
    var crowded = SVGPlot(title: "crowded", xLabel: "x", yLabel: "y", logX: false)
    var pile: [(x: Double, y: Double)] = (0..<40).map { k -> (x: Double, y: Double) in
      (x: 1 + 0.001 * Double(k), y: 1 + 0.001 * Double(k % 7))
    }
    pile.append((x: 100, y: 100))  // sets the scale: the 40 land within a few pixels
    crowded.series = [.init(name: "pile", points: pile, color: "#000", labels: (0..<40).map { "label number \($0)" })]
    let (svg, layout) = crowded.renderWithLayout()
    expectNoCollisions(layout, "crowded")
    #expect(!layout.omittedLabels.isEmpty && layout.labels.count + layout.omittedLabels.count == 40)
    #expect(svg.contains("<desc>\(layout.omittedLabels.count) point labels left out for lack of room"))
  }

  @Test func theLegendIsAsWideAsItsLongestName() {
    let long = String(repeating: "VeryLongRouterName-", count: 4) + "v2"
    var p = SVGPlot(title: "t", xLabel: "x", yLabel: "y", logX: true)
    p.series = [.init(name: "short", points: [(1, 1)], color: "#000"), .init(name: long, points: [(2, 2)], color: "#111")]
    let (svg, layout) = p.renderWithLayout()
    let needed = textWidth(long, fontSize: SVGPlot.legendFont)
    #expect(layout.legend.x1 - layout.legend.x0 >= needed + 24, "legend \(layout.legend) for \(needed) px of text")
    #expect(layout.legend.x1 <= layout.width, "the legend fits in the SVG")
    #expect(p.render().contains("width=\"\(Int(layout.width.rounded(.up)))\""))
    #expect(svg.contains(">\(long)</text>"))
    // A legend longer than the plot is tall makes the plot taller instead of running off the bottom.
    var tall = SVGPlot(title: "t", xLabel: "x", yLabel: "y", logX: false)
    tall.series = (0..<40).map { .init(name: "router \($0)", points: [(Double($0), 1)], color: "#000") }
    let t = tall.renderWithLayout().1
    #expect(t.legend.y1 <= t.plotArea.y1 && t.plotArea.y1 < t.height)
  }

  @Test func logAxesGetSeveralTicksWhateverTheirRange() {
    let p = SVGPlot(title: "", xLabel: "", yLabel: "", logX: true)
    func labels(_ lo: Double, _ hi: Double) -> [String] {
      p.axisTicks(log10(lo), log10(hi), log: true, pixels: 520).compactMap(\.label)
    }
    // The real logs' λ sweep spans 0.14–0.33 USD/10K: one decade tick (0.2) before.
    #expect(labels(0.14, 0.33) == ["0.15", "0.2", "0.25", "0.3"], "\(labels(0.14, 0.33))")
    #expect(labels(0.12, 11) == ["0.2", "0.5", "1", "2", "5", "10"], "\(labels(0.12, 11))")
    #expect(labels(1.2, 1.6).count >= 3, "\(labels(1.2, 1.6))")
    #expect(labels(0.3, 2.5).count >= 3, "\(labels(0.3, 2.5))")
    // Labels never overlap: the wide range's 1-2-5 ticks keep their grid lines but drop crowded labels.
    let wide = p.axisTicks(log10(0.001), log10(1000), log: true, pixels: 200)
    #expect(wide.count > wide.compactMap(\.label).count && wide.compactMap(\.label).contains("1"))
    #expect(tickLabel(0.15) == "0.15" && tickLabel(10000) == "10000" && tickLabel(1.05) == "1.05" && tickLabel(2) == "2")
  }

  @Test func theFamilyFigureHasAPanelPerFamilyWithEveryRouter() throws {
    let input = stressInput()
    let frontiers = frontierRows(input)
    let figure = familyFigure(input, frontiers)
    #expect(figure.panels.map(\.title) == ["Baselines", "Feature-level routers", "End-to-end routers", "Scenario routers",
                                           "External routers"])
    for row in frontiers where !row.isSingleModels {
      let panel = try #require(figure.panels.first { $0.title == familyTitle(row.family!) })
      let series = try #require(panel.series.first { $0.name.hasPrefix(row.name) }, "\(row.name) in \(panel.title)")
      #expect(series.points.count == row.points.count)
      // λ-dependent routers draw their frontier line, λ-independent ones a single point.
      let lines = panel.series.filter { $0.line && $0.color == series.color && $0.name.isEmpty }
      #expect(lines.count == (row.status == .singlePoint ? 0 : 1), "\(row.name)")
    }
    // Shared axes: every panel has the same ranges.
    #expect(Set(figure.panels.map { "\($0.xRange!) \($0.yRange!)" }).count == 1)
    let svg = figure.render()
    #expect(parseXML(svg).error == nil)
    #expect(svg.components(separatedBy: "class=\"panel\"").count - 1 == 5)
  }
}
