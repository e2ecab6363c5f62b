import EventBus
public import Foundation
public import Kernel
public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// One order; another customer's is `404`, so its existence is not revealed.
    public func order(id: UUID, caller: Caller) async throws -> OrderDTO {
        guard let order = try await store.orders.order(id: id), caller.maySee(order) else { throw OrdersErrors.notFound }
        return OrderDTO(order)
    }

    /// Newest first, keyset-paged by (creation time, id). Customers see their own orders only (naming another
    /// customer is `403`); staff may filter by customer. The cursor is MACed under a scope naming the filters, so
    /// a cursor of another listing is `400 invalid_cursor`.
    public func listOrders(_ query: OrderListQuery, caller: Caller) async throws -> Page<OrderDTO> {
        let status = try query.status.map { raw throws(DomainError) in try OrderStatus(parsing: raw, field: "status") }
        var customerId = query.customerId
        if !caller.isStaff {
            if let asked = customerId, asked != caller.userId { throw OrdersErrors.othersOrders }
            customerId = caller.userId
        }
        let filter = OrderFilter(customerId: customerId, status: status)
        let scope = ["orders", customerId?.lowercased ?? "", status?.rawValue ?? ""].joined(separator: "\u{1F}")
        let pager = KeysetPager(cursors: cursors, scope: scope, keyCount: 2)
        let page = try pager.request(cursor: query.cursor, limit: query.limit)
        let found = try await store.orders.list(filter, page: page)
        return pager.page(found, for: page) { [String($0.createdAt.microsecondsSince1970), $0.id.lowercased] }.map(OrderDTO.init)
    }

    /// The status history, oldest first; staff and admin only.
    public func statusHistory(orderId: UUID, caller: Caller) async throws -> [StatusChangeDTO] {
        guard caller.isStaff else { throw OrdersErrors.staffOnly }
        guard try await store.orders.order(id: orderId) != nil else { throw OrdersErrors.notFound }
        return try await store.orders.history(orderId: orderId).map(StatusChangeDTO.init)
    }
}

extension Caller {
    /// Staff see every order; a customer only their own.
    func maySee(_ order: Order) -> Bool { isStaff || order.customerId == userId }
}
