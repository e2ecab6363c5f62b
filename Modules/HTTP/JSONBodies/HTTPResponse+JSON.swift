public import JSON

extension HTTPResponse {
    /// A compact JSON response (`Content-Type: application/json`) of `value`, encoded by
    /// `StrictJSONEncoder` (explicit `null`s, RFC 3339 dates, lower-case UUIDs).
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok, headers: HTTPHeaders = [:],
                            encoder: StrictJSONEncoder = StrictJSONEncoder()) throws -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: try encoder.encode(value))
    }

    /// A JSON response whose body is already encoded (a precomputed or cached document).
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }

    /// An empty `204 No Content`.
    public static var noContent: HTTPResponse { HTTPResponse(status: .noContent) }
}
