public import Foundation

/// Goods of one order that left the warehouse together (the contract's `Shipment`): which SKUs, how many of each,
/// and how to follow them. Created by `Order.ship(_:id:warehouseSKUs:at:by:)`, never changed afterwards.
public struct Shipment: Sendable, Equatable {
    /// One SKU of the order and how many of it this shipment carries.
    public struct Line: Sendable, Equatable {
        public let sku: String
        public let quantity: Int

        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public let id: UUID
    public let orderId: UUID
    public let lines: [Line]
    public let carrier: String?
    public let trackingNumber: String?
    public let createdAt: Date

    public init(id: UUID, orderId: UUID, lines: [Line], carrier: String?, trackingNumber: String?, createdAt: Date) {
        self.id = id
        self.orderId = orderId
        self.lines = lines
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.createdAt = createdAt
    }
}
