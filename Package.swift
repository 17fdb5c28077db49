// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "twpc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "twpc", targets: ["twpc"])
    ],
    targets: [
        // System libraries (Debian -dev packages).
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Pure core.
        .target(name: "TaskRouterExpressions", swiftSettings: strict, linkerSettings: [.linkedLibrary("m")]),
        .target(name: "PairingCore", dependencies: ["TaskRouterExpressions"], swiftSettings: strict),

        // Adapters.
        .target(name: "PairingStore", dependencies: ["PairingCore", "CSQLite", "CLibPQ"], swiftSettings: strict),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"], swiftSettings: strict),
        .target(name: "TaskRouterClient", dependencies: ["PairingCore"], swiftSettings: strict),
        .target(
            name: "TaskRouterEmulator",
            dependencies: ["TaskRouterExpressions", "HTTPServer"],
            swiftSettings: strict
        ),
        .target(
            name: "PairingAPI",
            dependencies: [
                "PairingCore", "PairingStore", "HTTPServer", "TaskRouterClient", "TaskRouterEmulator",
                "TaskRouterExpressions", "COpenSSL",
            ],
            swiftSettings: strict
        ),

        // Thin executables.
        .executableTarget(
            name: "twpc",
            dependencies: [
                "PairingAPI", "PairingStore", "PairingCore", "TaskRouterExpressions", "TaskRouterEmulator",
                "HTTPServer", "TaskRouterClient",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "HTTPBenchServer", dependencies: ["HTTPServer"], swiftSettings: strict),
        .executableTarget(
            name: "SyncBench",
            dependencies: [
                "PairingAPI", "PairingStore", "PairingCore", "HTTPServer", "TaskRouterClient", "TaskRouterEmulator",
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "TWPCBench",
            dependencies: ["TaskRouterExpressions", "PairingCore"],
            swiftSettings: strict
        ),

        // Tests.
        // Helpers shared by the test targets: child processes, a throwaway PostgreSQL cluster, raw HTTP
        // over a loopback socket, time limits for async calls, a seeded random number generator.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "TaskRouterExpressionsTests",
            dependencies: ["TaskRouterExpressions", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "PairingCoreTests", dependencies: ["PairingCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PairingStoreTests",
            dependencies: ["PairingStore", "PairingCore", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TaskRouterClientTests",
            dependencies: ["TaskRouterClient", "TaskRouterEmulator", "HTTPServer", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TaskRouterEmulatorTests",
            dependencies: ["TaskRouterEmulator", "HTTPServer", "TaskRouterExpressions"],
            exclude: ["python"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PairingAPITests",
            dependencies: [
                "PairingAPI", "PairingStore", "PairingCore", "HTTPServer", "TaskRouterEmulator", "TaskRouterClient",
                "TestSupport",
            ],
            swiftSettings: strict
        ),
    ]
)
