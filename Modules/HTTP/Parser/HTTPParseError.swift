/// Why the parser refused a request. The server answers it as problem+json and closes the connection,
/// because after any of these the byte stream can no longer be trusted to frame the next request.
struct HTTPParseError: Error, Sendable, Equatable {
    /// The status to answer with.
    var status: HTTPStatus
    /// The stable problem code (`bad_request`, `uri_too_long`, ...).
    var code: String
    /// A short explanation for a person.
    var detail: String

    static func badRequest(_ detail: String) -> HTTPParseError {
        HTTPParseError(status: .badRequest, code: "bad_request", detail: detail)
    }

    static let uriTooLong = HTTPParseError(
        status: 414, code: "uri_too_long", detail: "The request line is longer than the server accepts.")

    static func headerFieldsTooLarge(_ detail: String) -> HTTPParseError {
        HTTPParseError(status: 431, code: "header_fields_too_large", detail: detail)
    }

    static let payloadTooLarge = HTTPParseError(
        status: .contentTooLarge, code: "payload_too_large", detail: "The request body is larger than the server accepts.")

    static func notImplemented(_ detail: String) -> HTTPParseError {
        HTTPParseError(status: 501, code: "not_implemented", detail: detail)
    }

    static let versionNotSupported = HTTPParseError(
        status: 505, code: "http_version_not_supported", detail: "Only HTTP/1.0 and HTTP/1.1 are served.")
}
