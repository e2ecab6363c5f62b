/// A validated request head: everything but the body, and how the body is framed.
struct RequestHead: Sendable {
    /// How the body is delimited (RFC 9112 §6.3).
    enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: HTTPMethod
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: Framing
    /// Whether the connection may carry another request after this one.
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool

    /// Parses a complete head. `bytes[start..<end]` runs from the request line to the final CRLF CRLF
    /// (line endings already checked to be CRLF); `requestLineEnd` is the index of the request line's CR.
    static func parse(_ bytes: UnsafeRawBufferPointer, start: Int, requestLineEnd: Int, end: Int,
                      limits: HTTPParserLimits) -> Result<RequestHead, HTTPParseError> {
        let requestLine: RequestLine
        switch RequestLine.parse(bytes, start: start, end: requestLineEnd) {
        case .success(let line): requestLine = line
        case .failure(let error): return .failure(error)
        }
        var fields = FieldScan()
        var headers = HTTPHeaders()
        headers.fields.reserveCapacity(16)
        // The head ends with CRLF CRLF: the last header line's CRLF, then the empty line's.
        var lineStart = requestLineEnd &+ 2
        let headerEnd = end &- 2
        while lineStart < headerEnd {
            // Every LF here was checked to follow a CR; a bare CR inside the line is left for validation to refuse.
            var lf = lineStart
            while bytes[lf] != ASCII.lf { lf &+= 1 }
            if let error = fields.add(bytes, start: lineStart, end: lf &- 1, into: &headers, limits: limits) {
                return .failure(error)
            }
            lineStart = lf &+ 1
        }
        switch fields.finish(version: requestLine.version, limits: limits) {
        case .failure(let error):
            return .failure(error)
        case .success(let framing):
            let keepAlive = requestLine.version == .http1_1 ? !fields.connectionClose : (fields.connectionKeepAlive && !fields.connectionClose)
            let hasBody = framing != .none && framing != .length(0)
            return .success(RequestHead(
                method: requestLine.method, target: requestLine.target, version: requestLine.version,
                headers: headers, framing: framing, keepAlive: keepAlive,
                expectsContinue: fields.expectContinue && hasBody && requestLine.version == .http1_1))
        }
    }
}
