public import Kernel

/// Where an order is in its life (the contract's `status`). The allowed moves are one table, `successors`, so the
/// state machine can be read, and tested, pair by pair.
public enum OrderStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case awaitingPayment = "awaiting_payment"
    case rejected
    case paid
    case paymentFailed = "payment_failed"
    case backordered
    case cancelled
    /// Some of the goods left in shipments, some are still to ship (docs/adr/0021).
    case partiallyShipped = "partially_shipped"
    case shipped
    case delivered

    /// The statuses an order may move to from this one; anything else, the same status included, is refused.
    public var successors: Set<OrderStatus> {
        switch self {
        case .pending: [.awaitingPayment, .rejected, .cancelled, .paymentFailed]
        case .awaitingPayment: [.paid, .paymentFailed, .cancelled, .backordered]
        case .paid: [.shipped, .partiallyShipped, .cancelled, .backordered]
        // Goods have left: no cancel; an unshipped line that loses its batch backorders the order.
        case .partiallyShipped: [.shipped, .backordered]
        // Back to where it was. An order with goods already shipped cannot be cancelled from here either:
        // `Order.move` refuses that, as it depends on the lines, not on the status (ADR 21).
        case .backordered: [.awaitingPayment, .paid, .partiallyShipped, .cancelled]
        case .shipped: [.delivered]
        case .rejected, .paymentFailed, .cancelled, .delivered: []
        }
    }

    public func canMove(to next: OrderStatus) -> Bool { successors.contains(next) }

    /// The status named `raw`, or `422` on `field` naming the statuses there are.
    public init(parsing raw: String, field: String) throws(DomainError) {
        guard let status = OrderStatus(rawValue: raw) else {
            let names = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw .validation(field: field, message: "must be one of \(names)")
        }
        self = status
    }
}
