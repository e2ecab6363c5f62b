import AllocationDomain
import Foundation
import Kernel
import Testing

/// Which orders' allocations a change touched: the read model of allocations is rebuilt for exactly these.
@Suite struct OrdersMovedTests {
    typealias S = StockTests

    @Test func allocatingTakingOffAndMovingALineEachNameTheOrder() throws {
        let (kept, moved, added) = (UUID(), UUID(), UUID())
        let original = Stock(sku: S.sku("LAMP"), batches: [S.batch("warehouse", "LAMP", 20), S.batch("ship", "LAMP", 10, eta: S.today)],
                             version: 1)
        var stock = original
        _ = stock.allocate(S.line("LAMP", 2, order: kept))
        _ = stock.allocate(S.line("LAMP", 9, order: moved))
        let afterAllocating = stock
        #expect(afterAllocating.ordersMoved(since: original) == [kept, moved])
        #expect(afterAllocating.ordersMoved(since: afterAllocating).isEmpty)

        // Lowering the warehouse batch moves the newest line (`moved`) to the ship; `kept` stays.
        _ = try stock.changeBatchQuantity(try BatchReference("warehouse"), to: 5)
        _ = stock.allocate(S.line("LAMP", 1, order: added))
        #expect(stock.ordersMoved(since: afterAllocating) == [moved, added])

        var released = stock
        _ = released.deallocate(orderId: kept)
        #expect(released.ordersMoved(since: stock) == [kept])
    }
}
