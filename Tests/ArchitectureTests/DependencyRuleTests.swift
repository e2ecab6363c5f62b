import Foundation
import Testing

@Suite("Dependency rule (docs/ARCHITECTURE.md)")
struct DependencyRuleTests {
    static let repositoryRoot: URL = {
        if let root = ProcessInfo.processInfo.environment["WHARF_REPO_ROOT"] { return URL(fileURLWithPath: root) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static func swiftFiles() throws -> [String] {
        var files: [String] = []
        for top in ["Modules", "App"] {
            let base = repositoryRoot.appendingPathComponent(top)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".swift") {
                files.append("\(top)/\(relative)")
            }
        }
        return files.sorted()
    }

    static let rule: DependencyRule = {
        let text = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        return DependencyRule(manifest: Manifest(text: text))
    }()

    /// Every import line of every file under `path` (e.g. `Modules/Orders/Infrastructure`), as module names.
    static func imports(under path: String) throws -> Set<String> {
        var modules: Set<String> = []
        for file in try swiftFiles() where file.hasPrefix(path + "/") {
            let source = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
            for line in source.split(separator: "\n") { DependencyRule.importedModule(String(line)).map { _ = modules.insert($0) } }
        }
        return modules.subtracting(DependencyRule.toolchain)
    }

    @Test func theManifestDeclaresEveryContextAndSharedTarget() {
        let manifest = Self.rule.manifest
        #expect(Set(manifest.contexts.keys) == ["Users", "Products", "Orders", "Payments", "Allocation", "Notifications"])
        #expect(manifest.sharedFolders["HTTP"] == "HTTPServer")
        #expect(manifest.shared["Outbox"] == ["Audit", "EventBus", "Kernel", "Logging", "Postgres"])
        #expect(manifest.contexts["Payments"]?.uses == ["Orders"])
        #expect(manifest.applicationShared.contains("EventBus") && manifest.applicationShared.contains("Audit"))
    }

    /// Package.swift gives each Infrastructure target exactly the shared targets it imports, and each context only
    /// the other contexts' Contracts it uses: a dependency nobody imports is a door left open.
    @Test func theManifestGivesEachContextOnlyWhatItImports() throws {
        for (name, declared) in Self.rule.manifest.contexts {
            let infrastructure = try Self.imports(under: "Modules/\(name)/Infrastructure")
            let shared = infrastructure.filter { Self.rule.manifest.shared[$0] != nil }
            #expect(shared == Set(declared.infrastructure), "\(name)Infrastructure imports \(shared.sorted()) but the manifest gives it \(declared.infrastructure)")
            let application = try Self.imports(under: "Modules/\(name)/Application")
            let contracts = infrastructure.union(application).filter { $0.hasSuffix("Contracts") && $0 != "\(name)Contracts" }
            #expect(contracts == Set(declared.uses.map { "\($0)Contracts" }), "\(name) imports \(contracts.sorted()) but declares uses \(declared.uses)")
        }
    }

    @Test func everyImportInTheTreeFollowsTheRule() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 20, "the walk found too few files; is WHARF_REPO_ROOT right?")
        var violations: [DependencyRule.Violation] = []
        for path in files {
            let source = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
            violations += Self.rule.violations(path: path, source: source)
        }
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    // The checker itself must catch each kind of breach, or the test above could pass vacuously.
    @Test(arguments: [
        ("Modules/Orders/Domain/Order.swift", "import Postgres"),
        ("Modules/Orders/Domain/Order.swift", "import EventBus"),
        ("Modules/Orders/Contracts/OrderPlaced.swift", "public import OrdersDomain"),
        ("Modules/Orders/Application/PlaceOrder.swift", "import ProductsApplication"),
        ("Modules/Orders/Application/PlaceOrder.swift", "import Postgres"),
        ("Modules/Payments/Application/Refund.swift", "import ProductsContracts"),
        ("Modules/Products/Infrastructure/PostgresProducts.swift", "import Crypto"),
        ("Modules/Orders/Infrastructure/PostgresOrders.swift", "import ProductsInfrastructure"),
        ("Modules/Orders/Infrastructure/PostgresOrders.swift", "@testable import AllocationDomain"),
        ("App/WharfApp/Routes/OrderRoutes.swift", "import OrdersInfrastructure"),
        ("App/WharfApp/Routes/OrderRoutes.swift", "import OrdersApplication"),
        ("App/WharfApp/Container.swift", "import OrdersDomain"),
        ("Modules/Kernel/Money.swift", "import OrdersContracts"),
        ("Modules/HTTP/Server/Server.swift", "import Postgres"),
        ("Modules/EventBus/Bus.swift", "import struct Postgres.PostgresPool"),
        ("Modules/JSON/Text/JSONWriter.swift", "import Logging"),
        ("Modules/JSON/Text/JSONWriter.swift", "import HTTPServer"),
        ("Modules/Orders/Domain/Order.swift", "import JSON"),
        ("Modules/Orders/Contracts/OrderDTO.swift", "import JSON"),
    ])
    func checkerCatches(path: String, line: String) {
        let found = Self.rule.violations(path: path, source: "import Foundation\n\(line)\n")
        #expect(found.count == 1, "\(path): \(line) should be one violation")
        #expect(found.first?.line == 2)
    }

    @Test(arguments: [
        ("Modules/Orders/Domain/Order.swift", "import Kernel"),
        ("Modules/Orders/Application/PlaceOrder.swift", "import ProductsContracts"),
        ("Modules/Orders/Infrastructure/PostgresOrders.swift", "import Postgres"),
        ("App/WharfApp/Routes/OrderRoutes.swift", "import OrdersContracts"),
        ("App/WharfApp/Container.swift", "import OrdersInfrastructure"),
        ("Modules/Outbox/Relay.swift", "public import Postgres"),
        ("Modules/Orders/Application/UseCases/OrdersService+Place.swift", "import JSON"),
        ("Modules/Payments/Application/UseCases/PaymentsService+Webhook.swift", "import JSON"),
        ("Modules/Crypto/JWT/AccessTokenCodec.swift", "import JSON"),
        ("Modules/Logging/LogLine.swift", "import JSON"),
        ("Modules/HTTP/Core/ProblemDetails.swift", "import JSON"),
        ("App/WharfApp/Routes/BenchmarkRoutes.swift", "import JSON"),
    ])
    func checkerAllows(path: String, line: String) {
        #expect(Self.rule.violations(path: path, source: line).isEmpty)
    }

    @Test func importParsing() {
        #expect(DependencyRule.importedModule("@preconcurrency public import Foundation") == "Foundation")
        #expect(DependencyRule.importedModule("import struct Kernel.Money") == "Kernel")
        #expect(DependencyRule.importedModule("// import Postgres") == nil)
        #expect(DependencyRule.importedModule("let important = 1") == nil)
    }
}
