public import EventBus
import Foundation
import Kernel
import Logging
import OrdersContracts
import OrdersDomain
public import PaymentsContracts

/// Reactions to Payments' events (see `OrdersService+Allocation` for how late and repeated events are handled).
/// A result for a payment that is not the order's current one is ignored and logged.
extension OrdersService {
    /// `awaiting_payment` → `paid`; publishes `orders.order_paid.v1`. A success for an order cancelled meanwhile
    /// changes nothing here: Payments refunds it on its own knowledge (ADR 9). A success for an order backordered
    /// while awaiting payment is recorded on it (history `payment_succeeded`, status unchanged): it returns to
    /// `paid` when re-allocated (docs/adr/0017), so money is never taken without the order showing it.
    public func paymentSucceeded(_ event: PaymentSucceeded, in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(event.orderId, for: PaymentSucceeded.name, in: tx),
              expect(order, in: [.awaitingPayment, .backordered], for: PaymentSucceeded.name),
              isCurrentPayment(event.paymentId, of: order, for: PaymentSucceeded.name) else { return }
        if order.status == .backordered {
            guard let change = order.recordPaymentWhileBackordered(at: now()) else {
                logger.info("payment success for a backordered order already recorded", ["order_id": order.id.lowercased])
                return
            }
            try await tx.orders.update(order, change: change)
            return
        }
        let change = try order.move(to: .paid, at: now(), reason: "payment_succeeded", by: .provider)
        try await tx.orders.update(order, change: change)
        try await tx.events.publish(OrderPaid(orderId: order.id, customerId: order.customerId, paymentId: event.paymentId,
                                              total: order.total))
    }

    /// `awaiting_payment` → `payment_failed`; publishes `orders.order_payment_failed.v1` (Allocation releases). Also
    /// from `pending`, for an order that has not recorded its payment yet: the provider refused to create it
    /// (`provider_refused: …`) and the allocation reaction that asked for it did not commit, so no later event would
    /// ever fail the order otherwise.
    public func paymentFailed(_ event: PaymentFailed, in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(event.orderId, for: PaymentFailed.name, in: tx),
              expect(order, in: [.awaitingPayment, .pending], for: PaymentFailed.name),
              order.status == .pending || isCurrentPayment(event.paymentId, of: order, for: PaymentFailed.name) else { return }
        let reason = event.reason.map { "payment_failed: \($0.prefix(200))" } ?? "payment_failed"
        let change = try order.move(to: .paymentFailed, at: now(), reason: reason, by: .provider)
        try await tx.orders.update(order, change: change)
        try await tx.events.publish(OrderPaymentFailed(orderId: order.id, customerId: order.customerId, paymentId: event.paymentId))
    }

    /// Money went back (all of the payment or part of it): a history entry with reason `refunded` and the amount;
    /// the status stays as it is. Once the payment is fully refunded the order cannot ship.
    public func paymentRefunded(_ event: PaymentRefunded, in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(event.orderId, for: PaymentRefunded.name, in: tx) else { return }
        let change = order.recordRefund(event.amount, fully: event.isFullRefund, at: now(), by: .provider)
        try await tx.orders.recordRefund(order, change: change)
    }

    func isCurrentPayment(_ paymentId: UUID, of order: Order, for event: String) -> Bool {
        guard order.paymentId == paymentId else {
            logger.warning("payment result for another payment ignored",
                           ["event": event, "order_id": order.id.lowercased, "payment_id": paymentId.lowercased])
            return false
        }
        return true
    }
}
