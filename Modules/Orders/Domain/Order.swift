public import Foundation
public import Kernel

/// The Orders context's aggregate: what a customer ordered, at what prices, and where it is in the state machine
/// of `OrderStatus`. Every change of status goes through `move(to:at:reason:)`, which refuses what the table
/// does not allow and returns the history entry to store.
public struct Order: Sendable, Equatable {
    public let id: UUID
    public let customerId: UUID
    public private(set) var status: OrderStatus
    public let lines: [OrderLine]
    public let total: Money
    /// The payment created when every line was allocated.
    public private(set) var paymentId: UUID?
    /// Everything the payment took went back: the order cannot ship.
    public private(set) var paymentRefunded: Bool
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(id: UUID, customerId: UUID, status: OrderStatus, lines: [OrderLine], total: Money, paymentId: UUID?,
                paymentRefunded: Bool = false, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.customerId = customerId
        self.status = status
        self.lines = lines
        self.total = total
        self.paymentId = paymentId
        self.paymentRefunded = paymentRefunded
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A new `pending` order of priced `lines` (at least one), its total their sum; `422` when it overflows.
    public static func place(id: UUID, customerId: UUID, lines: [OrderLine], at now: Date) throws(DomainError) -> (Order, StatusChange) {
        guard let first = lines.first else { throw .validation(field: "lines", message: "must have 1 to 50 lines") }
        var total = Money.zero(first.unitPrice.currency)
        for line in lines { total = try total.adding(try line.subtotal()) }
        let order = Order(id: id, customerId: customerId, status: .pending, lines: lines, total: total, paymentId: nil,
                          createdAt: now, updatedAt: now)
        return (order, StatusChange(status: .pending, at: now, reason: "placed"))
    }

    /// Moves to `next` if the state machine allows it, else `409 invalid_transition` naming the current status.
    public mutating func move(to next: OrderStatus, at now: Date, reason: String) throws(DomainError) -> StatusChange {
        guard status.canMove(to: next) else { throw Self.invalidTransition(from: status, to: next) }
        status = next
        updatedAt = max(now, updatedAt)
        return StatusChange(status: next, at: updatedAt, reason: reason)
    }

    /// `awaiting_payment` with the payment that was created for the order.
    public mutating func awaitPayment(_ paymentId: UUID, at now: Date) throws(DomainError) -> StatusChange {
        let change = try move(to: .awaitingPayment, at: now, reason: "allocated")
        self.paymentId = paymentId
        return change
    }

    /// Money went back (`amount`; `fully` when nothing of the payment is left). The status stays as it is; the
    /// history entry has reason `refunded` and the amount.
    public mutating func recordRefund(_ amount: Money, fully: Bool, at now: Date) -> StatusChange {
        if fully { paymentRefunded = true }
        return StatusChange(status: status, at: max(now, updatedAt), reason: "refunded", amount: amount)
    }

    /// Staff ship the order: the state machine must allow it, and the payment must not be fully refunded
    /// (`409 payment_refunded`).
    public mutating func ship(at now: Date) throws(DomainError) -> StatusChange {
        guard status.canMove(to: .shipped) else { throw Self.invalidTransition(from: status, to: .shipped) }
        guard !paymentRefunded else {
            throw DomainError(.conflict, code: "payment_refunded", message: "the order's payment was fully refunded; it cannot ship")
        }
        return try move(to: .shipped, at: now, reason: OrderStatus.shipped.rawValue)
    }

    public static func invalidTransition(from current: OrderStatus, to next: OrderStatus) -> DomainError {
        DomainError(.conflict, code: "invalid_transition",
                    message: "the order is \(current.rawValue) and cannot become \(next.rawValue)")
    }
}
