public import Foundation
public import Kernel

/// One entry of an order's status history: what it became, when, why (e.g. `placed`, `out_of_stock: A-1`,
/// `cancelled_by_customer`) and who did it (`actor`). A history entry may also record an event that changed no
/// status (`refunded` with its amount, `eta_changed`); it then repeats the current status. A reason is at most
/// `maximumReasonLength` Unicode scalars (as PostgreSQL counts characters): a longer one, say fifty long SKUs out
/// of stock, is cut.
public struct StatusChange: Sendable, Equatable {
    public let status: OrderStatus
    public let at: Date
    public let reason: String
    /// The user who asked, the shop itself, or the payment provider.
    public let actor: Agent
    /// The money an entry with reason `refunded` gave back; nil for every other entry.
    public let amount: Money?

    public static let maximumReasonLength = 500

    public init(status: OrderStatus, at: Date, reason: String, actor: Agent, amount: Money? = nil) {
        self.status = status
        self.at = at
        self.actor = actor
        self.amount = amount
        let scalars = reason.unicodeScalars
        self.reason = scalars.count <= Self.maximumReasonLength ? reason
            : String(String.UnicodeScalarView(scalars.prefix(Self.maximumReasonLength - 1))) + "…"
    }
}
