public import Foundation

/// An event set aside after `maxAttempts` failed deliveries (a "dead letter"), as an operator sees it.
public struct DeadEvent: Sendable, Equatable, Codable {
    /// The event's id (what a retry names).
    public var id: UUID
    /// The event's stable name, e.g. `orders.order_allocated.v1`.
    public var name: String
    /// The subscriber whose handler failed on the last attempt; several are separated by `, `.
    public var subscriber: String
    /// Failed deliveries so far.
    public var attempts: Int
    /// What the failing handlers threw on the last attempt (at most 2,000 characters).
    public var lastError: String
    /// When it was set aside.
    public var failedAt: Date

    public init(id: UUID, name: String, subscriber: String, attempts: Int, lastError: String, failedAt: Date) {
        self.id = id
        self.name = name
        self.subscriber = subscriber
        self.attempts = attempts
        self.lastError = lastError
        self.failedAt = failedAt
    }
}
