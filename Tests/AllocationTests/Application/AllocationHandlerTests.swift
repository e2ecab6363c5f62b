import AllocationApplication
import AllocationContracts
import AllocationDomain
import EventBus
import Foundation
import Kernel
import OrdersContracts
import Logging
import Synchronization
import TestSupport
import Testing

/// Cosmic Python's test_handlers.py and test_views.py, with in-memory adapters.
@Suite struct AllocationHandlerTests {
    @Test func addBatchForNewAndExistingSKUs() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("b1", "crunchy-armchair", 100)
        try await f.addBatch("b2", "CRUNCHY-ARMCHAIR", 99, eta: "2027-01-01")
        #expect(try await f.service.listBatches(BatchListQuery()).items.map(\.reference) == ["b1", "b2"])
        #expect(try await f.service.stockLevel(sku: "crunchy-armchair") == StockLevelDTO(
            sku: "CRUNCHY-ARMCHAIR", available: 199, warehouseAvailable: 100, nextEta: "2027-01-01"))
    }

    @Test func addBatchRefusesUnknownSKUsAndBadInput() async throws {
        let f = try AllocationFixture()
        await #expect(throws: DomainError.validation(code: "unknown_sku", field: "sku", message: "no active product has this SKU")) {
            try await AllocationService(store: f.store, catalog: NoProducts(), orders: OrdersKnownElsewhere(), notifier: f.notifier,
                                        cursors: CursorCodec(mac: fakeMAC),
                                        logger: .discard).addBatch(AddBatch(reference: "b1", sku: "X", quantity: 1))
        }
        for command in [AddBatch(reference: "", sku: "X", quantity: 1), AddBatch(reference: "b", sku: "", quantity: 1),
                        AddBatch(reference: "b", sku: "X", quantity: -1), AddBatch(reference: "b", sku: "X", quantity: 1, eta: "soon")] {
            await #expect(throws: DomainError.self, "\(command)") { try await f.service.addBatch(command) }
        }
        #expect(try await f.service.listBatches(BatchListQuery()).items.isEmpty)
    }

    @Test func anOrderIsAllocatedAndTheViewShowsIt() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("batch1", "COMPLICATED-LAMP", 100)
        let customer = UUID()
        let order = try await f.place([("complicated-lamp", 10)], customer: customer)
        #expect(f.bus.published(OrderAllocated.self) == [OrderAllocated(orderId: order, lines: [
            AllocatedLine(sku: "COMPLICATED-LAMP", quantity: 10, batchReference: "batch1", eta: nil, expectedShipDate: "2026-12-01")])])
        #expect(try await f.service.batch(reference: "batch1").availableQuantity == 90)
        #expect(try await f.service.allocations(orderId: order, caller: Caller(userId: customer, roles: [.customer]))
            == [AllocationViewDTO(sku: "COMPLICATED-LAMP", batchReference: "batch1")])
        #expect(try await f.service.allocations(orderId: order, caller: Caller(userId: UUID(), roles: [.staff])).count == 1)
        await #expect(throws: DomainError.notFound("order")) {
            try await f.service.allocations(orderId: order, caller: Caller(userId: UUID(), roles: [.customer]))
        }
        await #expect(throws: DomainError.notFound("order")) {
            try await f.service.allocations(orderId: UUID(), caller: Caller(userId: customer, roles: [.customer]))
        }
    }

    /// Right after placing, Allocation may not have handled `order_placed` yet: Orders knows the order, so its owner
    /// and staff see `[]`; another customer still gets `404`, as for an order nobody knows.
    @Test func anOrderAllocationHasNotHeardOfYetHasNothingAllocated() async throws {
        let f = try AllocationFixture()
        let (order, customer) = (UUID(), UUID())
        f.ordersElsewhere.orders.with { $0[order] = customer }
        #expect(try await f.service.allocations(orderId: order, caller: Caller(userId: customer, roles: [.customer])) == [])
        #expect(try await f.service.allocations(orderId: order, caller: Caller(userId: UUID(), roles: [.staff])) == [])
        await #expect(throws: DomainError.notFound("order")) {
            try await f.service.allocations(orderId: order, caller: Caller(userId: UUID(), roles: [.customer]))
        }
    }

    @Test func anUnknownSKUOrBadLineRejectsTheWholeOrder() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("b1", "AREALSKU", 100)
        let order = try await f.place([("AREALSKU", 10), ("NONEXISTENTSKU", 10)])
        let bad = try await f.place([("AREALSKU", 1), ("not a sku", 1)])
        #expect(f.bus.published(OrderRejected.self) == [OrderRejected(orderId: order, outOfStockSkus: ["NONEXISTENTSKU"]),
                                                        OrderRejected(orderId: bad, outOfStockSkus: ["not a sku"])])
        #expect(f.bus.published(OrderAllocated.self).isEmpty)
        #expect(try await f.service.batch(reference: "b1").availableQuantity == 100)
        #expect(try await f.service.allocations(orderId: order, caller: Caller(userId: UUID(), roles: [.staff])) == [])
    }

    @Test func outOfStockNotifiesTheStockManagerAndAFailingNotifierFailsNothing() async throws {
        for fails in [false, true] {
            let f = try AllocationFixture(notifierFails: fails)
            try await f.addBatch("b1", "POPULAR-CURTAINS", 9)
            let order = try await f.place([("POPULAR-CURTAINS", 10)])
            #expect(f.notifier.notifications == [OutOfStock(sku: "POPULAR-CURTAINS", orderId: order, quantity: 10, orderWasAllocated: false)])
            #expect(f.bus.published(OrderRejected.self).count == 1)
            let fits = try await f.place([("POPULAR-CURTAINS", 9)])
            #expect(f.bus.published(OrderAllocated.self).map(\.orderId) == [fits], "fails: \(fails)")
        }
    }

    @Test func changingABatchQuantityChangesWhatIsAvailable() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("batch1", "ADORABLE-SETTEE", 100)
        let batch = try await f.service.changeBatchQuantity(reference: "batch1", ChangeBatchQuantity(quantity: 50))
        #expect(batch.availableQuantity == 50)
        await #expect(throws: DomainError.notFound("batch")) {
            try await f.service.changeBatchQuantity(reference: "nope", ChangeBatchQuantity(quantity: 1))
        }
        await #expect(throws: DomainError.self) {
            try await f.service.changeBatchQuantity(reference: "batch1", ChangeBatchQuantity(quantity: 1_000_001))
        }
    }

    @Test func changingABatchQuantityReallocatesIfNecessaryAndTheViewFollows() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("batch1", "INDIFFERENT-TABLE", 50)
        try await f.addBatch("batch2", "INDIFFERENT-TABLE", 50, eta: "2027-01-01")
        let first = try await f.place([("INDIFFERENT-TABLE", 20)])
        let second = try await f.place([("INDIFFERENT-TABLE", 20)])
        #expect(try await f.service.batch(reference: "batch1").availableQuantity == 10)

        _ = try await f.service.changeBatchQuantity(reference: "batch1", ChangeBatchQuantity(quantity: 25))
        #expect(try await f.service.batch(reference: "batch1").availableQuantity == 5)
        #expect(try await f.service.batch(reference: "batch2").availableQuantity == 30)
        #expect(f.bus.published(LineReallocated.self) == [LineReallocated(
            orderId: second, sku: "INDIFFERENT-TABLE", quantity: 20, fromBatchReference: "batch1", toBatchReference: "batch2",
            eta: "2027-01-01", expectedShipDate: "2027-01-03")])
        #expect(try await f.service.allocations(orderId: second, caller: Caller(userId: UUID(), roles: [.staff]))
            == [AllocationViewDTO(sku: "INDIFFERENT-TABLE", batchReference: "batch2")])
        #expect(try await f.service.allocations(orderId: first, caller: Caller(userId: UUID(), roles: [.staff]))
            == [AllocationViewDTO(sku: "INDIFFERENT-TABLE", batchReference: "batch1")])
    }

    @Test func redeliveredAndRepeatedEventsChangeNothing() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("b1", "LAMP", 10)
        let customer = UUID()
        let order = try await f.place([("LAMP", 2)], customer: customer)
        let placed = try #require(f.bus.published.first { $0.name == OrderPlaced.name })
        try await f.bus.deliver(placed)
        try await f.place([("LAMP", 2)], order: order, customer: customer)
        #expect(try await f.service.batch(reference: "b1").availableQuantity == 8)
        #expect(f.bus.published(OrderAllocated.self).count == 1)

        try await f.bus.publish(OrderCancelled(orderId: order, customerId: customer, previousStatus: "awaiting_payment", paymentId: nil))
        try await f.bus.publish(OrderPaymentFailed(orderId: order, customerId: customer, paymentId: UUID()))
        #expect(try await f.service.batch(reference: "b1").availableQuantity == 10)
        #expect(f.bus.published(LineDeallocated.self) == [LineDeallocated(orderId: order, sku: "LAMP", quantity: 2, batchReference: "b1",
                                                                          reason: "order_released")])
        #expect(try await f.service.allocations(orderId: order, caller: Caller(userId: customer, roles: [.customer])) == [])
    }

    @Test func aLostVersionRaceIsRetriedAndCounted() async throws {
        let f = try AllocationFixture()
        try await f.addBatch("b1", "LAMP", 10)
        // Another writer bumps the version between this use case's read and its write, twice.
        let races = RaceCount(2)
        f.interference.with { $0 = { state in
            state.stock[SKU(normalizing: "LAMP")!]!.version += 1
            return races.next()
        } }
        let order = try await f.place([("LAMP", 3)])
        #expect(f.service.conflictsRetried == 2)
        #expect(f.bus.published(OrderAllocated.self).map(\.orderId) == [order])
        #expect(try await f.service.batch(reference: "b1").availableQuantity == 7)
    }

    @Test func aUseCaseThatKeepsLosingGivesUpWithAConflict() async throws {
        let f = try AllocationFixture(maxAttempts: 3)
        try await f.addBatch("b1", "LAMP", 10)
        f.interference.with { $0 = { state in
            state.stock[SKU(normalizing: "LAMP")!]!.version += 1
            return true
        } }
        await #expect(throws: DomainError.self) {
            try await f.service.changeBatchQuantity(reference: "b1", ChangeBatchQuantity(quantity: 5))
        }
        #expect(f.service.conflictsRetried == 2)
        f.interference.with { $0 = nil }
        #expect(try await f.service.batch(reference: "b1").purchasedQuantity == 10, "nothing half-written")
    }
}

struct NoProducts: ProductCatalog {
    func activeSKUs(_ skus: [String]) async throws -> Set<String> { [] }
}

/// Says "again" `count` times, then stops.
final class RaceCount: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    init(_ count: Int) { left = count }
    func next() -> Bool { lock.withLock { left -= 1; return left > 0 } }
}
