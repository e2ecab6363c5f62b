public import Foundation

/// To the customer, when an order was cancelled (by the customer, by staff, or for an unpaid order).
public struct OrderCancelledMessage: MessageTemplate {
    public static let kind = MessageKind.orderCancelled
    public var name: String?
    public var orderId: UUID
    public var items: [MessageBlock.Item]
    /// Whether a payment had been requested (it is cancelled, or refunded if it went through).
    public var paymentRequested: Bool

    public init(name: String?, orderId: UUID, items: [MessageBlock.Item], paymentRequested: Bool) {
        self.name = name
        self.orderId = orderId
        self.items = items
        self.paymentRequested = paymentRequested
    }

    public func subject(shop: String) -> String { "Order cancelled: \(OrderReference.full(orderId))" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("Your order has been cancelled." + (paymentRequested ? " If your payment went through, it will be refunded." : "")),
         .facts([.init("Order", OrderReference.full(orderId))]),
         .items(items)]
    }
}
