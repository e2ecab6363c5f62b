import AllocationContracts
import AllocationDomain
import EventBus
import Kernel

extension AllocationService {
    /// Announces what an operation on stock did: a line taken off (`LineDeallocated` with `reason`), moved
    /// (`LineReallocated`) or left without stock (`OutOfStock`). Allocations at placing are announced per order
    /// (`OrderAllocated`) instead.
    static func publish(_ changes: [StockChange], reason: String, in tx: AllocationTransaction) async throws {
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
                                                            eta: to.eta?.text))
            case let .outOfStock(line, wasAllocated):
                try await tx.events.publish(OutOfStock(sku: line.sku.value, orderId: line.orderId, quantity: line.quantity,
                                                       orderWasAllocated: wasAllocated))
            }
        }
    }
}
