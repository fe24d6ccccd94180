// swift-tools-version: 6.1
// RouterBench's coverage-guided fuzz targets: their own package (like benchmarks/), built against the root package
// by path with libFuzzer instrumentation, one executable per reader. Never part of `make test`:
//   make fuzz SECONDS=60            # build, generate seed corpora from ../shared/real-logs, run every target
//   bash fuzz/run.sh [SECONDS] [TARGET…]
// Build by hand (the flags matter: -sanitize=fuzzer instruments and links libFuzzer; -enable-testing lets targets
// reach the internal part parsers through `@testable import`; --allow-multiple-definition lets SwiftPM's
// `--defsym main=<module>_main` stand beside libFuzzer's own `main`, which the sanitizer links as a whole archive):
//   swift build -c release --package-path fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing \
//     -Xlinker --allow-multiple-definition
import PackageDescription

let targets = ["fuzz-xlsx-sheet", "fuzz-xlsx-strings", "fuzz-xlsx-workbook", "fuzz-xlsx-archive", "fuzz-delimited",
               "fuzz-json", "fuzz-pricing", "fuzz-npy", "fuzz-safetensors"]

let package = Package(
  name: "RouterBenchFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "RouterBench", path: "..")],
  targets: [
    // `LLVMFuzzerRunDriver` behind a C header: SwiftPM links executables with `--defsym main=<module>_main`, so
    // libFuzzer's `main` is unused and each target's top-level code starts the driver itself.
    .target(name: "CFuzzerShim"),
    .target(name: "FuzzSupport",
            dependencies: ["CFuzzerShim", .product(name: "RouterBenchKit", package: "RouterBench")]),
  ] + targets.map { name in
    .executableTarget(name: name,
                      dependencies: ["FuzzSupport", .product(name: "RouterBenchKit", package: "RouterBench")])
  },
  swiftLanguageModes: [.v6]
)
