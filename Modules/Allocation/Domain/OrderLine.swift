public import Foundation
public import Kernel

/// One line of an order as Allocation sees it: a value, equal to any other line with the same order, SKU and
/// quantity (Cosmic Python's `OrderLine`).
public struct OrderLine: Hashable, Sendable {
    public let orderId: UUID
    public let sku: SKU
    public let quantity: Int

    public init(orderId: UUID, sku: SKU, quantity: Int) {
        self.orderId = orderId
        self.sku = sku
        self.quantity = quantity
    }
}
