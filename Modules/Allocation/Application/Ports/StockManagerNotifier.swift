public import AllocationContracts

/// Tells the stock manager a line found no stock (an e-mail adapter may come; the log one is there now).
public protocol StockManagerNotifier: Sendable {
    func outOfStock(_ event: OutOfStock) async throws
}
