public import AllocationContracts
import AllocationDomain
import EventBus
public import Foundation
public import Kernel
import Logging

extension AllocationService {
    /// Where the order's lines are, from the allocations view. Only the order's owner and staff see it; for
    /// anyone else, as for an unknown order, `404`. An order Allocation has not heard of yet (its placement event is
    /// still on its way) has nothing allocated: `[]` when Orders knows it and the caller may see it.
    public func allocations(orderId: UUID, caller: Caller) async throws -> [AllocationViewDTO] {
        if let order = try await store.orders.order(orderId) {
            guard caller.isStaff || order.customerId == caller.userId else { throw AllocationErrors.orderNotFound }
            return try await store.readModels.allocations(of: orderId)
        }
        guard try await orders.isVisible(orderId: orderId, to: caller) else { throw AllocationErrors.orderNotFound }
        return []
    }

    /// Where the order's lines are and whether each can leave now (for Orders' shipments).
    public func lineBatches(orderId: UUID) async throws -> [LineBatchDTO] {
        try await store.readModels.lineBatches(of: orderId)
    }

    /// The stock numbers of a SKU, from the stock levels read model. A SKU that never had a batch has no row
    /// there: it answers zeros when the catalog has it as an active product (one facade call), else `404`, as
    /// does a SKU that is not even well-formed. (Asking the catalog here, rather than keeping a row per product
    /// from `products.product_created.v1`, keeps product writes free of a second transaction; ADR 10.)
    public func stockLevel(sku: String) async throws -> StockLevelDTO {
        guard let sku = SKU(normalizing: sku) else { throw AllocationErrors.stockNotFound }
        if let level = try await store.readModels.stockLevel(sku) { return level }
        guard try await catalog.activeSKUs([sku.value]).contains(sku.value) else { throw AllocationErrors.stockNotFound }
        return StockLevelDTO(sku: sku.value, available: 0, warehouseAvailable: 0, nextEta: nil)
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
