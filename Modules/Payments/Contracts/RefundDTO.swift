public import Foundation
public import Kernel

/// A refund as the API shows it (the contract's `Refund`).
public struct RefundDTO: Sendable, Encodable, Equatable {
    public var id: UUID
    public var paymentId: UUID
    public var amount: Money
    /// `pending`, `succeeded` or `failed`.
    public var status: String
    public var reason: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, paymentId: UUID, amount: Money, status: String, reason: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.paymentId = paymentId
        self.amount = amount
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
