import Foundation
import Kernel
import ProductsApplication
import ProductsDomain
import TestSupport

struct InMemoryProductRepository: ProductRepository {
    let rows: ProductRows
    /// Another writer's change, run before this repository's first conditional update.
    let interference: (@Sendable () -> Void)?
    /// The committed rows, which the version check also consults (as PostgreSQL's row lock would).
    var committed: ProductRows?

    init(rows: ProductRows, interference: (@Sendable () -> Void)?, committed: ProductRows? = nil) {
        self.rows = rows
        self.interference = interference
        self.committed = committed
    }

    func product(id: UUID) async throws -> Product? { rows.with { $0[id] } }

    func productForUpdate(id: UUID) async throws -> Product? { try await product(id: id) }

    func insert(_ product: Product) async throws {
        try rows.with { rows in
            if rows.values.contains(where: { $0.sku == product.sku }) {
                throw DomainError(.conflict, code: "sku_taken", message: "a product with this SKU exists")
            }
            rows[product.id] = product
        }
    }

    func update(_ product: Product, expectedVersion: Int64) async throws -> Bool {
        interference?()
        let current = committed?.with { $0[product.id] }?.version ?? rows.with { $0[product.id] }?.version
        guard current == expectedVersion else { return false }
        rows.with { $0[product.id] = product }
        return true
    }

    func list(_ filter: ProductFilter, sort: ProductSort, page: PageRequest) async throws -> [Product] {
        let matching = rows.with { Array($0.values) }.filter { product in
            product.isActive
                && (filter.search.map { $0.matches(product.name.value + " " + product.description.value) } ?? true)
                && (filter.category.map { $0 == product.category } ?? true)
                && (filter.minPrice.map { product.price.amount >= $0 } ?? true)
                && (filter.maxPrice.map { product.price.amount <= $0 } ?? true)
        }
        func key(_ product: Product) -> (String, Int64, String) {
            switch sort.key {
            case .name: (product.name.value, 0, product.id.lowercased)
            case .price: ("", product.price.amount, product.id.lowercased)
            case .createdAt: ("", product.createdAt.microsecondsSince1970, product.id.lowercased)
            }
        }
        let sorted = matching.sorted { sort.isDescending ? key($0) > key($1) : key($0) < key($1) }
        guard let after = page.after?.values, after.count == 2 else { return Array(sorted.prefix(page.limit + 1)) }
        let position: (String, Int64, String)
        switch sort.key {
        case .name: position = (after[0], 0, after[1])
        case .price, .createdAt: position = ("", Int64(after[0]) ?? 0, after[1])
        }
        return Array(sorted.filter { sort.isDescending ? key($0) < position : key($0) > position }.prefix(page.limit + 1))
    }

    func activeProducts(skus: [SKU]) async throws -> [Product] {
        rows.with { rows in rows.values.filter { $0.isActive && skus.contains($0.sku) }.sorted { $0.sku < $1.sku } }
    }
}
