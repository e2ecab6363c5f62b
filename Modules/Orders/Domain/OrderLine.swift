public import Kernel

/// One priced line of an order: a catalog SKU (normalised), how many, and the unit price at placing time.
public struct OrderLine: Sendable, Equatable {
    public let sku: String
    public let quantity: Int
    public let unitPrice: Money

    public init(sku: String, quantity: Int, unitPrice: Money) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    /// `unitPrice × quantity`; `422` on overflow.
    public func subtotal() throws(DomainError) -> Money { try unitPrice.multiplied(by: quantity) }
}
