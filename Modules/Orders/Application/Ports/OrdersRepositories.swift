public import EventBus

/// What the Orders context stores: the repositories its `UnitOfWork` binds to a transaction (reads need none).
public struct OrdersRepositories: Sendable {
    /// Orders with their lines and status history.
    public let orders: any OrderRepository
    /// Idempotency keys with the responses they replay.
    public let idempotencyKeys: any IdempotencyKeyRepository

    public init(orders: any OrderRepository, idempotencyKeys: any IdempotencyKeyRepository) {
        self.orders = orders
        self.idempotencyKeys = idempotencyKeys
    }
}

/// The Orders repositories and the event publisher bound to one transaction: a use case's, or an event handler's
/// (whose transaction also records the event in the inbox).
public typealias OrdersTransaction = Transaction<OrdersRepositories>
