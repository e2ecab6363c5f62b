import Audit
import EventBus
public import Foundation
public import Kernel
public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// Fulfilment by staff: `paid` → `shipped` (publishes `orders.order_shipped.v1`), `shipped` → `delivered`
    /// (`orders.order_delivered.v1`). An order whose payment was fully refunded cannot ship (`409 payment_refunded`). Any other target is `422`; a move the state machine does not allow from
    /// the current status is `409 invalid_transition`.
    public func changeStatus(id: UUID, to raw: String, caller: Caller) async throws -> OrderDTO {
        guard caller.isStaff else { throw OrdersErrors.staffOnly }
        let target = try OrderStatus(parsing: raw, field: "status")
        guard target == .shipped || target == .delivered else {
            throw DomainError.validation(field: "status", message: "must be shipped or delivered")
        }
        let now = now()
        let changed: Order = try await store.transaction { tx in
            guard var order = try await tx.orders.orderForUpdate(id: id) else { throw OrdersErrors.notFound }
            let previous = order.status
            let change = target == .shipped ? try order.ship(at: now, by: caller.agent) : try order.move(to: target, at: now, reason: target.rawValue, by: caller.agent)
            try await tx.orders.update(order, change: change)
            try await tx.audit.record(AuditEntry(AuditAction.orderStatusChanged, target: AuditTarget(type: "order", id: order.id.lowercased),
                                                 by: caller, at: now,
                                                 changes: ["status": AuditChange(from: .text(previous.rawValue), to: .text(order.status.rawValue))]))
            if target == .shipped {
                try await tx.events.publish(OrderShipped(orderId: order.id, customerId: order.customerId))
            } else {
                try await tx.events.publish(OrderDelivered(orderId: order.id, customerId: order.customerId))
            }
            return order
        }
        return OrderDTO(changed)
    }
}
