public import Foundation
public import Kernel

/// A catalog entry: the aggregate of the Products context. `version` starts at 1 and grows by one with every
/// stored change; it is the product's ETag and the optimistic-concurrency check of every update.
public struct Product: Sendable, Equatable {
    public let id: UUID
    public let sku: SKU
    public private(set) var name: ProductName
    public private(set) var description: ProductDescription
    public private(set) var category: Category
    public private(set) var price: Price
    public private(set) var status: ProductStatus
    public private(set) var version: Int64
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(id: UUID, sku: SKU, name: ProductName, description: ProductDescription, category: Category, price: Price,
                status: ProductStatus = .active, version: Int64 = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.sku = sku
        self.name = name
        self.description = description
        self.category = category
        self.price = price
        self.status = status
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Applies `change` and says what it did; nothing changes (not even the version) when every given value equals
    /// the current one. Discontinued products may still be corrected (their history stays readable).
    public mutating func update(_ change: ProductChange, at now: Date) -> ProductUpdate {
        var update = ProductUpdate(oldPrice: price, newPrice: price, changedFields: [])
        if let name = change.name, name != self.name {
            self.name = name
            update.changedFields.append("name")
        }
        if let description = change.description, description != self.description {
            self.description = description
            update.changedFields.append("description")
        }
        if let category = change.category, category != self.category {
            self.category = category
            update.changedFields.append("category")
        }
        if let price = change.price, price != self.price {
            self.price = price
            update.newPrice = price
            update.changedFields.append("price")
        }
        if update.changed { touch(at: now) }
        return update
    }

    /// Takes the product out of the catalog. Idempotent: returns false (and changes nothing) when it already was.
    public mutating func discontinue(at now: Date) -> Bool {
        guard status == .active else { return false }
        status = .discontinued
        touch(at: now)
        return true
    }

    public var isActive: Bool { status == .active }

    private mutating func touch(at now: Date) {
        updatedAt = max(now, updatedAt)
        version += 1
    }
}

/// What `PATCH /v1/products/{id}` may change (never the SKU); nil leaves a field as it is.
public struct ProductChange: Sendable, Equatable {
    public var name: ProductName?
    public var description: ProductDescription?
    public var category: Category?
    public var price: Price?

    public init(name: ProductName? = nil, description: ProductDescription? = nil, category: Category? = nil, price: Price? = nil) {
        self.name = name
        self.description = description
        self.category = category
        self.price = price
    }
}

/// What an update did: the price before and after (equal when it did not change) and the changed fields' names.
public struct ProductUpdate: Sendable, Equatable {
    public var oldPrice: Price
    public var newPrice: Price
    /// `name`, `description`, `category`, `price`, in that order.
    public var changedFields: [String]

    public var changed: Bool { !changedFields.isEmpty }
    public var priceChanged: Bool { oldPrice != newPrice }
}
