internal import Foundation

/// A router's colour and marker in every plot of a report.
///
/// Styles come from a fixed product of ``palette`` (9 colours) and ``markers`` (7 shapes), assigned by the
/// router's position in the report's router order, so a router looks the same in every plot and two routers never
/// share a colour–marker pair (up to 63 routers; the first 9 also differ in colour). Single models are grey,
/// a colour no router gets.
public struct PlotStyle: Sendable, Hashable {
  public var color: String
  public var marker: SVGPlot.Marker

  public init(color: String, marker: SVGPlot.Marker) {
    self.color = color
    self.marker = marker
  }

  /// Okabe–Ito's colour-blind-safe colours without the yellow (unreadable on white), then brown and purple.
  public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                               "#8C564B", "#7B3294"]
  public static let markers: [SVGPlot.Marker] = [.circle, .square, .diamond, .triangle, .triangleDown, .star, .plus]
  /// The single models' style (grey is not in the palette).
  public static let singleModels = PlotStyle(color: "#9a9a9a", marker: .circle)

  /// The style of the `index`-th router: colour `index mod 9`, marker `(index + ⌊index / 9⌋) mod 7`.
  ///
  /// Two indices below 63 with the same colour differ by 9·j (1 ≤ j ≤ 6), so their markers differ by
  /// 10·j ≡ 3·j (mod 7), which is never 0: every pair is distinct.
  public static func nth(_ index: Int) -> PlotStyle {
    let c = palette.count
    return PlotStyle(color: palette[index % c], marker: markers[(index + index / c) % markers.count])
  }

  /// The number of distinct colour–marker pairs.
  public static var distinctPairs: Int { palette.count * markers.count }
}

/// A small, dependency-free SVG scatter/line plot writer (deterministic output: fixed decimals, stable order).
///
/// Labels are placed greedily next to their points where their estimated box touches no marker, no other label and
/// stays inside the plot area (a leader line joins a label set further out); a label with no free place is left out
/// and counted in the SVG's `<desc>`. The legend is as wide as its longest name, and the plot grows taller when the
/// legend needs it. A log axis gets 1-2-5 decade ticks, every integer multiple when a range spans less than a few of
/// those, and plain 1-2-5 steps when it lies inside one decade.
public struct SVGPlot: Sendable {
  public enum Marker: String, Sendable, CaseIterable { case circle, square, diamond, triangle, triangleDown, star, plus }

  public struct Series: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public var color: String
    public var marker: Marker?
    public var line: Bool
    public var dashed: Bool
    public var labels: [String]

    public init(name: String, points: [(x: Double, y: Double)], color: String, marker: Marker? = .circle,
                line: Bool = false, dashed: Bool = false, labels: [String] = []) {
      self.name = name
      self.points = points
      self.color = color
      self.marker = marker
      self.line = line
      self.dashed = dashed
      self.labels = labels
    }

    public init(name: String, points: [(x: Double, y: Double)], style: PlotStyle, labels: [String] = []) {
      self.init(name: name, points: points, color: style.color, marker: style.marker, labels: labels)
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var logX: Bool
  public var series: [Series] = []
  /// The plot area (inside the axes), in pixels; the legend and margins come on top.
  public var plotWidth = 520.0
  public var plotHeight = 400.0
  /// Fixed axis ranges (data units, before padding), e.g. shared by the panels of a figure; nil: from the data.
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?
  /// A note printed under the title (e.g. that a fit degenerated).
  public var note: String?

  public init(title: String, xLabel: String, yLabel: String, logX: Bool) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logX = logX
  }

  /// A standalone SVG document.
  public func render() -> String {
    let body = renderBody()
    return svgDocument(width: body.width, height: body.height, title: title, content: body.svg)
  }

  /// A rectangle in SVG pixels.
  struct Box: Equatable {
    var x0: Double, y0: Double, x1: Double, y1: Double
    func intersects(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    func inside(_ o: Box) -> Bool { x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1 }
  }

  /// What `renderBody` decided, for tests: every marker's and label's box, the legend box, the labels left out.
  struct Layout {
    var width: Double, height: Double
    var plotArea: Box
    var markers: [Box] = []
    var labels: [(text: String, box: Box)] = []
    var omittedLabels: [String] = []
    var legend: Box
    var xTicks: [(value: Double, label: String?)] = []
  }

  static let labelFont = 10.0, legendFont = 12.0, legendRow = 18.0
  static let left = 70.0, top = 40.0, bottom = 55.0

  func finitePoints(_ s: Series) -> [(x: Double, y: Double)] {
    s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) }
  }

  /// The plot's content with its top-left corner at (0, 0), and its size.
  func renderBody() -> (svg: String, width: Double, height: Double) {
    let (svg, layout) = renderWithLayout()
    return (svg, layout.width, layout.height)
  }

  func renderWithLayout() -> (String, Layout) {
    let named = series.filter { !$0.name.isEmpty }
    let legendText = named.map { textWidth($0.name, fontSize: Self.legendFont) }.max() ?? 0
    let legendWidth = named.isEmpty ? 0 : 24 + legendText + 8
    let left = Self.left, top = Self.top + (note == nil ? 0 : 14), bottom = Self.bottom
    let pw = plotWidth
    let ph = max(plotHeight, Double(named.count) * Self.legendRow + 12)
    let width = (left + pw + 16 + legendWidth + 12).rounded(.up), height = (top + ph + bottom).rounded(.up)
    let plotArea = Box(x0: left, y0: top, x1: left + pw, y1: top + ph)

    let all = series.flatMap(finitePoints)
    let tx: (Double) -> Double = { logX ? log10($0) : $0 }
    var x0: Double, x1: Double, y0: Double, y1: Double
    if let r = xRange, r.upperBound.isFinite, r.lowerBound.isFinite, !logX || r.lowerBound > 0 {
      (x0, x1) = (tx(r.lowerBound), tx(r.upperBound))
    } else {
      (x0, x1) = (all.map { tx($0.x) }.min() ?? 0, all.map { tx($0.x) }.max() ?? 1)
    }
    if let r = yRange, r.upperBound.isFinite, r.lowerBound.isFinite {
      (y0, y1) = (r.lowerBound, r.upperBound)
    } else {
      (y0, y1) = (all.map(\.y).min() ?? 0, all.map(\.y).max() ?? 1)
    }
    if x1 - x0 < 1e-9 { x0 -= logX ? 0.15 : 0.5; x1 += logX ? 0.15 : 0.5 }
    if y1 - y0 < 1e-9 { y0 -= 1; y1 += 1 }
    let padX = (x1 - x0) * 0.06, padY = (y1 - y0) * 0.08
    x0 -= padX; x1 += padX; y0 -= padY; y1 += padY
    func px(_ x: Double) -> Double { left + (tx(x) - x0) / (x1 - x0) * pw }
    func py(_ y: Double) -> Double { top + (1 - (y - y0) / (y1 - y0)) * ph }

    var layout = Layout(width: width, height: height, plotArea: plotArea,
                        legend: Box(x0: left + pw + 16, y0: top, x1: left + pw + 16 + legendWidth,
                                    y1: top + 8 + Double(named.count) * Self.legendRow))
    var s = "<rect width=\"\(f(width))\" height=\"\(f(height))\" fill=\"white\"/>\n"
    s += "<text x=\"\(f(left + pw / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(xml(title))</text>\n"
    if let note {
      s += "<text x=\"\(f(left + pw / 2))\" y=\"38\" text-anchor=\"middle\" font-size=\"11\" fill=\"#a33\">\(xml(note))</text>\n"
    }
    // Grid and ticks: every tick gets a grid line; labels that would overlap the previous one are left out.
    let xTicks = axisTicks(x0, x1, log: logX, pixels: pw)
    layout.xTicks = xTicks.map { ($0.value, $0.label) }
    for t in xTicks {
      let x = left + (t.position - x0) / (x1 - x0) * pw
      s += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + ph))\" stroke=\"#e5e5e5\"/>\n"
      if let label = t.label {
        s += "<text x=\"\(f(x))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">\(xml(label))</text>\n"
      }
    }
    for t in axisTicks(y0, y1, log: false, pixels: ph) {
      let y = top + (1 - (t.position - y0) / (y1 - y0)) * ph
      s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>\n"
      if let label = t.label {
        s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(xml(label))</text>\n"
      }
    }
    s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\" fill=\"none\" stroke=\"#333\"/>\n"
    s += "<text x=\"\(f(left + pw / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(xml(xLabel))</text>\n"
    s += "<text transform=\"translate(18 \(f(top + ph / 2))) rotate(-90)\" text-anchor=\"middle\">\(xml(yLabel))</text>\n"

    // Every marker's box first, so no label is placed over a marker drawn later.
    for se in series where se.marker != nil {
      for p in finitePoints(se) {
        let (x, y) = (px(p.x), py(p.y))
        layout.markers.append(Box(x0: x - 6, y0: y - 6, x1: x + 6, y1: y + 6))
      }
    }
    var taken = layout.markers
    for se in series {
      let pts = finitePoints(se)
      s += "<g class=\"series\" data-name=\"\(xml(se.name))\">\n"
      if se.line && pts.count > 1 {
        let d = pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
        s += "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(se.color)\" stroke-width=\"1.6\"\(se.dashed ? " stroke-dasharray=\"5 4\"" : "")/>\n"
      }
      if let m = se.marker {
        for p in pts { s += marker(m, x: px(p.x), y: py(p.y), color: se.color) }
      }
      // Labels belong to the unfiltered points: pair them before dropping non-finite ones.
      let labelled = zip(se.points, se.labels).filter { p, l in
        !l.isEmpty && p.x.isFinite && p.y.isFinite && (!logX || p.x > 0)
      }
      for (p, label) in labelled {
        let (x, y) = (px(p.x), py(p.y))
        if let spot = placeLabel(label, x: x, y: y, taken: taken, area: plotArea) {
          taken.append(spot.box)
          layout.labels.append((label, spot.box))
          if spot.leader {
            s += "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(spot.leaderEnd.x))\" y2=\"\(f(spot.leaderEnd.y))\" stroke=\"#999\" stroke-width=\"0.6\"/>\n"
          }
          s += "<text x=\"\(f(spot.x))\" y=\"\(f(spot.y))\"\(spot.anchor == "start" ? "" : " text-anchor=\"\(spot.anchor)\"") font-size=\"\(Int(Self.labelFont))\" fill=\"#444\">\(xml(label))</text>\n"
        } else {
          layout.omittedLabels.append(label)
        }
      }
      s += "</g>\n"
    }
    if !layout.omittedLabels.isEmpty {
      s += "<desc>\(layout.omittedLabels.count) point labels left out for lack of room: \(xml(layout.omittedLabels.joined(separator: ", ")))</desc>\n"
    }
    // Legend.
    var ly = top + 8
    for se in named {
      let lx = left + pw + 16
      if se.line {
        s += "<line x1=\"\(f(lx))\" y1=\"\(f(ly))\" x2=\"\(f(lx + 18))\" y2=\"\(f(ly))\" stroke=\"\(se.color)\" stroke-width=\"1.6\"\(se.dashed ? " stroke-dasharray=\"5 4\"" : "")/>\n"
      }
      if let m = se.marker { s += marker(m, x: lx + 9, y: ly, color: se.color) }
      s += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 4))\">\(xml(se.name))</text>\n"
      ly += Self.legendRow
    }
    return (s, layout)
  }

  /// Where a label goes: the first of eight directions around the point, at growing distances, whose box is free.
  private func placeLabel(_ text: String, x: Double, y: Double, taken: [Box], area: Box)
    -> (x: Double, y: Double, anchor: String, box: Box, leader: Bool, leaderEnd: (x: Double, y: Double))?
  {
    let fs = Self.labelFont
    let w = textWidth(text, fontSize: fs)
    let inner = Box(x0: area.x0 + 2, y0: area.y0 + 2, x1: area.x1 - 2, y1: area.y1 - 2)
    for r in [7.0, 13, 21, 32, 46] {
      // (dx, dy) of the text's anchor point relative to the marker, and the anchor.
      let candidates: [(Double, Double, String)] = [
        (r, -r, "start"), (r + 2, fs / 3, "start"), (r, r + fs * 0.7, "start"),
        (-r, -r, "end"), (-r - 2, fs / 3, "end"), (-r, r + fs * 0.7, "end"),
        (0, -r - 2, "middle"), (0, r + fs + 2, "middle"),
      ]
      for (dx, dy, anchor) in candidates {
        let tx = x + dx, ty = y + dy
        let bx0 = anchor == "start" ? tx : anchor == "end" ? tx - w : tx - w / 2
        let box = Box(x0: bx0 - 1, y0: ty - fs * 0.82, x1: bx0 + w + 1, y1: ty + fs * 0.25)
        guard box.inside(inner), !taken.contains(where: box.intersects) else { continue }
        // The leader ends at the box edge nearest the point.
        let ex = min(max(x, box.x0), box.x1), ey = min(max(y, box.y0), box.y1)
        return (tx, ty, anchor, box, r > 14, (ex, ey))
      }
    }
    return nil
  }

  private func marker(_ m: Marker, x: Double, y: Double, color: String) -> String {
    switch m {
    case .circle: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(color)\"/>\n"
    case .square: return "<rect x=\"\(f(x - 4))\" y=\"\(f(y - 4))\" width=\"8\" height=\"8\" fill=\"\(color)\"/>\n"
    case .diamond:
      return "<polygon points=\"\(f(x)),\(f(y - 5)) \(f(x + 5)),\(f(y)) \(f(x)),\(f(y + 5)) \(f(x - 5)),\(f(y))\" fill=\"\(color)\"/>\n"
    case .triangle:
      return "<polygon points=\"\(f(x)),\(f(y - 5)) \(f(x + 5)),\(f(y + 4)) \(f(x - 5)),\(f(y + 4))\" fill=\"\(color)\"/>\n"
    case .triangleDown:
      return "<polygon points=\"\(f(x)),\(f(y + 5)) \(f(x + 5)),\(f(y - 4)) \(f(x - 5)),\(f(y - 4))\" fill=\"\(color)\"/>\n"
    case .star:
      var pts: [String] = []
      for k in 0..<10 {
        let r = k % 2 == 0 ? 6.5 : 2.8, a = Double(k) * .pi / 5 - .pi / 2
        pts.append("\(f(x + r * cos(a))),\(f(y + r * sin(a)))")
      }
      return "<polygon points=\"\(pts.joined(separator: " "))\" fill=\"\(color)\"/>\n"
    case .plus:
      return "<path d=\"M\(f(x - 5)) \(f(y))H\(f(x + 5))M\(f(x)) \(f(y - 5))V\(f(y + 5))\" stroke=\"\(color)\" stroke-width=\"2.6\"/>\n"
    }
  }

  /// Axis ticks in axis space (log10 of the value on a log axis), each with its label or nil when the label would
  /// overlap a more important one (labels are placed 1× before 5× before 2× before the other multiples).
  func axisTicks(_ a: Double, _ b: Double, log: Bool, pixels: Double) -> [(position: Double, value: Double, label: String?)] {
    var values: [Double] = []
    if log {
      let lo = pow(10, a), hi = pow(10, b)
      func decadeTicks(_ multiples: [Double]) -> [Double] {
        var out: [Double] = []
        for e in Int(floor(a)) - 1...Int(ceil(b)) {
          for m in multiples {
            let v = m * pow(10, Double(e))
            if v >= lo && v <= hi { out.append(v) }
          }
        }
        return out
      }
      values = decadeTicks([1, 2, 5])
      if values.count < 3 { values = decadeTicks([1, 2, 3, 4, 5, 6, 7, 8, 9]) }
      if values.count < 3 { values = linearTicks(lo, hi) }
    } else {
      values = linearTicks(a, b)
    }
    let positions = values.map { log ? log10($0) : $0 }
    // Labels by importance, each kept only when it clears every label kept before it.
    func importance(_ v: Double) -> Int {
      guard log, v > 0 else { return 0 }
      let m = (v / pow(10, floor(log10(v)) )).rounded()
      return m == 1 ? 0 : m == 5 ? 1 : m == 2 ? 2 : 3
    }
    let labels = values.map(tickLabel)
    var kept: [(lo: Double, hi: Double)] = []
    var show = [Bool](repeating: false, count: values.count)
    for i in values.indices.sorted(by: { (importance(values[$0]), $0) < (importance(values[$1]), $1) }) {
      let centre = (positions[i] - a) / (b - a) * pixels
      let half = (log ? textWidth(labels[i], fontSize: 12) / 2 : 7) + 4
      let span = (centre - half, centre + half)
      if !kept.contains(where: { $0.lo < span.1 && span.0 < $0.hi }) {
        kept.append(span)
        show[i] = true
      }
    }
    return values.indices.map { (positions[$0], values[$0], show[$0] ? labels[$0] : nil) }
  }
}

/// Round 1-2-5 steps covering [a, b], about six of them.
func linearTicks(_ a: Double, _ b: Double) -> [Double] {
  guard b > a else { return [a] }
  let raw = (b - a) / 6
  let mag = pow(10, floor(log10(raw)))
  let step = [1.0, 2.0, 5.0, 10.0].map { $0 * mag }.first { $0 >= raw } ?? mag * 10
  var out: [Double] = []
  var k = (a / step).rounded(.up)
  while k * step <= b + step * 1e-9 {
    // k · step, not repeated addition: 0.15 + 0.05 + … drifts off the round values.
    let v = k * step
    out.append(abs(v) < step * 1e-9 ? 0 : v)
    k += 1
  }
  return out
}

/// A figure of several plots in a grid (one panel per router family), under one title.
public struct SVGFigure: Sendable {
  public var title: String
  public var panels: [SVGPlot]
  public var columns: Int

  public init(title: String, panels: [SVGPlot], columns: Int = 2) {
    self.title = title
    self.panels = panels
    self.columns = max(1, columns)
  }

  public func render() -> String {
    let bodies = panels.map { $0.renderBody() }
    let cellW = bodies.map(\.width).max() ?? 300, cellH = bodies.map(\.height).max() ?? 200
    let cols = min(columns, max(bodies.count, 1))
    let rows = (bodies.count + cols - 1) / cols
    let head = 34.0
    let width = cellW * Double(cols), height = head + cellH * Double(max(rows, 1))
    var s = "<rect width=\"\(f(width))\" height=\"\(f(height))\" fill=\"white\"/>\n"
    s += "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">\(xml(title))</text>\n"
    for (k, b) in bodies.enumerated() {
      let x = cellW * Double(k % cols), y = head + cellH * Double(k / cols)
      s += "<g class=\"panel\" data-name=\"\(xml(panels[k].title))\" transform=\"translate(\(f(x)) \(f(y)))\">\n\(b.svg)</g>\n"
    }
    return svgDocument(width: width, height: height, title: title, content: s)
  }
}

func svgDocument(width: Double, height: Double, title: String, content: String) -> String {
  """
  <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width.rounded(.up)))" height="\(Int(height.rounded(.up)))" \
  viewBox="0 0 \(Int(width.rounded(.up))) \(Int(height.rounded(.up)))" font-family="Helvetica, Arial, sans-serif" font-size="12">
  <title>\(xml(title))</title>

  """ + content + "</svg>\n"
}

private func f(_ v: Double) -> String { String(format: "%.2f", v) }

/// The estimated width of `s` in pixels at `fontSize`, for a Helvetica/Arial/DejaVu Sans-like font: per-character
/// classes with DejaVu Sans's (the widest of the three) approximate advance widths, so estimates err on the wide side.
func textWidth(_ s: String, fontSize: Double) -> Double {
  var em = 0.0
  for u in s.unicodeScalars {
    switch u {
    case "i", "l", "j", ".", ",", ":", ";", "|", "!", "'", "`": em += 0.30
    case " ", "f", "t", "r", "I", "(", ")", "[", "]", "{", "}", "-", "/", "\\": em += 0.40
    case "m", "w", "M", "W", "%", "@": em += 0.95
    case "A"..."Z": em += 0.74
    case "0"..."9": em += 0.64
    case "a"..."z": em += 0.62
    default: em += u.value >= 0x2E80 ? 1.0 : 0.70
    }
  }
  return em * fontSize
}

/// A tick label: the fewest decimals (up to 6) that show the value exactly ("0.15", "2", "10000").
func tickLabel(_ v: Double) -> String {
  for d in 0...6 {
    let scaled = v * pow(10, Double(d))
    if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) {
      let s = String(format: "%.\(d)f", v)
      return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
  }
  return String(format: "%.6f", v)
}

/// XML text and attribute values: markup characters as entities; control characters XML 1.0 forbids become U+FFFD,
/// so no name can make the document ill-formed.
func xml(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for u in s.unicodeScalars {
    switch u {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "\t", "\n", "\r": out.unicodeScalars.append(u)
    default:
      if u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
    }
  }
  return out
}
