public import EventBus

/// The Orders context's storage: repositories for single statements (reads need no transaction), and units of
/// work whose events commit with their changes.
public protocol OrdersStore: Sendable {
    var orders: any OrderRepository { get }
    var idempotencyKeys: any IdempotencyKeyRepository { get }
    /// Runs `body` in one transaction: commit on return, rollback on throw.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any OrdersTransaction) async throws -> T) async throws -> T
}

/// The repositories and the event publisher bound to one transaction.
public protocol OrdersTransaction: Sendable {
    var orders: any OrderRepository { get }
    var idempotencyKeys: any IdempotencyKeyRepository { get }
    var events: any EventPublisher { get }
}
