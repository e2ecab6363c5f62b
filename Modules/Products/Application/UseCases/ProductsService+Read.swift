import EventBus
public import Foundation
import Kernel
public import ProductsContracts
import ProductsDomain

extension ProductsService {
    /// One product by id, discontinued ones too: one primary-key read, no transaction.
    public func product(id: UUID) async throws -> ProductDTO {
        guard let product = try await store.products.product(id: id) else { throw ProductsErrors.notFound }
        return ProductDTO(product)
    }

    /// The active products among `skus`, in one query; invalid, unknown and discontinued SKUs are left out.
    public func activeProducts(skus: [String]) async throws -> [ProductSummary] {
        var unique: [SKU] = []
        for raw in skus {
            guard let sku = try? SKU(raw), !unique.contains(sku) else { continue }
            unique.append(sku)
        }
        guard !unique.isEmpty else { return [] }
        return try await store.products.activeProducts(skus: unique).map(ProductSummary.init)
    }
}
