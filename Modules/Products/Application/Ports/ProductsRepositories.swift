public import Audit
public import EventBus

/// What the Products context stores: the repository its `UnitOfWork` binds to a transaction (reads need none).
public struct ProductsRepositories: Sendable {
    /// The catalog's products.
    public let products: any ProductRepository
    /// Where the context's use cases record who changed what, in the change's transaction (docs/adr/0018).
    public let audit: any AuditTrail

    public init(products: any ProductRepository, audit: any AuditTrail) {
        self.products = products
        self.audit = audit
    }
}

/// The Products repository and the event publisher bound to one transaction.
public typealias ProductsTransaction = Transaction<ProductsRepositories>
