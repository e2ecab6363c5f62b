import EventBus
public import Foundation
import Kernel
public import ProductsContracts
import ProductsDomain

extension ProductsService {
    /// Applies a change with optimistic concurrency: the stored row is updated only if its version is still the
    /// one the change was applied to. With `ifMatch`, a different version is `412 precondition_failed`; without,
    /// a lost race re-reads and re-applies (so no concurrent update is silently lost). An update that changes
    /// nothing stores nothing and announces nothing; any real change publishes `products.product_updated.v1`.
    public func updateProduct(id: UUID, _ command: UpdateProduct, ifMatch: Int64?) async throws -> ProductDTO {
        let storeCurrency = self.storeCurrency
        let change = try ProductChange(
            name: command.name.map { raw throws(DomainError) in try ProductName(raw) },
            description: command.description.map { raw throws(DomainError) in try ProductDescription(raw) },
            category: command.category.map { raw throws(DomainError) in try Category(raw) },
            price: command.price.map { money throws(DomainError) in try Price(money, storeCurrency: storeCurrency) })
        for _ in 0..<maxUpdateAttempts {
            let now = wholeMicroseconds(clock.now())
            let stored: Product? = try await store.transaction { tx in
                guard var product = try await tx.products.product(id: id) else { throw ProductsErrors.notFound }
                if let ifMatch, ifMatch != product.version { throw ProductsErrors.preconditionFailed }
                let expected = product.version
                let update = product.update(change, at: now)
                guard update.changed else { return product }
                guard try await tx.products.update(product, expectedVersion: expected) else { return nil }
                try await tx.events.publish(ProductUpdated(
                    productId: id, sku: product.sku.value, name: product.name.value, category: product.category.value,
                    oldPrice: update.oldPrice.money, newPrice: update.newPrice.money, changedFields: update.changedFields,
                    version: product.version))
                return product
            }
            if let stored { return ProductDTO(stored) }
            // Another change committed between our read and our write.
            if ifMatch != nil { throw ProductsErrors.preconditionFailed }
        }
        throw ProductsErrors.concurrentUpdates
    }
}
