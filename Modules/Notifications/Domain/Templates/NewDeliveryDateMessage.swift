public import Foundation

/// To the customer, when the day their whole order can leave moved later (a batch at sea is late, or a line had to
/// move to a later batch): the old and the new date. An earlier date is good news the order's page shows; it is
/// not worth a message.
public struct NewDeliveryDateMessage: MessageTemplate {
    public static let kind = MessageKind.newDeliveryDate
    public var name: String?
    public var orderId: UUID
    /// `YYYY-MM-DD`: what the customer was told before.
    public var previousDate: String
    /// `YYYY-MM-DD`: the order's expected ship date now.
    public var date: String
    public var items: [MessageBlock.Item]

    public init(name: String?, orderId: UUID, previousDate: String, date: String, items: [MessageBlock.Item]) {
        self.name = name
        self.orderId = orderId
        self.previousDate = previousDate
        self.date = date
        self.items = items
    }

    /// Whether a move from `previous` to `date` deserves this message: both known and the new one later.
    /// `YYYY-MM-DD` dates order as their text does.
    public static func tells(movingFrom previous: String?, to date: String?) -> Bool {
        guard let previous, let date else { return false }
        return date > previous
    }

    public func subject(shop: String) -> String { "New delivery date: \(OrderReference.full(orderId))" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("We are sorry: your order will leave our warehouse later than we told you. "
                    + "It now ships on \(date) instead of \(previousDate)."),
         .facts([.init("Order", OrderReference.full(orderId)), .init("Was", previousDate), .init("Now", date)]),
         .items(items)]
    }
}
