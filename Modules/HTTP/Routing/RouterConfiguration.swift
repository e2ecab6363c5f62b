public import Logging

/// The built-in stages of a `RouterResponder`: where logs go, how domain errors become
/// problems, which metrics to record, and the CORS policy.
public struct RouterConfiguration: Sendable {
    /// Where access lines (`info`) and unexpected-error lines (`error`) go.
    public var logger: Logger
    /// Maps an error a handler threw that is not a `ProblemDetails` (a domain error) to the
    /// problem to answer; nil means unexpected: `500 internal_error`, details only in the log.
    public var errorMapper: @Sendable (any Error) -> ProblemDetails?
    /// The HTTP metrics to record, or nil for none.
    public var metrics: HTTPMetrics?
    /// Cross-origin rules, or nil to send no CORS headers.
    public var cors: CORSPolicy?
    /// Whether each request writes an access line.
    public var logsRequests: Bool
    /// Whose `X-Forwarded-For` is believed when working out `RequestContext.clientAddress`; nobody's by default.
    public var trustedProxies: TrustedProxies

    /// A configuration; by default access lines go to standard error, nothing is mapped, no metrics, no CORS, no
    /// trusted proxies.
    public init(logger: Logger = Logger(label: "http"), errorMapper: @escaping @Sendable (any Error) -> ProblemDetails? = { _ in nil },
                metrics: HTTPMetrics? = nil, cors: CORSPolicy? = nil, logsRequests: Bool = true,
                trustedProxies: TrustedProxies = .none) {
        self.logger = logger
        self.errorMapper = errorMapper
        self.metrics = metrics
        self.cors = cors
        self.logsRequests = logsRequests
        self.trustedProxies = trustedProxies
    }
}
