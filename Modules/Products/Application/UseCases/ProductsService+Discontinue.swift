import Audit
import EventBus
public import Foundation
public import Kernel
import Logging
import ProductsDomain
import ProductsContracts

extension ProductsService {
    /// Takes a product out of the catalog (soft: it keeps its id and stays readable by id). The first time it
    /// publishes `products.product_discontinued.v1`; repeating it changes nothing.
    public func discontinueProduct(id: UUID, by caller: Caller?) async throws {
        let now = clock.now().roundedToMicroseconds
        let changed: Bool = try await store.transaction { tx in
            guard var product = try await tx.products.productForUpdate(id: id) else { throw ProductsErrors.notFound }
            let expected = product.version, before = product.status
            guard product.discontinue(at: now) else { return false }
            guard try await tx.products.update(product, expectedVersion: expected) else { throw ProductsErrors.concurrentUpdates }
            try await tx.events.publish(ProductDiscontinued(productId: id, sku: product.sku.value))
            try await tx.audit.record(AuditEntry(AuditAction.productDiscontinued, target: AuditTarget(type: "product", id: id.lowercased),
                                                 by: caller, at: now,
                                                 changes: ["status": AuditChange(from: .text(before.rawValue), to: .text(product.status.rawValue))]))
            return true
        }
        if changed { logger.info("product discontinued", ["product_id": id.lowercased]) }
    }
}
