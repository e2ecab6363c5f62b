public import Kernel

/// What the payment provider says about one payment intent, from a webhook or from asking it (reconciliation).
public enum ProviderReport: Sendable, Equatable {
    /// The money was taken: this amount in this currency.
    case succeeded(Money)
    /// The attempt failed; the provider's reason when it gave one.
    case failed(reason: String?)
    /// All the money went back.
    case refunded
    /// `total` went back so far, all refunds counted (`charge.refunded`'s `amount_refunded`); everything when it
    /// equals the payment's amount.
    case partlyRefunded(total: Money)
    /// Nothing final yet (still processing, or waiting for the customer).
    case pending
}

extension ProviderReport {
    /// Whether the report says money went back (all or part).
    public var isRefund: Bool {
        switch self {
        case .refunded, .partlyRefunded: true
        case .succeeded, .failed, .pending: false
        }
    }
}
