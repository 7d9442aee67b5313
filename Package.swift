// swift-tools-version: 6.2
// CPSKit — the Canon Professional Services journey as an embeddable Swift library.
// The root package depends on Foundation (and the toolchain's own modules) only: see ../shared/SPEC.md §1.
import PackageDescription

let package = Package(
    name: "CPSKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CPSKit", targets: ["CPSKit"]),
        .library(name: "CPSKitTesting", targets: ["CPSKitTesting"]),
        // The `cps` tool's commands and the walkthrough, for example packages that run them over
        // another store (Examples/PostgresStore).
        .library(name: "CPSCLI", targets: ["CPSCLI"]),
        .executable(name: "cps", targets: ["cps"]),
        .executable(name: "cps-bench", targets: ["cps-bench"]),
    ],
    targets: [
        // The layers, bottom up (Documentation/Architecture.md): each target may import only the ones
        // below it, and each re-exports the one below, so a host writes `import CPSKit` alone.
        // The pure rules: values, policy, texts; no store, no clock, no I/O (.ci/checks/00-source-rules.sh).
        .target(name: "CPSRules"),
        // The storage and adapter protocols, the injected sources, and the stored records.
        .target(name: "CPSRecords", dependencies: ["CPSRules"]),
        // The embedded file-backed store.
        .target(name: "CPSFileStore", dependencies: ["CPSRecords"]),
        // The services, the unit of work, the jobs, the in-memory and bundled adapters, the facade.
        .target(name: "CPSKit", dependencies: ["CPSRules", "CPSRecords", "CPSFileStore"]),
        .target(name: "CPSKitTesting", dependencies: ["CPSKit"]),
        .target(name: "CPSCLI", dependencies: ["CPSKit", "CPSKitTesting"]),
        .executableTarget(name: "cps", dependencies: ["CPSCLI"]),
        .executableTarget(name: "cps-bench", dependencies: ["CPSKit", "CPSKitTesting"], path: "Sources/cps-bench"),
        // Test-only: the writer the file store's crash test kills (never part of `cps`, issue 16).
        .executableTarget(name: "cps-store-crash-writer", dependencies: ["CPSKit", "CPSKitTesting"], path: "Tests/StoreCrashWriter"),
        // Storage/Fixtures holds store directories of older formats, read by #filePath.
        .testTarget(name: "CPSKitTests", dependencies: ["CPSRules", "CPSRecords", "CPSFileStore", "CPSKit", "CPSKitTesting", "CPSCLI",
                                                       "cps-store-crash-writer"],
                    exclude: ["Storage/Fixtures"]),
    ]
)

// Strict settings in one loop over all targets: Swift 6 language mode (strict concurrency),
// explicit `any`, and every warning is an error so that `swift build` stays silent.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .treatAllWarnings(as: .error),
    ]
}
