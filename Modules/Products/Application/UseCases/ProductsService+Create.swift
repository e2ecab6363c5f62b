import Audit
import EventBus
import Foundation
public import Kernel
import Logging
public import ProductsContracts
import ProductsDomain

extension ProductsService {
    /// Adds a product: validated, stored and announced (`products.product_created.v1`) in one transaction.
    public func createProduct(_ command: CreateProduct, by caller: Caller?) async throws -> ProductDTO {
        let sku = try SKU(command.sku)
        let name = try ProductName(command.name)
        let description = try ProductDescription(command.description)
        let category = try Category(command.category)
        let price = try Price(command.price, storeCurrency: storeCurrency)
        let now = clock.now().roundedToMicroseconds
        let product = Product(id: ids.next(), sku: sku, name: name, description: description, category: category,
                              price: price, createdAt: now, updatedAt: now)
        try await store.transaction { tx in
            try await tx.products.insert(product)
            try await tx.events.publish(ProductCreated(productId: product.id, sku: sku.value, name: name.value,
                                                       category: category.value, price: price.money))
            try await tx.audit.record(AuditEntry(AuditAction.productCreated, target: AuditTarget(type: "product", id: product.id.lowercased),
                                                 by: caller, at: now, changes: [
                                                     "sku": .created(.text(sku.value)), "name": .created(.text(name.value)),
                                                     "description": .created(.text(description.value)),
                                                     "category": .created(.text(category.value)), "price": .created(.money(price.money)),
                                                     "status": .created(.text(product.status.rawValue)),
                                                 ]))
        }
        logger.info("product created", ["product_id": product.id.lowercased, "sku": sku.value])
        return ProductDTO(product)
    }
}
