/// Collects routes and middleware at start-up, then builds the `HTTPResponder` that serves them
/// (`buildResponder`). Registration is single-threaded set-up code; the responder is immutable.
///
///     let router = Router()
///     router.get("/health/live") { _, _ in .json(bytes: body) }
///     let users = router.group("/v1/users").add(middleware: authenticate).narrowed(to: AdminContext.self)
///     users.get("/{id}") { request, context in ... }
///     let responder = try router.buildResponder(configuration)
public final class Router {
    struct Registration {
        var descriptor: RouteDescriptor
        var handler: RequestHandler
    }

    var registrations: [Registration] = []
    var globalMiddleware: [Middleware] = []

    /// An empty router.
    public init() {}

    /// Adds middleware that runs for every matched route, outside any group middleware.
    public func add(middleware: Middleware) { globalMiddleware.append(middleware) }

    /// The registered routes, in registration order (for the OpenAPI drift check).
    public var routes: [RouteDescriptor] { registrations.map(\.descriptor) }

    /// A group of routes under `prefix` with the base context.
    public func group(_ prefix: String) -> RouteGroup<RequestContext> {
        RouteGroup(router: self, prefix: RouteTemplate.join("", prefix), middleware: [])
    }

    /// Registers `handler` for `method` and `path`, with the base context.
    public func on(_ method: HTTPMethod, _ path: String,
                   handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        group("").on(method, path, handler: handler)
    }

    /// Registers a `GET` route (which also answers `HEAD`).
    public func get(_ path: String, handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        on(.get, path, handler: handler)
    }

    /// Registers a `POST` route.
    public func post(_ path: String, handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        on(.post, path, handler: handler)
    }

    /// Registers a `PUT` route.
    public func put(_ path: String, handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        on(.put, path, handler: handler)
    }

    /// Registers a `PATCH` route.
    public func patch(_ path: String, handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        on(.patch, path, handler: handler)
    }

    /// Registers a `DELETE` route.
    public func delete(_ path: String, handler: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) {
        on(.delete, path, handler: handler)
    }

    func register(_ method: HTTPMethod, template: String, handler: @escaping RequestHandler) {
        registrations.append(Registration(descriptor: RouteDescriptor(method: method, template: template), handler: handler))
    }

    /// The responder serving every route registered so far, with the built-in stages
    /// (request id, CORS, error mapping, metrics, access log) set up by `configuration`.
    /// Throws on duplicate routes or malformed templates.
    public func buildResponder(_ configuration: RouterConfiguration = RouterConfiguration()) throws(RouterError) -> RouterResponder {
        var trie = RouteTrie()
        for registration in registrations {
            var handler = registration.handler
            for middleware in globalMiddleware.reversed() { handler = middleware.wrapping(handler) }
            try trie.insert(registration.descriptor, handler: handler, metrics: configuration.metrics)
        }
        return RouterResponder(trie: trie, configuration: configuration)
    }
}
