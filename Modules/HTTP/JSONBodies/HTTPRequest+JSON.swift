public import JSON

extension HTTPRequest {
    /// Whether `Content-Type` is `application/json`, case-insensitively, optionally with parameters (`charset=utf-8`).
    public var hasJSONContentType: Bool {
        guard let value = headers["Content-Type"] else { return false }
        let mediaType = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = mediaType.trimmedOfSpacesAndTabs()
        guard String(trimmed).equalsIgnoringASCIICase("application/json") else { return false }
        // Bodies are UTF-8 only: another declared charset is refused rather than misread.
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0].trimmedOfSpacesAndTabs()).equalsIgnoringASCIICase("charset") else { continue }
            var charset = pair[1].trimmedOfSpacesAndTabs()
            if charset.hasPrefix("\""), charset.hasSuffix("\""), charset.count >= 2 { charset = charset.dropFirst().dropLast() }
            if !String(charset).equalsIgnoringASCIICase("utf-8") { return false }
        }
        return true
    }

    /// The body decoded strictly as a `T`, or a thrown `ProblemDetails`:
    /// `415 unsupported_media_type` (not `application/json`), `400 malformed_json`
    /// (bad syntax, bad UTF-8, duplicate keys, nesting deeper than 64),
    /// `422 unknown_field` (members `T` does not declare, with their paths in `errors`),
    /// `422 validation_failed` (wrong type, missing or out-of-range member, with its path).
    /// Problems thrown by `T`'s own initializer pass through unchanged.
    public func decode<T: Decodable>(_ type: T.Type, using decoder: StrictJSONDecoder = StrictJSONDecoder()) throws -> T {
        guard hasJSONContentType else { throw ProblemDetails.notJSON }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body, maximumDepth: decoder.maximumDepth)
        } catch {
            throw ProblemDetails(status: .badRequest, code: "malformed_json", detail: "The request body is not valid JSON: \(error.description).")
        }
        do {
            return try decoder.decode(type, from: value)
        } catch let error as JSONDecodingError {
            throw error.problem
        }
    }
}

extension ProblemDetails {
    /// `415 unsupported_media_type`: a request body that is not `application/json`.
    public static let notJSON = ProblemDetails(status: .unsupportedMediaType, code: "unsupported_media_type",
                                               detail: "The request body must be application/json.")
}
