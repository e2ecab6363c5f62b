public import AllocationContracts
public import EventBus
import Foundation
import Kernel
import Logging
import OrdersContracts
import OrdersDomain
import PaymentsContracts

/// Reactions to Allocation's events, each run in the transaction that also records the event in the inbox.
/// Events may arrive twice or late: every reaction looks at the order's current status (under its row lock) and
/// does nothing when the transition is already made or no longer possible.
extension OrdersService {
    /// Every line allocated: if the order is still `pending`, ask Payments for the payment (idempotent per order)
    /// and move to `awaiting_payment` with its id; publishes `orders.order_awaiting_payment.v1`. The row lock is held
    /// during the call, so a cancellation either comes first (and no payment is created) or sees the payment id (ADR 9).
    public func orderAllocated(_ event: OrderAllocated, in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(event.orderId, for: OrderAllocated.name, in: tx),
              expect(order, in: [.pending], for: OrderAllocated.name) else { return }
        let paymentId = try await payments.requestPayment(
            RequestPayment(orderId: order.id, customerId: order.customerId, amount: order.total))
        let now = now()
        for line in event.lines { _ = order.promise(sku: line.sku, date: line.expectedShipDate) }
        let change = try order.awaitPayment(paymentId, at: now, dueAt: now.addingTimeInterval(paymentDeadline))
        try await tx.orders.update(order, change: change)
        try await tx.orders.updateShipDates(order)
        try await tx.events.publish(OrderAwaitingPayment(orderId: order.id, customerId: order.customerId, paymentId: paymentId,
                                                         total: order.total))
    }

    /// Some line had too little stock (nothing of the order stays allocated): a `pending` order is `rejected`.
    public func orderRejected(_ event: OrderRejected, in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(event.orderId, for: OrderRejected.name, in: tx),
              expect(order, in: [.pending], for: OrderRejected.name) else { return }
        let change = try order.move(to: .rejected, at: now(), reason: "out_of_stock: " + event.outOfStockSkus.joined(separator: ", "),
                                    by: .system)
        try await tx.orders.update(order, change: change)
    }

    /// A line that had been allocated lost its batch and found no other: an `awaiting_payment`, `paid` or
    /// `partially_shipped` order is `backordered`, and `orders.order_backordered.v1` says so. A line that has
    /// fully shipped no longer needs a batch: its loss changes nothing (ADR 21). A line that was never allocated (at placing) is
    /// Allocation's `OrderRejected` to tell. The line loses its date; an order already backordered (another line) only
    /// records that.
    public func outOfStock(_ event: OutOfStock, in tx: OrdersTransaction) async throws {
        guard event.orderWasAllocated,
              var order = try await lockedOrder(event.orderId, for: OutOfStock.name, in: tx),
              expect(order, in: [.awaitingPayment, .paid, .partiallyShipped, .backordered], for: OutOfStock.name),
              order.lines.first(where: { $0.sku == event.sku })?.unshippedQuantity != 0 else { return }
        let lostDate = order.promise(sku: event.sku, date: nil)
        // A redelivery, or a line already without a date, adds nothing to an order already backordered.
        let wasBackordered = order.status == .backordered
        if wasBackordered && !lostDate { return }
        let change = wasBackordered
            ? order.note("out_of_stock: \(event.sku)", at: now(), by: .system)
            : try order.move(to: .backordered, at: now(), reason: "out_of_stock: \(event.sku)", by: .system)
        try await tx.orders.update(order, change: change)
        try await tx.orders.updateShipDates(order)
        if !wasBackordered {
            try await tx.events.publish(OrderBackordered(orderId: order.id, customerId: order.customerId, sku: event.sku))
        }
    }

    /// A line that lost its batch found another (a batch's quantity was cut): the line's new date. No history entry:
    /// the order kept all its stock, and its history keeps to what the customer was promised or charged.
    public func lineReallocated(_ event: LineReallocated, in tx: OrdersTransaction) async throws {
        try await redate(event.orderId, sku: event.sku, to: event.expectedShipDate, reason: nil,
                         for: LineReallocated.name, in: tx)
    }

    /// A batch's ETA moved or it arrived: the line's new date, history `eta_changed` (status unchanged).
    public func shipDateChanged(_ event: ShipDateChanged, in tx: OrdersTransaction) async throws {
        try await redate(event.orderId, sku: event.sku, to: event.expectedShipDate, reason: "eta_changed",
                         for: ShipDateChanged.name, in: tx)
    }

    /// A backordered line has a batch again: its date; once every line has one, the order returns to the status it
    /// had before (`awaiting_payment`, due again a full deadline from now, or `paid`), history `reallocated`.
    public func backorderedLineAllocated(_ event: BackorderedLineAllocated, in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(event.orderId, for: BackorderedLineAllocated.name, in: tx),
              expect(order, in: [.backordered], for: BackorderedLineAllocated.name) else { return }
        _ = order.promise(sku: event.sku, date: event.expectedShipDate)
        try await tx.orders.updateShipDates(order)
        guard event.orderFullyAllocated else { return }
        let now = now()
        let change = try order.resume(at: now, paymentDueAt: now.addingTimeInterval(paymentDeadline))
        try await tx.orders.update(order, change: change)
        if order.status == .paid, let paymentId = order.paymentId {
            try await tx.events.publish(OrderPaid(orderId: order.id, customerId: order.customerId, paymentId: paymentId,
                                                  total: order.total))
        }
        logger.info("backordered order re-allocated", ["order_id": order.id.lowercased, "status": order.status.rawValue])
    }

    /// Sets the date of a line of an order that holds stock and, with a `reason`, records it when it changed.
    /// When that moved the order's own date, `orders.order_ship_date_changed.v1` says so (the customer hears of it).
    func redate(_ orderId: UUID, sku: String, to date: String?, reason: String?, for event: String,
                in tx: OrdersTransaction) async throws {
        guard var order = try await lockedOrder(orderId, for: event, in: tx),
              expect(order, in: [.awaitingPayment, .paid, .partiallyShipped, .backordered], for: event) else { return }
        let previous = order.expectedShipDate
        guard order.promise(sku: sku, date: date) else { return }
        try await tx.orders.updateShipDates(order)
        if let reason { try await tx.orders.update(order, change: order.note(reason, at: now(), by: .system)) }
        if order.expectedShipDate != previous {
            try await tx.events.publish(OrderShipDateChanged(orderId: order.id, customerId: order.customerId,
                                                             previousExpectedShipDate: previous,
                                                             expectedShipDate: order.expectedShipDate))
        }
    }

    /// The order, locked; nil (logged) for an order this context does not have.
    func lockedOrder(_ id: UUID, for event: String, in tx: OrdersTransaction) async throws -> Order? {
        guard let order = try await tx.orders.orderForUpdate(id: id) else {
            logger.warning("event for an unknown order ignored", ["event": event, "order_id": id.lowercased])
            return nil
        }
        return order
    }

    /// Whether `order` is in one of `statuses`; logs the event as ignored when not (late, duplicate, or overtaken).
    func expect(_ order: Order, in statuses: Set<OrderStatus>, for event: String) -> Bool {
        guard statuses.contains(order.status) else {
            logger.info("event ignored in the order's current status",
                        ["event": event, "order_id": order.id.lowercased, "status": order.status.rawValue])
            return false
        }
        return true
    }
}
