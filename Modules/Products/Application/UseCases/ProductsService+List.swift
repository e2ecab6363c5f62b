import EventBus
public import Kernel
public import ProductsContracts
import ProductsDomain

extension ProductsService {
    /// Active products matching the query, keyset-paged by (sort key, id). The cursor is MACed under a scope
    /// naming the sort and every filter, so a cursor of another listing is `400 invalid_cursor`.
    public func listProducts(_ query: ProductListQuery) async throws -> Page<ProductDTO> {
        let sort = try ProductSort(parsing: query.sort)
        let filter = try Self.filter(query)
        let scope = Self.scope(sort: sort, filter: filter)
        let pager = KeysetPager(cursors: cursors, scope: scope, keyCount: 2)
        let page = try pager.request(cursor: query.cursor, limit: query.limit)
        let found = try await store.products.list(filter, sort: sort, page: page)
        return pager.page(found, for: page) { [ProductCursorKey.value(of: $0, for: sort.key), $0.id.lowercased] }.map(ProductDTO.init)
    }

    static let maximumQueryLength = 500

    static func filter(_ query: ProductListQuery) throws(DomainError) -> ProductFilter {
        if let q = query.q, q.count > maximumQueryLength {
            throw .validation(field: "q", message: "must be at most \(maximumQueryLength) characters")
        }
        let category = try query.category.map { name throws(DomainError) in try Category(name) }
        if let min = query.minPrice, min < 0 { throw .validation(field: "minPrice", message: "must be 0 or more") }
        if let max = query.maxPrice, max < 0 { throw .validation(field: "maxPrice", message: "must be 0 or more") }
        if let min = query.minPrice, let max = query.maxPrice, min > max {
            throw .validation(field: "minPrice", message: "must not be greater than maxPrice")
        }
        return ProductFilter(search: try SearchTerms(query.q), category: category,
                             minPrice: query.minPrice.map(Int64.init), maxPrice: query.maxPrice.map(Int64.init))
    }

    /// The listing a cursor belongs to: sort and normalised filters, separated by a control character that none
    /// of them can contain.
    static func scope(sort: ProductSort, filter: ProductFilter) -> String {
        let parts = ["products", sort.rawValue, filter.search?.words.joined(separator: " ") ?? "", filter.category?.value ?? "",
                     filter.minPrice.map { String($0) } ?? "", filter.maxPrice.map { String($0) } ?? ""]
        return parts.joined(separator: "\u{1F}")
    }
}
