import Foundation

/// What Package.swift declares, read from its text: the shared targets under `Modules/` with their dependencies,
/// and each bounded context with the contexts whose Contracts it uses and the shared targets its Infrastructure
/// gets, and every target under `Modules/` and `App/`. The dependency rule and the module map check
/// (`ModuleMap`) are derived from this, so the manifest, the rule and docs/ARCHITECTURE.md cannot say different
/// things.
struct Manifest: Equatable {
    struct Context: Equatable {
        /// Other contexts whose Contracts this context's Application and Infrastructure may import.
        var uses: [String]
        /// The shared targets the Infrastructure target depends on.
        var infrastructure: [String]
    }

    /// Shared target name → the targets it depends on (`module("Outbox", path: "Modules/Outbox", ...)`).
    var shared: [String: [String]] = [:]
    /// Folder under `Modules/` → shared target name (`Modules/HTTP` holds `HTTPServer`).
    var sharedFolders: [String: String] = [:]
    /// Context name → its declaration (`boundedContext("Orders", uses: [...], infrastructure: [...])`).
    var contexts: [String: Context] = [:]
    /// The shared targets every Application target gets, read from the helper `boundedContext`'s body.
    var applicationShared: [String] = []
    /// Every target under `Modules/` or `App/` that Package.swift names literally (shared targets, system libraries,
    /// `WharfApp`, `wharf`) → the targets it depends on. A context's targets are in `contextTargets`.
    var declared: [String: [String]] = [:]
    /// The layers `boundedContext` declares for every context, read from its body: `Contracts`, `Domain`, ….
    var contextLayers: [String] = []

    /// A context's targets: its name followed by each layer (`OrdersApplication`).
    func contextTargets(_ context: String) -> [String] { contextLayers.map { context + $0 } }

    /// Every target under `Modules/` and `App/`: the ones named literally and each context's.
    var targets: Set<String> { Set(declared.keys).union(contexts.keys.flatMap(contextTargets)) }

    init(text: String) {
        for call in Self.calls(named: "module(", in: text) {
            let strings = Self.stringLiterals(call)
            guard strings.count >= 2, strings[1].hasPrefix("Modules/"), !strings[0].contains("\\(") else { continue }
            let folder = strings[1].split(separator: "/").dropFirst().first.map(String.init) ?? ""
            guard folder != "System" else { continue }
            shared[strings[0]] = Self.list(after: "dependencies:", in: call)
            sharedFolders[folder] = strings[0]
        }
        for call in Self.calls(named: "boundedContext(\"", in: text) {
            guard let name = Self.stringLiterals(call).first else { continue }
            contexts[name] = Context(uses: Self.list(after: "uses:", in: call), infrastructure: Self.list(after: "infrastructure:", in: call))
        }
        if let helper = text.range(of: "let applicationShared = ") {
            applicationShared = Self.stringLiterals(String(text[helper.upperBound...].prefix { $0 != "]" }))
        }
        for call in Self.calls(named: "module(", in: text) {
            let strings = Self.stringLiterals(call)
            guard let name = strings.first else { continue }
            if name.hasPrefix("\\(name)") {
                contextLayers.append(String(name.dropFirst("\\(name)".count)))
            } else if let path = Self.literal(after: "path:", in: call), Self.isModuleOrApp(path) {
                declared[name] = Self.list(after: "dependencies:", in: call)
            }
        }
        for call in Self.calls(named: ".executableTarget(", in: text) + Self.calls(named: ".systemLibrary(", in: text)
            + Self.calls(named: ".target(", in: text) {
            guard let name = Self.literal(after: "name:", in: call), let path = Self.literal(after: "path:", in: call),
                  Self.isModuleOrApp(path) else { continue }
            declared[name] = Self.list(after: "dependencies:", in: call)
        }
    }

    static func isModuleOrApp(_ path: String) -> Bool { path.hasPrefix("Modules/") || path.hasPrefix("App/") }

    /// The text of every call that starts with `opening`, up to its balancing parenthesis.
    static func calls(named opening: String, in text: String) -> [Substring] {
        var found: [Substring] = []
        var searchFrom = text.startIndex
        while let start = text.range(of: opening, range: searchFrom..<text.endIndex) {
            var depth = 0
            var index = text.index(before: start.upperBound)
            if text[index] != "(" { index = text[start].firstIndex(of: "(") ?? index }
            var end = text.endIndex
            while index < text.endIndex {
                if text[index] == "(" { depth += 1 }
                if text[index] == ")" { depth -= 1; if depth == 0 { end = text.index(after: index); break } }
                index = text.index(after: index)
            }
            found.append(text[start.lowerBound..<end])
            searchFrom = start.upperBound
        }
        return found
    }

    /// The string literals of `text` in order.
    static func stringLiterals<S: StringProtocol>(_ text: S) -> [String] {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().compactMap { $0.offset % 2 == 1 ? String($0.element) : nil }
    }

    /// The string literal right after `label` (`name: "wharf"`), or nil when the label is absent.
    static func literal(after label: String, in call: Substring) -> String? {
        guard let found = call.range(of: label) else { return nil }
        return stringLiterals(call[found.upperBound...]).first
    }

    /// The string literals of the `[...]` right after `label`, or `[]` when the label is absent.
    static func list(after label: String, in call: Substring) -> [String] {
        guard let found = call.range(of: label), let open = call[found.upperBound...].firstIndex(of: "["),
              let close = call[open...].firstIndex(of: "]") else { return [] }
        return stringLiterals(call[open...close])
    }
}
