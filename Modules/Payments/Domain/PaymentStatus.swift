/// Where a payment stands. Allowed moves (docs/adr/0012-payments-webhooks-refunds-reconciliation.md):
/// `pending` → `succeeded` | `failed` | `cancelled`; `succeeded` → `refunded`; and, when money arrives for a
/// payment the shop no longer wants (a late success after `cancelled` or `failed`), → `refunded` through a refund.
/// `refunded` is final.
public enum PaymentStatus: String, Sendable, Hashable, CaseIterable {
    case pending, succeeded, failed, cancelled, refunded
}
