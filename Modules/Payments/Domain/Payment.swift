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
    /// What went back to the customer so far (refunds succeeded or still at the provider): never more than `amount`.
    public private(set) var refundedAmount: Money
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(id: UUID, orderId: UUID, customerId: UUID, amount: Money, provider: String, providerReference: String? = nil,
                status: PaymentStatus = .pending, failureReason: String? = nil, refundedAmount: Money? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.orderId = orderId
        self.customerId = customerId
        self.amount = amount
        self.provider = provider
        self.providerReference = providerReference
        self.status = status
        self.failureReason = failureReason
        self.refundedAmount = refundedAmount ?? .zero(amount.currency)
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
            return recordRefunded(total: amount, at: now)
        case .partlyRefunded(let total):
            return recordRefunded(total: total, at: now)
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

    /// The provider accepted the refund of everything not refunded yet (the order was cancelled, or money arrived
    /// for a payment no longer wanted); returns that amount.
    @discardableResult
    public mutating func refund(at now: Date) -> Money {
        let rest = remaining
        refundedAmount = amount
        move(to: .refunded, at: now)
        return rest
    }

    /// What is captured and not refunded yet.
    public var remaining: Money { Money(amount: amount.amount - refundedAmount.amount, currency: amount.currency) }

    /// A refund asked for by staff: `requested`, or everything left when nil. Only a `succeeded` payment (partly
    /// refunded ones stay `succeeded`) can be refunded (`409 invalid_transition`); the amount must be in the
    /// payment's currency and 1…`remaining` minor units (`422`, `refund_exceeds_payment` above it). Counts the
    /// amount as refunded and returns it; the payment becomes `refunded` when nothing is left.
    public mutating func refund(_ requested: Money?, at now: Date) throws(DomainError) -> Money {
        guard status == .succeeded else {
            throw DomainError(.conflict, code: "invalid_transition",
                              message: "the payment is \(status.rawValue) and cannot be refunded")
        }
        let refund = requested ?? remaining
        guard refund.currency == amount.currency else {
            throw .validation(field: "amount.currency", message: "must be the payment's currency \(amount.currency.code)")
        }
        guard refund.amount >= 1 else { throw .validation(field: "amount.amount", message: "must be at least 1") }
        guard refund.amount <= remaining.amount else {
            throw .validation(code: "refund_exceeds_payment", field: "amount.amount",
                              message: "at most \(remaining.amount) can still be refunded")
        }
        refundedAmount = Money(amount: refundedAmount.amount + refund.amount, currency: amount.currency)
        if refundedAmount == amount { move(to: .refunded, at: now) } else { updatedAt = max(now, updatedAt) }
        return refund
    }

    /// The provider says `total` has been refunded so far (`charge.refunded`, whose `amount_refunded` counts every
    /// refund, Wharf's own included). What exceeds `refundedAmount` was refunded at the provider and is recorded
    /// now; a report that adds nothing changes nothing. A `cancelled` or `failed` payment reported refunded is
    /// `refunded` (its money went back), as before partial refunds were modelled.
    mutating func recordRefunded(total: Money, at now: Date) -> PaymentStep {
        switch status {
        case .pending: return .unchanged(reason: "a refund reported for a payment never reported succeeded")
        case .refunded: return .unchanged(reason: "already refunded")
        case .cancelled, .failed:
            return .refunded(amount: refund(at: now))
        case .succeeded:
            guard total.currency == amount.currency else { return .unchanged(reason: "a refund reported in another currency") }
            let reported = min(total.amount, amount.amount)
            guard reported > refundedAmount.amount else { return .unchanged(reason: "the refunds reported are recorded already") }
            let added = Money(amount: reported - refundedAmount.amount, currency: amount.currency)
            refundedAmount = Money(amount: reported, currency: amount.currency)
            if refundedAmount == amount { move(to: .refunded, at: now) } else { updatedAt = max(now, updatedAt) }
            return .refunded(amount: added)
        }
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
