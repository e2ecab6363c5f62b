import Foundation
import Kernel
import Logging
import Outbox
import Postgres
import ProductsApplication
import ProductsContracts
import ProductsDomain
import TestSupport
@testable import ProductsInfrastructure

/// A fresh, migrated database with the Products store and service on it.
struct PostgresProductsFixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let db: TestDatabase
    let store: PostgresUnitOfWork<ProductsRepositories>
    let service: ProductsService

    static func run(poolSize: Int = 4, _ body: (PostgresProductsFixture) async throws -> Void) async throws {
        try await TestDatabase.withFresh(poolSize: poolSize) { db in
            _ = try await db.migrate()
            let logger = Logger(label: "test", minimumLevel: .error, sink: { _ in })
            let store = PostgresUnitOfWork(pool: db.pool, bus: DurableEventBus(pool: db.pool, logger: logger),
                                           repositories: ProductsRepositories.init(on:))
            let service = ProductsService(store: store, storeCurrency: .eur, cursors: CursorCodec(mac: ProductsFixture.fakeMAC),
                                          logger: logger)
            try await body(PostgresProductsFixture(db: db, store: store, service: service))
        }
    }

    static func product(_ sku: String, name: String = "Thing", description: String = "", category: String = "Misc",
                        price: Int64 = 1000, createdAt: Date = now) throws -> Product {
        Product(id: UUID(), sku: try SKU(sku), name: try ProductName(name), description: try ProductDescription(description),
                category: try Category(category), price: try Price(Money(amount: price, currency: .eur), storeCurrency: .eur),
                createdAt: createdAt, updatedAt: createdAt)
    }

    /// Inserts `count` active products straight in SQL (fast), with few distinct names, prices and creation times so
    /// that most sort keys tie. SKUs are `<prefix>-<n>`.
    func generate(_ count: Int, prefix: String = "GEN", from start: Int = 0) async throws {
        try await db.pool.execute(
            """
            INSERT INTO products.products (id, sku, name, description, category, price_amount, price_currency, status, version,
                                           created_at, updated_at)
            SELECT gen_random_uuid(), $1 || '-' || i, 'Name ' || (i % 10), 'generated', 'Cat ' || (i % 3), (i % 7) * 100, 'EUR',
                   'active', 1, timestamptz '2027-01-01 00:00:00+00' + (i % 5) * interval '1 second',
                   timestamptz '2027-01-01 00:00:00+00'
            FROM generate_series($2::int, $3::int) AS i
            """, [.text(prefix), .int(start), .int(start + count - 1)])
    }

    /// Every page of `query` (its cursor replaced page by page), calling `between` after each page.
    func walk(_ query: ProductListQuery, between: (Int) async throws -> Void = { _ in }) async throws -> [ProductDTO] {
        var query = query
        var all: [ProductDTO] = []
        var pages = 0
        repeat {
            let page = try await service.listProducts(query)
            all += page.items
            pages += 1
            query.cursor = page.nextCursor
            try await between(pages)
        } while query.cursor != nil
        return all
    }
}
