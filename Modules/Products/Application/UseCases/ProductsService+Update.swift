import Audit
import EventBus
public import Foundation
public import Kernel
public import ProductsContracts
import ProductsDomain

extension ProductsService {
    /// Applies a change to the product's current state. The row is locked for the change (concurrent changes
    /// queue up, so none is lost and none starves), and the UPDATE still checks the version it read. With
    /// `ifMatch`, a product whose version differs is `412 precondition_failed`. An update that changes nothing
    /// stores nothing and announces nothing; any real change publishes `products.product_updated.v1`.
    public func updateProduct(id: UUID, _ command: UpdateProduct, ifMatch: Int64?, by caller: Caller?) async throws -> ProductDTO {
        let storeCurrency = self.storeCurrency
        let change = try ProductChange(
            name: command.name.map { raw throws(DomainError) in try ProductName(raw) },
            description: command.description.map { raw throws(DomainError) in try ProductDescription(raw) },
            category: command.category.map { raw throws(DomainError) in try Category(raw) },
            price: command.price.map { money throws(DomainError) in try Price(money, storeCurrency: storeCurrency) })
        let now = clock.now().roundedToMicroseconds
        let stored: Product = try await store.transaction { tx in
            guard var product = try await tx.products.productForUpdate(id: id) else { throw ProductsErrors.notFound }
            if let ifMatch, ifMatch != product.version { throw ProductsErrors.preconditionFailed }
            let expected = product.version, before = product
            let update = product.update(change, at: now)
            guard update.changed else { return product }
            // Cannot fail while the row is locked; checked all the same, so a bug could never overwrite silently.
            guard try await tx.products.update(product, expectedVersion: expected) else { throw ProductsErrors.concurrentUpdates }
            try await tx.events.publish(ProductUpdated(
                productId: id, sku: product.sku.value, name: product.name.value, category: product.category.value,
                oldPrice: update.oldPrice.money, newPrice: update.newPrice.money, changedFields: update.changedFields,
                version: product.version))
            var changes: [String: AuditChange] = [:]
            changes.note("name", from: .text(before.name.value), to: .text(product.name.value))
            changes.note("description", from: .text(before.description.value), to: .text(product.description.value))
            changes.note("category", from: .text(before.category.value), to: .text(product.category.value))
            changes.note("price", from: .money(before.price.money), to: .money(product.price.money))
            try await tx.audit.record(AuditEntry(AuditAction.productUpdated, target: AuditTarget(type: "product", id: id.lowercased),
                                                 by: caller, at: now, changes: changes))
            return product
        }
        return ProductDTO(stored)
    }
}
