import JSON

/// An RFC 9457 problem: the body of every error response (`application/problem+json`).
/// `code` is the stable snake_case string clients branch on; `type` is derived from it (`urn:wharf:problem:<code>`).
public struct ProblemDetails: Error, Sendable, Equatable {
    /// One invalid field of a validation failure.
    public struct FieldError: Sendable, Equatable {
        /// The field's JSON path (`lines[0].sku`), or a parameter name.
        public var field: String
        /// What is wrong with it, for a person.
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var status: HTTPStatus
    public var code: String
    public var title: String
    public var detail: String?
    public var errors: [FieldError]
    /// Extra response headers this problem needs (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPHeaders

    public init(status: HTTPStatus, code: String, title: String? = nil, detail: String? = nil,
                errors: [FieldError] = [], headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.title = title ?? status.reason
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    public static func == (lhs: ProblemDetails, rhs: ProblemDetails) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.title == rhs.title
            && lhs.detail == rhs.detail && lhs.errors == rhs.errors
    }

    /// The `type` URI: a URN, stable and never dereferenced.
    public var type: String { "urn:wharf:problem:\(code)" }

    /// The JSON body, with `requestId` when known.
    public func jsonBody(requestID: String?) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"type\":"); out.string(type)
        out.raw(",\"title\":"); out.string(title)
        out.raw(",\"status\":"); out.raw(String(status.code))
        out.raw(",\"detail\":"); if let detail { out.string(detail) } else { out.raw("null") }
        out.raw(",\"code\":"); out.string(code)
        out.raw(",\"requestId\":"); if let requestID { out.string(requestID) } else { out.raw("null") }
        if !errors.isEmpty {
            out.raw(",\"errors\":[")
            for (i, error) in errors.enumerated() {
                if i > 0 { out.raw(",") }
                out.raw("{\"field\":"); out.string(error.field)
                out.raw(",\"message\":"); out.string(error.message)
                out.raw("}")
            }
            out.raw("]")
        }
        out.raw("}")
        return out.bytes
    }

    /// The complete response: status, `Content-Type: application/problem+json`, extra headers, body.
    public func response(requestID: String?) -> HTTPResponse {
        var headers = self.headers
        headers.set("Content-Type", "application/problem+json")
        if let requestID { headers.set("X-Request-Id", requestID) }
        return HTTPResponse(status: status, headers: headers, body: jsonBody(requestID: requestID))
    }
}
