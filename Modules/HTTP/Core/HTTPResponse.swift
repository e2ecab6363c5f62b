/// A response to send. The server adds `Date`, `Content-Length` and `Connection` itself.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields the handler chose.
    public var headers: HTTPHeaders
    /// The body bytes (the server sends none for `HEAD`, `204` and `304`, but keeps `Content-Length` for `HEAD`).
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
