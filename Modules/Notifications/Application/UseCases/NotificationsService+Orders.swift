public import EventBus
public import Foundation
import NotificationsDomain
public import OrdersContracts

/// Messages to the customer about their order, each with the order's lines as Orders shows them.
extension NotificationsService {
    /// `orders.order_awaiting_payment.v1` → "Order received".
    public func orderAwaitingPayment(_ event: OrderAwaitingPayment, eventId: UUID, in tx: NotificationsTransaction) async throws {
        let kind = OrderReceivedMessage.kind
        guard let customer = try await customer(event.customerId, for: kind),
              let order = try await order(event.orderId, of: event.customerId, for: kind) else { return }
        try await deliver(OrderReceivedMessage(name: customer.name, orderId: event.orderId, items: order.items,
                                               total: MoneyText.format(order.total)),
                          to: [customer], for: eventId, in: tx)
    }

    /// `orders.order_paid.v1` → "Payment received".
    public func orderPaid(_ event: OrderPaid, eventId: UUID, in tx: NotificationsTransaction) async throws {
        let kind = PaymentReceivedMessage.kind
        guard let customer = try await customer(event.customerId, for: kind),
              let order = try await order(event.orderId, of: event.customerId, for: kind) else { return }
        try await deliver(PaymentReceivedMessage(name: customer.name, orderId: event.orderId, items: order.items,
                                                 total: MoneyText.format(event.total)),
                          to: [customer], for: eventId, in: tx)
    }

    /// `orders.order_backordered.v1` → "Delayed".
    public func orderBackordered(_ event: OrderBackordered, eventId: UUID, in tx: NotificationsTransaction) async throws {
        let kind = OrderDelayedMessage.kind
        guard let customer = try await customer(event.customerId, for: kind),
              let order = try await order(event.orderId, of: event.customerId, for: kind) else { return }
        try await deliver(OrderDelayedMessage(name: customer.name, orderId: event.orderId, sku: event.sku, items: order.items),
                          to: [customer], for: eventId, in: tx)
    }

    /// `orders.order_cancelled.v1` → "Order cancelled", whoever cancelled it.
    public func orderCancelled(_ event: OrderCancelled, eventId: UUID, in tx: NotificationsTransaction) async throws {
        let kind = OrderCancelledMessage.kind
        guard let customer = try await customer(event.customerId, for: kind),
              let order = try await order(event.orderId, of: event.customerId, for: kind) else { return }
        try await deliver(OrderCancelledMessage(name: customer.name, orderId: event.orderId, items: order.items,
                                                paymentRequested: event.paymentId != nil),
                          to: [customer], for: eventId, in: tx)
    }
}
