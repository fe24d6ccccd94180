// swift-tools-version: 6.1
// RouterBench — an offline benchmark harness for routing queries between (vision–language) models.
import PackageDescription

// MARK: - Shared settings

/// Every target compiles in the Swift 6 language mode with strict concurrency, and with
/// `MemberImportVisibility` so a file only sees members of modules it imports itself.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("MemberImportVisibility"),
]

/// Debug builds link with lld, which ships with the Swift toolchain: the test bundle (~90 MB with its debug
/// information) and the debug `routerbench` link in about half the time gold takes, and linking is the last,
/// single-threaded step of `make test`'s build. Release builds keep the default linker.
let debugLinkerSettings: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"], .when(configuration: .debug))]

// MARK: - Package

let package = Package(
  name: "RouterBench",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "routerbench", targets: ["routerbench"]),
    .library(name: "RouterBenchKit", targets: ["BenchCore", "VLRouterBenchPreset", "BenchStore", "LogImport",
                                              "Simulation", "Learning", "Encoders", "CurveFit", "Routers", "Sweep",
                                              "Reports", "Pipeline", "EdgeCloud", "MultiMetric"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // MARK: System libraries (Debian packages; the Makefile installs them when missing)
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
    // ISA-L: LogImport inflates the parts of xlsx and .npz archives itself (raw deflate, bounded by the declared
    // compressed size; docs/importing.md "Archives"). (ZIPFoundation, which writes archives, links zlib.)
    .systemLibrary(name: "CIsal", path: "Sources/CIsal", providers: [.apt(["libisal-dev"])]),

    // MARK: Layers (arrows point down only; see docs/architecture.md)
    // BenchCore's inner loops (SHA-256 of every imported file and of the benchmark fingerprint, metrics) are
    // optimised in debug builds too: unoptimised SHA-256 runs at ~2 MB/s, which made the debug test suite spend
    // most of an import hashing.
    // SHA-256 block compression with the x86 SHA extensions (SHA-NI), chosen at run time by CPUID; BenchCore's
    // portable Swift compression is the fallback. Optimised in debug builds too, like BenchCore.
    .target(name: "CSHA256", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
    // BenchCore's linker settings reach every product (each links BenchCore): lld for debug links, see above.
    .target(name: "BenchCore", dependencies: ["CSHA256"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))],
            linkerSettings: debugLinkerSettings),
    // The paper's figures (Table 1 catalog, Table 2, Tables A1–A6) as CSV resources, parsed strictly.
    .target(name: "VLRouterBenchPreset", dependencies: ["BenchCore"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),
    .target(name: "BenchStore", dependencies: ["BenchCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
    // LogImport is optimised in debug builds too: the test suite imports the real logs and several simulated
    // benchmarks, and unoptimised parsing made those imports most of `make test`'s CPU time.
    .target(name: "LogImport",
            dependencies: ["BenchCore", "BenchStore", "VLRouterBenchPreset", "CIsal", "Yams", "ZIPFoundation"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // Simulation is optimised in debug builds too: the tests simulate and write a dozen benchmarks (features,
    // prompts, TSV and xlsx logs), and unoptimised it was the largest share of the test run's CPU (36 s of 142 s).
    .target(name: "Simulation", dependencies: ["BenchCore", "VLRouterBenchPreset", "ZIPFoundation"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // Learning's kernels (transformer layers, attention, GELU, LayerNorm) are optimised in debug builds too: the
    // unoptimised loops made one MiniLM forward pass ~40× slower, and the tests embed a thousand prompts.
    .target(name: "Learning", dependencies: ["BenchCore", "CBLAS"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // Pretrained text encoders: safetensors weights, the BERT WordPiece tokenizer, the encoder registry and the
    // resumable embedding job (BenchStore holds its finished chunks). Not optimised in debug builds: the encoder's
    // arithmetic runs in Learning (optimised), and Encoders' own code is ~1 s of the test run's CPU unoptimised,
    // while `-O` added ~10 s to its compile (docs/architecture.md, "Build and test time").
    .target(name: "Encoders", dependencies: ["BenchCore", "BenchStore", "Learning"],
            swiftSettings: swiftSettings),
    .target(name: "CurveFit", dependencies: ["CBLAS"], swiftSettings: swiftSettings),
    // Not optimised in debug builds: the routers' training arithmetic runs in Learning (optimised); Routers' own
    // code (batch assembly, pooling) is ~3 s of the test run's CPU unoptimised, while `-O` added ~18 s to its compile.
    .target(name: "Routers", dependencies: ["BenchCore", "Learning"],
            swiftSettings: swiftSettings),
    .target(name: "Sweep", dependencies: ["BenchCore", "BenchStore", "Routers", "Yams"],
            swiftSettings: swiftSettings),
    .target(name: "Reports", dependencies: ["BenchCore", "BenchStore", "CurveFit", "VLRouterBenchPreset"],
            swiftSettings: swiftSettings),
    .target(name: "Pipeline",
            dependencies: ["BenchCore", "BenchStore", "LogImport", "Simulation", "Routers", "Sweep", "Reports", "Encoders",
                           "Learning"],
            swiftSettings: swiftSettings),
    // ECVL-Router's scenario-aware edge/cloud protocol (docs/ecvl.md): labels, metrics, binary routers, τ search,
    // scenario runs and their tables.
    .target(name: "EdgeCloud",
            dependencies: ["BenchCore", "BenchStore", "Learning", "Routers", "Sweep", "Reports"],
            swiftSettings: swiftSettings),
    // RouteT2I's multi-metric edge/cloud protocol at a fixed routing rate (docs/multimetric.md): metric catalogs,
    // ΔP, the fixed-rate rule, its routers and runs.
    .target(name: "MultiMetric",
            dependencies: ["BenchCore", "BenchStore", "Learning", "Routers", "Sweep", "Reports", "EdgeCloud",
                           "Encoders"],
            swiftSettings: swiftSettings),
    .executableTarget(
      name: "routerbench",
      dependencies: ["BenchCore", "BenchStore", "LogImport", "Simulation", "Learning", "CurveFit", "Routers",
                     "Sweep", "Reports", "Pipeline", "Encoders", "EdgeCloud", "MultiMetric",
                     .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings),

    // MARK: Tests (Swift Testing)
    .testTarget(name: "BenchCoreTests", dependencies: ["BenchCore"], swiftSettings: swiftSettings),
    .testTarget(name: "VLRouterBenchPresetTests", dependencies: ["VLRouterBenchPreset", "BenchCore"],
                swiftSettings: swiftSettings),
    .testTarget(name: "BenchStoreTests", dependencies: ["BenchStore", "BenchCore", "VLRouterBenchPreset"],
                swiftSettings: swiftSettings),
    .testTarget(name: "LogImportTests",
                dependencies: ["LogImport", "BenchStore", "BenchCore", "Simulation", "VLRouterBenchPreset", "Reports", "CurveFit"],
                exclude: ["reference_bpe.py"], swiftSettings: swiftSettings),
    .testTarget(name: "SimulationTests", dependencies: ["Simulation", "BenchCore", "VLRouterBenchPreset"],
                swiftSettings: swiftSettings),
    .testTarget(name: "LearningTests", dependencies: ["Learning", "BenchCore"],
                exclude: ["reference_adam.py", "Fixtures"],
                swiftSettings: swiftSettings),
    .testTarget(name: "EncodersTests",
                dependencies: ["Encoders", "BenchStore", "BenchCore", "Learning", "LogImport"],
                exclude: ["Fixtures"], swiftSettings: swiftSettings),
    .testTarget(name: "CurveFitTests", dependencies: ["CurveFit"], exclude: ["scipy_reference.py"],
                swiftSettings: swiftSettings),
    .testTarget(name: "RoutersTests", dependencies: ["Routers", "Learning", "BenchCore"], swiftSettings: swiftSettings),
    .testTarget(name: "SweepTests", dependencies: ["Sweep", "Routers", "BenchStore", "BenchCore"],
                exclude: ["Snapshots"], swiftSettings: swiftSettings),
    .testTarget(name: "ReportsTests",
                dependencies: ["Reports", "BenchStore", "BenchCore", "CurveFit", "VLRouterBenchPreset", "ZIPFoundation"],
                exclude: ["Snapshots"], swiftSettings: swiftSettings),
    .testTarget(name: "EdgeCloudTests",
                dependencies: ["EdgeCloud", "BenchCore", "BenchStore", "Learning", "LogImport", "Simulation", "Sweep",
                               "Reports"],
                exclude: ["Snapshots"], swiftSettings: swiftSettings),
    .testTarget(name: "MultiMetricTests",
                dependencies: ["MultiMetric", "EdgeCloud", "BenchCore", "BenchStore", "Learning", "LogImport",
                               "Simulation", "Reports", "Routers", "Encoders", "Sweep"],
                swiftSettings: swiftSettings),
    .testTarget(name: "EndToEndTests",
                dependencies: ["routerbench", "BenchCore", "BenchStore", "LogImport", "Simulation", "Sweep",
                               "Reports", "Routers", "Pipeline", "Learning"],
                swiftSettings: swiftSettings),
  ],
  swiftLanguageModes: [.v6]
)
