/// One parsed request, body fully read. The server builds it; routing and handlers read it.
public struct HTTPRequest: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The request target exactly as received (origin form: path and optional query).
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields, as received.
    public var headers: HTTPHeaders
    /// The body bytes (de-chunked); empty when there was none.
    public var body: [UInt8]
    /// The address of the connection's peer, taken at `accept` (a proxy's, when one is in front: the client's own
    /// is `RequestContext.clientAddress`); nil for a request not read from a socket.
    public var remoteAddress: IPAddress?

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:], body: [UInt8] = [],
                remoteAddress: IPAddress? = nil) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The path part of the target (before `?`), not percent-decoded.
    public var path: Substring {
        if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<q] }
        return target[...]
    }

    /// The query part of the target (after `?`), or nil.
    public var query: Substring? {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return target[target.utf8.index(after: q)...]
    }
}
