import EventBus
public import Foundation
public import Kernel
public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// One order; another customer's is `404`, so its existence is not revealed.
    public func order(id: UUID, viewer: OrderViewer) async throws -> OrderDTO {
        guard let order = try await store.orders.order(id: id), viewer.maySee(order) else { throw OrdersErrors.notFound }
        return OrderDTO(order)
    }

    /// Newest first, keyset-paged by (creation time, id). Customers see their own orders only (naming another
    /// customer is `403`); staff may filter by customer. The cursor is MACed under a scope naming the filters, so
    /// a cursor of another listing is `400 invalid_cursor`.
    public func listOrders(_ query: OrderListQuery, viewer: OrderViewer) async throws -> Page<OrderDTO> {
        let status = try query.status.map { raw throws(DomainError) in try OrderStatus(parsing: raw, field: "status") }
        var customerId = query.customerId
        if !viewer.isStaff {
            if let asked = customerId, asked != viewer.userId { throw OrdersErrors.othersOrders }
            customerId = viewer.userId
        }
        let filter = OrderFilter(customerId: customerId, status: status)
        let scope = ["orders", customerId?.lowercased ?? "", status?.rawValue ?? ""].joined(separator: "\u{1F}")
        let after = try query.cursor.map { cursor throws(DomainError) in try cursors.decode(cursor, scope: scope) }
        guard after == nil || after?.values.count == 2 else { throw OrdersErrors.invalidCursor }
        let page = try PageRequest(limit: query.limit, after: after)
        let found = try await store.orders.list(filter, page: page)
        let items = Array(found.prefix(page.limit))
        let next = found.count > page.limit ? items.last.map { last in
            cursors.encode(CursorPosition([String(last.createdAt.microsecondsSince1970), last.id.lowercased]), scope: scope)
        } : nil
        return Page(items: items.map(OrderDTO.init), nextCursor: next)
    }

    /// The status history, oldest first; staff and admin only.
    public func statusHistory(orderId: UUID, viewer: OrderViewer) async throws -> [StatusChangeDTO] {
        guard viewer.isStaff else { throw OrdersErrors.staffOnly }
        guard try await store.orders.order(id: orderId) != nil else { throw OrdersErrors.notFound }
        return try await store.orders.history(orderId: orderId).map(StatusChangeDTO.init)
    }
}

extension OrderViewer {
    /// Staff see every order; a customer only their own.
    func maySee(_ order: Order) -> Bool { isStaff || order.customerId == userId }
}
