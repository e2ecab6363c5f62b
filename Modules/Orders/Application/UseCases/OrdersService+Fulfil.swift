import Audit
import EventBus
public import Foundation
public import Kernel
import Logging
public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// Fulfilment by staff through the status: `shipped` ships every remaining quantity as one shipment, under the
    /// rules of `createShipment` (from `paid` or `partially_shipped`); `delivered` from `shipped` (publishes
    /// `orders.order_delivered.v1`). Any other target is `422`; a move the state machine does not allow from the
    /// current status is `409 invalid_transition`.
    public func changeStatus(id: UUID, to raw: String, caller: Caller, warehouse: any WarehouseGoods) async throws -> OrderDTO {
        guard caller.isStaff else { throw OrdersErrors.staffOnly }
        let target = try OrderStatus(parsing: raw, field: "status")
        guard target == .shipped || target == .delivered else {
            throw DomainError.validation(field: "status", message: "must be shipped or delivered")
        }
        if target == .shipped {
            return try await ship(orderId: id, caller: caller, warehouse: warehouse) { order in ShipmentRequest.remaining(of: order) }.order
        }
        let now = now()
        let changed: Order = try await store.transaction { tx in
            guard var order = try await tx.orders.orderForUpdate(id: id) else { throw OrdersErrors.notFound }
            let previous = order.status
            let change = try order.move(to: target, at: now, reason: target.rawValue, by: caller.agent)
            try await tx.orders.update(order, change: change)
            try await tx.audit.record(Self.statusChanged(order, from: previous, by: caller, at: now))
            try await tx.events.publish(OrderDelivered(orderId: order.id, customerId: order.customerId))
            return order
        }
        return OrderDTO(changed)
    }

    /// `POST /v1/orders/{id}/shipments` (staff, admin): goods of a `paid` or `partially_shipped` order leave, checked
    /// in the contract's order (`Order.ship`); `warehouse` says which lines are on warehouse stock (Allocation).
    public func createShipment(orderId: UUID, _ command: CreateShipment, caller: Caller,
                               warehouse: any WarehouseGoods) async throws -> ShipmentDTO {
        guard caller.isStaff else { throw OrdersErrors.staffOnly }
        let request = ShipmentRequest(lines: command.lines.map { ($0.sku, $0.quantity) }, carrier: command.carrier,
                                      trackingNumber: command.trackingNumber)
        return try await ship(orderId: orderId, caller: caller, warehouse: warehouse) { _ in request }.shipment
    }

    /// The one path of every shipment. Under the order's row lock (so concurrent shipments of one order queue up
    /// and never ship more than was ordered): the order, the shipment and its lines' shipped quantities, a history
    /// entry, the audit entry `shipment.created` (and `order.status_changed` when the status changed), and the
    /// events `orders.shipment_created.v1` and, once everything has left, `orders.order_shipped.v1`, in one transaction.
    func ship(orderId: UUID, caller: Caller, warehouse: any WarehouseGoods,
              request: @escaping @Sendable (Order) -> ShipmentRequest) async throws -> (order: OrderDTO, shipment: ShipmentDTO) {
        // Allocation is asked before the transaction, not under the row lock: a request holding its transaction's
        // connection must not wait for a second one from the pool, which requests queued on the same lock would
        // all hold (ADR 21). Warehouse stock never goes back to sea, so the answer stays true; the status is checked
        // first, so a refusal for the status costs no call, and again under the lock.
        guard let unlocked = try await store.orders.order(id: orderId) else { throw OrdersErrors.notFound }
        guard Order.shippable.contains(unlocked.status) else { throw Order.invalidTransition(from: unlocked.status, to: .shipped) }
        let inWarehouse = try await warehouse.skusInWarehouse(orderId: orderId)
        let now = now()
        let shipmentId = ids.next()
        let (order, shipment): (Order, Shipment) = try await store.transaction { tx in
            guard var order = try await tx.orders.orderForUpdate(id: orderId) else { throw OrdersErrors.notFound }
            let previous = order.status
            let (shipment, change) = try order.ship(request(order), id: shipmentId, warehouseSKUs: inWarehouse, at: now, by: caller.agent)
            try await tx.orders.recordShipment(shipment, of: order, change: change)
            try await tx.audit.record(AuditEntry(
                AuditAction.shipmentCreated, target: AuditTarget(type: "shipment", id: shipment.id.lowercased), by: caller, at: now,
                changes: ["orderId": .created(.text(order.id.lowercased)),
                          "lines": .created(.texts(shipment.lines.map { "\($0.sku) x \($0.quantity)" })),
                          "carrier": .created(.optional(shipment.carrier)),
                          "trackingNumber": .created(.optional(shipment.trackingNumber))]))
            if order.status != previous { try await tx.audit.record(Self.statusChanged(order, from: previous, by: caller, at: now)) }
            if order.status == .shipped {
                try await tx.events.publish(OrderShipped(orderId: order.id, customerId: order.customerId))
            }
            try await tx.events.publish(ShipmentCreated(orderId: order.id, customerId: order.customerId, shipmentId: shipment.id,
                                                        lines: shipment.lines.map(ShipmentLineDTO.init),
                                                        carrier: shipment.carrier, trackingNumber: shipment.trackingNumber))
            return (order, shipment)
        }
        logger.info("shipment created", ["order_id": orderId.lowercased, "shipment_id": shipment.id.lowercased,
                                         "status": order.status.rawValue])
        return (OrderDTO(order), ShipmentDTO(shipment))
    }

    /// `PUT /v1/orders/{id}/shipping-address` (owner, staff, admin): `409 address_locked` once goods have shipped or
    /// the order is closed.
    public func changeShippingAddress(orderId: UUID, _ address: AddressDTO, caller: Caller) async throws -> OrderDTO {
        let checked = try Address(address)
        let now = now()
        let changed: Order = try await store.transaction { tx in
            guard var order = try await tx.orders.orderForUpdate(id: orderId), caller.maySee(order) else { throw OrdersErrors.notFound }
            try order.changeShippingAddress(to: checked, at: now)
            try await tx.orders.updateShippingAddress(order)
            return order
        }
        return OrderDTO(changed)
    }

    /// The order's shipments, oldest first (owner, staff, admin).
    public func shipments(orderId: UUID, caller: Caller) async throws -> [ShipmentDTO] {
        guard let order = try await store.orders.order(id: orderId), caller.maySee(order) else { throw OrdersErrors.notFound }
        return try await store.orders.shipments(orderId: orderId).map(ShipmentDTO.init)
    }

    /// One shipment of the order (owner, staff, admin); `404` when the order has no such shipment.
    public func shipment(orderId: UUID, shipmentId: UUID, caller: Caller) async throws -> ShipmentDTO {
        guard let order = try await store.orders.order(id: orderId), caller.maySee(order) else { throw OrdersErrors.notFound }
        guard let shipment = try await store.orders.shipments(orderId: orderId).first(where: { $0.id == shipmentId }) else {
            throw DomainError.notFound("shipment")
        }
        return ShipmentDTO(shipment)
    }

    /// `order.status_changed` from `previous` to the order's status, by `caller`.
    static func statusChanged(_ order: Order, from previous: OrderStatus, by caller: Caller, at now: Date) -> AuditEntry {
        AuditEntry(AuditAction.orderStatusChanged, target: AuditTarget(type: "order", id: order.id.lowercased), by: caller, at: now,
                   changes: ["status": AuditChange(from: .text(previous.rawValue), to: .text(order.status.rawValue))])
    }
}
