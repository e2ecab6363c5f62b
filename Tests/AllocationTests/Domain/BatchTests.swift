import AllocationDomain
import Foundation
import Kernel
import Testing

/// Cosmic Python's test_batches.py, in Swift.
@Suite struct BatchTests {
    static let sku = SKU(normalizing: "SMALL-TABLE")!
    static let order = UUID()

    static func batchAndLine(batchQuantity: Int, lineQuantity: Int, sku: String = "SMALL-TABLE") -> (Stock, OrderLine) {
        let batch = Batch(reference: try! BatchReference("batch-001"), sku: Self.sku, purchasedQuantity: batchQuantity, eta: nil)
        return (Stock(sku: Self.sku, batches: [batch], version: 0),
                OrderLine(orderId: order, sku: SKU(normalizing: sku)!, quantity: lineQuantity))
    }

    @Test func allocatingToABatchReducesTheAvailableQuantity() {
        var (stock, line) = Self.batchAndLine(batchQuantity: 20, lineQuantity: 2)
        _ = stock.allocate(line)
        #expect(stock.batches[0].availableQuantity == 18)
        #expect(stock.batches[0].allocatedQuantity == 2)
    }

    @Test(arguments: [(20, 2, true), (2, 20, false), (2, 2, true)])
    func canAllocateOnlyWhatIsAvailable(batch: Int, line: Int, fits: Bool) {
        let (stock, line) = Self.batchAndLine(batchQuantity: batch, lineQuantity: line)
        #expect(stock.batches[0].canAllocate(line) == fits)
    }

    @Test func cannotAllocateIfSKUsDoNotMatch() {
        let (stock, line) = Self.batchAndLine(batchQuantity: 100, lineQuantity: 10, sku: "EXPENSIVE-TOASTER")
        #expect(!stock.batches[0].canAllocate(line))
    }

    @Test func allocationIsIdempotent() {
        var (stock, line) = Self.batchAndLine(batchQuantity: 20, lineQuantity: 2)
        _ = stock.allocate(line)
        let again = stock.allocate(line)
        #expect(stock.batches[0].availableQuantity == 18)
        #expect(again == .allocated(line, batch: stock.batches[0]))
    }

    @Test func deallocateTakesOnlyTheOrdersLine() {
        var (stock, line) = Self.batchAndLine(batchQuantity: 20, lineQuantity: 2)
        #expect(stock.deallocate(orderId: Self.order) == nil, "an unallocated line cannot be deallocated")
        _ = stock.allocate(line)
        #expect(stock.deallocate(orderId: UUID()) == nil)
        #expect(stock.deallocate(orderId: Self.order) == .deallocated(line, batch: try! BatchReference("batch-001")))
        #expect(stock.batches[0].availableQuantity == 20)
    }

    @Test func unlistedLinesCountAsAllocated() {
        let batch = Batch(reference: try! BatchReference("b"), sku: Self.sku, purchasedQuantity: 10, eta: nil, unlistedQuantity: 9)
        #expect(batch.availableQuantity == 1)
        #expect(!batch.canAllocate(OrderLine(orderId: UUID(), sku: Self.sku, quantity: 2)))
    }

    @Test func referencesAndDatesAreValidated() throws {
        #expect(throws: DomainError.self) { try BatchReference("") }
        #expect(throws: DomainError.self) { try BatchReference("-starts-with-hyphen") }
        #expect(throws: DomainError.self) { try BatchReference("has space") }
        #expect(throws: DomainError.self) { try BatchReference(String(repeating: "a", count: 65)) }
        #expect(try BatchReference("Batch_2027.01-a").value == "Batch_2027.01-a")
        #expect(try ArrivalDate("2027-02-28").text == "2027-02-28")
        for bad in ["2027-02-30", "2027-13-01", "27-01-01", "2027-1-01", "2027-01-01T00:00:00Z", "", "１２３４-01-01"] {
            #expect(throws: DomainError.self, "\(bad)") { try ArrivalDate(bad) }
        }
        #expect(SKU(normalizing: "  red-chair-01 ")?.value == "RED-CHAIR-01")
        #expect(SKU(normalizing: "-RED") == nil)
        #expect(SKU(normalizing: "RÉD") == nil)
    }
}
