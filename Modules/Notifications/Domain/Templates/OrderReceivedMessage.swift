public import Foundation

/// To the customer, once the order's stock is set aside and its payment requested (`awaiting_payment`): what was
/// ordered, line by line with each line's expected ship date ("to be confirmed" while the line has none), and the total.
public struct OrderReceivedMessage: MessageTemplate {
    public static let kind = MessageKind.orderReceived
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

    public func subject(shop: String) -> String { "Order received: \(OrderReference.full(orderId))" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("Thank you for your order. We have set its items aside and are waiting for your payment."),
         .facts([.init("Order", OrderReference.full(orderId)), .init("Total", total)]),
         .items(items.map(\.withShippingToBeConfirmed))]
    }
}
