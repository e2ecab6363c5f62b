public import Foundation
public import Kernel

/// Orders as Allocation may ask about them before its own handler of `orders.order_placed.v1` has run: right after
/// an order is placed, Allocation has not heard of it yet. App passes the Orders facade (`OrdersContracts`; never
/// Orders' tables).
public protocol OrderLookup: Sendable {
    /// Whether the order exists and `caller` may see it: its owner, or staff.
    func isVisible(orderId: UUID, to caller: Caller) async throws -> Bool
}
