/// The route table: a trie by path segment. At each level a literal segment is tried before a
/// parameter, backtracking when the literal branch leads to no route. The most specific path that has
/// routes decides alone: `PATCH /v1/users/me` is a `405` of `/v1/users/me`, never `PATCH /v1/users/{id}`
/// with `me` as the id. No regular expressions, and a lookup costs one dictionary probe per segment in
/// the common case.
struct RouteTrie: Sendable {
    struct Route: Sendable {
        let descriptor: RouteDescriptor
        let parameterNames: [String]
        let handler: RequestHandler
        let metrics: RouteMetrics?
        /// The metrics series for `HEAD` answered by this `GET` route.
        let headMetrics: RouteMetrics?
    }

    struct Node: Sendable {
        var literals: [String: Node] = [:]
        /// At most one element; an array gives the recursive value type its indirection.
        var parameter: [Node] = []
        var routes: [Route] = []

        func route(for method: HTTPMethod) -> Route? {
            for route in routes where route.descriptor.method == method { return route }
            return nil
        }

        mutating func insert(_ segments: ArraySlice<RouteTemplate.Segment>, _ route: Route) throws(RouterError) {
            guard let segment = segments.first else {
                if routes.contains(where: { $0.descriptor.method == route.descriptor.method }) {
                    throw .duplicateRoute(route.descriptor)
                }
                routes.append(route)
                return
            }
            switch segment {
            case let .literal(name):
                try literals[name, default: Node()].insert(segments.dropFirst(), route)
            case .parameter:
                if parameter.isEmpty { parameter.append(Node()) }
                try parameter[0].insert(segments.dropFirst(), route)
            }
        }

        /// Visits the nodes with routes that `segments` reach, most specific first, until `visit` returns true.
        func walk(_ segments: ArraySlice<Substring>, _ values: inout [Substring],
                  _ visit: (Node, [Substring]) -> Bool) -> Bool {
            guard let segment = segments.first else { return !routes.isEmpty && visit(self, values) }
            let rest = segments.dropFirst()
            if let child = literals[RouteTrie.literalKey(segment)], child.walk(rest, &values, visit) { return true }
            if let child = parameter.first, !segment.isEmpty {
                values.append(segment)
                if child.walk(rest, &values, visit) { return true }
                values.removeLast()
            }
            return false
        }
    }

    enum Match {
        case route(Route, PathParameters)
        case methodNotAllowed(allowed: [HTTPMethod], template: String)
        case notFound
    }

    var root = Node()

    mutating func insert(_ descriptor: RouteDescriptor, handler: @escaping RequestHandler, metrics: HTTPMetrics?) throws(RouterError) {
        guard let segments = RouteTemplate.segments(descriptor.template) else { throw .invalidTemplate(descriptor.template) }
        let names = segments.compactMap { segment -> String? in
            if case let .parameter(name) = segment { return name }
            return nil
        }
        let route = Route(descriptor: descriptor, parameterNames: names, handler: handler,
                          metrics: metrics?.series(method: descriptor.method, route: descriptor.template),
                          headMetrics: descriptor.method == .get ? metrics?.series(method: .head, route: descriptor.template) : nil)
        try root.insert(segments[...], route)
    }

    /// A literal segment as stored: percent-decoded only when it has escapes (rare), so the common case allocates nothing for short segments.
    static func literalKey(_ segment: Substring) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        return PercentDecoding.decode(segment, plusIsSpace: false) ?? String(segment)
    }

    /// The `/`-separated segments after the leading `/` (none for `/`), split on the UTF-8 view:
    /// splitting by `Character` does grapheme breaking, which dominated routing profiles.
    static func segments(of path: Substring) -> [Substring]? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        var start = utf8.index(after: utf8.startIndex)
        if start == utf8.endIndex { return [] }
        var result: [Substring] = []
        result.reserveCapacity(8)
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                result.append(path[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result.append(path[start..<utf8.endIndex])
        return result
    }

    func match(_ method: HTTPMethod, path: Substring) -> Match {
        guard let segments = Self.segments(of: path) else { return .notFound }
        var values: [Substring] = []
        var found: (Route, [Substring])?
        var allowed: Set<HTTPMethod> = []
        var template: String?
        _ = root.walk(segments[...], &values) { node, values in
            if let route = node.route(for: method) ?? (method == .head ? node.route(for: .get) : nil) {
                found = (route, values)
                return true
            }
            for route in node.routes { allowed.insert(route.descriptor.method) }
            template = node.routes.first?.descriptor.template
            return true
        }
        if let (route, values) = found {
            return .route(route, PathParameters(names: route.parameterNames, rawValues: values))
        }
        guard let template else { return .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        allowed.insert(.options)
        return .methodNotAllowed(allowed: HTTPMethod.allCases.filter(allowed.contains), template: template)
    }
}
