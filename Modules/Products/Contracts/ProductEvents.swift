public import Foundation
public import Kernel

/// A product was added to the catalog.
public struct ProductCreated: IntegrationEvent, Equatable {
    public static let name = "products.product_created.v1"
    public var productId: UUID
    public var sku: String
    public var name: String
    public var category: String
    public var price: Money
    public init(productId: UUID, sku: String, name: String, category: String, price: Money) {
        self.productId = productId
        self.sku = sku
        self.name = name
        self.category = category
        self.price = price
    }
}

/// A product changed (any field; never the SKU). `oldPrice` equals `newPrice` when the price did not change;
/// `changedFields` names what did (`name`, `description`, `category`, `price`). `version` is the new version.
public struct ProductUpdated: IntegrationEvent, Equatable {
    public static let name = "products.product_updated.v1"
    public var productId: UUID
    public var sku: String
    public var name: String
    public var category: String
    public var oldPrice: Money
    public var newPrice: Money
    public var changedFields: [String]
    public var version: Int64
    public init(productId: UUID, sku: String, name: String, category: String, oldPrice: Money, newPrice: Money,
                changedFields: [String], version: Int64) {
        self.productId = productId
        self.sku = sku
        self.name = name
        self.category = category
        self.oldPrice = oldPrice
        self.newPrice = newPrice
        self.changedFields = changedFields
        self.version = version
    }
}

/// A product was discontinued: no longer listed or orderable. Published once per product.
public struct ProductDiscontinued: IntegrationEvent, Equatable {
    public static let name = "products.product_discontinued.v1"
    public var productId: UUID
    public var sku: String
    public init(productId: UUID, sku: String) {
        self.productId = productId
        self.sku = sku
    }
}
