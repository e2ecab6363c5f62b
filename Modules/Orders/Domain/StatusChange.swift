public import Foundation

/// One entry of an order's status history: what it became, when, and why (e.g. `placed`,
/// `out_of_stock: A-1`, `cancelled_by_customer`). A history entry may also record an event that changed no
/// status (`payment_refunded`); it then repeats the current status.
public struct StatusChange: Sendable, Equatable {
    public let status: OrderStatus
    public let at: Date
    public let reason: String

    public init(status: OrderStatus, at: Date, reason: String) {
        self.status = status
        self.at = at
        self.reason = reason
    }
}
