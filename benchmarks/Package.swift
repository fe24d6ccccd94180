// swift-tools-version: 6.1
// RouterBench's speed benchmarks: their own package (as swift-collections keeps its benchmarks), built in release
// against the root package by path. Speed targets live here and in the scripts beside it, never in unit tests.
//   swift build -c release --package-path benchmarks
//   bash benchmarks/learning/run.sh      bash benchmarks/hashing/run.sh      bash benchmarks/tokenizer/run.sh
//   bash benchmarks/transformer/run.sh  bash benchmarks/encoders/run.sh     bash benchmarks/ecvl/run.sh
//   bash benchmarks/t2i/run.sh          bash benchmarks/e2e/run.sh          bash benchmarks/import/xlsx_ratio.sh
//   bash benchmarks/run.sh
import PackageDescription

let package = Package(
  name: "RouterBenchBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "RouterBench", path: "..")],
  targets: [
    // A top-level script with global state, kept in the Swift 5 language mode (it was written as one); the
    // library it measures is Swift 6 with strict concurrency.
    .executableTarget(name: "learning-speed",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/learning-speed", swiftSettings: [.swiftLanguageMode(.v5)]),
    .executableTarget(name: "sha-throughput",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/sha-throughput"),
    // The sgemm peak and load average that several executables report beside their figures.
    .target(name: "BenchmarkSupport",
            dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
            path: "Sources/BenchmarkSupport"),
    .executableTarget(name: "transformer-speed",
                      dependencies: ["BenchmarkSupport", .product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/transformer-speed"),
    .executableTarget(name: "e2e-speed",
                      dependencies: ["BenchmarkSupport", .product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/e2e-speed"),
    .executableTarget(name: "gbdt-speed",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/gbdt-speed"),
    .executableTarget(name: "tokenizer-long-pieces",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/tokenizer-long-pieces"),
    .executableTarget(name: "minilm-speed",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/minilm-speed"),
    .executableTarget(name: "xlsx-read",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/xlsx-read"),
    .executableTarget(name: "wordpiece-speed",
                      dependencies: [.product(name: "RouterBenchKit", package: "RouterBench")],
                      path: "Sources/wordpiece-speed"),
  ],
  swiftLanguageModes: [.v6]
)
