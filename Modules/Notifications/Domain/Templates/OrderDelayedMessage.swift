public import Foundation

/// To the customer, when an order became `backordered`: stock for one of its items ran out after it was set aside.
public struct OrderDelayedMessage: MessageTemplate {
    public static let kind = MessageKind.orderDelayed
    public var name: String?
    public var orderId: UUID
    /// The item whose stock ran out.
    public var sku: String
    public var items: [MessageBlock.Item]

    public init(name: String?, orderId: UUID, sku: String, items: [MessageBlock.Item]) {
        self.name = name
        self.orderId = orderId
        self.sku = sku
        self.items = items
    }

    public func subject(shop: String) -> String { "Delayed: \(OrderReference.full(orderId))" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("We are sorry: the stock set aside for \(sku) in your order is no longer available. "
                    + "Your order waits until new stock arrives; we will write again when it moves on."),
         .facts([.init("Order", OrderReference.full(orderId)), .init("Waiting for", sku)]),
         .items(items)]
    }
}
