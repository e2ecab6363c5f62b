import AllocationContracts
import AllocationDomain
public import EventBus
import Foundation
public import Kernel
import Logging

extension AllocationService {
    /// Free stock may have appeared for `sku` (a batch added, a quantity raised, an order released): its backordered
    /// lines are allocated where they now fit, oldest order first (docs/adr/0017), and each is announced with
    /// `BackorderedLineAllocated` (with whether its order has every line back). Runs in the transaction of an event
    /// handler, one SKU per transaction: it locks the SKU's stock, then the waiting orders' rows (oldest first),
    /// so an order released meanwhile is skipped and two SKUs of one order agree on which was the last one back.
    public func recoverBackorders(of sku: SKU, in tx: AllocationTransaction) async throws {
        // The cheap common case (no backorders of the SKU) takes no lock.
        guard !(try await tx.orders.backorders(of: sku)).isEmpty else { return }
        let lock = lockOnLoad
        let recovered: [(line: OrderLine, batch: Batch)] = try await retryingConflicts(in: tx) {
            guard let original = try await tx.stock.stock([sku], lines: .noLines, lock: lock).first else { return [] }
            let waiting = try await tx.orders.backorders(of: sku)
            let stillAllocated = try await tx.orders.lockAllocated(waiting.map(\.orderId))
            var stock = original
            let recovered = stock.allocateBackorders(waiting.filter { stillAllocated.contains($0.orderId) })
            try await Self.save([(stock, original)], in: tx)
            return recovered
        }
        for item in recovered { try await tx.orders.removeBackorder(orderId: item.line.orderId, sku: sku) }
        let today = today()
        for item in recovered {
            let left = try await tx.orders.backorderCount(item.line.orderId)
            try await tx.events.publish(BackorderedLineAllocated(
                orderId: item.line.orderId, sku: sku.value, quantity: item.line.quantity, batchReference: item.batch.reference.value,
                eta: item.batch.eta?.text, expectedShipDate: shipDates.shipDate(for: item.batch, today: today).text,
                orderFullyAllocated: left == 0))
        }
        if !recovered.isEmpty {
            logger.info("backordered lines allocated", ["sku": sku.value, "lines": String(recovered.count)])
        }
    }
}
