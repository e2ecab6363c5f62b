/// Cross-origin rules: which origins may call the API from a browser. Origins not listed get no
/// CORS headers at all (the browser then blocks the response); the server itself is not
/// protected by this, it only tells browsers what to allow.
public struct CORSPolicy: Sendable {
    /// Exact origins (`https://shop.example`), compared case-insensitively; `*` allows every origin.
    public var allowedOrigins: [String]
    /// How long browsers may cache a preflight answer, in seconds.
    public var maxAge: Int
    /// Request headers a browser may send.
    public var allowedHeaders = "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, X-Request-Id"
    /// Response headers a browser script may read.
    public var exposedHeaders = "ETag, Location, X-Request-Id, Idempotent-Replayed, Retry-After"

    /// A policy for `allowedOrigins`.
    public init(allowedOrigins: [String], maxAge: Int = 600) {
        self.allowedOrigins = allowedOrigins
        self.maxAge = maxAge
    }

    /// A policy from `CORS_ALLOWED_ORIGINS`: comma-separated origins, blanks ignored, trailing `/` removed.
    public init(environmentValue: String?, maxAge: Int = 600) {
        let origins = (environmentValue ?? "").split(separator: ",").compactMap { part -> String? in
            var origin = part.trimmedOfSpacesAndTabs()
            while origin.hasSuffix("/") { origin = origin.dropLast() }
            return origin.isEmpty ? nil : String(origin)
        }
        self.init(allowedOrigins: origins, maxAge: maxAge)
    }

    /// Whether `origin` (the request's `Origin` header) may read responses.
    public func allows(_ origin: String) -> Bool {
        allowedOrigins.contains { $0 == "*" || $0.equalsIgnoringASCIICase(origin) }
    }

    /// Adds the headers of an actual (non-preflight) cross-origin response.
    func decorate(_ headers: inout HTTPHeaders, origin: String) {
        headers.set("Access-Control-Allow-Origin", origin)
        headers.set("Access-Control-Expose-Headers", exposedHeaders)
    }

    /// The `204` answer to an allowed preflight for a path serving `methods`.
    func preflight(origin: String, methods: [HTTPMethod]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Access-Control-Allow-Origin", origin)
        headers.add("Access-Control-Allow-Methods", methods.map(\.rawValue).joined(separator: ", "))
        headers.add("Access-Control-Allow-Headers", allowedHeaders)
        headers.add("Access-Control-Max-Age", String(maxAge))
        headers.add("Allow", methods.map(\.rawValue).joined(separator: ", "))
        return HTTPResponse(status: .noContent, headers: headers)
    }
}
