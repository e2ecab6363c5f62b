import Logging
extension RouterResponder {
    /// The response for an error thrown by middleware or a handler: a `ProblemDetails` as is, a
    /// domain error through the App's mapper, anything else `500 internal_error` with nothing of
    /// the error in the body — its description goes to the error log with the request id.
    func problemResponse(for error: any Error, request: HTTPRequest, route: String, requestID: String) -> HTTPResponse {
        if let problem = error as? ProblemDetails { return problem.response(requestID: requestID) }
        if let problem = configuration.errorMapper(error) { return problem.response(requestID: requestID) }
        configuration.logger.error("unhandled error", [
            "requestId": requestID, "method": request.method.rawValue, "route": route, "error": String(reflecting: error),
        ])
        return ProblemDetails(status: .internalServerError, code: "internal_error",
                              detail: "An unexpected error occurred. Quote the request id when reporting it.")
            .response(requestID: requestID)
    }

    /// The access line: method, route template, status, duration and request id — never the raw
    /// path or query (they may carry secrets), headers or bodies.
    func logAccess(_ method: HTTPMethod, _ route: String, _ status: Int, _ seconds: Double, _ requestID: String) {
        guard var line = configuration.logger.line(status >= 500 ? .error : .info, "request") else { return }
        line.string("method", method.rawValue)
        line.string("route", route)
        line.number("status", String(status))
        line.number("durationMs", Self.milliseconds(seconds))
        line.string("requestId", requestID)
        configuration.logger.write(line)
    }

    /// `seconds` as milliseconds with three decimals, without `String(format:)`.
    static func milliseconds(_ seconds: Double) -> String {
        let micros = Int((max(seconds, 0) * 1_000_000).rounded())
        let fraction = String(1000 + micros % 1000).dropFirst()
        return String(micros / 1000) + "." + fraction
    }
}
