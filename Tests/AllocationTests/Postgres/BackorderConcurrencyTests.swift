import AllocationApplication
import AllocationContracts
import AllocationDomain
import Foundation
import Kernel
import Postgres
import TestSupport
import Testing
@testable import AllocationInfrastructure

/// Backorders recovering under concurrency, on real PostgreSQL (ADR 17): batches arriving at once, and a batch
/// arriving while new orders are placed, never oversell and never allocate a line twice.
@Suite struct BackorderConcurrencyTests {
    /// Twenty orders of one unit each, allocated and then backordered by a cut of their batch to zero.
    static func twentyBackorders(_ f: PostgresAllocationFixture) async throws -> [UUID] {
        _ = try await f.service.addBatch(AddBatch(reference: "w", sku: "LAMP", quantity: 20))
        var orders: [UUID] = []
        for _ in 0..<20 {
            let order = UUID()
            try await f.place([("LAMP", 1)], order: order)
            orders.append(order)
        }
        _ = try await f.service.changeBatch(reference: "w", ChangeBatch(quantity: 0))
        return orders
    }

    static func count(_ f: PostgresAllocationFixture, _ sql: String) async throws -> Int {
        try await f.db.pool.queryFirst(sql, [])?.decode(Int.self, at: 0) ?? -1
    }

    @Test(arguments: [StockLocking.rowLock, .optimistic])
    func twoBatchesArrivingWhileOrdersArePlacedNeverOversellNorAllocateALineTwice(locking: StockLocking) async throws {
        try await PostgresAllocationFixture.run(poolSize: 8, locking: locking) { f in
            let backordered = try await Self.twentyBackorders(f)
            #expect(try await Self.count(f, "SELECT count(*)::int FROM allocation.backorders") == 20)
            let placed = (0..<6).map { _ in UUID() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await f.service.addBatch(AddBatch(reference: "a1", sku: "LAMP", quantity: 6)) }
                group.addTask { _ = try await f.service.addBatch(AddBatch(reference: "a2", sku: "LAMP", quantity: 6, eta: "2030-01-01")) }
                // Each batch's handler, and a few redeliveries, all at once.
                for _ in 0..<6 { group.addTask { try await f.recover("LAMP") } }
                for order in placed { group.addTask { try await f.place([("LAMP", 1)], order: order) } }
                try await group.waitForAll()
            }
            try await f.recover("LAMP")
            #expect(try await f.allocatedQuantity("LAMP") == 12, "every unit of the two batches, never more")
            #expect(try await Self.count(f, """
                SELECT count(*)::int FROM allocation.allocations a JOIN allocation.backorders b USING (order_id, sku)
                """) == 0, "a line is either allocated or backordered, never both")
            let recovered = try await f.published(BackorderedLineAllocated.self)
            #expect(Set(recovered.map(\.orderId)).count == recovered.count, "each backordered line allocated once")
            #expect(Set(recovered.map(\.orderId)).isSubset(of: Set(backordered)))
            #expect(recovered.allSatisfy { $0.orderFullyAllocated })
            #expect(try await Self.count(f, "SELECT count(*)::int FROM allocation.backorders") == 20 - recovered.count)
            let newlyAllocated = try await f.published(OrderAllocated.self).filter { placed.contains($0.orderId) }.count
            #expect(recovered.count + newlyAllocated == 12)
            let batches = try await f.service.listBatches(BatchListQuery(sku: "LAMP"))
            #expect(batches.items.allSatisfy { $0.availableQuantity >= 0 })
        }
    }

    @Test func theOldestBackorderIsServedFirstAndALineThatKeptItsBatchKeepsIt() async throws {
        try await PostgresAllocationFixture.run(poolSize: 4) { f in
            _ = try await f.service.addBatch(AddBatch(reference: "a", sku: "A", quantity: 10))
            _ = try await f.service.addBatch(AddBatch(reference: "b", sku: "B", quantity: 2))
            let (first, second) = (UUID(), UUID())
            try await f.place([("A", 1), ("B", 2)], order: first)
            _ = try await f.service.addBatch(AddBatch(reference: "b2", sku: "B", quantity: 1))
            try await f.place([("B", 1)], order: second)
            // Both orders lose their B: the cut of b2, then of b.
            _ = try await f.service.changeBatch(reference: "b2", ChangeBatch(quantity: 0))
            _ = try await f.service.changeBatch(reference: "b", ChangeBatch(quantity: 0))
            #expect(try await Self.count(f, "SELECT count(*)::int FROM allocation.backorders") == 2)
            _ = try await f.service.addBatch(AddBatch(reference: "b3", sku: "B", quantity: 2))
            try await f.recover("B")
            let recovered = try await f.published(BackorderedLineAllocated.self)
            #expect(recovered.map(\.orderId) == [first], "the older order takes the two units; the newer waits")
            #expect(recovered.first?.batchReference == "b3" && recovered.first?.orderFullyAllocated == true)
            let lines = try await f.db.pool.query(
                "SELECT sku, batch_reference FROM allocation.allocations WHERE order_id = $1 ORDER BY sku", [.uuid(first)])
            #expect(try lines.map { "\(try $0.decode(String.self, at: 0))@\(try $0.decode(String.self, at: 1))" } == ["A@a", "B@b3"])
            // The newer one is released (cancelled): it leaves no backorder behind.
            try await f.release(second)
            #expect(try await Self.count(f, "SELECT count(*)::int FROM allocation.backorders") == 0)
        }
    }
}
