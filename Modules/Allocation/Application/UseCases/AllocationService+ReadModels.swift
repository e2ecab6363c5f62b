public import AllocationContracts
import AllocationDomain
public import Foundation
import Kernel
import Logging

extension AllocationService {
    /// Where the order's lines are, from the allocations view. Only the order's owner and staff see it; for
    /// anyone else, as for an order Allocation never heard of, `404`.
    public func allocations(orderId: UUID, viewer: UUID, viewerIsStaff: Bool) async throws -> [AllocationViewDTO] {
        guard let order = try await store.orders.order(orderId), viewerIsStaff || order.customerId == viewer else {
            throw AllocationErrors.orderNotFound
        }
        return try await store.readModels.allocations(of: orderId)
    }

    /// The stock numbers of a SKU, from the stock levels read model. A SKU that is not even well-formed is as
    /// unknown as one the catalog never had: `404`.
    public func stockLevel(sku: String) async throws -> StockLevelDTO {
        guard let sku = StockKeepingUnit(normalizing: sku),
              let level = try await store.readModels.stockLevel(sku) else { throw AllocationErrors.stockNotFound }
        return level
    }

    /// Handler of the events that change a SKU's free stock (and of `products.product_created.v1`, which makes a
    /// SKU known with zeros): recomputes its stock level.
    public func refreshStockLevels(skus: [String], registering: Bool = false, in tx: any AllocationTransaction) async throws {
        let skus = Set(skus.compactMap(StockKeepingUnit.init(normalizing:))).sorted()
        if registering { for sku in skus { try await tx.stock.register(sku) } }
        try await tx.readModels.refreshStockLevels(skus)
    }

    /// Handler of the events that move an order's lines: rebuilds the order's rows of the allocations view.
    public func refreshAllocationsView(orderId: UUID, in tx: any AllocationTransaction) async throws {
        try await tx.readModels.refreshAllocations(of: orderId)
    }

    /// Handler of `allocation.out_of_stock.v1`: tells the stock manager. A failing notifier is logged and never
    /// fails anything (the allocation it reports on has committed already).
    public func notifyStockManager(_ event: OutOfStock) async {
        do {
            try await notifier.outOfStock(event)
        } catch {
            logger.warning("stock manager notification failed", ["sku": event.sku, "order_id": event.orderId.lowercased,
                                                                 "error": "\(error)"])
        }
    }
}
