/// A context a handler can ask for: built from the router's `RequestContext` before the handler
/// runs, and able to refuse. A group narrowed to `AuthenticatedContext` (whose initializer throws
/// `401` without a principal) cannot reach its handlers without one, by construction.
public protocol RouteContext: Sendable {
    /// The narrowed context, or a thrown error (usually a `ProblemDetails`) answered instead of the handler.
    init(from context: RequestContext) throws
    /// The router's context this one was built from (request id, route, path parameters, stored values).
    var base: RequestContext { get }
}

extension RouteContext {
    /// The request id (`base.requestID`).
    public var requestID: String { base.requestID }
    /// The matched route template (`base.route`).
    public var route: String { base.route }
    /// The path parameters (`base.parameters`).
    public var parameters: PathParameters { base.parameters }
    /// A value stored by middleware (`base[key]`).
    public subscript<Key: ContextKey>(key: Key.Type) -> Key.Value? { base[key] }
}

extension RequestContext: RouteContext {
    /// The context itself: the base context never refuses.
    public init(from context: RequestContext) { self = context }
    /// The context itself.
    public var base: RequestContext { self }
}
