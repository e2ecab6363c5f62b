public import Foundation
public import Kernel

/// Everything the Orders context offers App's routes. Errors are `DomainError`s (codes such as `duplicate_line`,
/// `unknown_sku`, `invalid_transition`, `idempotency_key_reused`, `idempotency_key_in_use`, `not_found`,
/// `forbidden`). Another customer's order is `404`, never `403`, so its existence is not revealed.
public protocol OrdersFacade: Sendable {
    /// Validates and prices the lines (one catalog call), stores a `pending` order and publishes
    /// `orders.order_placed.v1` in one transaction. The answer's body is the exact `201` body (the order as JSON);
    /// with `idempotency`, that body is stored with the key in the same transaction and replayed for 24 h.
    func placeOrder(_ command: PlaceOrder, by caller: Caller, idempotency: IdempotentRequest?) async throws -> PlacementResponse
    /// One order: the owner's, or any for staff.
    func order(id: UUID, caller: Caller) async throws -> OrderDTO
    /// Newest first, keyset-paged by creation time; customers see their own only.
    func listOrders(_ query: OrderListQuery, caller: Caller) async throws -> Page<OrderDTO>
    /// The order's status history, oldest first (staff and admin).
    func statusHistory(orderId: UUID, caller: Caller) async throws -> [StatusChangeDTO]
    /// Cancels (owner, staff, admin); an order already cancelled is returned as it is.
    func cancelOrder(id: UUID, caller: Caller) async throws -> OrderDTO
    /// Fulfilment by staff: `shipped` (every remaining quantity as one shipment, the rules of `createShipment`;
    /// `warehouse` says which lines can leave) or `delivered`.
    func changeStatus(id: UUID, to status: String, caller: Caller, warehouse: any WarehouseGoods) async throws -> OrderDTO
    /// Ships goods of a `paid` or `partially_shipped` order (staff, admin): `409 invalid_transition`, `422`,
    /// `409 not_in_warehouse`, `409 address_required`, `409 payment_refunded`, checked in that order. The order
    /// becomes `shipped` once every line is fully shipped, else `partially_shipped`.
    func createShipment(orderId: UUID, _ command: CreateShipment, caller: Caller, warehouse: any WarehouseGoods) async throws -> ShipmentDTO
    /// The order's shipments, oldest first (owner, staff, admin).
    func shipments(orderId: UUID, caller: Caller) async throws -> [ShipmentDTO]
    /// One shipment of the order (owner, staff, admin).
    func shipment(orderId: UUID, shipmentId: UUID, caller: Caller) async throws -> ShipmentDTO
    /// Sets where the order goes (owner, staff, admin); `409 address_locked` once goods shipped or the order is
    /// `delivered`, `cancelled`, `rejected` or `payment_failed`.
    func changeShippingAddress(orderId: UUID, _ address: AddressDTO, caller: Caller) async throws -> OrderDTO
    /// What `command` would cost and when it would ship (`POST /v1/quotes`, anyone): the validation and prices of
    /// placing, the dates from `promises`; nothing is stored or reserved.
    func quote(_ command: PlaceOrder, promises: any ShipDatePromises) async throws -> QuoteDTO
    /// Deletes idempotency keys older than 24 h; returns how many. Run by a background job.
    func purgeExpiredIdempotencyKeys() async throws -> Int
}
