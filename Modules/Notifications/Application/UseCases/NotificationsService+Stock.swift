public import AllocationContracts
public import EventBus
public import Foundation
import NotificationsDomain

extension NotificationsService {
    /// `allocation.out_of_stock.v1` → "Out of stock" to every address of `STOCK_ALERT_EMAILS`, as one message (so a
    /// retry after one address's `4xx` cannot reach the others twice).
    public func outOfStock(_ event: OutOfStock, eventId: UUID, in tx: NotificationsTransaction) async throws {
        try await deliver(OutOfStockMessage(sku: event.sku, orderId: event.orderId, quantity: event.quantity,
                                            orderWasAllocated: event.orderWasAllocated),
                          to: settings.stockAlertRecipients, for: eventId, in: tx)
    }
}
