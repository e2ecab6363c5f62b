import EventBus
import Foundation
import JSON
public import Kernel
import Logging
public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// Places an order (docs/adr/0011 for the idempotency key). Without a key: validate, price (one catalog call,
    /// outside any transaction), then store the `pending` order and `orders.order_placed.v1` in one transaction.
    /// With a key, that transaction first claims the key (`409 idempotency_key_in_use` while another request
    /// holds it), replays a record committed meanwhile, and stores the key with the exact response bytes next
    /// to the order, so a key never exists without its answer and a failed request leaves no key behind.
    /// While the order pipeline is overloaded (`OrderPipelineCapacity`), a new order is `503` with `Retry-After`.
    /// The body is the `OrderDTO` as `StrictJSONEncoder` writes it, the encoder of every other JSON answer.
    public func placeOrder(_ command: PlaceOrder, by caller: Caller, idempotency: IdempotentRequest?) async throws -> PlacementResponse {
        let key = try idempotency.map { request throws(DomainError) in try IdempotencyKey(request.key) }
        let digest = idempotency?.bodyDigest ?? []
        let userId = caller.userId
        let now = now()
        let notBefore = now.addingTimeInterval(-IdempotencyKey.lifetime)
        if let key, let earlier = try await store.idempotencyKeys.record(userId: userId, key: key, notBefore: notBefore) {
            return try Self.replay(earlier, digest: digest)
        }
        // Replays are answered above whatever the load; a new order is refused while the pipeline could not take it
        // out of `pending` in time (ADR 15).
        if let seconds = capacity.retryAfterWhenOverloaded() { throw OrdersErrors.overloaded(retryAfter: seconds) }
        let requested = try RequestedLines(command.lines.map { (sku: $0.sku, quantity: $0.quantity) })
        let address = try command.shippingAddress.map { dto throws(DomainError) in try Address(dto, fieldPrefix: "shippingAddress.") }
        let lines = try requested.priced(by: try await catalog.activePrices(skus: requested.skus))
        let (order, placed) = try Order.place(id: ids.next(), customerId: userId, lines: lines, shippingAddress: address, at: now)
        let response: PlacementResponse = try await store.transaction { tx in
            if let key {
                guard try await tx.idempotencyKeys.claim(userId: userId, key: key) else { throw IdempotencyKey.inUse }
                if let earlier = try await tx.idempotencyKeys.record(userId: userId, key: key, notBefore: notBefore) {
                    return try Self.replay(earlier, digest: digest)
                }
            }
            try await tx.orders.insert(order, placed: placed)
            try await tx.events.publish(OrderPlaced(
                orderId: order.id, customerId: userId,
                lines: order.lines.map { OrderLineItem(sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice) },
                total: order.total))
            let body = try StrictJSONEncoder().encode(OrderDTO(order))
            if let key {
                try await tx.idempotencyKeys.insert(
                    IdempotencyRecord(userId: userId, key: key, requestDigest: digest, resourceId: order.id,
                                      responseStatus: Self.placedStatus, responseBody: body, createdAt: now),
                    replacingBefore: notBefore)
            }
            return PlacementResponse(orderId: order.id, body: body, replayed: false)
        }
        if !response.replayed {
            logger.info("order placed", ["order_id": order.id.lowercased, "customer_id": userId.lowercased,
                                         "lines": String(order.lines.count)])
        }
        return response
    }

    /// The stored answer, if the request is the same one (same body digest); `422 idempotency_key_reused` if not.
    static func replay(_ record: IdempotencyRecord, digest: [UInt8]) throws(DomainError) -> PlacementResponse {
        let same = try record.replaying(digest: digest)
        return PlacementResponse(orderId: same.resourceId, body: same.responseBody, replayed: true)
    }

    /// The status stored with an idempotency key: a placement is always answered `201 Created`, first or replayed.
    static let placedStatus = 201

    /// Deletes idempotency keys past their 24 hours (the background job's work).
    public func purgeExpiredIdempotencyKeys() async throws -> Int {
        try await store.idempotencyKeys.purge(createdBefore: now().addingTimeInterval(-IdempotencyKey.lifetime))
    }
}
