import Foundation
import Learning
import Testing

/// The `routerbench` executable built next to the test bundle (`.build/<triple>/debug/routerbench`).
func builtRouterBench(filePath: String = #filePath) throws -> URL {
  var dirs: [URL] = []
  if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
  dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
  dirs.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
  let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  dirs.append(root.appendingPathComponent(".build/debug"))
  for d in dirs {
    let u = d.appendingPathComponent("routerbench")
    if FileManager.default.isExecutableFile(atPath: u.path) { return u }
  }
  throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "routerbench next to the tests (\(dirs.map(\.path)))"])
}

/// Runs the binary in `directory` with `arguments`; returns its exit status and stderr.
func runRouterBench(_ binary: URL, _ arguments: [String], in directory: URL,
                    environment: [String: String]) async throws -> (status: Int32, stderr: String) {
  let log = directory.appendingPathComponent("stderr.log")
  _ = FileManager.default.createFile(atPath: log.path, contents: nil)
  let handle = try FileHandle(forWritingTo: log)
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  process.currentDirectoryURL = directory
  process.environment = environment
  process.standardOutput = FileHandle.nullDevice
  process.standardError = handle
  let status: Int32 = try await withCheckedThrowingContinuation { k in
    process.terminationHandler = { k.resume(returning: $0.terminationStatus) }
    do { try process.run() } catch { k.resume(throwing: error) }
  }
  try handle.close()
  return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}

/// Every regular file under `root`, by path relative to it.
func filesUnder(_ root: URL) -> [String: Data] {
  var out: [String: Data] = [:]
  let base = root.standardizedFileURL.path + "/"
  guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
  for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
    out[String(url.standardizedFileURL.path.dropFirst(base.count))] = try? Data(contentsOf: url)
  }
  return out
}

@Suite struct TwoProcessDeterminismTests {
  /// Two separate processes of the built binary — `--jobs 1` and `--jobs 2`, the second with a different
  /// `OPENBLAS_CORETYPE` in its environment, as some machines set — write byte-identical reports (timings aside).
  ///
  /// A third process (`routerbench simulate`) writes the simulated logs once into the shared work directory, which
  /// both `reproduce` processes reuse (as a second `make run` would). Each runs in its own directory with the same
  /// relative `--db` and `--out`, so the database path and benchmark name the report prints are the same; the
  /// approximate token counter keeps the debug-build import short.
  @Test(.timeLimit(.minutes(3))) func twoProcessesWriteByteIdenticalReports() async throws {
    let binary = try builtRouterBench()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("rb-2proc-\(UUID().uuidString)")
    let dirs = [root.appendingPathComponent("one"), root.appendingPathComponent("two")]
    for d in dirs { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
    defer { try? FileManager.default.removeItem(at: root) }
    var base = ProcessInfo.processInfo.environment
    for k in [BLASKernelPin.reexecMarker, BLASKernelPin.choiceVariable, BLASKernelPin.coreTypeVariable] {
      base[k] = nil
    }
    var other = base
    other[BLASKernelPin.coreTypeVariable] = "SkylakeX"
    let work = root.appendingPathComponent("work")
    let sim = try await runRouterBench(binary, ["simulate", "--scale", "0.05", "--seed", "42", "--out",
                                                work.appendingPathComponent("vl-routerbench-s0.05-seed42").path],
                                       in: root, environment: base)
    try #require(sim.status == 0, "simulate exited \(sim.status): \(sim.stderr.suffix(2000))")
    // OVR and MLP are the BLAS-heavy routers (Linear adds CPU time and no kernel sensitivity at this scale: the
    // tables agree across kernels here; an unpinned kernel shows in the provenance's "BLAS kernel" line).
    let args = ["reproduce", "--scale", "0.05", "--seed", "42", "--routers", "Oracle,OVR,MLP",
                "--seeds", "2", "--lambdas", "0,100", "--out", "out", "--work", work.path, "--db", "b.sqlite",
                "--tokenizer", "approximate"]
    async let first = runRouterBench(binary, args + ["--jobs", "1"], in: dirs[0], environment: base)
    async let second = runRouterBench(binary, args + ["--jobs", "2"], in: dirs[1], environment: other)
    let results = try await [first, second]
    for (i, r) in results.enumerated() {
      try #require(r.status == 0, "process \(i + 1) exited \(r.status): \(r.stderr.suffix(2000))")
      #expect(r.stderr.contains("simulate: reusing"), "process \(i + 1) did not reuse the shared simulation")
    }

    let a = filesUnder(dirs[0].appendingPathComponent("out")), b = filesUnder(dirs[1].appendingPathComponent("out"))
    #expect(Set(a.keys) == Set(b.keys))
    let compared = a.keys.filter { !$0.hasPrefix("timings.") }.sorted()
    for path in ["main-table.csv", "index.html", "per-dataset.csv", "frontiers.csv", "leaderboard.json",
                 "tables/main-table.md", "tables/A1.md"] {
      #expect(compared.contains(path), "\(path) missing from the report")
    }
    for path in compared where a[path] != b[path] {
      // Name the first differing line, so a failure says what is not reproducible.
      let la = String(decoding: a[path] ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let lb = String(decoding: b[path] ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let i = la.indices.first { $0 >= lb.count || la[$0] != lb[$0] } ?? la.count
      let lineA = i < la.count ? String(la[i]) : "(end)", lineB = i < lb.count ? String(lb[i]) : "(end)"
      Issue.record("\(path) differs between the --jobs 1 and --jobs 2 processes at line \(i + 1):\n  \(lineA)\n  \(lineB)")
    }

    // Both processes ran (and recorded) the same kernel; on AVX2+FMA CPUs it is the pinned one.
    var kernels: [String] = []
    for files in [a, b] {
      let json = try #require(files["timings.json"].flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
      kernels.append(try #require(json["blas_kernel"] as? String))
      #expect(json["main_table_throughput_k_tokens_per_s"] is [String: Any])
    }
    #expect(kernels[0] == kernels[1])
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    if BLASKernelPin.cpuFlags(cpuinfo: cpuinfo).isSuperset(of: ["avx2", "fma"]) {
      #expect(kernels[0] == BLASKernelPin.pinnedCoreType)
    }
    let html = String(decoding: try #require(a["index.html"]), as: UTF8.self)
    #expect(html.contains("<th>BLAS kernel</th><td><code>\(kernels[0]) (OpenBLAS"))
    let csv = String(decoding: try #require(a["main-table.csv"]), as: UTF8.self)
    #expect(!csv.contains("throughput") && csv.contains("p_vs_best_single"))
  }
}

@Suite struct BLASKernelPinTests {
  let avx2: Set<String> = ["sse3", "avx", "avx2", "fma"]

  @Test func pinsHaswellOnAVX2MachinesWhateverOpenBLASPicked() {
    #expect(BLASKernelPin.action(environment: [:], cpuFlags: avx2, loadedCore: "Prescott") == .reexec(coreType: "Haswell"))
    #expect(BLASKernelPin.action(environment: ["OPENBLAS_CORETYPE": "SkylakeX"], cpuFlags: avx2, loadedCore: "SkylakeX")
      == .reexec(coreType: "Haswell"))
    // Already the pinned kernel (a Haswell CPU, or after the re-exec): nothing to do.
    #expect(BLASKernelPin.action(environment: [:], cpuFlags: avx2, loadedCore: "Haswell") == .proceed)
    #expect(BLASKernelPin.action(environment: ["OPENBLAS_CORETYPE": "Haswell", "ROUTERBENCH_BLAS_REEXEC": "1"],
                                 cpuFlags: avx2, loadedCore: "Haswell") == .proceed)
  }

  @Test func neverLoopsAndWarnsWhenThePinDidNotTake() {
    for env in [["ROUTERBENCH_BLAS_REEXEC": "1"], ["OPENBLAS_CORETYPE": "Haswell"]] {
      guard case .warn(let m) = BLASKernelPin.action(environment: env, cpuFlags: avx2, loadedCore: "Prescott") else {
        Issue.record("expected a warning for \(env)")
        continue
      }
      #expect(m.contains("Haswell") && m.contains("Prescott"))
    }
  }

  @Test func leavesCPUsWithoutAVX2AloneButWarns() {
    guard case .warn(let m) = BLASKernelPin.action(environment: [:], cpuFlags: ["sse3", "avx"], loadedCore: "Sandybridge")
    else { Issue.record("expected a warning"); return }
    #expect(m.contains("not pinned") && m.contains("Sandybridge"))
  }

  @Test func theUserMayChooseAnotherKernelOrNone() {
    let choose = ["ROUTERBENCH_BLAS_CORETYPE": "SkylakeX"]
    #expect(BLASKernelPin.action(environment: choose, cpuFlags: avx2, loadedCore: "Haswell") == .reexec(coreType: "SkylakeX"))
    #expect(BLASKernelPin.action(environment: choose, cpuFlags: avx2, loadedCore: "SkylakeX") == .proceed)
    #expect(BLASKernelPin.action(environment: ["ROUTERBENCH_BLAS_CORETYPE": "auto"], cpuFlags: avx2, loadedCore: "Prescott")
      == .proceed)
  }

  @Test func readsTheCPUFlags() {
    let cpuinfo = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R)\nflags\t\t: fpu sse3 avx2 fma avx512f\n\nprocessor\t: 1\n"
    #expect(BLASKernelPin.cpuFlags(cpuinfo: cpuinfo) == ["fpu", "sse3", "avx2", "fma", "avx512f"])
    #expect(BLASKernelPin.cpuFlags(cpuinfo: "") == [])
  }
}
