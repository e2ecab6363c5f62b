import EventBus
import Foundation
import Kernel
import Logging
public import ProductsContracts
import ProductsDomain

extension ProductsService {
    /// Adds a product: validated, stored and announced (`products.product_created.v1`) in one transaction.
    public func createProduct(_ command: CreateProduct) async throws -> ProductDTO {
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
        }
        logger.info("product created", ["product_id": product.id.lowercased, "sku": sku.value])
        return ProductDTO(product)
    }
}
