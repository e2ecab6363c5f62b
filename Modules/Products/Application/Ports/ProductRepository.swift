public import Foundation
public import Kernel
public import ProductsDomain

/// Products as stored. SKU uniqueness is the store's: `insert` throws `409 sku_taken` on a clash.
public protocol ProductRepository: Sendable {
    func product(id: UUID) async throws -> Product?
    /// The product, locked until the surrounding transaction ends, so concurrent changes to it queue up.
    func productForUpdate(id: UUID) async throws -> Product?
    func insert(_ product: Product) async throws
    /// Stores `product` if the stored version is still `expectedVersion` (the stored version then becomes
    /// `expectedVersion + 1`, which `product.version` must be); false when another change came first.
    func update(_ product: Product, expectedVersion: Int64) async throws -> Bool
    /// Active products matching `filter` in `sort` order (then id), after `page.after` (the key as
    /// `ProductCursorKey` writes it, then the id); at most `page.limit + 1`, the extra one telling there is a next page.
    func list(_ filter: ProductFilter, sort: ProductSort, page: PageRequest) async throws -> [Product]
    /// The active products with these SKUs.
    func activeProducts(skus: [SKU]) async throws -> [Product]
}

/// What `GET /v1/products` filters on (only active products are ever listed).
public struct ProductFilter: Sendable, Equatable {
    public var search: SearchTerms?
    public var category: Category?
    /// Inclusive, minor units.
    public var minPrice: Int64?
    public var maxPrice: Int64?

    public init(search: SearchTerms? = nil, category: Category? = nil, minPrice: Int64? = nil, maxPrice: Int64? = nil) {
        self.search = search
        self.category = category
        self.minPrice = minPrice
        self.maxPrice = maxPrice
    }
}
