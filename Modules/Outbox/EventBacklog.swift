/// Events committed but not yet delivered for the first time, as the relay last sampled them: how many, and how
/// long the oldest has waited. The order pipeline refuses new orders when this says they could not be processed
/// in time (docs/adr/0015).
public struct EventBacklog: Sendable, Equatable {
    /// Undelivered events (first attempts only).
    public var events: Int
    /// The age of the oldest of them (zero when there is none).
    public var oldestAge: Duration

    /// `oldestAge` in (fractional) seconds, as `/metrics` shows it.
    public var oldestAgeSeconds: Double { oldestAge.seconds }

    public init(events: Int, oldestAge: Duration) {
        self.events = events
        self.oldestAge = oldestAge
    }
}
