import AllocationDomain
import Foundation
import Kernel
import Testing

/// Expected ship dates, ETA changes and arrival, and the recovery of backorders, in the Stock aggregate (ADR 17).
@Suite struct PromiseTests {
    static let sku = SKU(normalizing: "LAMP")!
    static let today = ArrivalDate(days: 20_000)
    static func batch(_ reference: String, _ quantity: Int, eta: Int64? = nil, lines: [OrderLine] = []) -> Batch {
        Batch(reference: try! BatchReference(reference), sku: sku, purchasedQuantity: quantity,
              eta: eta.map { ArrivalDate(days: today.days + $0) }, allocations: lines)
    }
    static func line(_ quantity: Int, order: UUID = UUID()) -> OrderLine { OrderLine(orderId: order, sku: sku, quantity: quantity) }

    @Test func aWarehouseLineShipsTheDayItIsAllocatedAShipmentLineItsETAPlusHandlingNeverInThePast() {
        let policy = ShipDatePolicy(handlingDays: 2)
        #expect(policy.shipDate(for: Self.batch("w", 1), today: Self.today) == Self.today)
        #expect(policy.shipDate(for: Self.batch("s", 1, eta: 10), today: Self.today).days == Self.today.days + 12)
        #expect(policy.shipDate(for: Self.batch("late", 1, eta: -5), today: Self.today).days == Self.today.days + 2,
                "a ship already late promises today plus the handling days")
        #expect(ShipDatePolicy(handlingDays: 0).shipDate(for: Self.batch("s", 1, eta: 3), today: Self.today).days == Self.today.days + 3)
        #expect(ArrivalDate(days: 20_000).text == "2024-10-04")
    }

    @Test func anETAChangeMovesNoLineAndReschedulesEveryLineOnTheBatch() throws {
        let (a, b) = (Self.line(3), Self.line(4))
        var stock = Stock(sku: Self.sku, batches: [Self.batch("ship", 10, eta: 5, lines: [a, b]), Self.batch("early", 10, eta: 1)],
                          version: 1)
        let later = ArrivalDate(days: Self.today.days + 9)
        let changes = try stock.changeBatch(try BatchReference("ship"), BatchChange(eta: .expected(later)))
        let ship = try #require(stock.batch(try BatchReference("ship")))
        #expect(ship.eta == later && ship.allocations == [a, b], "allocations are not moved by an ETA change")
        #expect(changes == [.rescheduled(a, batch: ship), .rescheduled(b, batch: ship)])
        #expect(try stock.changeBatch(try BatchReference("ship"), BatchChange(eta: .expected(later))).isEmpty, "the same ETA is no change")
    }

    @Test func anArrivalMakesWarehouseStockThatCannotGoBackToSea() throws {
        let a = Self.line(3)
        var stock = Stock(sku: Self.sku, batches: [Self.batch("ship", 10, eta: 5, lines: [a])], version: 1)
        let changes = try stock.changeBatch(try BatchReference("ship"), BatchChange(eta: .arrived))
        let arrived = try #require(stock.batch(try BatchReference("ship")))
        #expect(arrived.isWarehouseStock && changes == [.rescheduled(a, batch: arrived)])
        #expect(ShipDatePolicy(handlingDays: 2).shipDate(for: arrived, today: Self.today) == Self.today)
        let before = stock
        #expect(throws: Stock.batchArrived) {
            try stock.changeBatch(try BatchReference("ship"), BatchChange(eta: .expected(Self.today)))
        }
        #expect(stock == before, "a refused change changes nothing")
        #expect(try stock.changeBatch(try BatchReference("ship"), BatchChange(eta: .arrived)).isEmpty, "arriving twice is no change")
    }

    @Test func aQuantityCutWithAnETAChangeReallocatesAndReschedulesOnlyWhatStays() throws {
        let (old, new) = (Self.line(4), Self.line(4))
        var stock = Stock(sku: Self.sku, batches: [Self.batch("ship", 8, eta: 5, lines: [old, new]), Self.batch("other", 10, eta: 20)],
                          version: 1)
        let changes = try stock.changeBatch(try BatchReference("ship"), BatchChange(quantity: 4, eta: .expected(ArrivalDate(days: 20_007))))
        let ship = try #require(stock.batch(try BatchReference("ship")))
        let other = try #require(stock.batch(try BatchReference("other")))
        #expect(changes == [.deallocated(new, batch: ship.reference), .reallocated(new, from: ship.reference, to: other),
                            .rescheduled(old, batch: ship)])
        #expect(throws: DomainError.self) { try stock.changeBatch(try BatchReference("ship"), BatchChange(quantity: -1)) }
        #expect(throws: DomainError.notFound("batch")) { try stock.changeBatch(try BatchReference("nope"), BatchChange(quantity: 1)) }
    }

    @Test func backordersAreAllocatedOldestFirstAndALineNothingTakesStaysBackordered() throws {
        let (oldest, big, newest) = (Self.line(5), Self.line(9), Self.line(3))
        var stock = Stock(sku: Self.sku, batches: [Self.batch("w", 10), Self.batch("ship", 3, eta: 4)], version: 1)
        let allocated = stock.allocateBackorders([oldest, big, newest])
        #expect(allocated.map(\.line) == [oldest, newest], "the oldest gets the first pick; one nothing can take waits")
        #expect(allocated.map(\.batch.reference.value) == ["w", "w"])
        #expect(stock.availableQuantity == 5)
        #expect(stock.allocateBackorders([newest]).isEmpty, "a line already allocated is not allocated twice")
    }
}
