public import Foundation
public import Kernel

/// A product as the API shows it (the contract's `Product`). `version` is not part of the JSON body: it is
/// the `ETag` of single-product responses.
public struct ProductDTO: Sendable, Encodable, Equatable {
    public var id: UUID
    public var sku: String
    public var name: String
    public var description: String
    public var category: String
    public var price: Money
    /// `active` or `discontinued`.
    public var status: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Grows by one with every change; the ETag is `"<version>"`.
    public var version: Int64

    public init(id: UUID, sku: String, name: String, description: String, category: String, price: Money, status: String,
                createdAt: Date, updatedAt: Date, version: Int64) {
        self.id = id
        self.sku = sku
        self.name = name
        self.description = description
        self.category = category
        self.price = price
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The body's members, in the contract's order; `version` travels in the `ETag` header instead.
    enum CodingKeys: String, CodingKey {
        case id, sku, name, description, category, price, status, createdAt, updatedAt
    }
}

/// What other contexts learn about a product in one call (`ProductsFacade.activeProducts(skus:)`).
public struct ProductSummary: Sendable, Codable, Equatable {
    public var sku: String
    public var name: String
    public var price: Money
    /// Always `active` from `activeProducts(skus:)`.
    public var status: String

    public init(sku: String, name: String, price: Money, status: String) {
        self.sku = sku
        self.name = name
        self.price = price
        self.status = status
    }
}
