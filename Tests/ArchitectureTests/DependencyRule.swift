/// The dependency rule of docs/ARCHITECTURE.md, derived from Package.swift (`Manifest`). Every Swift file belongs to
/// a "layer" decided by its folder; each layer lists the modules it may import. The layer rule (Domain and
/// Contracts see only the kernel; Application adds the Contracts its context declares; Infrastructure adds the shared
/// targets its context declares; routes see only Contracts) is written once here; what each context and shared
/// target may depend on comes from the manifest, so the two cannot drift apart.
struct DependencyRule {
    let manifest: Manifest
    var contexts: [String] { manifest.contexts.keys.sorted() }
    static let toolchain: Set<String> = ["Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Darwin", "Musl",
                                         "Synchronization", "Glibc", "Testing", "XCTest"]

    /// Where a file sits in the architecture.
    enum Layer: Equatable, CustomStringConvertible {
        case shared(String)
        case contextPart(context: String, part: String)
        case appRoutes
        case appComposition
        case tests

        var description: String {
            switch self {
            case .shared(let name): "shared module \(name)"
            case .contextPart(let context, let part): "\(context)\(part)"
            case .appRoutes: "App routes"
            case .appComposition: "App composition root"
            case .tests: "tests"
            }
        }
    }

    /// The layer of a repository-relative path, or nil for files outside the rule (scripts, fuzz harness).
    func layer(of path: String) -> Layer? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        switch parts[0] {
        case "Modules":
            if manifest.contexts[parts[1]] != nil, parts.count >= 3 { return .contextPart(context: parts[1], part: parts[2]) }
            if parts[1] == "System" { return nil }
            return .shared(manifest.sharedFolders[parts[1]] ?? parts[1])
        case "App":
            return parts.contains("Routes") ? .appRoutes : .appComposition
        case "Tests":
            return parts[1] == "Fuzz" || parts[1] == "Load" ? nil : .tests
        default:
            return nil
        }
    }

    /// The modules `layer` may import besides the toolchain.
    func allowedImports(for layer: Layer) -> Set<String> {
        let allContracts = Set(contexts.map { "\($0)Contracts" })
        switch layer {
        case .shared(let name):
            return Set(manifest.shared[name] ?? [])
        case .contextPart(let context, let part):
            let declared = manifest.contexts[context] ?? Manifest.Context(uses: [], infrastructure: [])
            let usedContracts = Set(declared.uses.map { "\($0)Contracts" })
            switch part {
            case "Domain": return ["Kernel"]
            case "Contracts": return ["Kernel"]
            case "Application":
                return usedContracts.union(["\(context)Domain", "\(context)Contracts"]).union(manifest.applicationShared)
            case "Infrastructure":
                return usedContracts.union(["\(context)Domain", "\(context)Contracts", "\(context)Application"])
                    .union(declared.infrastructure)
            default: return []
            }
        case .appRoutes:
            // The audit log is read through the shared `Audit` target (docs/adr/0018), the one shared reader routes use.
            return allContracts.union(["Audit", "HTTPServer", "JSON", "Kernel", "Logging"])
        case .appComposition:
            return allContracts.union(contexts.map { "\($0)Infrastructure" })
                .union(["Audit", "HTTPServer", "JSON", "Kernel", "Logging", "Crypto", "EventBus", "Outbox", "Postgres", "Mail", "WharfApp"])
        case .tests:
            return [] // tests may import what their target declares; SwiftPM's import check enforces that
        }
    }

    /// One breach of the rule.
    struct Violation: Equatable, CustomStringConvertible {
        let path: String
        let line: Int
        let module: String
        let layer: Layer
        var description: String { "\(path):\(line): \(layer) must not import \(module)" }
    }

    /// The violations in one file's text.
    func violations(path: String, source: String) -> [Violation] {
        guard let layer = layer(of: path), layer != .tests else { return [] }
        let allowed = allowedImports(for: layer)
        var found: [Violation] = []
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let module = Self.importedModule(String(line)) else { continue }
            if !Self.toolchain.contains(module) && !allowed.contains(module) {
                found.append(Violation(path: path, line: index + 1, module: module, layer: layer))
            }
        }
        return found
    }

    /// The module named by an import declaration (`@testable`, access modifiers and `import struct X.Y` included).
    static func importedModule(_ line: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal", "fileprivate", "private"].contains(first) {
            words.removeFirst()
        }
        guard words.first == "import", words.count >= 2 else { return nil }
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
        let target = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
        return target.split(separator: ".").first.map(String.init)
    }
}
