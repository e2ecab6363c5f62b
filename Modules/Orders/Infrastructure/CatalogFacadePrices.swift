import Kernel
import OrdersApplication
import ProductsContracts

/// Orders' `CatalogPrices` port over the Products facade: one `activeProducts(skus:)` call per placement.
struct CatalogFacadePrices: CatalogPrices {
    let products: any ProductsFacade

    func activePrices(skus: [String]) async throws -> [String: Money] {
        let found = try await products.activeProducts(skus: skus)
        return Dictionary(found.map { ($0.sku, $0.price) }, uniquingKeysWith: { first, _ in first })
    }
}
