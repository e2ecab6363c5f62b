public import EventBus

/// The Allocation context's storage: repositories for single statements, and units of work whose events commit
/// with their changes.
public protocol AllocationStore: Sendable {
    var stock: any StockRepository { get }
    var orders: any AllocationOrderRepository { get }
    var readModels: any AllocationReadModels { get }
    /// Runs `body` in one transaction: commit on return, rollback on throw.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any AllocationTransaction) async throws -> T) async throws -> T
}

/// The repositories and the event publisher bound to one transaction (a use case's own, or the one an event
/// handler runs in together with its inbox row).
public protocol AllocationTransaction: Sendable {
    var stock: any StockRepository { get }
    var orders: any AllocationOrderRepository { get }
    var readModels: any AllocationReadModels { get }
    var events: any EventPublisher { get }
    /// Runs `body` so that when it throws, everything it did in the transaction is undone (a savepoint) and the
    /// transaction goes on: how a use case that lost a version race runs again.
    func undoable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T
}
