import EventBus
public import Foundation
import Kernel
import Logging
import ProductsDomain
import ProductsContracts

extension ProductsService {
    /// Takes a product out of the catalog (soft: it keeps its id and stays readable by id). The first time it
    /// publishes `products.product_discontinued.v1`; repeating it changes nothing.
    public func discontinueProduct(id: UUID) async throws {
        let now = clock.now().roundedToMicroseconds
        let changed: Bool = try await store.transaction { tx in
            guard var product = try await tx.products.productForUpdate(id: id) else { throw ProductsErrors.notFound }
            let expected = product.version
            guard product.discontinue(at: now) else { return false }
            guard try await tx.products.update(product, expectedVersion: expected) else { throw ProductsErrors.concurrentUpdates }
            try await tx.events.publish(ProductDiscontinued(productId: id, sku: product.sku.value))
            return true
        }
        if changed { logger.info("product discontinued", ["product_id": id.lowercased]) }
    }
}
