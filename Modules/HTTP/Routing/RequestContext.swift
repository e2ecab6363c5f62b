/// What the router knows about one request besides the request itself: its id, the matched
/// route template and path parameters, and values middleware stored for later stages.
public struct RequestContext: Sendable {
    /// The request id sent back as `X-Request-Id` and written to every log line of this request.
    public let requestID: String
    /// The matched route's template (`/v1/orders/{id}`); metrics and logs use it, never the raw path.
    public let route: String
    /// The path parameters of the matched route.
    public let parameters: PathParameters
    /// The client's address: the connection's peer, or what trusted proxies say in `X-Forwarded-For`
    /// (`RouterConfiguration.trustedProxies`); nil when the request did not come from a socket.
    public let clientAddress: IPAddress?
    var storage: [ObjectIdentifier: any Sendable] = [:]

    /// A context for `route`; the router builds these, tests may too.
    public init(requestID: String, route: String, parameters: PathParameters = PathParameters(), clientAddress: IPAddress? = nil) {
        self.requestID = requestID
        self.route = route
        self.parameters = parameters
        self.clientAddress = clientAddress
    }

    /// The value stored under `key` by a middleware, or nil.
    public subscript<Key: ContextKey>(key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }
}
