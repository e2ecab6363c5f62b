/// How the durable bus delivers and retries. Defaults suit production; tests shorten the intervals.
public struct DurableEventBusConfiguration: Sendable {
    /// Hand events to subscribers right after the publishing transaction commits (the relay is the safety net).
    public var dispatchAfterCommit: Bool = true
    /// How long the relay leaves a fresh event to in-process dispatch before it delivers it itself.
    public var dispatchGrace: Duration = .seconds(5)
    /// How often the relay looks for undelivered events.
    public var pollInterval: Duration = .milliseconds(500)
    /// How long a relay's claim on an event lasts (a crashed process's claims expire after this).
    public var lease: Duration = .seconds(60)
    /// Events claimed per relay pass.
    public var batchSize: Int = 50
    /// Failed deliveries of one event before it is set aside as dead (logged and counted).
    public var maxAttempts: Int = 12
    /// Retry delay after the first failure; doubles per attempt up to `maxBackoff`.
    public var initialBackoff: Duration = .milliseconds(200)
    public var maxBackoff: Duration = .seconds(300)
    /// Deliveries in flight at once (dispatch and relay together); nil: half the pool's connections. It must stay
    /// below the pool size, because a handler may need a second connection while it holds one (`DeliveryPermits`).
    public var maxConcurrentDeliveries: Int? = nil

    public init() {}

    /// The delay before attempt `attempts + 1`, with ±20 % jitter so failing events do not retry in lockstep.
    func backoff(afterAttempts attempts: Int) -> Duration {
        let exponent = min(max(attempts - 1, 0), 20)
        let base = min(initialBackoff * (1 << exponent), maxBackoff)
        return base * Double.random(in: 0.8...1.2)
    }
}
