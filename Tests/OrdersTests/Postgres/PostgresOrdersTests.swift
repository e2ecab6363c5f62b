import AllocationContracts
import Foundation
import Kernel
import OrdersContracts
import PaymentsContracts
import Postgres
import Synchronization
import TestSupport
import Testing
@testable import OrdersInfrastructure

@Suite("Orders on PostgreSQL")
struct PostgresOrdersTests {
    @Test func anOrderReadsBackAsPlacedWithItsLinesHistoryAndEvent() async throws {
        try await PostgresOrdersFixture.run { fixture in
            let placed = try await fixture.place([("b", 3), ("A", 2)])
            let order = try await fixture.orders.order(id: placed.orderId, caller: fixture.customer)
            #expect(order.status == "pending" && order.paymentId == nil && order.customerId == fixture.customer.userId)
            #expect(order.lines == [OrderLineDTO(sku: "B", quantity: 3, unitPrice: OrdersFixture.eur(250)),
                                    OrderLineDTO(sku: "A", quantity: 2, unitPrice: OrdersFixture.eur(1000))])
            #expect(order.total == OrdersFixture.eur(2750) && order.createdAt == order.updatedAt)
            let history = try await fixture.orders.statusHistory(orderId: order.id, caller: fixture.staff)
            #expect(history.map(\.status) == ["pending"] && history.map(\.reason) == ["placed"] && history[0].at == order.createdAt)
            #expect(try await fixture.count("SELECT count(*) FROM messaging.outbox WHERE name = 'orders.order_placed.v1'") == 1)
            let unknown = await #expect(throws: DomainError.self) { try await fixture.place([("A", 1), ("NOPE", 1)]) }
            #expect(unknown?.code == "unknown_sku")
            #expect(try await fixture.count("SELECT count(*) FROM orders.orders") == 1)
        }
    }

    @Test func theFlowRunsOnEventsAndIgnoresDuplicatesAndLateArrivals() async throws {
        try await PostgresOrdersFixture.run { fixture in
            let id = try await fixture.place().orderId
            try await fixture.publish(OrderAllocated(orderId: id, lines: []))
            let awaiting = try await fixture.awaitStatus(id, "awaiting_payment")
            let payment = try #require(awaiting.paymentId)
            #expect(payment == fixture.payments.paymentId(for: id))
            // The same fact again (a new event id, so the inbox does not stop it): the status check does.
            try await fixture.publish(OrderAllocated(orderId: id, lines: []))
            try await fixture.publish(OrderRejected(orderId: id, outOfStockSkus: ["A"]))
            try await fixture.publish(PaymentSucceeded(paymentId: payment, orderId: id, amount: OrdersFixture.eur(1000)))
            _ = try await fixture.awaitStatus(id, "paid")
            try await fixture.publish(PaymentFailed(paymentId: payment, orderId: id, reason: nil))
            _ = try await fixture.orders.changeShippingAddress(orderId: id, OrdersFixture.address, caller: fixture.customer)
            _ = try await fixture.orders.changeStatus(id: id, to: "shipped", caller: fixture.staff, warehouse: FakeWarehouse())
            _ = try await fixture.orders.changeStatus(id: id, to: "delivered", caller: fixture.staff, warehouse: FakeWarehouse())
            // Every event handled (none left over to be retried), and none of the late ones changed anything.
            #expect(try await eventually {
                try await fixture.count("SELECT count(*) FROM messaging.outbox WHERE completed_at IS NULL") == 0
            })
            #expect(fixture.payments.requests.withLock { $0.count } == 1)
            let history = try await fixture.orders.statusHistory(orderId: id, caller: fixture.staff)
            #expect(history.map(\.status) == ["pending", "awaiting_payment", "paid", "shipped", "delivered"])
            #expect(try await fixture.orders.order(id: id, caller: fixture.staff).status == "delivered")
            #expect(try await fixture.count("SELECT count(*) FROM messaging.outbox WHERE name = 'orders.order_paid.v1'") == 1)
        }
    }

    @Test func listingPagesNewestFirstUnderConcurrentInsertsAndFilters() async throws {
        try await PostgresOrdersFixture.run { fixture in
            var ids: [UUID] = []
            for _ in 0..<7 {
                fixture.advance(0.001)
                ids.append(try await fixture.place().orderId)
            }
            // Fifty long SKUs out of stock: the history reason is cut to fit, the reaction does not fail.
            let skus = (0..<50).map { "SKU-" + String(repeating: "9", count: 58) + String(format: "%02d", $0) }
            try await fixture.publish(OrderRejected(orderId: ids[2], outOfStockSkus: skus))
            _ = try await fixture.awaitStatus(ids[2], "rejected")
            var seen: [UUID] = []
            var cursor: String?
            repeat {
                let page = try await fixture.orders.listOrders(OrderListQuery(limit: 3, cursor: cursor), caller: fixture.customer)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                // Newer orders placed meanwhile never shift the pages still to come.
                fixture.advance(0.001)
                _ = try await fixture.place()
            } while cursor != nil
            #expect(seen == ids.reversed())
            let rejected = try await fixture.orders.listOrders(OrderListQuery(status: "rejected"), caller: fixture.staff)
            #expect(rejected.items.map(\.id) == [ids[2]])
            let nobody = try await fixture.orders.listOrders(OrderListQuery(customerId: UUID()), caller: fixture.staff)
            #expect(nobody.items.isEmpty && nobody.nextCursor == nil)
        }
    }

    @Test func aCancellationRacingTheAllocationIsSerialisedByTheRowLock() async throws {
        try await PostgresOrdersFixture.run(poolSize: 8) { fixture in
            var ids: [UUID] = []
            for _ in 0..<12 { ids.append(try await fixture.place().orderId) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask { try await fixture.publish(OrderAllocated(orderId: id, lines: [])) }
                    group.addTask { _ = try await fixture.orders.cancelOrder(id: id, caller: fixture.customer) }
                }
                try await group.waitForAll()
            }
            #expect(try await eventually {
                try await fixture.count("SELECT count(*) FROM messaging.outbox WHERE completed_at IS NULL") == 0
            })
            let cancellations = try await fixture.db.pool.query(
                "SELECT payload->>'orderId', payload->>'paymentId' FROM messaging.outbox WHERE name = 'orders.order_cancelled.v1'", [])
            #expect(cancellations.count == ids.count)
            for row in cancellations {
                let id = try #require(UUID(uuidString: try row.decode(String.self, at: 0)))
                // Either the cancellation came first (no payment was ever requested), or it saw the payment and named it.
                let requested = fixture.payments.paymentId(for: id)
                #expect(try row.decode(String?.self, at: 1).flatMap(UUID.init(uuidString:)) == requested)
                #expect(try await fixture.orders.order(id: id, caller: fixture.staff).status == "cancelled")
            }
        }
    }
}
