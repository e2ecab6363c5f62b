public import Foundation
public import Kernel
public import OrdersDomain

/// Orders and their status history as stored.
public protocol OrderRepository: Sendable {
    func order(id: UUID) async throws -> Order?
    /// The order, locked until the surrounding transaction ends: every status change of one order queues up
    /// behind this lock, which is what serialises a cancellation against the allocation handler (ADR 9).
    func orderForUpdate(id: UUID) async throws -> Order?
    /// Stores a new order and its first history entry.
    func insert(_ order: Order, placed: StatusChange) async throws
    /// Stores the order's new status (and payment id, update time, status to resume, payment deadline) and appends
    /// `change` to its history.
    func update(_ order: Order, change: StatusChange) async throws
    /// Stores the order's shipping address.
    func updateShippingAddress(_ order: Order) async throws
    /// Stores `shipment` of `order` (its lines' shipped quantities, its status and update time) and appends `change`.
    func recordShipment(_ shipment: Shipment, of order: Order, change: StatusChange) async throws
    /// The order's shipments, oldest first.
    func shipments(orderId: UUID) async throws -> [Shipment]
    /// Stores the expected ship date of each of the order's lines.
    func updateShipDates(_ order: Order) async throws
    /// Ids of `awaiting_payment` orders whose payment was due at or before `cutoff`, most overdue first, at most `limit`.
    func awaitingPayment(dueBefore cutoff: Date, limit: Int) async throws -> [UUID]
    /// Stores whether the order's payment is fully refunded and appends `change` (reason `refunded`).
    func recordRefund(_ order: Order, change: StatusChange) async throws
    /// The history, oldest first.
    func history(orderId: UUID) async throws -> [StatusChange]
    /// Orders matching `filter`, newest first (creation time, then id), after `page.after` (creation time in
    /// microseconds since 1970, then the id); at most `page.limit + 1`, the extra one telling there is a next page.
    func list(_ filter: OrderFilter, page: PageRequest) async throws -> [Order]
}

/// What `GET /v1/orders` filters on.
public struct OrderFilter: Sendable, Equatable {
    public var customerId: UUID?
    public var status: OrderStatus?

    public init(customerId: UUID? = nil, status: OrderStatus? = nil) {
        self.customerId = customerId
        self.status = status
    }
}
