public import Audit
public import EventBus

/// What the Allocation context stores: the repositories its `UnitOfWork` binds to a transaction (or runs on their
/// own outside one).
public struct AllocationRepositories: Sendable {
    /// The stock aggregates (one per SKU) and the batch reads.
    public let stock: any StockRepository
    /// The orders Allocation heard of.
    public let orders: any AllocationOrderRepository
    /// The read models the event handlers rebuild.
    public let readModels: any AllocationReadModels
    /// Where the context's use cases record who changed what, in the change's transaction (docs/adr/0018).
    public let audit: any AuditTrail

    public init(stock: any StockRepository, orders: any AllocationOrderRepository, readModels: any AllocationReadModels,
                audit: any AuditTrail) {
        self.stock = stock
        self.orders = orders
        self.readModels = readModels
        self.audit = audit
    }
}

/// The Allocation repositories and the event publisher bound to one transaction (a use case's own, or the one an
/// event handler runs in together with its inbox row); `undoable` is how a use case that lost a version race
/// runs again.
public typealias AllocationTransaction = Transaction<AllocationRepositories>
