public import Kernel

/// One priced line of an order: a catalog SKU (normalised), how many, the unit price at placing time, and the
/// date it can leave the warehouse as Allocation promised it, and how much of it has shipped.
public struct OrderLine: Sendable, Equatable {
    public let sku: String
    public let quantity: Int
    public let unitPrice: Money
    /// `YYYY-MM-DD` (UTC) from the batch the line is allocated to; nil while it has none (pending, rejected,
    /// backordered). Dates in this form order as their text does.
    public internal(set) var expectedShipDate: String?
    /// How many of `quantity` have left in shipments so far (0...quantity).
    public internal(set) var shippedQuantity: Int

    public init(sku: String, quantity: Int, unitPrice: Money, expectedShipDate: String? = nil, shippedQuantity: Int = 0) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.expectedShipDate = expectedShipDate
        self.shippedQuantity = shippedQuantity
    }

    /// What is still to ship.
    public var unshippedQuantity: Int { quantity - shippedQuantity }

    /// `unitPrice × quantity`; `422` on overflow.
    public func subtotal() throws(DomainError) -> Money { try unitPrice.multiplied(by: quantity) }
}
