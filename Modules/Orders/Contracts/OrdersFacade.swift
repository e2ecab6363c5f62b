public import Foundation

/// What the other contexts and App's routes outside Orders may ask of it. (The order use cases themselves are
/// in `OrdersService`; the Orders routes use the full facade there.)
public protocol OrderOwnership: Sendable {
    /// The customer who placed order `id`, or nil when there is no such order. Routes of other contexts use it to
    /// answer "order's owner, staff, admin" (`GET /v1/allocations/{orderId}`, `GET /v1/payments/{id}`).
    func customerId(ofOrder id: UUID) async throws -> UUID?
}
