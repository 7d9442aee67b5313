// swift-tools-version: 6.2
// The CPS portal (R-HOST-1, R-HOST-2): a real host service on Hummingbird that serves the seed's
// journey over HTTP on CPSKit — pages in Swedish and English and a JSON API with its OpenAPI document.
// Its own package, so that the root package stays Foundation-only. See README.md beside this file.
import PackageDescription

let package = Package(
    name: "Portal",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CPSPortal", targets: ["CPSPortal"]),
        .executable(name: "cps-portal", targets: ["cps-portal"]),
        .executable(name: "cps-portal-demo", targets: ["cps-portal-demo"]),
    ],
    dependencies: [
        .package(name: "CPSKit", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // The PostgreSQL record store (`--postgres URL`, R-HOST-2 scale-out): every instance shares it.
        .package(name: "PostgresStore", path: "../PostgresStore"),
    ],
    targets: [
        .target(name: "CPSPortal", dependencies: [
            .product(name: "CPSKit", package: "CPSKit"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "CPSPostgres", package: "PostgresStore"),
        ]),
        .executableTarget(name: "cps-portal", dependencies: ["CPSPortal"]),
        .executableTarget(name: "cps-portal-demo", dependencies: ["CPSPortal"]),
        .testTarget(name: "CPSPortalTests", dependencies: [
            "CPSPortal",
            .product(name: "CPSKit", package: "CPSKit"),
            .product(name: "CPSKitTesting", package: "CPSKit"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
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
