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
    /// The batch of each allocated line of the order and whether it is warehouse stock, by SKU, from the
    /// allocations themselves (not the view, which may lag behind).
    func lineBatches(of orderId: UUID) async throws -> [LineBatchDTO]
    /// The view's rows of the order, by SKU.
    func allocations(of orderId: UUID) async throws -> [AllocationViewDTO]
}
