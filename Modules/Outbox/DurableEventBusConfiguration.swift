/// How the durable bus delivers and retries. Defaults suit production; tests shorten the intervals.
public struct DurableEventBusConfiguration: Sendable {
    /// Hand events to subscribers right after the publishing transaction commits (the relay is the safety net).
    public var dispatchAfterCommit: Bool = true
    /// How long a claim on an event lasts, whether taken at publish time (in-process dispatch) or by a relay. While
    /// the delivery runs, the claim is renewed every third of this (a heartbeat), so a long handler keeps it; a process
    /// that dies stops renewing, and another process's relay takes the event within about this long.
    public var lease: Duration = .seconds(3)
    /// How often the relay looks for undelivered events when no notification wakes it earlier.
    public var pollInterval: Duration = .milliseconds(500)
    /// Events claimed per relay pass.
    public var batchSize: Int = 50
    /// Failed deliveries of one event before it is set aside as dead (logged and counted).
    public var maxAttempts: Int = 12
    /// Retry delay after the first failure; doubles per attempt up to `maxBackoff`.
    public var initialBackoff: Duration = .milliseconds(200)
    public var maxBackoff: Duration = .seconds(300)
    /// Deliveries in flight at once (dispatch and relay together); nil: the delivery pool's size when the bus has a
    /// pool of its own, else half the shared pool's connections. With a shared pool it must stay below the pool size,
    /// because a handler may need a second connection while it holds one (`DeliveryPermits`).
    public var maxConcurrentDeliveries: Int? = nil
    /// Events waiting for in-process dispatch at most; beyond it new events are left unclaimed for the relays of
    /// every process (and the relays are woken), so one busy process never hoards work others could do.
    public var maxQueuedDispatches: Int = 512
    /// How often the relay samples the backlog (`DurableEventBus.backlog`).
    public var backlogSampleInterval: Duration = .milliseconds(250)
    /// How often a process says which subscribers it runs; a registration not renewed for `subscriptionFreshness`
    /// no longer holds events back (its process is gone, or a deploy removed the subscriber).
    public var subscriptionRefresh: Duration = .seconds(10)
    public var subscriptionFreshness: Duration = .seconds(120)

    public init() {}

    /// The delay before attempt `attempts + 1`, with ±20 % jitter so failing events do not retry in lockstep.
    func backoff(afterAttempts attempts: Int) -> Duration {
        let exponent = min(max(attempts - 1, 0), 20)
        let base = min(initialBackoff * (1 << exponent), maxBackoff)
        return base * Double.random(in: 0.8...1.2)
    }
}
