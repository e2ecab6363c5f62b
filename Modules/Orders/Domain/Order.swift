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
    /// Where the goods go; required before anything ships.
    public private(set) var shippingAddress: Address?

    public init(id: UUID, customerId: UUID, status: OrderStatus, lines: [OrderLine], total: Money, paymentId: UUID?,
                paymentRefunded: Bool = false, createdAt: Date, updatedAt: Date, resumeStatus: OrderStatus? = nil,
                paymentDueAt: Date? = nil, shippingAddress: Address? = nil) {
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
        self.shippingAddress = shippingAddress
    }

    /// A new `pending` order of priced `lines` (at least one), its total their sum, placed by `customerId`; `422`
    /// when the total overflows.
    public static func place(id: UUID, customerId: UUID, lines: [OrderLine], shippingAddress: Address? = nil,
                             at now: Date) throws(DomainError) -> (Order, StatusChange) {
        let total = try total(of: lines)
        let order = Order(id: id, customerId: customerId, status: .pending, lines: lines, total: total, paymentId: nil,
                          createdAt: now, updatedAt: now, shippingAddress: shippingAddress)
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
    /// Entering `backordered` remembers the status to return to; leaving it forgets it. An order some of whose goods
    /// have shipped cannot be cancelled (also while backordered).
    public mutating func move(to next: OrderStatus, at now: Date, reason: String, by actor: Agent) throws(DomainError) -> StatusChange {
        guard status.canMove(to: next), !(next == .cancelled && hasShippedGoods) else { throw Self.invalidTransition(from: status, to: next) }
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

    /// Whether any line has shipped, in part or whole.
    public var hasShippedGoods: Bool { lines.contains { $0.shippedQuantity > 0 } }

    /// The statuses in which goods may leave.
    public static let shippable: Set<OrderStatus> = [.paid, .partiallyShipped]

    /// Staff ship goods of the order as shipment `id`, checked in the contract's order: the status (`paid` or
    /// `partially_shipped`, else `409 invalid_transition`), the request against the lines (`422`), the goods (each
    /// line's batch among `warehouseSKUs`, else `409 not_in_warehouse`), the address (`409 address_required`) and
    /// the payment (`409 payment_refunded`). The order becomes `shipped` once every line is fully shipped, else
    /// `partially_shipped`; a further partial shipment records a history entry with the status unchanged.
    public mutating func ship(_ request: ShipmentRequest, id: UUID, warehouseSKUs: Set<String>, at now: Date,
                              by actor: Agent) throws(DomainError) -> (Shipment, StatusChange) {
        guard Self.shippable.contains(status) else { throw Self.invalidTransition(from: status, to: .shipped) }
        let (shipped, carrier, trackingNumber) = try request.checked(against: self)
        let atSea = shipped.filter { !warehouseSKUs.contains($0.sku) }
        guard atSea.isEmpty else {
            throw DomainError(.conflict, code: "not_in_warehouse",
                              message: "not in the warehouse yet, it cannot leave: \(atSea.map(\.sku).joined(separator: ", "))")
        }
        guard shippingAddress != nil else {
            throw DomainError(.conflict, code: "address_required", message: "the order has no shipping address")
        }
        guard !paymentRefunded else {
            throw DomainError(.conflict, code: "payment_refunded", message: "the order's payment was fully refunded; it cannot ship")
        }
        for line in shipped {
            if let index = lines.firstIndex(where: { $0.sku == line.sku }) { lines[index].shippedQuantity += line.quantity }
        }
        let next: OrderStatus = lines.allSatisfy { $0.unshippedQuantity == 0 } ? .shipped : .partiallyShipped
        let change = next == status ? note(next.rawValue, at: now, by: actor) : try move(to: next, at: now, reason: next.rawValue, by: actor)
        let shipment = Shipment(id: id, orderId: self.id, lines: shipped, carrier: carrier, trackingNumber: trackingNumber,
                                createdAt: change.at)
        return (shipment, change)
    }

    /// Sets where the goods go; `409 address_locked` once any line has shipped or the order is `delivered`,
    /// `cancelled`, `rejected` or `payment_failed`.
    public mutating func changeShippingAddress(to address: Address, at now: Date) throws(DomainError) {
        // `shipped` always has shipped goods; named too for orders shipped before lines counted what shipped.
        let closed: Set<OrderStatus> = [.shipped, .delivered, .cancelled, .rejected, .paymentFailed]
        guard !hasShippedGoods, !closed.contains(status) else {
            throw DomainError(.conflict, code: "address_locked",
                              message: "the order is \(status.rawValue)\(hasShippedGoods ? " and goods have shipped" : ""); its address can no longer change")
        }
        shippingAddress = address
        updatedAt = max(now, updatedAt)
    }

    public static func invalidTransition(from current: OrderStatus, to next: OrderStatus) -> DomainError {
        DomainError(.conflict, code: "invalid_transition",
                    message: "the order is \(current.rawValue) and cannot become \(next.rawValue)")
    }
}
