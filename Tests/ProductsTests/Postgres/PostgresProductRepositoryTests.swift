import EventBus
import Foundation
import Kernel
import Postgres
import ProductsApplication
import ProductsContracts
import ProductsDomain
import TestSupport
import Testing
@testable import ProductsInfrastructure

@Suite("Products on PostgreSQL")
struct PostgresProductRepositoryTests {
    typealias Fixture = PostgresProductsFixture

    @Test func productsRoundTripSkusAreUniqueAndUpdatesCheckTheVersion() async throws {
        try await Fixture.run { fixture in
            let repository = fixture.store.products
            var chair = try Fixture.product("CHAIR-1", name: "Red Chair", description: "line\nbreak", price: 1999)
            try await repository.insert(chair)
            #expect(try await repository.product(id: chair.id) == chair)
            let clash = await #expect(throws: DomainError.self) { try await repository.insert(try Fixture.product("CHAIR-1")) }
            #expect(clash?.code == "sku_taken" && clash?.kind == .conflict)

            _ = chair.update(ProductChange(price: try Price(Money(amount: 2500, currency: .eur), storeCurrency: .eur)),
                             at: Fixture.now.addingTimeInterval(1))
            #expect(try await repository.update(chair, expectedVersion: 1))
            #expect(try await repository.product(id: chair.id) == chair)
            #expect(try await !repository.update(chair, expectedVersion: 1))
            #expect(try await repository.product(id: chair.id)?.version == 2)
            #expect(try await repository.product(id: UUID()) == nil)
        }
    }

    @Test func searchMatchesWordPrefixesOfNameAndDescriptionOnly() async throws {
        try await Fixture.run { fixture in
            let repository = fixture.store.products
            for product in [try Fixture.product("A", name: "Red Chair"),
                            try Fixture.product("B", name: "Blue Table", description: "Goes with a chair-side lamp"),
                            try Fixture.product("C", name: "Hairdryer", description: "Hot air"),
                            try Fixture.product("D", name: "Großer Stuhl", description: "ÉCLAIR edition"),
                            try Fixture.product("E", name: "İSTANBUL rug", description: "ΟΔΟΣ pattern, see wharf.io")] {
                try await repository.insert(product)
            }
            func skus(_ q: String) async throws -> [String] {
                let filter = ProductFilter(search: try SearchTerms(q))
                return try await repository.list(filter, sort: .name, page: try PageRequest(limit: 100)).map(\.sku.value).sorted()
            }
            #expect(try await skus("chai") == ["A", "B"])
            #expect(try await skus("CHAIR") == ["A", "B"])
            #expect(try await skus("hair") == ["C"])
            #expect(try await skus("red chai") == ["A"])
            #expect(try await skus("chai lamp") == ["B"])
            #expect(try await skus("chai blue red") == [])
            #expect(try await skus("stuh gro") == ["D"])
            #expect(try await skus("éclair") == ["D"])
            #expect(try await skus("chai&|!():*'\\") == ["A", "B"])
            #expect(try await skus("chai' | hair:*") == [])
            #expect(try await skus("hair <-> !chai") == [])
            #expect(try await skus("!hair <->") == ["C"])
            #expect(try await skus("');DROP TABLE products.products;--") == [])
            #expect(try await skus("&|!():*'\\ <->") == ["A", "B", "C", "D", "E"])
            // The database tokenises the query as it tokenised the text: Turkish dotted capital I, Greek capital
            // sigma (no final-sigma rule) and host names are matched as indexed.
            #expect(try await skus("İstanbul") == ["E"])
            #expect(try await skus("ΟΔΟΣ") == ["E"])
            #expect(try await skus("wharf.io") == ["E"])
            #expect(try await skus("wharf rug") == ["E"])
            #expect(try await skus("wharf.com") == [])
        }
    }

    @Test func everySortAndFilter() async throws {
        try await Fixture.run { fixture in
            let repository = fixture.store.products
            let rows = [("A", "Desk", 300, "Office", 3), ("B", "armchair", 100, "Chairs", 1), ("C", "Chair", 200, "Chairs", 2),
                        ("D", "Bench", 200, "Garden", 4), ("E", "Lamp", 0, "Office", 5)]
            for (sku, name, price, category, second) in rows {
                try await repository.insert(try Fixture.product(sku, name: name, category: category, price: Int64(price),
                                                                createdAt: Fixture.now.addingTimeInterval(Double(second))))
            }
            var discontinued = try Fixture.product("Z", name: "Aardvark", price: 1)
            _ = discontinued.discontinue(at: Fixture.now)
            try await repository.insert(discontinued)

            func skus(_ sort: ProductSort, _ filter: ProductFilter = ProductFilter()) async throws -> String {
                try await repository.list(filter, sort: sort, page: try PageRequest(limit: 100)).map(\.sku.value).joined()
            }
            #expect(try await skus(.createdAt) == "BCADE")
            #expect(try await skus(.createdAtDescending) == "EDACB")
            // Prices tie at 200: the id breaks the tie, in the sort's direction.
            let tie = try await repository.list(ProductFilter(minPrice: 200, maxPrice: 200), sort: .price, page: try PageRequest(limit: 10))
            #expect(tie.map(\.id.uuidString) == tie.map(\.id.uuidString).sorted { $0.lowercased() < $1.lowercased() })
            let tied = tie.map(\.sku.value).joined()
            #expect(try await skus(.price) == "EB" + tied + "A")
            #expect(try await skus(.priceDescending) == "A" + String(tied.reversed()) + "BE")
            let byName = try await repository.list(ProductFilter(), sort: .name, page: try PageRequest(limit: 10)).map(\.name.value)
            let databaseOrder = try await fixture.db.pool.query(
                "SELECT name FROM products.products WHERE status = 'active' ORDER BY name, id").map { try $0.decode(String.self, at: 0) }
            #expect(byName == databaseOrder && Set(byName) == ["Desk", "armchair", "Chair", "Bench", "Lamp"])
            let byNameDescending = try await repository.list(ProductFilter(), sort: .nameDescending, page: try PageRequest(limit: 10))
            #expect(byNameDescending.map(\.name.value) == byName.reversed())

            #expect(try await skus(.createdAt, ProductFilter(category: try Category("Chairs"))) == "BC")
            #expect(try await skus(.createdAt, ProductFilter(minPrice: 100, maxPrice: 200)) == "BCD")
            #expect(try await skus(.createdAt, ProductFilter(minPrice: 250)) == "A")
            #expect(try await skus(.createdAt, ProductFilter(maxPrice: 0)) == "E")
            #expect(try await skus(.createdAt, ProductFilter(category: try Category("Office"), maxPrice: 100)) == "E")
            let active = try await repository.activeProducts(skus: [try SKU("A"), try SKU("Z"), try SKU("NOPE")])
            #expect(active.map(\.sku.value) == ["A"])
        }
    }

    @Test(arguments: ProductSort.allCases)
    func aCursorWalkOverAThousandTiedProductsReturnsEachExactlyOnce(sort: ProductSort) async throws {
        try await Fixture.run { fixture in
            try await fixture.generate(1000)
            let walked = try await fixture.walk(ProductListQuery(sort: sort.rawValue, limit: 37))
            #expect(walked.count == 1000)
            #expect(Set(walked.map(\.id)).count == 1000)
            let expected = try await fixture.db.pool.query(
                "SELECT id FROM products.products ORDER BY \(Self.orderBy(sort))").map { try $0.decode(UUID.self, at: 0) }
            #expect(walked.map(\.id) == expected)
        }
    }

    static func orderBy(_ sort: ProductSort) -> String {
        let direction = sort.isDescending ? "DESC" : "ASC"
        let column = switch sort.key { case .name: "name"; case .price: "price_amount"; case .createdAt: "created_at" }
        return "\(column) \(direction), id \(direction)"
    }

    @Test(arguments: [ProductSort.price, .createdAtDescending, .nameDescending])
    func aWalkWithInsertsBetweenPagesStillReturnsEveryOriginalProductOnce(sort: ProductSort) async throws {
        try await Fixture.run { fixture in
            try await fixture.generate(300)
            let original = Set(try await fixture.db.pool.query("SELECT id FROM products.products").map { try $0.decode(UUID.self, at: 0) })
            let walked = try await fixture.walk(ProductListQuery(sort: sort.rawValue, limit: 25)) { page in
                // New products with keys before, among and after the ones already seen.
                try await fixture.generate(7, prefix: "NEW\(page)")
            }
            let ids = walked.map(\.id)
            #expect(ids.count == Set(ids).count, "no product twice")
            #expect(original.isSubset(of: Set(ids)), "every original product once")
        }
    }

    @Test func filteredWalksCoverExactlyTheMatchingProducts() async throws {
        try await Fixture.run { fixture in
            try await fixture.generate(500)
            let walked = try await fixture.walk(ProductListQuery(q: "name 3", category: "Cat 1", minPrice: 100, maxPrice: 500,
                                                                 sort: "-price", limit: 7))
            let expected = try await fixture.db.pool.query(
                """
                SELECT count(*) FROM products.products
                WHERE name = 'Name 3' AND category = 'Cat 1' AND price_amount BETWEEN 100 AND 500
                """).first!.decode(Int.self, at: 0)
            #expect(walked.count == expected && expected > 0)
            #expect(Set(walked.map(\.id)).count == expected)
        }
    }

    @Test func concurrentUpdatesWithoutIfMatchAreNeverLost() async throws {
        try await Fixture.run(poolSize: 8) { fixture in
            let created = try await fixture.service.createProduct(CreateProduct(sku: "RACE", name: "Race", description: "", category: "C",
                                                                                price: Money(amount: 1, currency: .eur)))
            let service = fixture.service
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<16 {
                    group.addTask {
                        let change = i % 2 == 0 ? UpdateProduct(name: "Name \(i)") : UpdateProduct(price: Money(amount: Int64(100 + i), currency: .eur))
                        _ = try await service.updateProduct(id: created.id, change, ifMatch: nil)
                    }
                }
                try await group.waitForAll()
            }
            let final = try await service.product(id: created.id)
            #expect(final.version == 17, "every one of the 16 updates was applied on top of the previous one")
            let events = try await fixture.db.pool.query(
                "SELECT count(*) FROM messaging.outbox WHERE name = 'products.product_updated.v1'").first!.decode(Int.self, at: 0)
            #expect(events == 16)
        }
    }

    @Test func concurrentUpdatesWithTheSameIfMatchLetExactlyOneWin() async throws {
        try await Fixture.run(poolSize: 8) { fixture in
            let created = try await fixture.service.createProduct(CreateProduct(sku: "RACE", name: "Race", description: "", category: "C",
                                                                                price: Money(amount: 1, currency: .eur)))
            let service = fixture.service
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await service.updateProduct(id: created.id, UpdateProduct(name: "Name \(i)"), ifMatch: 1)
                            return "ok"
                        } catch let error as DomainError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "ok" }.count == 1)
            #expect(outcomes.filter { $0 == "precondition_failed" }.count == 7)
        }
    }

    @Test func eventsGoToTheOutboxWithTheirChanges() async throws {
        try await Fixture.run { fixture in
            let service = fixture.service
            let created = try await service.createProduct(CreateProduct(sku: "ev-1", name: "Lamp", description: "", category: "Lights",
                                                                        price: Money(amount: 500, currency: .eur)))
            _ = try await service.updateProduct(id: created.id, UpdateProduct(name: "Lamp"), ifMatch: nil)
            _ = try await service.updateProduct(id: created.id, UpdateProduct(price: Money(amount: 650, currency: .eur)), ifMatch: 1)
            try await service.discontinueProduct(id: created.id)
            try await service.discontinueProduct(id: created.id)
            let rows = try await fixture.db.pool.query("SELECT name, payload::text FROM messaging.outbox")
                .map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
            #expect(rows.map(\.0).sorted() == ["products.product_created.v1", "products.product_discontinued.v1", "products.product_updated.v1"])
            let payload = try #require(rows.first { $0.0 == "products.product_updated.v1" }?.1)
            let updated = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
            #expect((updated?["oldPrice"] as? [String: Any])?["amount"] as? Int == 500)
            #expect((updated?["newPrice"] as? [String: Any])?["amount"] as? Int == 650)
            #expect(updated?["changedFields"] as? [String] == ["price"])
            let summaries = try await service.activeProducts(skus: ["EV-1"])
            #expect(summaries.isEmpty)
        }
    }

    @Test func aSearchOnAHundredThousandProductsUsesTheGINIndex() async throws {
        try await Fixture.run { fixture in
            try await fixture.db.pool.execute(
                """
                INSERT INTO products.products (id, sku, name, description, category, price_amount, price_currency, status, version,
                                               created_at, updated_at)
                SELECT gen_random_uuid(), 'BULK-' || i, 'Item ' || substr(md5(i::text), 1, 10), 'colour' || (i % 500) || ' size' || (i % 37),
                       'Cat ' || (i % 20), (i % 1000) * 10, 'EUR', 'active', 1,
                       timestamptz '2027-01-01 00:00:00+00' + i * interval '1 second', timestamptz '2027-01-01 00:00:00+00'
                FROM generate_series(1, 100000) AS i
                """)
            try await fixture.db.pool.execute("ANALYZE products.products")
            let term = String(Self.md5Prefix(of: 12345))
            let query = try ProductListSQL(filter: ProductFilter(search: try SearchTerms(term)), sort: .createdAtDescending,
                                           page: try PageRequest(limit: 20))
            let plan = try await fixture.db.pool.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + query.sql, query.parameters)
                .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
            print("EXPLAIN for q=\(term) on 100,000 products:\n\(query.sql)\n\(plan)")
            #expect(plan.contains("products_search"), "\(plan)")
            #expect(plan.contains("Bitmap Index Scan"), "\(plan)")
            let found = try await fixture.service.listProducts(ProductListQuery(q: term))
            #expect(found.items.contains { $0.sku == "BULK-12345" })
        }
    }

    /// The first 8 hex digits of md5("\(n)"), as PostgreSQL's `md5(n::text)` gives them, computed by the database.
    static func md5Prefix(of n: Int) -> Substring {
        // 12345 → md5 "827ccb0eea8a706c4c34a16891f84e7b".
        precondition(n == 12345)
        return "827ccb0e"
    }
}
