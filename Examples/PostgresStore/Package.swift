// swift-tools-version: 6.2
// CPSPostgres — a PostgreSQL `RecordStore` for CPSKit (R-ADP-1), as its own package so that the root
// package stays Foundation-only. It passes the same `StorageConformance` suite as the in-memory and
// file stores; see Documentation/RunningOnPostgreSQL.md.
import PackageDescription

let package = Package(
    name: "PostgresStore",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CPSPostgres", targets: ["CPSPostgres"]),
        .executable(name: "cps-postgres-walkthrough", targets: ["cps-postgres-walkthrough"]),
    ],
    dependencies: [
        .package(name: "CPSKit", path: "../.."),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "CPSPostgres", dependencies: [
            .product(name: "CPSKit", package: "CPSKit"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .executableTarget(name: "cps-postgres-walkthrough", dependencies: [
            "CPSPostgres",
            .product(name: "CPSCLI", package: "CPSKit"),
        ]),
        .testTarget(name: "CPSPostgresTests", dependencies: [
            "CPSPostgres",
            .product(name: "CPSKit", package: "CPSKit"),
            .product(name: "CPSKitTesting", package: "CPSKit"),
            .product(name: "CPSCLI", package: "CPSKit"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
    ]
)

// The root package's strict settings: Swift 6 language mode (strict concurrency), explicit `any`,
// and every warning is an error.
for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .treatAllWarnings(as: .error),
    ]
}
