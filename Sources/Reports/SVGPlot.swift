internal import Foundation

/// A small, dependency-free SVG scatter/line plot writer (deterministic output: fixed decimals, stable order).
public struct SVGPlot: Sendable {
  public enum Marker: String, Sendable { case circle, square, diamond, triangle, star }

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
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var logX: Bool
  public var series: [Series] = []
  public var width = 760.0
  public var height = 500.0

  public init(title: String, xLabel: String, yLabel: String, logX: Bool) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logX = logX
  }

  /// The palette used for routers (colour-blind-safe, Okabe–Ito), then greys.
  public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
                               "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD"]

  public func render() -> String {
    let left = 70.0, right = 190.0, top = 40.0, bottom = 55.0
    let pw = width - left - right, ph = height - top - bottom
    let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) }
    let tx: (Double) -> Double = { logX ? log10($0) : $0 }
    var x0 = all.map { tx($0.x) }.min() ?? 0, x1 = all.map { tx($0.x) }.max() ?? 1
    var y0 = all.map(\.y).min() ?? 0, y1 = all.map(\.y).max() ?? 1
    if x1 - x0 < 1e-9 { x0 -= 0.5; x1 += 0.5 }
    if y1 - y0 < 1e-9 { y0 -= 1; y1 += 1 }
    let padX = (x1 - x0) * 0.06, padY = (y1 - y0) * 0.08
    x0 -= padX; x1 += padX; y0 -= padY; y1 += padY
    func px(_ x: Double) -> Double { left + (tx(x) - x0) / (x1 - x0) * pw }
    func py(_ y: Double) -> Double { top + (1 - (y - y0) / (y1 - y0)) * ph }
    func f(_ v: Double) -> String { String(format: "%.2f", v) }

    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <title>\(xml(title))</title>
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(left + pw / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\(xml(title))</text>

      """
    // Grid and ticks.
    for t in ticks(x0, x1, log: logX) {
      let x = left + (t.position - x0) / (x1 - x0) * pw
      s += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + ph))\" stroke=\"#e5e5e5\"/>\n"
      s += "<text x=\"\(f(x))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">\(xml(t.label))</text>\n"
    }
    for t in ticks(y0, y1, log: false) {
      let y = top + (1 - (t.position - y0) / (y1 - y0)) * ph
      s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>\n"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(xml(t.label))</text>\n"
    }
    s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\" fill=\"none\" stroke=\"#333\"/>\n"
    s += "<text x=\"\(f(left + pw / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(xml(xLabel))</text>\n"
    s += "<text transform=\"translate(18 \(f(top + ph / 2))) rotate(-90)\" text-anchor=\"middle\">\(xml(yLabel))</text>\n"
    // Series.
    for se in series {
      let pts = se.points.filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) }
      s += "<g class=\"series\" data-name=\"\(xml(se.name))\">\n"
      if se.line && pts.count > 1 {
        let d = pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
        s += "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(se.color)\" stroke-width=\"1.6\"\(se.dashed ? " stroke-dasharray=\"5 4\"" : "")/>\n"
      }
      if let m = se.marker {
        for (i, p) in pts.enumerated() {
          s += marker(m, x: px(p.x), y: py(p.y), color: se.color)
          if i < se.labels.count, !se.labels[i].isEmpty {
            s += "<text x=\"\(f(px(p.x) + 6))\" y=\"\(f(py(p.y) - 6))\" font-size=\"10\" fill=\"#444\">\(xml(se.labels[i]))</text>\n"
          }
        }
      }
      s += "</g>\n"
    }
    // Legend.
    var ly = top + 8
    for se in series where !se.name.isEmpty {
      let lx = left + pw + 14
      if se.line {
        s += "<line x1=\"\(f(lx))\" y1=\"\(f(ly))\" x2=\"\(f(lx + 18))\" y2=\"\(f(ly))\" stroke=\"\(se.color)\" stroke-width=\"1.6\"\(se.dashed ? " stroke-dasharray=\"5 4\"" : "")/>\n"
      }
      if let m = se.marker { s += marker(m, x: lx + 9, y: ly, color: se.color) }
      s += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly + 4))\">\(xml(se.name))</text>\n"
      ly += 18
    }
    s += "</svg>\n"
    return s
  }

  private func marker(_ m: Marker, x: Double, y: Double, color: String) -> String {
    func f(_ v: Double) -> String { String(format: "%.2f", v) }
    switch m {
    case .circle: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(color)\"/>\n"
    case .square: return "<rect x=\"\(f(x - 4))\" y=\"\(f(y - 4))\" width=\"8\" height=\"8\" fill=\"\(color)\"/>\n"
    case .diamond:
      return "<polygon points=\"\(f(x)),\(f(y - 5)) \(f(x + 5)),\(f(y)) \(f(x)),\(f(y + 5)) \(f(x - 5)),\(f(y))\" fill=\"\(color)\"/>\n"
    case .triangle:
      return "<polygon points=\"\(f(x)),\(f(y - 5)) \(f(x + 5)),\(f(y + 4)) \(f(x - 5)),\(f(y + 4))\" fill=\"\(color)\"/>\n"
    case .star:
      var pts: [String] = []
      for k in 0..<10 {
        let r = k % 2 == 0 ? 6.5 : 2.8, a = Double(k) * .pi / 5 - .pi / 2
        pts.append("\(f(x + r * cos(a))),\(f(y + r * sin(a)))")
      }
      return "<polygon points=\"\(pts.joined(separator: " "))\" fill=\"\(color)\"/>\n"
    }
  }

  /// Axis ticks: decades (and 2×, 5×) on a log axis; 1-2-5 steps on a linear axis. Positions in axis space.
  private func ticks(_ a: Double, _ b: Double, log: Bool) -> [(position: Double, label: String)] {
    if log {
      var out: [(Double, String)] = []
      for e in Int(floor(a))...Int(ceil(b)) {
        for m in [1.0, 2.0, 5.0] {
          let v = m * pow(10, Double(e)), p = log10(v)
          if p >= a && p <= b { out.append((p, shortNumber(v))) }
        }
      }
      return out
    }
    let raw = (b - a) / 6
    let mag = pow(10, floor(log10(raw)))
    let step = [1.0, 2.0, 5.0, 10.0].map { $0 * mag }.first { $0 >= raw } ?? mag * 10
    var out: [(Double, String)] = []
    var v = ceil(a / step) * step
    while v <= b + 1e-12 {
      out.append((v, shortNumber(v)))
      v += step
    }
    return out
  }
}

func shortNumber(_ v: Double) -> String {
  if abs(v) >= 1 || v == 0 { return v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
  var s = String(format: "%.3f", v)
  while s.hasSuffix("0") { s.removeLast() }
  return s
}

func xml(_ s: String) -> String {
  s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
