public import EventBus

/// What the Products context stores: the repository its `UnitOfWork` binds to a transaction (reads need none).
public struct ProductsRepositories: Sendable {
    /// The catalog's products.
    public let products: any ProductRepository

    public init(products: any ProductRepository) {
        self.products = products
    }
}

/// The Products repository and the event publisher bound to one transaction.
public typealias ProductsTransaction = Transaction<ProductsRepositories>
