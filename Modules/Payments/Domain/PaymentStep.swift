public import Kernel

/// What recording a provider report or a cancellation decided for a payment. The caller stores the payment
/// when it changed, publishes the matching event, and performs a refund when one is required.
public enum PaymentStep: Sendable, Equatable {
    /// Nothing to do; the reason is for the log (a repeat, or a report that arrived out of order).
    case unchanged(reason: String)
    /// `pending` → `succeeded`.
    case succeeded
    /// `pending` → `failed`.
    case failed(reason: String?)
    /// `pending` → `cancelled`; the intent at the provider should be cancelled too.
    case cancelled
    /// The provider reported `amount` more refunded than Wharf knew of (the payment is `refunded` once nothing is
    /// left): record it as a refund made at the provider.
    case refunded(amount: Money)
    /// The money was taken but the shop no longer wants it (the order was cancelled, or the payment had been
    /// reported failed): refund through the provider, then `refund(at:)`.
    case refundRequired
    /// The provider reported a success for another amount or currency: the payment is not marked succeeded.
    case amountMismatch(reported: Money)
}
