import Foundation
import Kernel
import NotificationsApplication
import NotificationsDomain
import OrdersContracts

/// Orders from the Orders context's facade, read as their customer: exactly what the customer may see, with no
/// facade method of its own.
struct OrdersBook: OrderBook {
    let orders: any OrdersFacade

    func order(id: UUID, customerId: UUID) async throws -> OrderSummary? {
        let order: OrderDTO
        do {
            order = try await orders.order(id: id, caller: Caller(userId: customerId, roles: [.customer]))
        } catch let error as DomainError where error.kind == .notFound {
            return nil
        }
        return OrderSummary(items: order.lines.map { MessageBlock.Item(sku: $0.sku, quantity: $0.quantity, unitPrice: MoneyText.format($0.unitPrice)) },
                            total: order.total)
    }
}
