import AllocationApplication
import ProductsContracts

/// The catalog port over the Products context's facade (its Contracts, never its tables).
struct CatalogThroughProducts: ProductCatalog {
    let products: any ProductsFacade

    func activeSKUs(_ skus: [String]) async throws -> Set<String> {
        Set(try await products.activeProducts(skus: skus).map(\.sku))
    }
}
