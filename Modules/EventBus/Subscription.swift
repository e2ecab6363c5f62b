/// Who handles which event: the subscriber's stable name (it keys the inbox, so renaming it means
/// old events are delivered again) and the event name it listens to.
public struct SubscriptionKey: Hashable, Sendable, CustomStringConvertible {
    /// E.g. `orders.order_placed.v1`.
    public let event: String
    /// E.g. `allocation.allocate_order`.
    public let subscriber: String

    public init(event: String, subscriber: String) {
        self.event = event
        self.subscriber = subscriber
    }

    public var description: String { "\(event) -> \(subscriber)" }
}
