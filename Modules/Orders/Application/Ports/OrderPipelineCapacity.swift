/// Whether the order pipeline (placed → allocated → awaiting payment, through the event bus) can take another order
/// now and still keep the promise that an order leaves `pending` within seconds.
public protocol OrderPipelineCapacity: Sendable {
    /// nil while a new order can be processed in time; otherwise the seconds a client should wait before retrying.
    func retryAfterWhenOverloaded() -> Int?
}

/// No limit: every order is taken (unit tests, and `ORDER_BACKLOG_MAX_AGE_MS=0`).
public struct UnlimitedPipelineCapacity: OrderPipelineCapacity {
    public init() {}
    public func retryAfterWhenOverloaded() -> Int? { nil }
}
