public import EventBus
public import Foundation
import NotificationsDomain
public import OrdersContracts

/// Messages to the customer about their order, each with the order's lines as Orders shows them.
extension NotificationsService {
    /// `orders.order_awaiting_payment.v1` → "Order received".
    public func orderAwaitingPayment(_ event: OrderAwaitingPayment, eventId: UUID, in tx: NotificationsTransaction) async throws {
        try await tellCustomer(event.customerId, about: event.orderId, for: eventId, in: tx) { customer, order in
            OrderReceivedMessage(name: customer.name, orderId: event.orderId, items: order.items, total: MoneyText.format(order.total))
        }
    }

    /// `orders.order_paid.v1` → "Payment received".
    public func orderPaid(_ event: OrderPaid, eventId: UUID, in tx: NotificationsTransaction) async throws {
        try await tellCustomer(event.customerId, about: event.orderId, for: eventId, in: tx) { customer, order in
            PaymentReceivedMessage(name: customer.name, orderId: event.orderId, items: order.items, total: MoneyText.format(event.total))
        }
    }

    /// `orders.order_ship_date_changed.v1` → "New delivery date", only when the order's date moved later (an
    /// earlier or a lost date is not this message's to tell).
    public func orderShipDateChanged(_ event: OrderShipDateChanged, eventId: UUID, in tx: NotificationsTransaction) async throws {
        guard NewDeliveryDateMessage.tells(movingFrom: event.previousExpectedShipDate, to: event.expectedShipDate),
              let previous = event.previousExpectedShipDate, let date = event.expectedShipDate else { return }
        try await tellCustomer(event.customerId, about: event.orderId, for: eventId, in: tx) { customer, order in
            NewDeliveryDateMessage(name: customer.name, orderId: event.orderId, previousDate: previous, date: date, items: order.items)
        }
    }

    /// `orders.order_backordered.v1` → "Delayed".
    public func orderBackordered(_ event: OrderBackordered, eventId: UUID, in tx: NotificationsTransaction) async throws {
        try await tellCustomer(event.customerId, about: event.orderId, for: eventId, in: tx) { customer, order in
            OrderDelayedMessage(name: customer.name, orderId: event.orderId, sku: event.sku, items: order.items)
        }
    }

    /// `orders.order_cancelled.v1` → "Order cancelled", whoever cancelled it.
    public func orderCancelled(_ event: OrderCancelled, eventId: UUID, in tx: NotificationsTransaction) async throws {
        try await tellCustomer(event.customerId, about: event.orderId, for: eventId, in: tx) { customer, order in
            OrderCancelledMessage(name: customer.name, orderId: event.orderId, items: order.items, paymentRequested: event.paymentId != nil)
        }
    }

    /// Delivers `message(customer, order)` to the order's customer; nothing (logged) when Users or Orders does not
    /// know them.
    func tellCustomer<T: MessageTemplate>(_ customerId: UUID, about orderId: UUID, for eventId: UUID, in tx: NotificationsTransaction,
                                                  _ message: (Recipient, OrderSummary) -> T) async throws {
        guard let customer = try await customer(customerId, for: T.kind),
              let order = try await order(orderId, of: customerId, for: T.kind) else { return }
        try await deliver(message(customer, order), to: [customer], for: eventId, in: tx)
    }
}
