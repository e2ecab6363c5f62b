public import Foundation
public import Kernel

/// Money given back from one payment: by staff (`POST /v1/payments/{id}/refunds`), for a cancelled order, or made
/// at the provider and reported by `charge.refunded`. Its amount is already counted in the payment's
/// `refundedAmount`, so two refunds can never give back more than was captured.
public struct Refund: Sendable, Equatable {
    public let id: UUID
    public let paymentId: UUID
    public let amount: Money
    public let status: RefundStatus
    public let reason: RefundReason
    public let createdAt: Date
    public let updatedAt: Date

    public init(id: UUID, paymentId: UUID, amount: Money, status: RefundStatus, reason: RefundReason, createdAt: Date,
                updatedAt: Date) {
        self.id = id
        self.paymentId = paymentId
        self.amount = amount
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

}
