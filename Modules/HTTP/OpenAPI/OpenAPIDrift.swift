import JSON

/// The differences between the routes a router serves and the operations an OpenAPI 3.1
/// document's `paths` declares. `HEAD` and `OPTIONS` are ignored on both sides: the router
/// answers them automatically. Templates must match exactly, parameter names included.
public struct OpenAPIDrift: Sendable, Equatable {
    /// Routes the router serves that the document does not describe.
    public var undocumented: [RouteDescriptor]
    /// Operations the document describes that no route serves.
    public var unimplemented: [RouteDescriptor]

    /// Whether router and document agree.
    public var isEmpty: Bool { undocumented.isEmpty && unimplemented.isEmpty }

    /// Why a document could not be compared.
    public enum Failure: Error, Sendable, Equatable {
        /// The bytes are not JSON.
        case malformedDocument(String)
        /// The document has no `paths` object.
        case missingPaths
    }

    /// A result with these mismatches.
    public init(undocumented: [RouteDescriptor], unimplemented: [RouteDescriptor]) {
        self.undocumented = undocumented
        self.unimplemented = unimplemented
    }

    /// Compares `routes` (e.g. `router.routes`) with the OpenAPI JSON `document`.
    public static func check(routes: [RouteDescriptor], document: [UInt8]) throws(Failure) -> OpenAPIDrift {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(document)
        } catch {
            throw .malformedDocument(error.description)
        }
        guard case let .object(paths)? = parsed["paths"] else { throw .missingPaths }
        var documented: [RouteDescriptor] = []
        for (template, item) in paths {
            guard case let .object(operations) = item else { continue }
            for (key, _) in operations {
                // Path items also hold `parameters`, `summary`, `servers`...: only method keys are operations.
                guard let method = HTTPMethod(rawValue: key.uppercased()), method.rawValue.lowercased() == key,
                      method != .head, method != .options else { continue }
                documented.append(RouteDescriptor(method: method, template: template))
            }
        }
        let served = routes.filter { $0.method != .head && $0.method != .options }
        let documentedSet = Set(documented)
        let servedSet = Set(served)
        return OpenAPIDrift(undocumented: unique(served.filter { !documentedSet.contains($0) }),
                            unimplemented: unique(documented.filter { !servedSet.contains($0) }))
    }

    static func unique(_ routes: [RouteDescriptor]) -> [RouteDescriptor] {
        var seen: Set<RouteDescriptor> = []
        return routes.filter { seen.insert($0).inserted }
            .sorted { ($0.template, $0.method.rawValue) < ($1.template, $1.method.rawValue) }
    }
}

extension OpenAPIDrift: CustomStringConvertible {
    /// One line per mismatch, for test failure messages.
    public var description: String {
        if isEmpty { return "no drift" }
        return (undocumented.map { "served but not in the OpenAPI document: \($0)" }
            + unimplemented.map { "in the OpenAPI document but not served: \($0)" }).joined(separator: "\n")
    }
}
