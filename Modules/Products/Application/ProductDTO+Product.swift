import Kernel
import ProductsContracts
import ProductsDomain

extension ProductDTO {
    init(_ product: Product) {
        self.init(id: product.id, sku: product.sku.value, name: product.name.value, description: product.description.value,
                  category: product.category.value, price: product.price.money, status: product.status.rawValue,
                  createdAt: product.createdAt, updatedAt: product.updatedAt, version: product.version)
    }
}

extension ProductSummary {
    init(_ product: Product) {
        self.init(sku: product.sku.value, name: product.name.value, price: product.price.money, status: product.status.rawValue)
    }
}
