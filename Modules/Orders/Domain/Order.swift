public import Foundation
public import Kernel

/// The Orders context's aggregate: what a customer ordered, at what prices, when it is expected to ship, and where
/// it is in the state machine of `OrderStatus`. Every change of status goes through `move(to:at:reason:by:)`, which
/// refuses what the table does not allow and returns the history entry to store.
public struct Order: Sendable, Equatable {
    public let id: UUID
    public let customerId: UUID
    public private(set) var status: OrderStatus
    public private(set) var lines: [OrderLine]
    public let total: Money
    /// The payment created when every line was allocated.
    public private(set) var paymentId: UUID?
    /// Everything the payment took went back: the order cannot ship.
    public private(set) var paymentRefunded: Bool
    public let createdAt: Date
    public private(set) var updatedAt: Date
    /// While `backordered`: the status the order returns to once every line has a batch again.
    public private(set) var resumeStatus: OrderStatus?
    /// While `awaiting_payment`: when the shop cancels it unpaid.
    public private(set) var paymentDueAt: Date?

    public init(id: UUID, customerId: UUID, status: OrderStatus, lines: [OrderLine], total: Money, paymentId: UUID?,
                paymentRefunded: Bool = false, createdAt: Date, updatedAt: Date, resumeStatus: OrderStatus? = nil,
                paymentDueAt: Date? = nil) {
        self.id = id
        self.customerId = customerId
        self.status = status
        self.lines = lines
        self.total = total
        self.paymentId = paymentId
        self.paymentRefunded = paymentRefunded
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resumeStatus = resumeStatus
        self.paymentDueAt = paymentDueAt
    }

    /// A new `pending` order of priced `lines` (at least one), its total their sum, placed by `customerId`; `422`
    /// when the total overflows.
    public static func place(id: UUID, customerId: UUID, lines: [OrderLine], at now: Date) throws(DomainError) -> (Order, StatusChange) {
        let total = try total(of: lines)
        let order = Order(id: id, customerId: customerId, status: .pending, lines: lines, total: total, paymentId: nil,
                          createdAt: now, updatedAt: now)
        return (order, StatusChange(status: .pending, at: now, reason: "placed", actor: .user(customerId)))
    }

    /// The sum of the lines' subtotals (at least one line); `422` when it overflows.
    public static func total(of lines: [OrderLine]) throws(DomainError) -> Money {
        guard let first = lines.first else { throw .validation(field: "lines", message: "must have 1 to 50 lines") }
        var total = Money.zero(first.unitPrice.currency)
        for line in lines { total = try total.adding(try line.subtotal()) }
        return total
    }

    /// The latest of the lines' dates: the day they can all leave; nil while any line has none.
    public static func shipDate(of lines: [OrderLine]) -> String? {
        var latest: String?
        for line in lines {
            guard let date = line.expectedShipDate else { return nil }
            if latest.map({ date > $0 }) ?? true { latest = date }
        }
        return latest
    }

    /// The latest of the lines' dates: the day the whole order can leave; nil while any line has none.
    public var expectedShipDate: String? { Self.shipDate(of: lines) }

    /// Moves to `next` if the state machine allows it, else `409 invalid_transition` naming the current status.
    /// Entering `backordered` remembers the status to return to; leaving it forgets it.
    public mutating func move(to next: OrderStatus, at now: Date, reason: String, by actor: Agent) throws(DomainError) -> StatusChange {
        guard status.canMove(to: next) else { throw Self.invalidTransition(from: status, to: next) }
        if next == .backordered { resumeStatus = status } else { resumeStatus = nil }
        if next != .awaitingPayment { paymentDueAt = nil }
        status = next
        updatedAt = max(now, updatedAt)
        return StatusChange(status: next, at: updatedAt, reason: reason, actor: actor)
    }

    /// `awaiting_payment` with the payment that was created for the order, due by `dueAt`.
    public mutating func awaitPayment(_ paymentId: UUID, at now: Date, dueAt: Date) throws(DomainError) -> StatusChange {
        let change = try move(to: .awaitingPayment, at: now, reason: "allocated", by: .system)
        self.paymentId = paymentId
        paymentDueAt = dueAt
        return change
    }

    /// Sets the promised date of the line of `sku` (nil: it lost its batch). True when the order's date, or the
    /// line's, changed.
    public mutating func promise(sku: String, date: String?) -> Bool {
        guard let index = lines.firstIndex(where: { $0.sku == sku }), lines[index].expectedShipDate != date else { return false }
        lines[index].expectedShipDate = date
        return true
    }

    /// The payment succeeded while the order is `backordered` after `awaiting_payment`: it stays backordered and
    /// returns to `paid` once re-allocated. The history entry records the money (status unchanged).
    public mutating func recordPaymentWhileBackordered(at now: Date) -> StatusChange? {
        guard status == .backordered, resumeStatus == .awaitingPayment else { return nil }
        resumeStatus = .paid
        updatedAt = max(now, updatedAt)
        return StatusChange(status: status, at: updatedAt, reason: "payment_succeeded", actor: .provider)
    }

    /// Every line has a batch again: a `backordered` order returns to the status it had (`awaiting_payment` due by
    /// `dueAt`, or `paid`), history reason `reallocated`.
    public mutating func resume(at now: Date, paymentDueAt dueAt: Date) throws(DomainError) -> StatusChange {
        guard status == .backordered, let target = resumeStatus else { throw Self.invalidTransition(from: status, to: resumeStatus ?? .paid) }
        let change = try move(to: target, at: now, reason: "reallocated", by: .system)
        if target == .awaitingPayment { paymentDueAt = dueAt }
        return change
    }

    /// A history entry that changes no status (dates moved, money refunded), at the order's latest time.
    public mutating func note(_ reason: String, at now: Date, by actor: Agent) -> StatusChange {
        updatedAt = max(now, updatedAt)
        return StatusChange(status: status, at: updatedAt, reason: reason, actor: actor)
    }

    /// Money went back (`amount`; `fully` when nothing of the payment is left). The status stays as it is; the
    /// history entry has reason `refunded` and the amount.
    public mutating func recordRefund(_ amount: Money, fully: Bool, at now: Date, by actor: Agent) -> StatusChange {
        if fully { paymentRefunded = true }
        return StatusChange(status: status, at: max(now, updatedAt), reason: "refunded", actor: actor, amount: amount)
    }

    /// Staff ship the order: the state machine must allow it, and the payment must not be fully refunded
    /// (`409 payment_refunded`).
    public mutating func ship(at now: Date, by actor: Agent) throws(DomainError) -> StatusChange {
        guard status.canMove(to: .shipped) else { throw Self.invalidTransition(from: status, to: .shipped) }
        guard !paymentRefunded else {
            throw DomainError(.conflict, code: "payment_refunded", message: "the order's payment was fully refunded; it cannot ship")
        }
        return try move(to: .shipped, at: now, reason: OrderStatus.shipped.rawValue, by: actor)
    }

    public static func invalidTransition(from current: OrderStatus, to next: OrderStatus) -> DomainError {
        DomainError(.conflict, code: "invalid_transition",
                    message: "the order is \(current.rawValue) and cannot become \(next.rawValue)")
    }
}
