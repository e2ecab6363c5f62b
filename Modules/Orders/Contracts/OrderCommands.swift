public import Foundation
public import Kernel

/// `POST /v1/orders` `{lines:[{sku,quantity}], shippingAddress?}`.
public struct PlaceOrder: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var sku: String
        public var quantity: Int
        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var lines: [Line]
    /// Where the goods go; it may also be given later (`PUT /v1/orders/{id}/shipping-address`).
    public var shippingAddress: AddressDTO?
    public init(lines: [Line], shippingAddress: AddressDTO? = nil) {
        self.lines = lines
        self.shippingAddress = shippingAddress
    }
}

/// The answer to a placement, always `201 Created`: the shared answer of an idempotent creating request
/// (`IdempotentResponse`), whose resource is the order placed by this request or by the earlier one it replays;
/// the body is the placed `OrderDTO` as JSON, byte for byte what the first request was answered.
public typealias PlacementResponse = IdempotentResponse

extension IdempotentResponse {
    /// The order placed by this request, or by the earlier one it replays.
    public var orderId: UUID { resourceId }

    /// An answer for `orderId` with `body`, `replayed` when it is a stored one.
    public init(orderId: UUID, body: [UInt8], replayed: Bool) {
        self.init(resourceId: orderId, body: body, replayed: replayed)
    }
}

/// `GET /v1/orders?status=&customerId=&limit=&cursor=`: raw values, validated by the context.
public struct OrderListQuery: Sendable, Equatable {
    public var status: String?
    public var customerId: UUID?
    public var limit: Int
    public var cursor: String?

    public init(status: String? = nil, customerId: UUID? = nil, limit: Int = PageRequest.defaultLimit, cursor: String? = nil) {
        self.status = status
        self.customerId = customerId
        self.limit = limit
        self.cursor = cursor
    }
}
