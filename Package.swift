// swift-tools-version: 6.0
import PackageDescription

// One target per pipeline stage: Load (YAML, ComposeModel, ComposeLoader) → Graph (ProjectGraph)
// → Observe (EngineAPI, StateObserver) → Plan (Planner) → Apply (Executor) → CLI.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swiftcompose",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "swiftcompose", targets: ["swiftcompose"]),
        .executable(name: "LoaderFuzzer", targets: ["LoaderFuzzer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // Load
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "YAML", dependencies: ["CYAML"], swiftSettings: settings),
        .target(name: "ComposeModel", dependencies: [
            .product(name: "OrderedCollections", package: "swift-collections"),
        ], swiftSettings: settings),
        .target(name: "ComposeLoader", dependencies: [
            "YAML", "ComposeModel", "ProjectGraph",
            .product(name: "OrderedCollections", package: "swift-collections"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: settings),
        // libFuzzer entry point over the loader: swift build --product LoaderFuzzer --sanitize=fuzzer --sanitize=address
        .executableTarget(name: "LoaderFuzzer", dependencies: ["ComposeLoader", "YAML"], swiftSettings: settings),
        // Graph
        .target(name: "ProjectGraph", dependencies: ["ComposeModel"], swiftSettings: settings),
        // Observe
        .target(name: "EngineAPI", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: settings),
        .target(name: "StateObserver", dependencies: ["EngineAPI", "ComposeModel"], swiftSettings: settings),
        // Plan
        .target(name: "Planner", dependencies: [
            "ComposeModel", "ComposeLoader", "ProjectGraph", "StateObserver",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: settings),
        // Apply
        .target(name: "Executor", dependencies: [
            "Planner", "EngineAPI", "StateObserver", "ComposeModel",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: settings),
        // Supervise
        .target(name: "Supervisor", dependencies: [
            "ComposeModel", "EngineAPI", "StateObserver", "Planner", "Executor", "LoadBalancer",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: settings),
        // Published ports in front of a service's replicas
        .target(name: "LoadBalancer", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: settings),
        // Images: build contexts, builds, pulls, pushes
        .target(name: "ImageBuilder", dependencies: [
            "EngineAPI", "ComposeModel",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: settings),
        // Commands
        .target(name: "SwiftComposeCLI", dependencies: [
            "ComposeLoader", "ComposeModel", "ProjectGraph", "YAML",
            "EngineAPI", "StateObserver", "Planner", "Executor", "ImageBuilder", "Supervisor", "LoadBalancer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: settings),
        .executableTarget(name: "swiftcompose", dependencies: ["SwiftComposeCLI"], swiftSettings: settings),

        .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: settings),
        .testTarget(name: "ComposeLoaderTests", dependencies: ["ComposeLoader", "ComposeModel", "ProjectGraph", "YAML"], swiftSettings: settings),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "ComposeModel", "StateObserver", "ComposeLoader", "Executor", "EngineAPI"], swiftSettings: settings),
        .testTarget(name: "ImageBuilderTests", dependencies: ["ImageBuilder", "ComposeModel", "EngineAPI"], swiftSettings: settings),
        .testTarget(name: "EngineAPITests", dependencies: ["EngineAPI"], swiftSettings: settings),
        .testTarget(name: "LoadBalancerTests", dependencies: [
            "LoadBalancer",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: settings),
        .testTarget(name: "SupervisorTests", dependencies: [
            "Supervisor", "ComposeModel", "StateObserver", "EngineAPI", .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: settings),
        .testTarget(name: "EndToEndTests", dependencies: ["EngineAPI"], swiftSettings: settings),
        .testTarget(name: "CLITests", dependencies: ["SwiftComposeCLI", "EngineAPI", "ComposeModel"], swiftSettings: settings),
    ]
)
