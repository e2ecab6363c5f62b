import AllocationApplication
import AllocationContracts
import AllocationDomain
import EventBus
import Foundation
import Kernel
import OrdersContracts
import Outbox
import Postgres
import TestSupport
import Testing
@testable import AllocationInfrastructure

/// Cosmic Python's unit-of-work tests and the stored behaviour of the use cases, on real PostgreSQL.
@Suite struct PostgresAllocationTests {
    @Test func aBatchIsStoredAndAnOrderAllocatedToItWithOneVersionBump() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "batch1", sku: "hipster-workbench", quantity: 100, eta: nil))
            #expect(try await f.version("HIPSTER-WORKBENCH") == 1)
            let order = UUID()
            try await f.place([("HIPSTER-WORKBENCH", 10)], order: order)
            #expect(try await f.version("HIPSTER-WORKBENCH") == 2)
            let batch = try await f.service.batch(reference: "batch1")
            #expect(batch == BatchDTO(reference: "batch1", sku: "HIPSTER-WORKBENCH", purchasedQuantity: 100, allocatedQuantity: 10, eta: nil))
            #expect(try await f.published(OrderAllocated.self) == [OrderAllocated(orderId: order, lines: [
                AllocatedLine(sku: "HIPSTER-WORKBENCH", quantity: 10, batchReference: "batch1", eta: nil, expectedShipDate: "2026-12-01")])])
        }
    }

    @Test func aUseCaseThatFailsLeavesNothingBehind() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            // The whole transaction rolls back (the bus would retry the event): no allocation, no version bump.
            await #expect(throws: PostgresError.self) {
                try await f.db.pool.transaction { tx in
                    try await f.service.allocateOrder(
                        OrderPlaced(orderId: UUID(), customerId: UUID(),
                                    lines: [OrderLineItem(sku: "LAMP", quantity: 1, unitPrice: Money(amount: 1, currency: .eur))],
                                    total: Money(amount: 1, currency: .eur)),
                        in: f.store.bind(tx))
                    _ = try await tx.query("SELECT 1/0")
                }
            }
            #expect(try await f.allocatedQuantity("LAMP") == 0)
            #expect(try await f.version("LAMP") == 1)
            #expect(try await f.db.pool.queryFirst("SELECT count(*)::int FROM allocation.orders")?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func theDatabaseRefusesOversellingEvenIfTheCodeWereWrong() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            let oversell = "INSERT INTO allocation.allocations (order_id, sku, batch_reference, quantity) VALUES ($1, 'LAMP', 'b1', 6)"
            await #expect { try await f.db.pool.execute(oversell, [.uuid(UUID())]) } throws: { error in
                (error as? PostgresError)?.constraint == "batches_never_oversold"
            }
            try await f.place([("LAMP", 5)])
            await #expect { try await f.db.pool.execute("UPDATE allocation.batches SET purchased_quantity = 4") } throws: { error in
                (error as? PostgresError)?.constraint == "batches_never_oversold"
            }
        }
    }

    @Test func anOrderSpanningSKUsIsAllocatedAllOrNothing() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "chairs", sku: "CHAIR", quantity: 10))
            _ = try await f.service.addBatch(AddBatch(reference: "tables", sku: "TABLE", quantity: 1))
            let order = UUID()
            try await f.place([("CHAIR", 4), ("TABLE", 2), ("GHOST", 1)], order: order)
            #expect(try await f.allocatedQuantity("CHAIR") == 0)
            #expect(try await f.version("CHAIR") == 1)
            #expect(try await f.published(OrderRejected.self) == [OrderRejected(orderId: order, outOfStockSkus: ["GHOST", "TABLE"])])
            #expect(Set(try await f.published(OutOfStock.self).map(\.sku)) == ["GHOST", "TABLE"])
            #expect(try await f.published(OrderAllocated.self).isEmpty)
            #expect(try await f.store.orders.order(order)?.status == .rejected)
        }
    }

    @Test func aRedeliveredOrderPlacedChangesNothing() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            let order = UUID()
            try await f.place([("LAMP", 2)], order: order)
            try await f.place([("LAMP", 2)], order: order)
            #expect(try await f.allocatedQuantity("LAMP") == 2)
            #expect(try await f.version("LAMP") == 2)
            #expect(try await f.published(OrderAllocated.self).count == 1)
        }
    }

    @Test func releasingAnOrderFreesItsStockOnce() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            _ = try await f.service.addBatch(AddBatch(reference: "b2", sku: "DESK", quantity: 5, eta: "2027-03-01"))
            let order = UUID()
            try await f.place([("LAMP", 2), ("DESK", 1)], order: order)
            try await f.release(order)
            try await f.release(order)
            #expect(try await f.allocatedQuantity("LAMP") == 0)
            #expect(try await f.allocatedQuantity("DESK") == 0)
            #expect(try await f.published(LineDeallocated.self).sorted { $0.sku < $1.sku } == [
                LineDeallocated(orderId: order, sku: "DESK", quantity: 1, batchReference: "b2", reason: "order_released"),
                LineDeallocated(orderId: order, sku: "LAMP", quantity: 2, batchReference: "b1", reason: "order_released"),
            ])
        }
    }

    @Test func anOrderReleasedBeforeItsPlacementArrivedIsNeverAllocated() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            let order = UUID()
            try await f.release(order)
            try await f.place([("LAMP", 2)], order: order)
            #expect(try await f.allocatedQuantity("LAMP") == 0)
            #expect(try await f.published(OrderAllocated.self).isEmpty)
        }
    }

    @Test func loweringABatchReallocatesAndBackordersWhatNoLongerFits() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "warehouse", sku: "TABLE", quantity: 10))
            _ = try await f.service.addBatch(AddBatch(reference: "ship", sku: "TABLE", quantity: 3, eta: "2027-05-01"))
            let (first, second, third) = (UUID(), UUID(), UUID())
            try await f.place([("TABLE", 4)], order: first)
            try await f.place([("TABLE", 3)], order: second)
            try await f.place([("TABLE", 3)], order: third)
            let batch = try await f.service.changeBatchQuantity(reference: "warehouse", ChangeBatchQuantity(quantity: 4))
            #expect(batch == BatchDTO(reference: "warehouse", sku: "TABLE", purchasedQuantity: 4, allocatedQuantity: 4, eta: nil))
            #expect(try await f.published(LineReallocated.self) == [LineReallocated(
                orderId: second, sku: "TABLE", quantity: 3, fromBatchReference: "warehouse", toBatchReference: "ship", eta: "2027-05-01",
                expectedShipDate: "2027-05-03")])
            #expect(try await f.published(OutOfStock.self) == [OutOfStock(sku: "TABLE", orderId: third, quantity: 3, orderWasAllocated: true)])
            #expect(try await f.published(LineDeallocated.self).map(\.reason) == ["batch_quantity_changed", "batch_quantity_changed"])
            #expect(try await f.published(BatchQuantityChanged.self) == [BatchQuantityChanged(reference: "warehouse", sku: "TABLE",
                                                                                              oldQuantity: 10, newQuantity: 4)])
            #expect(try await f.service.batch(reference: "ship").availableQuantity == 0)
        }
    }

    @Test func batchReferencesAreUniqueAcrossSKUs() async throws {
        try await PostgresAllocationFixture.run { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            await #expect(throws: Stock.batchExists) { try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 1)) }
            await #expect(throws: Stock.batchExists) { try await f.service.addBatch(AddBatch(reference: "b1", sku: "DESK", quantity: 1)) }
        }
    }

    @Test func batchesArePagedByReferenceAndFilteredBySKU() async throws {
        try await PostgresAllocationFixture.run { f in
            for i in 0..<5 { _ = try await f.service.addBatch(AddBatch(reference: "a\(i)", sku: "LAMP", quantity: i)) }
            _ = try await f.service.addBatch(AddBatch(reference: "b0", sku: "DESK", quantity: 1))
            let first = try await f.service.listBatches(BatchListQuery(sku: "lamp", limit: 2))
            #expect(first.items.map(\.reference) == ["a0", "a1"])
            let cursor = try #require(first.nextCursor)
            let rest = try await f.service.listBatches(BatchListQuery(sku: "LAMP", limit: 10, cursor: cursor))
            #expect(rest.items.map(\.reference) == ["a2", "a3", "a4"])
            #expect(rest.nextCursor == nil)
            await #expect(throws: DomainError.self) { try await f.service.listBatches(BatchListQuery(limit: 10, cursor: cursor)) }
            #expect(try await f.service.listBatches(BatchListQuery()).items.count == 6)
        }
    }
}
