import AllocationApplication
import AllocationContracts
import Kernel
import Logging

/// Tells the stock manager through the log (an e-mail adapter can replace it behind the same port).
struct LoggingStockManagerNotifier: StockManagerNotifier {
    let logger: Logger

    func outOfStock(_ event: OutOfStock) async throws {
        logger.warning("out of stock", ["sku": event.sku, "order_id": event.orderId.lowercased, "quantity": String(event.quantity),
                                        "order_was_allocated": String(event.orderWasAllocated)])
    }
}
