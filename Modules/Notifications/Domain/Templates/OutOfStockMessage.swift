public import Foundation

/// To the stock managers (`STOCK_ALERT_EMAILS`): a SKU has too little stock for an order's line.
public struct OutOfStockMessage: MessageTemplate {
    public static let kind = MessageKind.outOfStock
    public var sku: String
    public var orderId: UUID
    public var quantity: Int
    /// Whether the line had been allocated and lost its batch (the order is now backordered).
    public var orderWasAllocated: Bool

    public init(sku: String, orderId: UUID, quantity: Int, orderWasAllocated: Bool) {
        self.sku = sku
        self.orderId = orderId
        self.quantity = quantity
        self.orderWasAllocated = orderWasAllocated
    }

    public func subject(shop: String) -> String { "Out of stock: \(sku)" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(nil),
         .paragraph(orderWasAllocated
                    ? "\(sku) ran out: an order's line lost its stock and found no other batch. The order is backordered."
                    : "\(sku) ran out: an order asked for more than is left, and was rejected."),
         .facts([.init("SKU", sku), .init("Quantity", String(quantity)), .init("Order", OrderReference.full(orderId))])]
    }
}
