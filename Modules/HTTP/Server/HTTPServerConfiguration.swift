import Glibc

/// Everything the server can be tuned with. The defaults follow nginx where it has an equivalent.
public struct HTTPServerConfiguration: Sendable, Equatable {
    /// The address to bind: an IPv4 or IPv6 literal, or `localhost`. Default `127.0.0.1`.
    public var host: String
    /// The TCP port; `0` picks a free one (learn it from `HTTPServer.waitUntilListening()`). Default `8080`.
    public var port: Int
    /// The number of event loop threads, each with its own `SO_REUSEPORT` listener. Default: one per core.
    public var eventLoopCount: Int
    /// The most open connections; a connection accepted beyond it is closed at once. Default 10,000.
    public var maxConnections: Int
    /// The longest request line; longer is answered `414`. Default 8 KiB.
    public var maxRequestLineBytes: Int
    /// The longest single header line; longer is `431`. Default 8 KiB.
    public var maxHeaderLineBytes: Int
    /// The largest header section; larger is `431`. Default 16 KiB.
    public var maxHeaderBytes: Int
    /// The most header fields; more is `431`. Default 100.
    public var maxHeaderCount: Int
    /// The largest request body; larger is `413`, from `Content-Length` before reading or mid-stream when chunked. Default 1 MiB.
    public var maxBodyBytes: Int
    /// How long a client may take from its first byte (or from connecting) to the end of its headers; then `408` and close. Default 10 s.
    public var headerTimeout: Duration
    /// How long a client may take to send a whole body once its headers are in; then `408` and close. Default 30 s.
    public var bodyTimeout: Duration
    /// How long a keep-alive connection may sit between requests, or a response may stay unread; then it is closed. Default 60 s.
    public var idleTimeout: Duration
    /// How long a handler may work on one request. Past it the handler's task is cancelled, which a cooperating
    /// responder answers itself (`RouterResponder`: `503 service_unavailable`); one still busy a second later is
    /// abandoned and the server answers `503` with `Retry-After` and closes the connection. Default 30 s.
    public var requestTimeout: Duration
    /// How long the server keeps trying to hand a response to a client that reads it too slowly, counted from when
    /// the response was ready, however steadily the client reads; then the connection is reset. Default 30 s.
    public var sendTimeout: Duration
    /// How long shutdown waits for in-flight requests before closing their connections anyway. Default 10 s.
    public var shutdownGracePeriod: Duration
    /// Unprocessed pipelined bytes held per connection while a request is handled; above it reading pauses. Default 64 KiB.
    public var maxPipelinedBytes: Int
    /// Unsent response bytes per connection above which the next pipelined request waits. Default 256 KiB.
    public var maxUnsentBytes: Int
    /// The listen backlog. Default 1,024.
    public var backlog: Int
    /// Whether handler tasks prefer the event loop that read the request as their executor (no thread hop:
    /// fastest). A handler that blocks its thread (synchronous I/O, long CPU work) then stalls every connection
    /// of that loop; set `false` to run handlers on the global executor instead. Default `true`.
    public var runsHandlersOnEventLoops: Bool

    /// A configuration with the defaults, overriding what is passed.
    public init(host: String = "127.0.0.1", port: Int = 8080, eventLoopCount: Int? = nil,
                maxConnections: Int = 10_000, maxRequestLineBytes: Int = 8 * 1024, maxHeaderLineBytes: Int = 8 * 1024,
                maxHeaderBytes: Int = 16 * 1024, maxHeaderCount: Int = 100, maxBodyBytes: Int = 1024 * 1024,
                headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30),
                idleTimeout: Duration = .seconds(60), requestTimeout: Duration = .seconds(30),
                sendTimeout: Duration = .seconds(30), shutdownGracePeriod: Duration = .seconds(10),
                maxPipelinedBytes: Int = 64 * 1024, maxUnsentBytes: Int = 256 * 1024, backlog: Int = 1024,
                runsHandlersOnEventLoops: Bool = true) {
        self.host = host
        self.port = port
        self.eventLoopCount = eventLoopCount ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        self.maxConnections = maxConnections
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderLineBytes = maxHeaderLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.sendTimeout = sendTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.maxPipelinedBytes = maxPipelinedBytes
        self.maxUnsentBytes = maxUnsentBytes
        self.backlog = backlog
        self.runsHandlersOnEventLoops = runsHandlersOnEventLoops
    }

    var parserLimits: HTTPParserLimits {
        HTTPParserLimits(maxRequestLineBytes: maxRequestLineBytes, maxHeaderLineBytes: maxHeaderLineBytes,
                         maxHeaderBytes: maxHeaderBytes, maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating; for monotonic-clock arithmetic.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? .max : sum
    }
}
