public import Foundation
public import Kernel

/// The aggregate of the Payments context: the one payment of an order. `customerId` is the order's owner as
/// Orders told it (ADR 9), so reads can be checked without asking Orders.
public struct Payment: Sendable, Equatable {
    public let id: UUID
    public let orderId: UUID
    public let customerId: UUID
    public let amount: Money
    /// The adapter that created the intent (`sandbox` or `stripe`).
    public let provider: String
    /// The provider's payment-intent id; nil only until the provider has answered the creation.
    public private(set) var providerReference: String?
    public private(set) var status: PaymentStatus
    public private(set) var failureReason: String?
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(id: UUID, orderId: UUID, customerId: UUID, amount: Money, provider: String, providerReference: String? = nil,
                status: PaymentStatus = .pending, failureReason: String? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.orderId = orderId
        self.customerId = customerId
        self.amount = amount
        self.provider = provider
        self.providerReference = providerReference
        self.status = status
        self.failureReason = failureReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Applies what the provider said. A success for another amount or currency never marks the payment
    /// succeeded; a success for a payment that is `cancelled` or `failed` requires a refund; reports that arrive
    /// after a later state (a failure after the success, a repeat) change nothing.
    public mutating func record(_ report: ProviderReport, at now: Date) -> PaymentStep {
        switch report {
        case .succeeded(let money):
            guard money == amount else { return .amountMismatch(reported: money) }
            switch status {
            case .pending:
                move(to: .succeeded, at: now)
                return .succeeded
            case .cancelled, .failed: return .refundRequired
            case .succeeded, .refunded: return .unchanged(reason: "already \(status.rawValue)")
            }
        case .failed(let reason):
            guard status == .pending else { return .unchanged(reason: "a failure reported for a \(status.rawValue) payment") }
            failureReason = reason.map { String($0.prefix(500)) }
            move(to: .failed, at: now)
            return .failed(reason: failureReason)
        case .refunded:
            switch status {
            case .succeeded, .cancelled, .failed:
                move(to: .refunded, at: now)
                return .refunded
            case .pending: return .unchanged(reason: "a refund reported for a payment never reported succeeded")
            case .refunded: return .unchanged(reason: "already refunded")
            }
        case .pending:
            return .unchanged(reason: "the provider has no outcome yet")
        }
    }

    /// The order was cancelled: a pending payment is cancelled, a succeeded one must be refunded, anything
    /// else stays as it is.
    public mutating func cancel(at now: Date) -> PaymentStep {
        switch status {
        case .pending:
            move(to: .cancelled, at: now)
            return .cancelled
        case .succeeded: return .refundRequired
        case .failed, .cancelled, .refunded: return .unchanged(reason: "nothing to cancel in a \(status.rawValue) payment")
        }
    }

    /// The provider accepted the refund.
    public mutating func refund(at now: Date) {
        move(to: .refunded, at: now)
    }

    /// Records the intent the provider created for this payment.
    public mutating func attach(providerReference reference: String, at now: Date) {
        providerReference = reference
        updatedAt = max(now, updatedAt)
    }

    private mutating func move(to next: PaymentStatus, at now: Date) {
        status = next
        updatedAt = max(now, updatedAt)
    }
}
