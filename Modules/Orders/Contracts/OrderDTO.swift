public import Foundation
public import Kernel

/// An order as the API shows it (the contract's `Order`).
public struct OrderDTO: Sendable, Codable, Equatable {
    public var id: UUID
    public var customerId: UUID
    /// `pending`, `awaiting_payment`, `rejected`, `paid`, `payment_failed`, `backordered`, `cancelled`,
    /// `partially_shipped`, `shipped`, `delivered`.
    public var status: String
    public var lines: [OrderLineDTO]
    public var total: Money
    public var paymentId: UUID?
    /// `YYYY-MM-DD`: the latest of the lines' dates, the day the whole order can leave; nil while any line has none.
    public var expectedShipDate: String?
    /// Where the goods go; nil (JSON `null`) until given.
    public var shippingAddress: AddressDTO?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, customerId: UUID, status: String, lines: [OrderLineDTO], total: Money, paymentId: UUID?,
                expectedShipDate: String? = nil, shippingAddress: AddressDTO? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.customerId = customerId
        self.status = status
        self.lines = lines
        self.total = total
        self.paymentId = paymentId
        self.expectedShipDate = expectedShipDate
        self.shippingAddress = shippingAddress
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// `{"sku","quantity","unitPrice","expectedShipDate","shippedQuantity"}`.
public struct OrderLineDTO: Sendable, Codable, Equatable {
    public var sku: String
    public var quantity: Int
    public var unitPrice: Money
    /// `YYYY-MM-DD` (UTC) the line can leave the warehouse; nil while it has no batch.
    public var expectedShipDate: String?
    /// How many of `quantity` have shipped so far.
    public var shippedQuantity: Int

    public init(sku: String, quantity: Int, unitPrice: Money, expectedShipDate: String? = nil, shippedQuantity: Int = 0) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.expectedShipDate = expectedShipDate
        self.shippedQuantity = shippedQuantity
    }
}

/// One entry of an order's status history (`GET /v1/orders/{id}/history`, staff and admin).
public struct StatusChangeDTO: Sendable, Codable, Equatable {
    public var status: String
    public var at: Date
    public var reason: String
    /// Who made the entry: `{"type":"user"|"system"|"provider","id":uuid|null}`.
    public var actor: Agent
    /// The money an entry with reason `refunded` gave back; absent from every other entry.
    public var amount: Money?

    public init(status: String, at: Date, reason: String, actor: Agent, amount: Money? = nil) {
        self.status = status
        self.at = at
        self.reason = reason
        self.actor = actor
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case status, at, reason, actor, amount }

    /// `amount` only on an entry that has one (the contract's `"amount"?`); the encoder would write `null` otherwise.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(at, forKey: .at)
        try container.encode(reason, forKey: .reason)
        try container.encode(actor, forKey: .actor)
        if let amount { try container.encode(amount, forKey: .amount) }
    }
}
