import Foundation
import Kernel
import Postgres
import ProductsApplication
import ProductsDomain

/// Products in `products.products`, on a pool or inside a transaction.
struct PostgresProductRepository: ProductRepository {
    let db: any PostgresQueryable

    static let columns = "id, sku, name, description, category, price_amount, price_currency, status, version, created_at, updated_at"

    func product(id: UUID) async throws -> Product? {
        try await db.queryFirst("SELECT \(Self.columns) FROM products.products WHERE id = $1", [.uuid(id)]).map(Self.product)
    }

    func productForUpdate(id: UUID) async throws -> Product? {
        try await db.queryFirst("SELECT \(Self.columns) FROM products.products WHERE id = $1 FOR UPDATE", [.uuid(id)]).map(Self.product)
    }

    func insert(_ product: Product) async throws {
        do {
            try await db.execute(
                "INSERT INTO products.products (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                [.uuid(product.id), .text(product.sku.value), .text(product.name.value), .text(product.description.value),
                 .text(product.category.value), .int(Int(product.price.amount)), .text(product.price.money.currency.code),
                 .text(product.status.rawValue), .int(Int(product.version)), .timestamp(product.createdAt),
                 .timestamp(product.updatedAt)])
        } catch {
            // (A `catch … where` on this typed throw crashes the 6.3 compiler's SIL ownership check.)
            if error.kind == .uniqueViolation && error.constraint == "products_sku_key" {
                throw DomainError(.conflict, code: "sku_taken", message: "a product with this SKU exists")
            }
            throw error
        }
    }

    func update(_ product: Product, expectedVersion: Int64) async throws -> Bool {
        precondition(product.version == expectedVersion + 1, "an updated product carries the next version")
        let changed = try await db.execute(
            """
            UPDATE products.products
            SET name = $3, description = $4, category = $5, price_amount = $6, price_currency = $7, status = $8,
                updated_at = $9, version = version + 1
            WHERE id = $1 AND version = $2
            """,
            [.uuid(product.id), .int(Int(expectedVersion)), .text(product.name.value), .text(product.description.value),
             .text(product.category.value), .int(Int(product.price.amount)), .text(product.price.money.currency.code),
             .text(product.status.rawValue), .timestamp(product.updatedAt)])
        return changed == 1
    }

    func list(_ filter: ProductFilter, sort: ProductSort, page: PageRequest) async throws -> [Product] {
        let query = try ProductListSQL(filter: filter, sort: sort, page: page)
        return try await db.query(query.sql, query.parameters).map(Self.product)
    }

    func activeProducts(skus: [SKU]) async throws -> [Product] {
        try await db.query(
            "SELECT \(Self.columns) FROM products.products WHERE sku = ANY ($1::text[]) AND status = 'active' ORDER BY sku",
            [.textArray(skus.map(\.value))]).map(Self.product)
    }

    static func product(_ row: PostgresRow) throws -> Product {
        let currency = try row.decode(Currency.self, at: 6, stored: Currency.init)
        return Product(
            id: try row.decode(UUID.self, at: 0), sku: SKU(stored: try row.decode(String.self, at: 1)),
            name: ProductName(stored: try row.decode(String.self, at: 2)),
            description: ProductDescription(stored: try row.decode(String.self, at: 3)),
            category: Category(stored: try row.decode(String.self, at: 4)),
            price: Price(stored: Money(amount: try row.decode(Int64.self, at: 5), currency: currency)),
            status: try row.decode(ProductStatus.self, at: 7),
            version: try row.decode(Int64.self, at: 8), createdAt: try row.decode(Date.self, at: 9),
            updatedAt: try row.decode(Date.self, at: 10))
    }
}
