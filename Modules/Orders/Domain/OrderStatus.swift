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
    case shipped
    case delivered

    /// The statuses an order may move to from this one; anything else, the same status included, is refused.
    public var successors: Set<OrderStatus> {
        switch self {
        case .pending: [.awaitingPayment, .rejected, .cancelled, .paymentFailed]
        case .awaitingPayment: [.paid, .paymentFailed, .cancelled, .backordered]
        case .paid: [.shipped, .cancelled, .backordered]
        case .backordered: [.awaitingPayment, .paid, .cancelled]
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
