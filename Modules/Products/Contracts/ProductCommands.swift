public import Kernel

/// `POST /v1/products` (staff, admin).
public struct CreateProduct: Sendable, Codable, Equatable {
    public var sku: String
    public var name: String
    public var description: String
    public var category: String
    public var price: Money

    public init(sku: String, name: String, description: String, category: String, price: Money) {
        self.sku = sku
        self.name = name
        self.description = description
        self.category = category
        self.price = price
    }
}

/// `PATCH /v1/products/{id}` (staff, admin); nil fields stay as they are. There is no `sku`: it is immutable,
/// and the strict decoder answers `422 unknown_field` to a body that has one.
public struct UpdateProduct: Sendable, Codable, Equatable {
    public var name: String?
    public var description: String?
    public var category: String?
    public var price: Money?

    public init(name: String? = nil, description: String? = nil, category: String? = nil, price: Money? = nil) {
        self.name = name
        self.description = description
        self.category = category
        self.price = price
    }
}

/// `GET /v1/products?q=&category=&minPrice=&maxPrice=&sort=&limit=&cursor=`: raw values, validated by the context.
public struct ProductListQuery: Sendable, Equatable {
    /// Every whitespace-separated term must start a word of the name or description.
    public var q: String?
    /// Exact category.
    public var category: String?
    /// Inclusive bounds in minor units.
    public var minPrice: Int?
    public var maxPrice: Int?
    /// `name`, `-name`, `price`, `-price`, `createdAt`, `-createdAt` (nil: `-createdAt`).
    public var sort: String?
    public var limit: Int
    public var cursor: String?

    public init(q: String? = nil, category: String? = nil, minPrice: Int? = nil, maxPrice: Int? = nil, sort: String? = nil,
                limit: Int = PageRequest.defaultLimit, cursor: String? = nil) {
        self.q = q
        self.category = category
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.sort = sort
        self.limit = limit
        self.cursor = cursor
    }
}
