public import EventBus
public import Foundation
import NotificationsDomain
public import PaymentsContracts

/// Messages to the customer about money Payments moved for their order.
extension NotificationsService {
    /// `payments.payment_refunded.v1` → "Refund" with this refund's amount. The event names the order only: its
    /// customer comes from Orders; nothing (logged) when Orders does not know the order.
    public func paymentRefunded(_ event: PaymentRefunded, eventId: UUID, in tx: NotificationsTransaction) async throws {
        guard let customerId = try await customer(ofOrder: event.orderId, for: RefundMessage.kind) else { return }
        try await tellCustomer(customerId, about: event.orderId, for: eventId, in: tx) { customer, order in
            RefundMessage(name: customer.name, orderId: event.orderId, amount: MoneyText.format(event.amount),
                          fullyRefunded: event.isFullRefund, items: order.items)
        }
    }
}
