// swift-tools-version: 6.2
// Wharf: a modular monolith. No package dependencies: the toolchain, libpq and OpenSSL only (docs/adr/0001).
import PackageDescription

/// Every Swift target is built in language mode 6 with the same strict upcoming features.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

func module(_ name: String, path: String, dependencies: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: dependencies, path: path, swiftSettings: strict)
}

func tests(_ name: String, dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies, path: "Tests/\(name)", swiftSettings: strict)
}

let package = Package(
    name: "Wharf",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wharf", targets: ["wharf"]),
    ],
    targets: [
        // System libraries (apt: libpq-dev, libssl-dev).
        .systemLibrary(name: "CLibPQ", path: "Modules/System/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Modules/System/COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),

        // Shared building blocks. They know nothing of the bounded contexts.
        module("Kernel", path: "Modules/Kernel"),
        module("Postgres", path: "Modules/Postgres", dependencies: ["CLibPQ", "COpenSSL"]),
        module("Crypto", path: "Modules/Crypto", dependencies: ["COpenSSL"]),
        module("EventBus", path: "Modules/EventBus", dependencies: ["Kernel"]),
        module("Outbox", path: "Modules/Outbox", dependencies: ["EventBus", "Kernel", "Postgres"]),
        module("HTTPServer", path: "Modules/HTTP"),

        // Composition root and executable.
        module("WharfApp", path: "App/WharfApp", dependencies: [
            "Kernel", "Postgres", "Crypto", "EventBus", "Outbox", "HTTPServer",
        ]),
        .executableTarget(name: "wharf", dependencies: ["WharfApp"], path: "App/wharf", swiftSettings: strict),

        // Tests.
        module("TestSupport", path: "Tests/TestSupport", dependencies: ["Postgres"]),
        tests("KernelTests", dependencies: ["Kernel"]),
        tests("PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        tests("CryptoTests", dependencies: ["Crypto"]),
        tests("OutboxTests", dependencies: ["Outbox", "EventBus", "Kernel", "Postgres", "TestSupport"]),
        tests("HTTPServerTests", dependencies: ["HTTPServer"]),
        tests("ArchitectureTests", dependencies: []),
        tests("AppTests", dependencies: ["WharfApp", "HTTPServer", "Postgres", "TestSupport"]),
    ]
)
