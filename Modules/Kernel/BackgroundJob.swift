/// A periodic piece of work a bounded context needs while the server runs (purging expired rows, asking the
/// payment provider about stale payments). A context's `make(...)` returns its jobs as values; the composition
/// root starts every job next to the HTTP server and stops them with it, so no context runs a loop of its own.
public struct BackgroundJob: Sendable {
    /// Stable and unique, `<context>.<job>` (e.g. `orders.idempotency_key_purge`): it names the job in logs and metrics.
    public let name: String
    /// The pause between the end of one pass and the start of the next.
    public let interval: Duration
    /// One pass; returns how many items it handled. A pass that throws is logged, and the next one comes on time.
    public let pass: @Sendable () async throws -> Int

    public init(name: String, every interval: Duration, pass: @escaping @Sendable () async throws -> Int) {
        self.name = name
        self.interval = interval
        self.pass = pass
    }

    /// The same job on another schedule (tests run jobs every few milliseconds).
    public func every(_ interval: Duration) -> BackgroundJob { BackgroundJob(name: name, every: interval, pass: pass) }
}
