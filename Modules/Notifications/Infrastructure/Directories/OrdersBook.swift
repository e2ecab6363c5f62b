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
        return OrderSummary(items: order.lines.map {
                                MessageBlock.Item(sku: $0.sku, quantity: $0.quantity, unitPrice: MoneyText.format($0.unitPrice),
                                                  expectedShipDate: $0.expectedShipDate)
                            },
                            total: order.total)
    }

    func customer(ofOrder id: UUID) async throws -> UUID? {
        do {
            return try await orders.order(id: id, caller: Self.notifications).customerId
        } catch let error as DomainError where error.kind == .notFound {
            return nil
        }
    }

    /// Reads an order whose customer the event does not name, as staff may: only to learn who to write to (the
    /// message's content is then read as that customer). Not a user: the nil id.
    private static let notifications = Caller(userId: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), roles: [.staff])
}
