/// Where a refund stands: `succeeded` at once with the sandbox (and usually Stripe), `pending` while the provider
/// is still working on it, `failed` when it could not be made.
public enum RefundStatus: String, Sendable, Hashable, CaseIterable {
    case pending, succeeded, failed
}
