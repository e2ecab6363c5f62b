public import Foundation

/// To the customer, once the order is `paid`.
public struct PaymentReceivedMessage: MessageTemplate {
    public static let kind = MessageKind.paymentReceived
    public var name: String?
    public var orderId: UUID
    public var items: [MessageBlock.Item]
    public var total: String

    public init(name: String?, orderId: UUID, items: [MessageBlock.Item], total: String) {
        self.name = name
        self.orderId = orderId
        self.items = items
        self.total = total
    }

    public func subject(shop: String) -> String { "Payment received: \(OrderReference.full(orderId))" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("We have received your payment. We will let you know when your order is on its way."),
         .facts([.init("Order", OrderReference.full(orderId)), .init("Paid", total)]),
         .items(items)]
    }
}
