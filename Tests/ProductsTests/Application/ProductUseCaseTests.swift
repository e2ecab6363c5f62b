import EventBus
import Foundation
import Kernel
import ProductsApplication
import ProductsContracts
import ProductsDomain
import Synchronization
import TestSupport
import Testing

@Suite("Products use cases")
struct ProductUseCaseTests {
    @Test func createNormalisesAnnouncesAndRefusesATakenSku() async throws {
        let fixture = ProductsFixture()
        let created = try await fixture.create(" red-chair ", name: " Red Chair ", category: "Chairs", price: 1999)
        #expect(created.sku == "RED-CHAIR" && created.name == "Red Chair" && created.status == "active" && created.version == 1)
        #expect(try await fixture.service.product(id: created.id) == created)
        let taken = await #expect(throws: DomainError.self) { try await fixture.create("RED-chair") }
        #expect(taken?.code == "sku_taken" && taken?.kind == .conflict)
        #expect(fixture.bus.published(ProductCreated.self) == [
            ProductCreated(productId: created.id, sku: "RED-CHAIR", name: "Red Chair", category: "Chairs", price: ProductsFixture.eur(1999)),
        ])
        let usd = await #expect(throws: DomainError.self) {
            try await fixture.service.createProduct(CreateProduct(sku: "X", name: "X", description: "", category: "C",
                                                                  price: Money(amount: 1, currency: Currency("USD")!)))
        }
        #expect(usd?.code == "validation_failed" && usd?.fields.map(\.field) == ["price.currency"])
        let unknown = await #expect(throws: DomainError.self) { try await fixture.service.product(id: UUID()) }
        #expect(unknown?.kind == .notFound)
    }

    @Test func updatePublishesOldAndNewPriceAndHonoursIfMatch() async throws {
        let fixture = ProductsFixture()
        let created = try await fixture.create("A", price: 1000)
        let unchanged = try await fixture.service.updateProduct(id: created.id, UpdateProduct(name: "Thing"), ifMatch: nil)
        #expect(unchanged.version == 1 && fixture.bus.published(ProductUpdated.self).isEmpty)

        let renamed = try await fixture.service.updateProduct(id: created.id, UpdateProduct(name: "Other"), ifMatch: 1)
        #expect(renamed.version == 2 && renamed.name == "Other")
        let stale = await #expect(throws: DomainError.self) {
            try await fixture.service.updateProduct(id: created.id, UpdateProduct(name: "Late"), ifMatch: 1)
        }
        #expect(stale?.kind == .preconditionFailed && stale?.code == "precondition_failed")

        let repriced = try await fixture.service.updateProduct(id: created.id, UpdateProduct(price: ProductsFixture.eur(1500)), ifMatch: nil)
        #expect(repriced.version == 3 && repriced.price.amount == 1500)
        let events = fixture.bus.published(ProductUpdated.self)
        #expect(events.count == 2)
        #expect(events[0].changedFields == ["name"] && events[0].oldPrice == events[0].newPrice)
        #expect(events[1].changedFields == ["price"] && events[1].oldPrice.amount == 1000 && events[1].newPrice.amount == 1500)
        #expect(events[1].version == 3)

        let bad = await #expect(throws: DomainError.self) {
            try await fixture.service.updateProduct(id: created.id, UpdateProduct(price: ProductsFixture.eur(-1)), ifMatch: nil)
        }
        #expect(bad?.kind == .validation)
        let missing = await #expect(throws: DomainError.self) {
            try await fixture.service.updateProduct(id: UUID(), UpdateProduct(name: "X"), ifMatch: nil)
        }
        #expect(missing?.kind == .notFound)
    }

    @Test func aWriteNeverOverwritesAVersionItDidNotRead() async throws {
        let fixture = ProductsFixture()
        let created = try await fixture.create("A", price: 1000)
        // The fake has no row locks: another writer commits a rename between this update's read and its write,
        // which PostgreSQL's FOR UPDATE rules out. The version check in the write must still refuse to overwrite.
        fixture.interference.with { hook in
            hook = { rows in
                rows.with { rows in
                    guard var product = rows[created.id] else { return }
                    _ = product.update(ProductChange(name: try! ProductName("Renamed")), at: Date(timeIntervalSince1970: 1_900_000_000))
                    rows[created.id] = product
                }
            }
        }
        let refused = await #expect(throws: DomainError.self) {
            try await fixture.service.updateProduct(id: created.id, UpdateProduct(price: ProductsFixture.eur(2000)), ifMatch: nil)
        }
        #expect(refused?.code == "concurrent_update")
        let current = try await fixture.service.product(id: created.id)
        #expect(current.name == "Renamed" && current.price.amount == 1000 && current.version == 2)
    }

    @Test func discontinueIsAnnouncedOnceAndHidesTheProductFromListsAndOtherContexts() async throws {
        let fixture = ProductsFixture()
        let a = try await fixture.create("A", name: "Alpha", price: 100)
        try await fixture.create("B", name: "Beta", price: 200)
        try await fixture.service.discontinueProduct(id: a.id)
        try await fixture.service.discontinueProduct(id: a.id)
        #expect(fixture.bus.published(ProductDiscontinued.self) == [ProductDiscontinued(productId: a.id, sku: "A")])
        let stored = try await fixture.service.product(id: a.id)
        #expect(stored.status == "discontinued" && stored.version == 2)
        #expect(try await fixture.service.listProducts(ProductListQuery()).items.map(\.sku) == ["B"])
        let summaries = try await fixture.service.activeProducts(skus: ["a", "b", " b ", "nope", "bad sku!"])
        #expect(summaries == [ProductSummary(sku: "B", name: "Beta", price: ProductsFixture.eur(200), status: "active")])
        #expect(try await fixture.service.activeProducts(skus: []).isEmpty)
        let missing = await #expect(throws: DomainError.self) { try await fixture.service.discontinueProduct(id: UUID()) }
        #expect(missing?.kind == .notFound)
    }

    @Test func listValidatesFiltersAndScopesCursorsToTheirListing() async throws {
        let fixture = ProductsFixture()
        for i in 0..<5 { try await fixture.create("P\(i)", name: "Red Chair \(i)", price: Int64(100 * (i % 2))) }
        let first = try await fixture.service.listProducts(ProductListQuery(sort: "price", limit: 2))
        #expect(first.items.count == 2 && first.nextCursor != nil)
        let second = try await fixture.service.listProducts(ProductListQuery(sort: "price", limit: 2, cursor: first.nextCursor))
        #expect(Set(second.items.map(\.sku)).isDisjoint(with: first.items.map(\.sku)))
        let elsewhere = await #expect(throws: DomainError.self) {
            try await fixture.service.listProducts(ProductListQuery(sort: "-price", limit: 2, cursor: first.nextCursor))
        }
        #expect(elsewhere?.code == "invalid_cursor")
        let otherFilter = await #expect(throws: DomainError.self) {
            try await fixture.service.listProducts(ProductListQuery(q: "chair", sort: "price", limit: 2, cursor: first.nextCursor))
        }
        #expect(otherFilter?.code == "invalid_cursor")
        for query in [ProductListQuery(minPrice: 5, maxPrice: 4), ProductListQuery(sort: "cheapest"), ProductListQuery(limit: 0),
                      ProductListQuery(limit: 101), ProductListQuery(category: "  "), ProductListQuery(minPrice: -1)] {
            let error = await #expect(throws: DomainError.self) { try await fixture.service.listProducts(query) }
            #expect(error?.kind == .validation)
        }
        #expect(try await fixture.service.listProducts(ProductListQuery(q: "chai 3")).items.map(\.sku) == ["P3"])
        #expect(try await fixture.service.listProducts(ProductListQuery(q: "hair")).items.isEmpty)
        #expect(try await fixture.service.listProducts(ProductListQuery(minPrice: 100, maxPrice: 100)).items.count == 2)
    }
}
