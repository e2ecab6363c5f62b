public import Foundation
public import Kernel
import PaymentsContracts
public import PaymentsDomain

/// A payment provider adapter (`sandbox`, `stripe`). Every call that creates something carries an idempotency key,
/// so a retried call never creates a second intent or refund. Unreachable or failing providers throw
/// `PaymentProviderUnavailable`; a refusal (a 4xx) throws `PaymentProviderRefusal`.
public protocol PaymentProvider: Sendable {
    /// `sandbox` or `stripe`: stored with each payment.
    var name: String { get }
    /// Creates (or, for a key seen before, returns) the payment intent; returns its id.
    func createIntent(_ intent: IntentRequest) async throws -> String
    /// What the provider knows about the intent now.
    func report(reference: String) async throws -> ProviderReport
    /// Cancels an intent nobody should pay any more. Adapters without cancellation do nothing.
    func cancelIntent(reference: String) async throws
    /// Refunds `amount` of the intent (all of it, or part); a key seen before returns the first answer, so a retried
    /// call never refunds twice. Answers whether the refund is done or still pending at the provider.
    @discardableResult
    func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> RefundStatus
}

/// What `createIntent` asks for.
public struct IntentRequest: Sendable, Equatable {
    public var paymentId: UUID
    public var orderId: UUID
    public var amount: Money
    /// Derived from the order id: one intent per order, however often creation is retried.
    public var idempotencyKey: String

    public init(paymentId: UUID, orderId: UUID, amount: Money, idempotencyKey: String) {
        self.paymentId = paymentId
        self.orderId = orderId
        self.amount = amount
        self.idempotencyKey = idempotencyKey
    }
}
