import Foundation
import Testing

@Suite("Module map (docs/ARCHITECTURE.md) equals Package.swift")
struct ModuleMapTests {
    static let manifest: Manifest = DependencyRuleTests.rule.manifest

    static func architectureDocument() throws -> String {
        try String(contentsOf: DependencyRuleTests.repositoryRoot.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
    }

    @Test func theManifestListsEveryTargetUnderModulesAndApp() {
        let targets = Self.manifest.targets
        #expect(Self.manifest.contextLayers == ["Contracts", "Domain", "Application", "Infrastructure"])
        #expect(targets.isSuperset(of: ["Kernel", "JSON", "Logging", "Postgres", "Crypto", "EventBus", "Audit", "Outbox", "HTTPServer",
                                        "CLibPQ", "COpenSSL", "Mail", "WharfApp", "wharf", "OrdersApplication", "PaymentsContracts"]))
        #expect(targets.count == 14 + 4 * Self.manifest.contexts.count)
        #expect(!targets.contains("TestSupport") && !targets.contains("OutboxCrashProbe") && !targets.contains("AllocationBench"))
        #expect(Self.manifest.declared["wharf"] == ["WharfApp"])
        #expect(Self.manifest.declared["CLibPQ"] == [])
    }

    @Test func theMapShowsEveryTargetAndEveryDeclaredDependencyAndNothingElse() throws {
        let map = ModuleMap(markdown: try Self.architectureDocument())
        #expect(map.nodes.count > 20, "no flowchart found in docs/ARCHITECTURE.md")
        let found = ModuleMapDiscrepancies(map: map, manifest: Self.manifest)
        #expect(found.isEmpty, "docs/ARCHITECTURE.md's module map differs from Package.swift:\n\(found)")
    }

    // The checker itself must catch each kind of difference, or the test above could pass vacuously.

    /// A manifest in Package.swift's words: two shared targets, a system library, two contexts, App.
    static let fakeManifest = Manifest(text: #"""
        let applicationShared = ["Kernel"]
        func boundedContext(_ name: String, uses otherContexts: [String] = [], infrastructure shared: [String]) -> [Target] {
            [module("\(name)Contracts", path: "Modules/\(name)/Contracts", dependencies: ["Kernel"]),
             module("\(name)Domain", path: "Modules/\(name)/Domain", dependencies: ["Kernel"]),
             module("\(name)Application", path: "Modules/\(name)/Application", dependencies: []),
             module("\(name)Infrastructure", path: "Modules/\(name)/Infrastructure", dependencies: [])]
        }
        let package = Package(targets: [
            .systemLibrary(name: "CLibPQ", path: "Modules/System/CLibPQ", pkgConfig: "libpq"),
            module("Kernel", path: "Modules/Kernel"),
            module("Postgres", path: "Modules/Postgres", dependencies: ["CLibPQ", "Kernel"]),
        ] + boundedContext("Shop", infrastructure: ["Kernel", "Postgres"])
          + boundedContext("Mail", uses: ["Shop"], infrastructure: ["Kernel"]) + [
            module("App", path: "App/App", dependencies: ["Kernel", "ShopInfrastructure", "MailInfrastructure"]),
            .executableTarget(name: "shop", dependencies: ["App"], path: "App/shop"),
            module("TestSupport", path: "Tests/TestSupport", dependencies: ["Kernel"]),
        ])
        """#)

    /// A map of `fakeManifest` that is right, in the document's notation.
    static let fakeMap = """
        Some prose.

        ```mermaid
        flowchart TB
            subgraph Apps["App/"]
                shop["shop (executable)"] --> App
            end
            subgraph Shop
                ShopContracts
                ShopInfrastructure --> ShopApplication --> ShopDomain
                ShopApplication --> ShopContracts
            end
            subgraph Mail
                MailContracts
                MailInfrastructure --> MailApplication --> MailDomain
                MailApplication --> MailContracts
            end
            MailApplication -.->|"shop events"| ShopContracts
            App -->|"each make(...)"| Shop & Mail
            %% a comment naming Nowhere --> Nothing
            Postgres --> Kernel
            Postgres --> CLibPQ[(libpq)]
        ```

        ```mermaid
        sequenceDiagram
            participant Client
            Client->>Server: not a flowchart
        ```

        | context | uses | Infrastructure gets |
        |---|---|---|
        | `Shop` | — | Kernel, Postgres |
        | `Mail` | Shop | Kernel |
        """

    static func check(_ markdown: String) -> ModuleMapDiscrepancies {
        ModuleMapDiscrepancies(map: ModuleMap(markdown: markdown), manifest: fakeManifest)
    }

    @Test func aCorrectMapPasses() {
        let found = Self.check(Self.fakeMap)
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aMissingTargetIsNamed() {
        let found = Self.check(Self.fakeMap.replacingOccurrences(of: "shop[\"shop (executable)\"] --> App", with: "App"))
        #expect(found.missingTargets == ["shop"])
        #expect(found.description == "targets missing from the map: shop")
    }

    @Test func aTargetThatDoesNotExistIsNamed() {
        let found = Self.check(Self.fakeMap.replacingOccurrences(of: "Postgres --> Kernel", with: "Postgres --> Kernel\n    Metrics --> Kernel"))
        #expect(found.unknownNames == ["Metrics"])
    }

    @Test func aMissingSharedDependencyIsNamed() {
        let found = Self.check(Self.fakeMap.replacingOccurrences(of: "    Postgres --> Kernel\n", with: "    Kernel\n"))
        #expect(found.missingEdges == ["Postgres --> Kernel"])
        #expect(found.missingTargets.isEmpty)
    }

    @Test func aMissingUseOfAnotherContextIsNamed() {
        let found = Self.check(Self.fakeMap.replacingOccurrences(of: "MailApplication -.->|\"shop events\"| ShopContracts", with: ""))
        #expect(found.missingEdges == ["MailApplication -.-> ShopContracts"])
    }

    @Test func anArrowPackageSwiftDoesNotDeclareIsNamed() {
        let found = Self.check(Self.fakeMap.replacingOccurrences(of: "Postgres --> Kernel", with: "Postgres --> Kernel --> Postgres\n    ShopApplication -.-> MailContracts\n    ShopDomain --> Postgres"))
        #expect(found.undeclaredEdges == ["Kernel --> Postgres", "ShopApplication -.-> MailContracts", "ShopDomain --> Postgres"])
    }

    @Test func aTableRowThatDiffersIsNamed() {
        let found = Self.check(Self.fakeMap.replacingOccurrences(of: "| `Mail` | Shop | Kernel |", with: "| `Mail` | Shop | Kernel, Postgres |"))
        #expect(found.wrongTableRows.count == 1)
        #expect(found.wrongTableRows.first?.hasPrefix("Mail") == true)
        let missing = Self.check(Self.fakeMap.replacingOccurrences(of: "| `Shop` | — | Kernel, Postgres |\n", with: ""))
        #expect(missing.missingTableRows == ["Shop"])
    }

    @Test func statementsAreReadWithTheirShapesAndLabels() {
        let (groups, dotted) = ModuleMap.chain(#"A["a (x) --> y"] & B -->|"label --> z"| C[(c)] -.-> D{d}"#)
        #expect(groups == [["A", "B"], ["C"], ["D"]])
        #expect(dotted == [false, true])
        #expect(ModuleMap.flowcharts(in: Self.fakeMap).count == 1)
    }
}
