/// Anything that answers a request: the router, a middleware chain, a test double.
/// It never throws: whatever fails inside is already a response (problem+json) by the time it returns.
public protocol HTTPResponder: Sendable {
    /// Answers one request.
    func respond(to request: HTTPRequest) async -> HTTPResponse
}
