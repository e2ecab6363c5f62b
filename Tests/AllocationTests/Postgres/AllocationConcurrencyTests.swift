import AllocationApplication
import AllocationContracts
import AllocationDomain
import EventBus
import Foundation
import Kernel
import Postgres
import TestSupport
import Testing
@testable import AllocationInfrastructure

/// Cosmic Python's concurrency tests, on real PostgreSQL: no oversell, one version bump per success, and lost
/// races retried.
@Suite struct AllocationConcurrencyTests {
    @Test func twoAllocationsThatBothReadTheSameVersionBumpItOncePerSuccess() async throws {
        // Both use cases load version 1 before either stores (the barrier); the loser's conditional UPDATE finds
        // version 2, it is undone and runs again on what the winner committed.
        let barrier = Barrier(parties: 2)
        let seen = FirstLoads()
        try await PostgresAllocationFixture.run(poolSize: 4, locking: .optimistic,
                                                wrap: { barrierTransaction($0, barrier: barrier, seen: seen) }) { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 10))
            async let one: Void = f.place([("LAMP", 3)])
            async let two: Void = f.place([("LAMP", 3)])
            _ = try await (one, two)
            #expect(try await f.version("LAMP") == 3, "one bump for the batch, one per allocation")
            #expect(try await f.allocatedQuantity("LAMP") == 6)
            #expect(f.service.conflictsRetried == 1)
        }
    }

    @Test func twoAllocationsRacingForTheLastUnitsAllocateOnce() async throws {
        let barrier = Barrier(parties: 2)
        let seen = FirstLoads()
        try await PostgresAllocationFixture.run(poolSize: 4, locking: .optimistic,
                                                wrap: { barrierTransaction($0, barrier: barrier, seen: seen) }) { f in
            _ = try await f.service.addBatch(AddBatch(reference: "b1", sku: "LAMP", quantity: 5))
            async let one: Void = f.place([("LAMP", 3)])
            async let two: Void = f.place([("LAMP", 3)])
            _ = try await (one, two)
            #expect(try await f.version("LAMP") == 2, "exactly one success")
            #expect(try await f.allocatedQuantity("LAMP") == 3)
            #expect(try await f.published(OrderAllocated.self).count == 1)
            #expect(try await f.published(OrderRejected.self).count == 1)
        }
    }

    @Test(arguments: [StockLocking.rowLock, .optimistic])
    func twentyOrdersForTheLastTenUnitsAllocateExactlyTen(locking: StockLocking) async throws {
        try await PostgresAllocationFixture.run(poolSize: 8, locking: locking) { f in
            _ = try await f.service.addBatch(AddBatch(reference: "warehouse", sku: "LAST", quantity: 6))
            _ = try await f.service.addBatch(AddBatch(reference: "ship", sku: "LAST", quantity: 4, eta: "2027-01-01"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { try await f.place([("LAST", 1)]) } }
                try await group.waitForAll()
            }
            #expect(try await f.allocatedQuantity("LAST") == 10)
            #expect(try await f.version("LAST") == 2 + 10, "two batches added, then one bump per allocated order")
            #expect(try await f.published(OrderAllocated.self).count == 10)
            #expect(try await f.published(OrderRejected.self).count == 10)
            let batches = try await f.service.listBatches(BatchListQuery())
            #expect(batches.items.map(\.availableQuantity) == [0, 0])
        }
    }

    @Test func ordersOverlappingInSKUsInOppositeOrderNeitherDeadlockNorOversell() async throws {
        try await PostgresAllocationFixture.run(poolSize: 8) { f in
            _ = try await f.service.addBatch(AddBatch(reference: "a", sku: "A", quantity: 10))
            _ = try await f.service.addBatch(AddBatch(reference: "b", sku: "B", quantity: 10))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<16 {
                    group.addTask { try await f.place(i % 2 == 0 ? [("A", 1), ("B", 1)] : [("B", 1), ("A", 1)]) }
                }
                try await group.waitForAll()
            }
            #expect(try await f.allocatedQuantity("A") == 10)
            #expect(try await f.allocatedQuantity("B") == 10)
        }
    }
}

/// Lets `parties` callers through only when all of them have arrived.
actor Barrier {
    private let parties: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    init(parties: Int) { self.parties = parties }

    func arrive() async {
        if waiting.count + 1 >= parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

/// A transaction whose first load of each order's stock waits at the barrier (later loads, the retries, go
/// straight through), so that racing use cases are sure to read the same version.
func barrierTransaction(_ base: AllocationTransaction, barrier: Barrier, seen: FirstLoads) -> AllocationTransaction {
    base.replacing(repositories: AllocationRepositories(stock: BarrierStockRepository(base: base.stock, barrier: barrier, seen: seen),
                                                        orders: base.orders, readModels: base.readModels, audit: base.audit))
}

struct BarrierStockRepository: StockRepository {
    let base: any StockRepository
    let barrier: Barrier
    let seen: FirstLoads
    func stock(_ skus: [SKU], lines: LinesToLoad, lock: Bool) async throws -> [Stock] {
        let loaded = try await base.stock(skus, lines: lines, lock: lock)
        if case .order(let order) = lines, seen.first(order) { await barrier.arrive() }
        return loaded
    }
    func register(_ sku: SKU) async throws { try await base.register(sku) }
    func save(_ stock: Stock, original: Stock) async throws -> Bool { try await base.save(stock, original: original) }
    func sku(ofBatch reference: BatchReference) async throws -> SKU? { try await base.sku(ofBatch: reference) }
    func batch(_ reference: BatchReference) async throws -> BatchDTO? { try await base.batch(reference) }
    func batches(sku: SKU?, page: PageRequest) async throws -> [BatchDTO] { try await base.batches(sku: sku, page: page) }
}

final class FirstLoads: @unchecked Sendable {
    private let lock = NSLock()
    private var orders: Set<UUID> = []
    func first(_ order: UUID) -> Bool { lock.withLock { orders.insert(order).inserted } }
}
