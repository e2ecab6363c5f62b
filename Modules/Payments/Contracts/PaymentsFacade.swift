public import Foundation
public import Kernel

/// Everything the Payments context offers App's routes, commands and the other contexts. Errors are
/// `DomainError`s (`not_found`, `invalid_signature`, `malformed_json`) or `PaymentProviderUnavailable`.
public protocol PaymentsFacade: PaymentRequests {
    /// One payment, for its order's owner, staff and admins; anyone else gets `404` as for an unknown id.
    func payment(id: UUID, caller: Caller) async throws -> PaymentDTO
    /// A refund by staff or an admin (`403` for anyone else): all that is left, or `command.amount`, through the
    /// provider with a key of its own. `409 invalid_transition` unless the payment is `succeeded` (partly refunded
    /// ones are), `422 refund_exceeds_payment` above what is left. With `idempotency`, the `201` body is stored with
    /// the key in the refund's transaction and replayed for 24 h. The body of the answer is the `RefundDTO` as JSON.
    func refundPayment(id: UUID, _ command: RefundPayment, caller: Caller,
                       idempotency: IdempotentRequest?) async throws -> IdempotentResponse
    /// The payment's refunds, oldest first, for its order's owner, staff and admins (`404` for anyone else).
    func refunds(paymentId: UUID, caller: Caller) async throws -> [RefundDTO]
    /// A webhook delivery: `payload` exactly as received and the `Stripe-Signature` header. A bad, missing or stale
    /// signature is `400 invalid_signature` and changes nothing; a signed body that is not the expected JSON is
    /// `400 malformed_json`; anything else is acknowledged (duplicates, unknown types and payments are logged).
    func receiveWebhook(payload: [UInt8], signature: String?) async throws
    /// One reconciliation pass: asks the provider about payments still `pending` after the configured age and
    /// applies each answer as a webhook would. Returns how many payments it asked about.
    @discardableResult
    func reconcilePending() async throws -> Int
}
