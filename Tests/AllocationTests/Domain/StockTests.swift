import AllocationDomain
import Foundation
import Kernel
import Testing

/// Cosmic Python's test_product.py (the aggregate), the batch-quantity change and the all-or-nothing rule.
@Suite struct StockTests {
    static func sku(_ text: String) -> SKU { SKU(normalizing: text)! }
    static func batch(_ reference: String, _ sku: String, _ quantity: Int, eta: Int64? = nil) -> Batch {
        Batch(reference: try! BatchReference(reference), sku: Self.sku(sku), purchasedQuantity: quantity,
              eta: eta.map(ArrivalDate.init(days:)))
    }
    static func line(_ sku: String, _ quantity: Int, order: UUID = UUID()) -> OrderLine {
        OrderLine(orderId: order, sku: Self.sku(sku), quantity: quantity)
    }
    static let today: Int64 = 20_000

    @Test func prefersWarehouseBatchesToShipments() {
        var stock = Stock(sku: Self.sku("RETRO-CLOCK"), batches: [
            Self.batch("shipment-batch", "RETRO-CLOCK", 100, eta: Self.today + 1),
            Self.batch("in-stock-batch", "RETRO-CLOCK", 100),
        ], version: 1)
        let line = Self.line("RETRO-CLOCK", 10)
        let change = stock.allocate(line)
        #expect(stock.batch(try! BatchReference("in-stock-batch"))?.availableQuantity == 90)
        #expect(stock.batch(try! BatchReference("shipment-batch"))?.availableQuantity == 100)
        guard case .allocated(_, let batch) = change else { Issue.record("not allocated: \(change)"); return }
        #expect(batch.reference.value == "in-stock-batch")
    }

    @Test func prefersEarlierBatches() {
        var stock = Stock(sku: Self.sku("MINIMALIST-SPOON"), batches: [
            Self.batch("slow", "MINIMALIST-SPOON", 100, eta: Self.today + 30),
            Self.batch("speedy", "MINIMALIST-SPOON", 100, eta: Self.today),
            Self.batch("normal", "MINIMALIST-SPOON", 100, eta: Self.today + 7),
        ], version: 1)
        guard case .allocated(_, let batch) = stock.allocate(Self.line("MINIMALIST-SPOON", 10)) else { Issue.record("not allocated"); return }
        #expect(batch.reference.value == "speedy")
        #expect(batch.eta == ArrivalDate(days: Self.today))
        #expect(stock.batch(try! BatchReference("normal"))?.availableQuantity == 100)
        #expect(stock.batch(try! BatchReference("slow"))?.availableQuantity == 100)
    }

    @Test func fallsBackToALaterBatchWhenTheBestCannotTakeTheLine() {
        var stock = Stock(sku: Self.sku("LAMP"), batches: [
            Self.batch("warehouse", "LAMP", 5), Self.batch("ship", "LAMP", 50, eta: Self.today),
        ], version: 1)
        guard case .allocated(_, let batch) = stock.allocate(Self.line("LAMP", 6)) else { Issue.record("not allocated"); return }
        #expect(batch.reference.value == "ship")
    }

    @Test func outOfStockIsAnOutcomeNotACrash() {
        var stock = Stock(sku: Self.sku("SMALL-FORK"), batches: [Self.batch("b1", "SMALL-FORK", 10)], version: 1)
        _ = stock.allocate(Self.line("SMALL-FORK", 10))
        let line = Self.line("SMALL-FORK", 1)
        #expect(stock.allocate(line) == .outOfStock(line, wasAllocated: false))
    }

    @Test func addingABatchTwiceIsRefused() throws {
        var stock = Stock(sku: Self.sku("X"), batches: [Self.batch("b1", "X", 10)], version: 1)
        #expect(throws: Stock.batchExists) { try stock.add(Self.batch("b1", "X", 5)) }
        #expect(throws: DomainError.self) { try stock.add(Self.batch("b2", "Y", 5)) }
        try stock.add(Self.batch("b2", "X", 5))
        #expect(stock.availableQuantity == 15)
    }

    @Test func loweringABatchQuantityDeallocatesNewestLinesAndReallocatesThem() throws {
        var stock = Stock(sku: Self.sku("INDIFFERENT-TABLE"), batches: [
            Self.batch("batch1", "INDIFFERENT-TABLE", 50), Self.batch("batch2", "INDIFFERENT-TABLE", 50, eta: Self.today),
        ], version: 1)
        let first = Self.line("INDIFFERENT-TABLE", 20)
        let second = Self.line("INDIFFERENT-TABLE", 20)
        _ = stock.allocate(first)
        _ = stock.allocate(second)
        #expect(stock.batch(try BatchReference("batch2"))?.availableQuantity == 50)

        let changes = try stock.changeBatchQuantity(try BatchReference("batch1"), to: 25)
        let batch2 = try #require(stock.batch(try BatchReference("batch2")))
        #expect(changes == [.deallocated(second, batch: try BatchReference("batch1")),
                            .reallocated(second, from: try BatchReference("batch1"), to: batch2)])
        #expect(stock.batch(try BatchReference("batch1"))?.availableQuantity == 5)
        #expect(batch2.availableQuantity == 30)
    }

    @Test func aLineNoBatchCanTakeAfterAShrinkIsOutOfStock() throws {
        var stock = Stock(sku: Self.sku("T"), batches: [Self.batch("only", "T", 10)], version: 1)
        let old = Self.line("T", 4)
        let new = Self.line("T", 4)
        _ = stock.allocate(old)
        _ = stock.allocate(new)
        let changes = try stock.changeBatchQuantity(try BatchReference("only"), to: 5)
        #expect(changes == [.deallocated(new, batch: try BatchReference("only")), .outOfStock(new, wasAllocated: true)])
        #expect(stock.batches[0].allocations == [old], "earlier orders keep their stock")
        #expect(throws: DomainError.self) { try stock.changeBatchQuantity(try BatchReference("only"), to: -1) }
        #expect(throws: DomainError.notFound("batch")) { try stock.changeBatchQuantity(try BatchReference("other"), to: 1) }
    }

    @Test func anOrderIsAllocatedAllOrNothing() {
        let order = UUID()
        let chairs = Stock(sku: Self.sku("CHAIR"), batches: [Self.batch("c1", "CHAIR", 10)], version: 3)
        let tables = Stock(sku: Self.sku("TABLE"), batches: [Self.batch("t1", "TABLE", 1)], version: 7)
        let lines = [Self.line("CHAIR", 4, order: order), Self.line("TABLE", 2, order: order)]
        #expect(OrderAllocation.allocate(lines, in: [chairs, tables]) == .rejected(outOfStock: [lines[1]]))

        let fewer = [Self.line("CHAIR", 4, order: order), Self.line("TABLE", 1, order: order)]
        guard case .allocated(let allocated, let stock) = OrderAllocation.allocate(fewer, in: [chairs, tables]) else {
            Issue.record("not allocated"); return
        }
        #expect(allocated.map(\.batch.reference.value) == ["c1", "t1"])
        #expect(stock.map(\.availableQuantity) == [6, 0])
        #expect(stock.map(\.version) == [3, 7], "versions are the store's to bump")
    }

    @Test func anOrderLineOfASKUWithoutStockIsRejected() {
        let line = Self.line("GHOST", 1)
        #expect(OrderAllocation.allocate([line], in: []) == .rejected(outOfStock: [line]))
    }

    @Test func aSKUGivenTwiceCountsOnceWithTheQuantitiesAdded() {
        let order = UUID()
        let lines = OrderAllocation.lines(orderId: order, [(Self.sku("B"), 2), (Self.sku("A"), 1), (Self.sku("B"), 3)])
        #expect(lines == [Self.line("A", 1, order: order), Self.line("B", 5, order: order)])
    }
}
