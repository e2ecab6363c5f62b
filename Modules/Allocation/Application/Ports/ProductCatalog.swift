/// The catalog as Allocation needs it (App adapts `ProductsFacade.activeProducts(skus:)`).
public protocol ProductCatalog: Sendable {
    /// The normalised SKUs among `skus` that are active products.
    func activeSKUs(_ skus: [String]) async throws -> Set<String>
}
