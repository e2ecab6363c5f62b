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

/// A bounded context's four targets under `Modules/<Context>/` (docs/ARCHITECTURE.md, "The dependency rule"):
/// Contracts and Domain see only the kernel; Application adds its own Domain, the Contracts of the contexts it `uses`
/// and `applicationShared`; Infrastructure adds its Application and exactly the shared targets it imports
/// (`infrastructure`). Tests/ArchitectureTests derives its import rule from these declarations and checks that each
/// Infrastructure target is given only what it imports.
func names(_ targets: [String]) -> [Target.Dependency] { targets.map { .target(name: $0) } }

let applicationShared = ["Audit", "EventBus", "JSON", "Kernel", "Logging"]

func boundedContext(_ name: String, uses otherContexts: [String] = [], infrastructure shared: [String]) -> [Target] {
    let contracts = otherContexts.map { "\($0)Contracts" }
    return [
        module("\(name)Contracts", path: "Modules/\(name)/Contracts", dependencies: ["Kernel"]),
        module("\(name)Domain", path: "Modules/\(name)/Domain", dependencies: ["Kernel"]),
        module("\(name)Application", path: "Modules/\(name)/Application",
               dependencies: names(["\(name)Domain", "\(name)Contracts"] + contracts + applicationShared)),
        module("\(name)Infrastructure", path: "Modules/\(name)/Infrastructure",
               dependencies: names(["\(name)Application", "\(name)Domain", "\(name)Contracts"] + contracts + shared)),
    ]
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
        module("JSON", path: "Modules/JSON", dependencies: ["Kernel"]),
        module("Logging", path: "Modules/Logging", dependencies: ["JSON"]),
        module("Postgres", path: "Modules/Postgres", dependencies: ["CLibPQ", "Crypto", "Kernel"]),
        module("Crypto", path: "Modules/Crypto", dependencies: ["COpenSSL", "JSON", "Kernel"]),
        module("EventBus", path: "Modules/EventBus", dependencies: ["Kernel"]),
        module("Audit", path: "Modules/Audit", dependencies: ["Kernel"]),
        module("Outbox", path: "Modules/Outbox", dependencies: ["Audit", "EventBus", "Kernel", "Logging", "Postgres"]),
        module("HTTPServer", path: "Modules/HTTP", dependencies: ["JSON", "Kernel", "Logging"]),
        module("Mail", path: "Modules/Mail", dependencies: ["COpenSSL", "Kernel"]),

    ]
        + boundedContext("Users", infrastructure: ["Crypto", "Kernel", "Logging", "Outbox", "Postgres"])
        + boundedContext("Products", infrastructure: ["Kernel", "Logging", "Outbox", "Postgres"])
        + boundedContext("Allocation", uses: ["Products", "Orders"], infrastructure: ["Kernel", "Logging", "Outbox", "Postgres"])
        + boundedContext("Orders", uses: ["Products", "Allocation", "Payments"],
                         infrastructure: ["Kernel", "Logging", "Outbox", "Postgres"])
        + boundedContext("Payments", uses: ["Orders"], infrastructure: ["Crypto", "Kernel", "Logging", "Outbox", "Postgres"])
        + boundedContext("Notifications", uses: ["Users", "Orders", "Allocation", "Payments"],
                         infrastructure: ["Kernel", "Logging", "Mail", "Outbox", "Postgres"])
        + [
        // Composition root and executable. What the binary serves and applies is copied at every build into the
        // resource bundle `Wharf_WharfApp.resources` beside it (App/WharfApp/Composition/BundledResources.swift).
        .target(name: "WharfApp", dependencies: [
            "Kernel", "JSON", "Logging", "Postgres", "Crypto", "Audit", "EventBus", "Outbox", "HTTPServer",
            "UsersContracts", "UsersInfrastructure",
            "ProductsContracts", "ProductsInfrastructure",
            "AllocationContracts", "AllocationInfrastructure",
            "OrdersContracts", "OrdersInfrastructure",
            "PaymentsContracts", "PaymentsInfrastructure",
            "NotificationsContracts", "NotificationsInfrastructure", "Mail",
        ], path: "App/WharfApp", resources: [.copy("../../docs/openapi.json"), .copy("../../Migrations")], swiftSettings: strict),
        .executableTarget(name: "wharf", dependencies: ["WharfApp"], path: "App/wharf", swiftSettings: strict),

        // Tests.
        module("TestSupport", path: "Tests/TestSupport", dependencies: ["Audit", "COpenSSL", "EventBus", "Kernel", "Postgres"]),
        tests("KernelTests", dependencies: ["Kernel"]),
        tests("PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        tests("CryptoTests", dependencies: ["Crypto"]),
        tests("EventBusTests", dependencies: ["Outbox", "EventBus", "Kernel", "Logging", "Postgres", "TestSupport", "OutboxCrashProbe"]),
        .executableTarget(name: "OutboxCrashProbe", dependencies: ["Outbox", "Kernel", "Logging", "Postgres"],
                          path: "Tests/OutboxCrashProbe", swiftSettings: strict),
        .executableTarget(name: "AllocationBench", dependencies: ["AllocationInfrastructure", "AllocationContracts", "OrdersContracts",
                                                                  "ProductsContracts", "Outbox", "Postgres", "Kernel", "Logging"],
                          path: "Tests/Load/AllocationBench", swiftSettings: strict),
        tests("JSONTests", dependencies: ["JSON"]),
        tests("HTTPServerTests", dependencies: ["HTTPServer", "JSON", "Logging", "TestSupport"]),
        tests("UsersTests", dependencies: ["UsersDomain", "UsersApplication", "UsersContracts", "UsersInfrastructure",
                                           "EventBus", "Kernel", "Postgres", "Crypto", "Logging", "TestSupport"]),
        tests("ProductsTests", dependencies: ["ProductsDomain", "ProductsApplication", "ProductsContracts",
                                              "ProductsInfrastructure", "EventBus", "Outbox", "JSON", "Kernel", "Postgres",
                                              "Logging", "TestSupport"]),
        tests("OrdersTests", dependencies: ["OrdersDomain", "OrdersApplication", "OrdersContracts", "OrdersInfrastructure",
                                            "AllocationContracts", "PaymentsContracts", "ProductsContracts",
                                            "ProductsInfrastructure", "EventBus", "Outbox", "Kernel", "Postgres",
                                            "Logging", "TestSupport"]),
        tests("AllocationTests", dependencies: ["AllocationDomain", "AllocationApplication", "AllocationContracts",
                                                "AllocationInfrastructure", "OrdersContracts", "ProductsContracts", "EventBus",
                                                "Outbox", "Kernel", "Postgres", "Logging", "TestSupport"]),
        tests("PaymentsTests", dependencies: ["PaymentsDomain", "PaymentsApplication", "PaymentsContracts",
                                              "PaymentsInfrastructure", "OrdersContracts", "EventBus", "Outbox", "Kernel",
                                              "Postgres", "Crypto", "Logging", "HTTPServer", "TestSupport"]),
        tests("MailTests", dependencies: ["Mail", "TestSupport"]),
        tests("NotificationsTests", dependencies: ["NotificationsDomain", "NotificationsApplication", "NotificationsContracts",
                                                   "UsersContracts", "AllocationContracts", "EventBus", "Logging", "Mail",
                                                   "Kernel", "TestSupport"]),
        tests("ArchitectureTests", dependencies: []),
        tests("AppTests", dependencies: ["WharfApp", "wharf", "HTTPServer", "Postgres", "Crypto", "Logging", "TestSupport", "Kernel", "Outbox",
                                         "AllocationContracts", "OrdersContracts", "PaymentsContracts", "PaymentsInfrastructure",
                                         "NotificationsInfrastructure", "Mail"]),
    ]
)
