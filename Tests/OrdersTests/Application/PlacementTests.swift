import EventBus
import Foundation
import JSON
import Kernel
import OrdersApplication
import OrdersContracts
import Synchronization
import TestSupport
import Testing

@Suite("Orders: placing and idempotency keys")
struct PlacementTests {
    @Test func placingPricesInOneCallStoresPendingAndAnnouncesIt() async throws {
        let fixture = OrdersFixture()
        let placed = try await fixture.place([(" a ", 2), ("b", 3)])
        #expect(!placed.replayed && fixture.catalog.calls.withLock { $0 } == 1)
        let order = try await fixture.order(placed.orderId)
        #expect(order.status == "pending" && order.customerId == fixture.customer.userId && order.paymentId == nil)
        #expect(order.lines == [OrderLineDTO(sku: "A", quantity: 2, unitPrice: OrdersFixture.eur(1000)),
                                OrderLineDTO(sku: "B", quantity: 3, unitPrice: OrdersFixture.eur(250))])
        #expect(order.total == OrdersFixture.eur(2750))
        #expect(placed.body == (try StrictJSONEncoder().encode(order)), "the 201 body is the order as the API writes it")
        #expect(fixture.bus.published(OrderPlaced.self) == [OrderPlaced(
            orderId: order.id, customerId: fixture.customer.userId,
            lines: [OrderLineItem(sku: "A", quantity: 2, unitPrice: OrdersFixture.eur(1000)),
                    OrderLineItem(sku: "B", quantity: 3, unitPrice: OrdersFixture.eur(250))],
            total: OrdersFixture.eur(2750))])
        #expect(try await fixture.history(order.id) == ["pending:placed"])
    }

    @Test func aRefusedPlacementStoresAndAnnouncesNothing() async throws {
        let fixture = OrdersFixture()
        for (lines, code) in [([("A", 1), ("GONE", 1)], "unknown_sku"), ([("A", 1), ("a", 1)], "duplicate_line"),
                              ([("A", 0)], "validation_failed"), ([], "validation_failed")] {
            let error = await #expect(throws: DomainError.self) { try await fixture.place(lines, key: "k") }
            #expect(error?.code == code && error?.kind == .validation)
        }
        #expect(fixture.store.state.snapshot.orders.isEmpty && fixture.store.state.snapshot.keys.isEmpty)
        #expect(fixture.bus.published.isEmpty)
        // The key was not stored with the failure, so the corrected request may use it.
        let placed = try await fixture.place([("A", 1)], key: "k")
        #expect(!placed.replayed)
    }

    @Test func theSameKeyAndBodyReplaysTheFirstAnswerByteForByte() async throws {
        let fixture = OrdersFixture()
        let first = try await fixture.place(key: "key-1", body: "{\"lines\":[...]}")
        let again = try await fixture.place(key: "key-1", body: "{\"lines\":[...]}")
        #expect(again.replayed && again.orderId == first.orderId && again.body == first.body)
        #expect(fixture.store.state.snapshot.keys.values.map(\.responseStatus) == [201], "stored as 201 Created")
        #expect(fixture.store.state.snapshot.orders.count == 1 && fixture.bus.published(OrderPlaced.self).count == 1)

        let reused = await #expect(throws: DomainError.self) { try await fixture.place(key: "key-1", body: "another body") }
        #expect(reused?.code == "idempotency_key_reused" && reused?.kind == .validation)

        // Another user's identical key is another request altogether.
        let other = try await fixture.place(by: Caller(userId: UUID(), roles: [.customer]), key: "key-1", body: "{\"lines\":[...]}")
        #expect(!other.replayed && other.orderId != first.orderId)
        // The replay is the stored answer even when the catalog has changed since.
        fixture.catalog.prices.withLock { $0 = [:] }
        #expect(try await fixture.place(key: "key-1", body: "{\"lines\":[...]}").orderId == first.orderId)
    }

    @Test func aKeyClaimedByARequestInFlightIsInUse() async throws {
        let fixture = OrdersFixture()
        let name = "\(fixture.customer.userId.lowercased)|busy"
        fixture.claimed.with { _ = $0.insert(name) }
        let busy = await #expect(throws: DomainError.self) { try await fixture.place(key: "busy") }
        #expect(busy?.code == "idempotency_key_in_use" && busy?.kind == .conflict)
        #expect(fixture.store.state.snapshot.orders.isEmpty)
        fixture.claimed.with { _ = $0.remove(name) }
        #expect(!(try await fixture.place(key: "busy").replayed))
    }

    @Test func aFailureAfterTheOrderIsWrittenLeavesNeitherOrderNorKey() async throws {
        let fixture = OrdersFixture()
        struct StoringTheKeyFailed: Error {}
        // Storing the key is the placement's last write, after the order, its history and its event.
        fixture.keyInsertFailure.with { $0 = StoringTheKeyFailed() }
        await #expect(throws: StoringTheKeyFailed.self) {
            try await fixture.service.placeOrder(PlaceOrder(lines: [.init(sku: "A", quantity: 1)]), by: fixture.customer,
                                                 idempotency: IdempotentRequest(key: "k", bodyDigest: [1]))
        }
        fixture.keyInsertFailure.with { $0 = nil }
        #expect(fixture.store.state.snapshot.orders.isEmpty && fixture.store.state.snapshot.keys.isEmpty)
        #expect(fixture.claimed.with { $0.isEmpty }, "the claim ends with the transaction")
        #expect(!(try await fixture.place(key: "k", body: "\u{1}").replayed))
    }

    @Test func keysExpireAfter24HoursAndThePurgeDeletesThem() async throws {
        let fixture = OrdersFixture()
        let first = try await fixture.place(key: "daily")
        _ = try await fixture.place(key: "later")
        fixture.advance(24 * 3600 - 10)
        #expect(try await fixture.place(key: "daily").replayed)
        #expect(try await fixture.service.purgeExpiredIdempotencyKeys() == 0)
        fixture.advance(20)
        let fresh = try await fixture.place(key: "daily")
        #expect(!fresh.replayed && fresh.orderId != first.orderId)
        #expect(try await fixture.service.purgeExpiredIdempotencyKeys() == 1, "`later` expired; `daily` was just renewed")
        #expect(Set(fixture.store.state.snapshot.keys.keys.map { String($0.split(separator: "|")[1]) }) == ["daily"])
    }
}
