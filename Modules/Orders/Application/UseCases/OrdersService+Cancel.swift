import Audit
import EventBus
public import Foundation
public import Kernel
import Logging
public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// Cancels from `pending`, `awaiting_payment`, `paid` or `backordered` and publishes
    /// `orders.order_cancelled.v1` (Allocation releases the stock; Payments cancels or refunds the payment). An
    /// order already cancelled is answered as it is; any other status is `409 invalid_transition`. The row lock
    /// serialises this against the allocation handler (ADR 9).
    public func cancelOrder(id: UUID, caller: Caller) async throws -> OrderDTO {
        let now = now()
        let cancelled: Order = try await store.transaction { tx in
            guard var order = try await tx.orders.orderForUpdate(id: id), caller.maySee(order) else { throw OrdersErrors.notFound }
            guard order.status != .cancelled else { return order }
            let previous = order.status
            let reason = order.customerId == caller.userId ? "cancelled_by_customer" : "cancelled_by_staff"
            let change = try order.move(to: .cancelled, at: now, reason: reason, by: caller.agent)
            try await tx.orders.update(order, change: change)
            try await tx.events.publish(OrderCancelled(orderId: order.id, customerId: order.customerId,
                                                       previousStatus: previous.rawValue, paymentId: order.paymentId))
            try await tx.audit.record(AuditEntry(AuditAction.orderCancelled, target: AuditTarget(type: "order", id: order.id.lowercased),
                                                 by: caller, at: now,
                                                 changes: ["status": AuditChange(from: .text(previous.rawValue), to: .text(order.status.rawValue))]))
            return order
        }
        logger.info("order cancelled", ["order_id": id.lowercased, "by": caller.userId.lowercased])
        return OrderDTO(cancelled)
    }
}

extension OrdersService {
    /// The payment deadline job's pass: cancels each `awaiting_payment` order whose payment is overdue
    /// (`PAYMENT_DEADLINE_SECONDS` after it entered that status), history `payment_deadline_passed` by the shop, and
    /// publishes `orders.order_cancelled.v1` (its stock is released, its pending payment cancelled; a success that
    /// still arrives is refunded). Each order is checked again under its row lock, so processes running the job at
    /// once cancel it once. Returns how many it cancelled.
    public func cancelOverdueOrders(limit: Int = 100) async throws -> Int {
        let now = now()
        var cancelled = 0
        for id in try await store.orders.awaitingPayment(dueBefore: now, limit: limit) {
            let done: Bool = try await store.transaction { tx in
                guard var order = try await tx.orders.orderForUpdate(id: id), order.status == .awaitingPayment,
                      let due = order.paymentDueAt, due <= now else { return false }
                let change = try order.move(to: .cancelled, at: now, reason: "payment_deadline_passed", by: .system)
                try await tx.orders.update(order, change: change)
                try await tx.events.publish(OrderCancelled(orderId: order.id, customerId: order.customerId,
                                                           previousStatus: OrderStatus.awaitingPayment.rawValue,
                                                           paymentId: order.paymentId))
                return true
            }
            if done {
                cancelled += 1
                logger.info("unpaid order cancelled at its payment deadline", ["order_id": id.lowercased])
            }
        }
        return cancelled
    }
}
