import AllocationContracts
import AllocationDomain
import EventBus
import Kernel

extension AllocationService {
    /// Announces what an operation on stock did: a line taken off (`LineDeallocated` with `reason`), moved
    /// (`LineReallocated`, with its new date), left without stock (`OutOfStock`; a line that lost its batch is kept as
    /// a backorder until stock appears), or given a new date by its batch's ETA (`ShipDateChanged`). Allocations at
    /// placing are announced per order (`OrderAllocated`) instead, and those of backorders by `recoverBackorders`.
    func publish(_ changes: [StockChange], reason: String, in tx: AllocationTransaction) async throws {
        let today = today()
        for change in changes {
            switch change {
            case .allocated:
                continue
            case let .deallocated(line, batch):
                try await tx.events.publish(LineDeallocated(orderId: line.orderId, sku: line.sku.value, quantity: line.quantity,
                                                            batchReference: batch.value, reason: reason))
            case let .reallocated(line, from, to):
                try await tx.events.publish(LineReallocated(orderId: line.orderId, sku: line.sku.value, quantity: line.quantity,
                                                            fromBatchReference: from.value, toBatchReference: to.reference.value,
                                                            eta: to.eta?.text,
                                                            expectedShipDate: shipDates.shipDate(for: to, today: today).text))
            case let .outOfStock(line, wasAllocated):
                if wasAllocated { try await tx.orders.addBackorder(line) }
                try await tx.events.publish(OutOfStock(sku: line.sku.value, orderId: line.orderId, quantity: line.quantity,
                                                       orderWasAllocated: wasAllocated))
            case let .rescheduled(line, batch):
                try await tx.events.publish(ShipDateChanged(orderId: line.orderId, sku: line.sku.value,
                                                            batchReference: batch.reference.value, eta: batch.eta?.text,
                                                            expectedShipDate: shipDates.shipDate(for: batch, today: today).text))
            }
        }
    }
}
