/// Routes sharing a path prefix, middleware and a context type. A value: `add(middleware:)`,
/// `group(_:)` and `narrowed(to:)` return new groups and leave this one unchanged.
public struct RouteGroup<Context: RouteContext> {
    let router: Router
    let prefix: String
    let middleware: [Middleware]

    /// This group with `middleware` added (it runs after the group's earlier middleware).
    public func add(middleware: Middleware) -> RouteGroup<Context> {
        RouteGroup(router: router, prefix: prefix, middleware: self.middleware + [middleware])
    }

    /// A sub-group under `prefix` keeping this group's middleware and context.
    public func group(_ prefix: String) -> RouteGroup<Context> {
        RouteGroup(router: router, prefix: RouteTemplate.join(self.prefix, prefix), middleware: middleware)
    }

    /// The same group whose handlers receive a `Narrowed` context, built after the group's
    /// middleware ran; when its initializer throws, the handler is not called.
    public func narrowed<Narrowed: RouteContext>(to type: Narrowed.Type) -> RouteGroup<Narrowed> {
        RouteGroup<Narrowed>(router: router, prefix: prefix, middleware: middleware)
    }

    /// Registers `handler` for `method` at the group's prefix followed by `path` (`""` for the prefix itself).
    public func on(_ method: HTTPMethod, _ path: String,
                   handler: @escaping @Sendable (HTTPRequest, Context) async throws -> HTTPResponse) {
        var wrapped: RequestHandler = { request, context in
            try await handler(request, try Context(from: context))
        }
        for step in middleware.reversed() { wrapped = step.wrapping(wrapped) }
        router.register(method, template: RouteTemplate.join(prefix, path), handler: wrapped)
    }

    /// Registers a `GET` route (which also answers `HEAD`).
    public func get(_ path: String = "", handler: @escaping @Sendable (HTTPRequest, Context) async throws -> HTTPResponse) {
        on(.get, path, handler: handler)
    }

    /// Registers a `POST` route.
    public func post(_ path: String = "", handler: @escaping @Sendable (HTTPRequest, Context) async throws -> HTTPResponse) {
        on(.post, path, handler: handler)
    }

    /// Registers a `PUT` route.
    public func put(_ path: String = "", handler: @escaping @Sendable (HTTPRequest, Context) async throws -> HTTPResponse) {
        on(.put, path, handler: handler)
    }

    /// Registers a `PATCH` route.
    public func patch(_ path: String = "", handler: @escaping @Sendable (HTTPRequest, Context) async throws -> HTTPResponse) {
        on(.patch, path, handler: handler)
    }

    /// Registers a `DELETE` route.
    public func delete(_ path: String = "", handler: @escaping @Sendable (HTTPRequest, Context) async throws -> HTTPResponse) {
        on(.delete, path, handler: handler)
    }
}
