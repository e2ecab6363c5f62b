public import AllocationContracts
import AllocationDomain
public import Foundation
public import Kernel

/// The query side (CQRS): tables the event handlers rebuild from the stock, and the API reads.
public protocol AllocationReadModels: Sendable {
    /// Recomputes the stock levels of `skus` from their batches; an older recomputation never overwrites a newer.
    func refreshStockLevels(_ skus: [SKU]) async throws
    /// Rebuilds the order's rows of the allocations view from its current allocations.
    func refreshAllocations(of orderId: UUID) async throws
    func stockLevel(_ sku: SKU) async throws -> StockLevelDTO?
    /// The view's rows of the order, by SKU.
    func allocations(of orderId: UUID) async throws -> [AllocationViewDTO]
}
