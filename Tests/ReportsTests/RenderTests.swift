import BenchCore
import Foundation
import Testing

@testable import Reports

/// The report as its readers' tools see it: pdflatex compiles every `.tex`, Chromium renders `index.html`,
/// rsvg-convert turns every plot into a PDF, Python's csv module reads every CSV with numeric columns.
///
/// Each test skips, saying why, when its tool is missing — unless `ROUTERBENCH_RENDER=1` (`make test-render`, run
/// by `.ci/run` after installing the tools), where a missing tool is a failure.
enum RenderTests {
  static let required = ProcessInfo.processInfo.environment["ROUTERBENCH_RENDER"] == "1"

  static func reason(_ tool: String, _ packages: String, installedBy: String = "make test-render") -> Comment {
    Comment(rawValue: "\(tool) not found on PATH (Debian \(packages); `\(installedBy)` installs it): skipped")
  }

  /// Bootstrap intervals and p-values for every router of `input`'s main table, so the widest layout is tested.
  static func bootstrap(_ input: ReportInput) -> ReportBootstrap {
    let rows = mainTable(input, timings: [])
    var g = SplitMix64(seed: 3)
    let methods = rows.map { _ in
      SeededRouting(correct: (0..<60).map { _ in g.nextUnit() < 0.7 ? 1 : 0 }, cost: (0..<60).map { _ in 1e-4 * g.nextUnit() })
    }
    let result = Bootstrap.analyse(methods, baseline: methods[0], rankScore: RankScore(bounds: input.bounds),
                                   resamples: 50, seed: 1)
    var intervals: [String: Bootstrap.Result] = [:], p: [String: Double] = [:]
    for (k, r) in rows.enumerated() {
      intervals[r.router] = result.intervals[k]
      if !r.isUpperBound { p[r.router] = result.pValues[k] }
    }
    return ReportBootstrap(intervals: intervals, pValues: p, resamples: 50, baseline: "Model | <i>x</i>")
  }

  static func files(_ input: ReportInput) -> [(path: String, contents: String)] {
    reportFiles(input, bootstrap: bootstrap(input))
  }
}

@Suite struct LaTeXCompileTests {
  /// Every `.tex` the report writes, for the sample and the hostile 16-router input, `\input` one after another
  /// into a document with the documented preamble alone: pdflatex must finish without an error and without a box
  /// more than 1 pt too wide or too high; the hostile dataset `\input|"id>pwned"` must not run under -shell-escape.
  @Test(.enabled(if: Tools.pdflatex != nil || RenderTests.required,
                 RenderTests.reason("pdflatex", "texlive-latex-base, texlive-latex-recommended")))
  func everyTeXFileCompilesAndFitsThePage() throws {
    let pdflatex = try #require(Tools.pdflatex, "ROUTERBENCH_RENDER=1 but pdflatex is not on PATH")
    for (name, input) in [("sample", sampleInput()), ("stress", stressInput()), ("stress-score", stressInput(accuracy: .score))] {
      let dir = try scratchDirectory("latex-\(name)")
      defer { try? FileManager.default.removeItem(at: dir) }
      let tex = RenderTests.files(input).filter { $0.path.hasSuffix(".tex") }
      #expect(tex.count >= 4, "\(name): \(tex.map(\.path))")
      try write(tex, under: dir)
      let doc = "\\documentclass{article}\n" + TextTable.latexPreamble + "\\begin{document}\n"
        + tex.map { "\\input{\($0.path)}\n\\clearpage\n" }.joined() + "\\end{document}\n"
      try Data(doc.utf8).write(to: dir.appendingPathComponent("doc.tex"))
      let r = try pdflatex.run(["-interaction=nonstopmode", "-halt-on-error", "-shell-escape", "doc.tex"], in: dir)
      let log = (try? String(contentsOf: dir.appendingPathComponent("doc.log"), encoding: .isoLatin1)) ?? r.stdout
      let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }
      #expect(r.status == 0 && errors.isEmpty, "\(name): pdflatex exit \(r.status): \(errors.prefix(5))\n\(r.stdout.suffix(1500))")
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("doc.pdf").path), "\(name): no PDF")
      #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path),
              "\(name): a dataset name ran a shell command")
      // "Overfull \hbox (335.2pt too wide)", "Overfull \vbox (12.0pt too high)".
      var overfull: [String] = []
      for line in log.split(separator: "\n") where line.hasPrefix("Overfull") {
        let amount = line.split(separator: "(").dropFirst().first?.split(separator: "p").first.flatMap { Double($0) } ?? .infinity
        if amount > 1 { overfull.append(String(line)) }
      }
      #expect(overfull.isEmpty, "\(name): boxes over 1 pt: \(overfull)")
    }
  }
}

@Suite struct HTMLRenderTests {
  /// `index.html` of the hostile 16-router report, rendered by headless Chromium with a measuring script added to a
  /// copy of the page: the screenshot is not blank, the page logs nothing to the console (no script error, no
  /// resource error), every table sits in a scrolling container inside the page, the page itself does not scroll
  /// sideways, and every plot loads.
  @Test(.enabled(if: Tools.chromium != nil || RenderTests.required, RenderTests.reason("chromium", "chromium")))
  func indexHTMLRendersWithoutErrorsOrOverflow() throws {
    let chromium = try #require(Tools.chromium, "ROUTERBENCH_RENDER=1 but chromium is not on PATH")
    let dir = try scratchDirectory("html")
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = RenderTests.files(stressInput())
    try write(files, under: dir)
    let html = try #require(files.first { $0.path == "index.html" }?.contents)
    let probe = """
      <script>
      window.addEventListener('load', () => {
        const problems = [];
        const root = document.documentElement, body = document.body.getBoundingClientRect();
        if (root.scrollWidth > root.clientWidth + 1) problems.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);
        for (const t of document.querySelectorAll('table')) {
          const box = t.parentElement, name = (t.querySelector('th') || {}).textContent;
          if (!box.classList.contains('table-scroll')) { problems.push('table outside a scrolling container: ' + name); continue; }
          const r = box.getBoundingClientRect(), overflow = getComputedStyle(box).overflowX;
          if (r.right > body.right + 1 || r.left < body.left - 1) problems.push('container leaves the page: ' + name);
          if (t.scrollWidth > box.clientWidth + 1 && overflow !== 'auto' && overflow !== 'scroll') problems.push('table overflows: ' + name);
        }
        for (const img of document.images) {
          if (!img.complete || img.naturalWidth === 0) problems.push('image did not load: ' + img.getAttribute('src'));
          if (img.getBoundingClientRect().right > body.right + 1) problems.push('image leaves the page: ' + img.getAttribute('src'));
        }
        document.body.setAttribute('data-problems', JSON.stringify(problems));
        document.body.setAttribute('data-tables', String(document.querySelectorAll('table').length));
      });
      </script>
      </body>
      """
    try Data(html.replacingOccurrences(of: "</body>", with: probe).utf8).write(to: dir.appendingPathComponent("probe.html"))
    let shot = dir.appendingPathComponent("shot.png")
    let r = try chromium.run(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
                              "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0",
                              "--screenshot=\(shot.path)", "--dump-dom", dir.appendingPathComponent("probe.html").absoluteString])
    try #require(r.status == 0, "chromium exit \(r.status): \(r.stderr.suffix(1500))")
    let console = r.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    #expect(console.isEmpty, "the page logged: \(console)")
    let dom = r.stdout
    let problems = dom.components(separatedBy: "data-problems=\"").dropFirst().first?.components(separatedBy: "\"").first
    #expect(problems == "[]", "layout problems: \(problems ?? "the probe did not run: \(dom.prefix(300))")")
    let tables = html.components(separatedBy: "<table>").count - 1
    #expect(dom.contains("data-tables=\"\(tables)\""), "expected \(tables) tables in the rendered DOM")
    let image = try PNGImage(Data(contentsOf: shot))
    #expect(image.width == 1280 && image.height == 2000)
    #expect(image.nonBackgroundShare > 0.03, "the screenshot is (nearly) blank: \(image.nonBackgroundShare)")
    #expect(image.coarseColours >= 8, "the screenshot has \(image.coarseColours) colours")
  }
}

@Suite struct PlotPDFTests {
  /// `writeReport` puts a PDF beside every SVG (rsvg-convert), and the same SVG gives the same PDF bytes.
  @Test(.enabled(if: Tools.rsvg != nil || RenderTests.required, RenderTests.reason("rsvg-convert", "librsvg2-bin", installedBy: "make deps")))
  func everyPlotHasAReproduciblePDF() throws {
    _ = try #require(Tools.rsvg, "ROUTERBENCH_RENDER=1 but rsvg-convert is not on PATH")
    let a = try scratchDirectory("pdf-a"), b = try scratchDirectory("pdf-b")
    defer { for d in [a, b] { try? FileManager.default.removeItem(at: d) } }
    let input = stressInput()
    let notes = try writeReport(input, to: a)
    #expect(notes.isEmpty, "\(notes)")
    try writeReport(input, to: b)
    let plots = try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent("plots").path).sorted()
    let svgs = plots.filter { $0.hasSuffix(".svg") }
    #expect(svgs == ["lambda-sweep.svg", "overview.svg", "routers-by-family.svg"])
    for svg in svgs {
      let pdf = "plots/" + svg.replacingOccurrences(of: ".svg", with: ".pdf")
      let bytes = try Data(contentsOf: a.appendingPathComponent(pdf))
      #expect(bytes.starts(with: Data("%PDF-".utf8)) && bytes.count > 2000, "\(pdf): \(bytes.count) bytes")
      #expect(bytes == (try Data(contentsOf: b.appendingPathComponent(pdf))), "\(pdf) differs between two writes")
    }
  }

  @Test func withoutRsvgConvertTheReportSaysSoAndWritesSVGOnly() throws {
    #expect(PlotConverter.find(environment: ["PATH": "/nonexistent"]) == nil)
    let dir = try scratchDirectory("no-pdf")
    defer { try? FileManager.default.removeItem(at: dir) }
    let notes = try writeReport(sampleInput(), converter: nil, to: dir)
    #expect(notes.count == 1 && notes[0].contains("rsvg-convert not found") && notes[0].contains("librsvg2-bin"))
    let plots = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("plots").path)
    #expect(!plots.isEmpty && plots.allSatisfy { $0.hasSuffix(".svg") }, "\(plots)")
  }
}

/// One column's type in a CSV file, as the Python check reads it.
enum ColumnType: String {
  case int, float, text
  /// A number, or empty where not applicable.
  case optionalFloat = "float?"
  case optionalText = "text?"
}

@Suite struct CSVTypeTests {
  /// The columns of every CSV the report writes, by type.
  static func schema(_ input: ReportInput, files: [(path: String, contents: String)]) -> [String: [(String, ColumnType)]] {
    let ci = ["accuracy_ci_low", "accuracy_ci_high", "cost_ci_low", "cost_ci_high", "rank_score_ci_low", "rank_score_ci_high"]
    var s: [String: [(String, ColumnType)]] = [
      "per-dataset.csv": [("lambda", .optionalFloat), ("router", .text), ("seed", .int), ("dataset", .text), ("group", .text),
                          ("samples", .int), ("accuracy_pct", .float), ("cost_usd_per_10k", .float), ("rank_score", .float)],
      "main-table.csv": [("router", .text), ("family", .text), ("lambda", .optionalFloat), ("accuracy_pct", .float),
                         ("accuracy_std", .optionalFloat), ("cost_usd_per_10k", .float), ("cost_std", .optionalFloat),
                         ("rank_score", .float), ("rank_score_std", .optionalFloat), ("rank", .int)]
        + ci.map { ($0, .optionalFloat) } + [("p_vs_best_single", .optionalFloat)],
      "leaderboard.csv": [("rank", .int), ("router", .text), ("family", .text), ("lambda", .optionalFloat),
                          ("accuracy_pct", .float), ("accuracy_ci_low", .float), ("accuracy_ci_high", .float),
                          ("cost_usd_per_10k", .float), ("cost_ci_low", .float), ("cost_ci_high", .float),
                          ("rank_score", .float), ("rank_score_ci_low", .float), ("rank_score_ci_high", .float),
                          ("gap_to_oracle", .float), ("p_vs_best_single", .optionalFloat)],
      "frontiers.csv": [("router", .text), ("family", .optionalText), ("status", .text), ("points", .int), ("a", .optionalFloat),
                        ("b", .optionalFloat), ("c", .optionalFloat), ("a_plus_c", .optionalFloat), ("r2", .optionalFloat),
                        ("aiq", .float), ("cost_usd_per_10k", .optionalFloat), ("accuracy_pct", .optionalFloat)],
      "timings.csv": [("router", .text), ("lambda", .optionalFloat), ("seed", .int), ("train_seconds", .float),
                      ("route_seconds", .float), ("routed_input_tokens", .int), ("throughput_k_tokens_per_s", .optionalFloat)],
    ]
    for f in files where f.path.hasPrefix("tables/") && f.path.hasSuffix(".csv") {
      // Router columns are named after the routers (formula-guarded like any text); every one is numeric.
      let header = f.contents.split(separator: "\n").first.map { parseCSVLine(String($0)) } ?? []
      s[f.path] = [("group", .text), ("dataset", .text), ("metric", .text)] + header.dropFirst(3).map { ($0, .optionalFloat) }
      let guarded = input.routers.map { n in n.first.map { "=+-@\t\r".contains($0) } == true && n != "-" ? "'" + n : n }
      #expect(Array(header.dropFirst(3).prefix(input.routers.count)) == guarded, "\(f.path) router columns")
    }
    return s
  }

  /// Python's csv module reads each file and checks the header and every cell against the schema: integers parse
  /// with int(), floats with float() (so `inf` is a float and `-`, `–` or `[x, y]` are not), required cells are
  /// not empty, and no column of leaderboard.csv is empty in every row.
  static let checker = #"""
    import csv, json, math, sys
    schema = json.load(open(sys.argv[1]))
    root = sys.argv[2]
    problems = []
    for path, columns in sorted(schema.items()):
        with open(root + "/" + path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        names = [c[0] for c in columns]
        if header != names:
            problems.append(f"{path}: header {header} != {names}")
            continue
        if not body:
            problems.append(f"{path}: no rows")
        for i, row in enumerate(body, start=2):
            if len(row) != len(header):
                problems.append(f"{path}:{i}: {len(row)} cells, header has {len(header)}")
                continue
            for (name, kind), cell in zip(columns, row):
                optional = kind.endswith("?")
                base = kind.rstrip("?")
                if cell == "":
                    if not optional:
                        problems.append(f"{path}:{i}: {name} is empty")
                    continue
                try:
                    if base == "int":
                        int(cell)
                    elif base == "float":
                        v = float(cell)
                        if math.isnan(v):
                            problems.append(f"{path}:{i}: {name} is NaN")
                except ValueError:
                    problems.append(f"{path}:{i}: {name} = {cell!r} is not {base}")
        if path == "leaderboard.csv":
            for j, name in enumerate(header):
                if all(r[j] == "" for r in body if len(r) == len(header)):
                    problems.append(f"{path}: column {name} is empty in every row")
    print(json.dumps(problems))
    """#

  @Test(.enabled(if: Tools.python != nil || RenderTests.required, RenderTests.reason("python3", "python3", installedBy: "the system; make vocab needs it too")))
  func everyCSVLoadsWithNumericColumns() throws {
    let python = try #require(Tools.python, "ROUTERBENCH_RENDER=1 but python3 is not on PATH")
    for (name, input) in [("sample", sampleInput()), ("stress", stressInput())] {
      let dir = try scratchDirectory("csv-\(name)")
      defer { try? FileManager.default.removeItem(at: dir) }
      let timings = Set(input.results.map(\.runID)).sorted().map {
        RunTiming(runID: $0, trainSeconds: 0.5, routeSeconds: $0 % 3 == 0 ? 0 : 0.25, routedInputTokens: 1000)
      }
      let files = reportFiles(input, timings: timings, bootstrap: RenderTests.bootstrap(input))
      try write(files, under: dir)
      let schema = Self.schema(input, files: files)
      #expect(Set(schema.keys) == Set(files.map(\.path).filter { $0.hasSuffix(".csv") }), "\(name): every CSV has a schema")
      let json = try JSONSerialization.data(withJSONObject: schema.mapValues { $0.map { [$0.0, $0.1.rawValue] } })
      try json.write(to: dir.appendingPathComponent("schema.json"))
      let r = try python.run(["-", dir.appendingPathComponent("schema.json").path, dir.path], stdin: Self.checker)
      try #require(r.status == 0, "\(name): python3 exit \(r.status): \(r.stderr)")
      #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(name): \(r.stdout)")
    }
  }
}

/// Splits one CSV line (RFC 4180 quotes), for reading headers back.
func parseCSVLine(_ line: String) -> [String] {
  var out: [String] = [], field = "", quoted = false
  var chars = Array(line)[...]
  while let c = chars.popFirst() {
    if quoted {
      if c == "\"" {
        if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      out.append(field)
      field = ""
    } else {
      field.append(c)
    }
  }
  out.append(field)
  return out
}
