import Foundation

/// The module map of docs/ARCHITECTURE.md, read from its mermaid `flowchart` blocks, and how it differs from
/// Package.swift (`Manifest`).
///
/// The notation the document promises (its "Reading the map"):
/// - a node's id is the name of the SwiftPM target it stands for (`OrdersApplication`, `HTTPServer`); the label in
///   brackets is free text. Subgraph ids (`subgraph Users`) are groups, not targets.
/// - `A --> B`: target A depends on target B. Between shared targets (and system libraries) the map draws exactly the
///   `dependencies:` of Package.swift's `module(...)` calls, each one, the indirect ones too.
/// - `A -.-> B`: a context's Application reaches another context's Contracts (the context's `uses:`), exactly those.
/// - edges to or from a subgraph summarise a layer and are not checked; `&` joins nodes (`A & B --> C`).
/// - under the maps, a table `| context | uses | Infrastructure gets |` lists each context's `boundedContext` call.
struct ModuleMap {
    /// One arrow between two nodes (targets or subgraphs).
    struct Edge: Hashable, CustomStringConvertible {
        var from: String
        var to: String
        /// `-.->` rather than `-->`.
        var dotted: Bool

        var description: String { "\(from) \(dotted ? "-.->" : "-->") \(to)" }
    }

    /// Every node id the flowcharts name (subgraph ids excluded).
    var nodes: Set<String> = []
    /// Every subgraph id.
    var subgraphs: Set<String> = []
    var edges: Set<Edge> = []
    /// The table under the map (header `| context | uses | Infrastructure gets |`): context → the contexts whose
    /// Contracts it uses and the shared targets its Infrastructure depends on.
    var contextTable: [String: (uses: [String], infrastructure: [String])] = [:]

    /// Reads every ```` ```mermaid ```` block of `markdown` that is a flowchart (sequence diagrams are skipped), and
    /// the table of what each context uses and gets.
    init(markdown: String) {
        for block in Self.flowcharts(in: markdown) { read(block) }
        contextTable = Self.contextTable(in: markdown)
    }

    /// The rows of the first table whose header starts `| context | uses |`; a cell lists names (`Crypto, Kernel`,
    /// backticks allowed) or `—` for none.
    static func contextTable(in markdown: String) -> [String: (uses: [String], infrastructure: [String])] {
        var rows: [String: (uses: [String], infrastructure: [String])] = [:]
        var inTable = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if !inTable {
                inTable = cells.count >= 4 && cells[1] == "context" && cells[2] == "uses"
                continue
            }
            guard line.hasPrefix("|"), cells.count >= 4 else { break }
            guard !cells[1].hasPrefix("-") else { continue }
            rows[names(cells[1]).first ?? ""] = (names(cells[2]), names(cells[3]))
        }
        return rows
    }

    private static func names(_ cell: String) -> [String] {
        cell.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The bodies of the mermaid flowcharts in `markdown`, in order.
    static func flowcharts(in markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```mermaid" { current = []; continue }
            guard var lines = current else { continue }
            if trimmed == "```" {
                if let first = lines.first(where: { !$0.isEmpty }), first.hasPrefix("flowchart") || first.hasPrefix("graph") {
                    blocks.append(Array(lines.drop { $0.isEmpty }.dropFirst()))
                }
                current = nil
            } else {
                lines.append(trimmed)
                current = lines
            }
        }
        return blocks
    }

    private static let ignored = ["%%", "end", "direction ", "classDef ", "class ", "style ", "linkStyle ", "click "]

    private mutating func read(_ lines: [String]) {
        for line in lines where !line.isEmpty && line != "end" && !Self.ignored.contains(where: { line.hasPrefix($0) }) {
            if line.hasPrefix("subgraph ") {
                subgraphs.insert(Self.identifier(at: line.dropFirst("subgraph ".count)))
                continue
            }
            let (groups, dotted) = Self.chain(line)
            for group in groups { nodes.formUnion(group) }
            for (index, kind) in dotted.enumerated() {
                for from in groups[index] { for to in groups[index + 1] { edges.insert(Edge(from: from, to: to, dotted: kind)) } }
            }
        }
        nodes.subtract(subgraphs)
    }

    /// The node groups of one statement (`A & B --> C -.-> D`: [[A, B], [C], [D]]) and whether each arrow is dotted.
    static func chain(_ statement: String) -> (groups: [[String]], dotted: [Bool]) {
        var text = Self.removing(#""[^"]*""#, from: statement)          // quoted labels may hold anything
        text = Self.removing(#"\|[^|]*\|"#, from: text)                  // edge labels: -->|label|
        text = Self.removing(#"\[\([^\]]*\)\]|\(\([^)]*\)\)|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}"#, from: text) // node shapes
        var groups: [[String]] = []
        var dotted: [Bool] = []
        var rest = Substring(text)
        while let arrow = rest.firstRange(of: #/-\.->|-->|==>/#) {
            groups.append(Self.group(rest[..<arrow.lowerBound]))
            dotted.append(rest[arrow] == "-.->")
            rest = rest[arrow.upperBound...]
        }
        groups.append(Self.group(rest))
        return (groups.filter { !$0.isEmpty }, dotted)
    }

    private static func group(_ text: Substring) -> [String] {
        text.split(separator: "&").map { identifier(at: $0) }.filter { !$0.isEmpty }
    }

    private static func identifier(at text: Substring) -> String {
        String(text.drop { $0 == " " }.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
    }

    private static func removing(_ pattern: String, from text: String) -> String {
        guard let regex = try? Regex(pattern) else { return text }
        return text.replacing(regex, with: "")
    }
}

/// How a module map differs from the manifest: what it leaves out and what it says that Package.swift does not.
struct ModuleMapDiscrepancies: Equatable, CustomStringConvertible {
    /// Targets under `Modules/` and `App/` the map does not show.
    var missingTargets: [String] = []
    /// Names the map shows as nodes that are neither a target nor a subgraph.
    var unknownNames: [String] = []
    /// Dependencies Package.swift declares that the map does not draw (shared targets' `-->`, contexts' `-.->`, each
    /// context's own `Infrastructure --> Application --> Domain`, `Application --> Contracts`).
    var missingEdges: [String] = []
    /// Arrows between targets that Package.swift does not declare.
    var undeclaredEdges: [String] = []
    /// Contexts without a row in the table of what each context uses and gets.
    var missingTableRows: [String] = []
    /// Rows of that table that say something else than Package.swift.
    var wrongTableRows: [String] = []

    var isEmpty: Bool { self == ModuleMapDiscrepancies() }

    var description: String {
        [("targets missing from the map", missingTargets), ("names in the map that are no target", unknownNames),
         ("dependencies the map does not draw", missingEdges), ("arrows Package.swift does not declare", undeclaredEdges),
         ("contexts missing from the table under the map", missingTableRows),
         ("rows of that table that differ from Package.swift", wrongTableRows)]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0): \($0.1.joined(separator: ", "))" }
            .joined(separator: "\n")
    }

    init() {}

    /// Compares `map` with `manifest` (see `ModuleMap` for the notation).
    init(map: ModuleMap, manifest: Manifest) {
        let targets = manifest.targets
        missingTargets = targets.subtracting(map.nodes).sorted()
        unknownNames = map.nodes.subtracting(targets).sorted()

        var required: Set<ModuleMap.Edge> = []
        for (shared, dependencies) in manifest.shared {
            for dependency in dependencies { required.insert(.init(from: shared, to: dependency, dotted: false)) }
        }
        for (context, declaration) in manifest.contexts {
            for used in declaration.uses { required.insert(.init(from: "\(context)Application", to: "\(used)Contracts", dotted: true)) }
            for (from, to) in [("Infrastructure", "Application"), ("Application", "Domain"), ("Application", "Contracts")]
            where manifest.contextLayers.contains(from) && manifest.contextLayers.contains(to) {
                required.insert(.init(from: context + from, to: context + to, dotted: false))
            }
        }
        missingEdges = required.subtracting(map.edges).map(\.description).sorted()

        let rule = DependencyRule(manifest: manifest)
        let layerOf = Dictionary(manifest.contexts.keys.flatMap { context in
            manifest.contextLayers.map { (context + $0, DependencyRule.Layer.contextPart(context: context, part: $0)) }
        }, uniquingKeysWith: { first, _ in first })
        undeclaredEdges = map.edges.filter { edge in
            guard targets.contains(edge.from), targets.contains(edge.to) else { return false } // a subgraph summary
            if let dependencies = manifest.declared[edge.from] { return !dependencies.contains(edge.to) }
            guard let layer = layerOf[edge.from] else { return false }
            return !rule.allowedImports(for: layer).contains(edge.to)
        }.map(\.description).sorted()

        for (context, declaration) in manifest.contexts.sorted(by: { $0.key < $1.key }) {
            guard let row = map.contextTable[context] else { missingTableRows.append(context); continue }
            if Set(row.uses) != Set(declaration.uses) || Set(row.infrastructure) != Set(declaration.infrastructure) {
                wrongTableRows.append("\(context) (Package.swift: uses \(declaration.uses.sorted()), infrastructure "
                                      + "\(declaration.infrastructure.sorted()))")
            }
        }
        wrongTableRows += map.contextTable.keys.filter { manifest.contexts[$0] == nil }.sorted().map { "\($0) (no such context)" }
    }
}
