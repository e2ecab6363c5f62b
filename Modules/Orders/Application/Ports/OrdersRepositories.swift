public import Audit
public import EventBus

/// What the Orders context stores: the repositories its `UnitOfWork` binds to a transaction (reads need none).
public struct OrdersRepositories: Sendable {
    /// Orders with their lines and status history.
    public let orders: any OrderRepository
    /// Idempotency keys with the responses they replay.
    public let idempotencyKeys: any IdempotencyKeyRepository
    /// Where the context's use cases record who changed what, in the change's transaction (docs/adr/0018).
    public let audit: any AuditTrail

    public init(orders: any OrderRepository, idempotencyKeys: any IdempotencyKeyRepository, audit: any AuditTrail) {
        self.orders = orders
        self.idempotencyKeys = idempotencyKeys
        self.audit = audit
    }
}

/// The Orders repositories and the event publisher bound to one transaction: a use case's, or an event handler's
/// (whose transaction also records the event in the inbox).
public typealias OrdersTransaction = Transaction<OrdersRepositories>
