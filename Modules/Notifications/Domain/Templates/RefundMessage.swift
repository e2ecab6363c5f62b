public import Foundation

/// To the customer, when money went back to them for an order: the amount of this refund, and whether the whole
/// payment is now refunded.
public struct RefundMessage: MessageTemplate {
    public static let kind = MessageKind.refund
    public var name: String?
    public var orderId: UUID
    /// This refund's amount, as a person writes it ("12.50 EUR").
    public var amount: String
    /// Whether nothing of the payment is left to refund.
    public var fullyRefunded: Bool
    public var items: [MessageBlock.Item]

    public init(name: String?, orderId: UUID, amount: String, fullyRefunded: Bool, items: [MessageBlock.Item]) {
        self.name = name
        self.orderId = orderId
        self.amount = amount
        self.fullyRefunded = fullyRefunded
        self.items = items
    }

    public func subject(shop: String) -> String { "Refund: \(amount) for \(OrderReference.full(orderId))" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("We have refunded \(amount) to you. Depending on your bank, it can take a few days to appear on your statement."
                    + (fullyRefunded ? " Your payment for this order is now refunded in full." : "")),
         .facts([.init("Order", OrderReference.full(orderId)), .init("Refunded", amount)]),
         .items(items)]
    }
}
