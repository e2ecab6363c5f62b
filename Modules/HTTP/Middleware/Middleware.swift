/// A route handler after narrowing: the request and the router's context in, a response out.
/// Errors thrown are mapped to problem responses by the router.
public typealias RequestHandler = @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse

/// A step around handlers: it may answer itself, change the request or context (store a principal),
/// or call `next` and adjust the response. Group middleware runs outermost-first in the order added.
public struct Middleware: Sendable {
    /// The rest of the chain.
    public typealias Next = RequestHandler

    let body: @Sendable (HTTPRequest, RequestContext, Next) async throws -> HTTPResponse

    /// A middleware from a closure `(request, context, next)`.
    public init(_ body: @escaping @Sendable (_ request: HTTPRequest, _ context: RequestContext, _ next: Next) async throws -> HTTPResponse) {
        self.body = body
    }

    /// `handler` with this middleware in front of it.
    public func wrapping(_ handler: @escaping RequestHandler) -> RequestHandler {
        let body = self.body
        return { request, context in try await body(request, context, handler) }
    }
}
