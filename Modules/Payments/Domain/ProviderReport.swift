public import Kernel

/// What the payment provider says about one payment intent, from a webhook or from asking it (reconciliation).
public enum ProviderReport: Sendable, Equatable {
    /// The money was taken: this amount in this currency.
    case succeeded(Money)
    /// The attempt failed; the provider's reason when it gave one.
    case failed(reason: String?)
    /// The money went back.
    case refunded
    /// Nothing final yet (still processing, or waiting for the customer).
    case pending
}
