public import Audit
public import EventBus

/// What the Payments context stores: the repositories its `UnitOfWork` binds to a transaction.
public struct PaymentsRepositories: Sendable {
    /// Payments: one per order, one per provider reference.
    public let payments: any PaymentRepository
    /// Provider events already applied (webhook deduplication).
    public let webhookEvents: any ProcessedWebhookEvents
    /// Refunds of payments, by staff, for cancelled orders and reported by the provider.
    public let refunds: any RefundRepository
    /// Idempotency keys of `POST /v1/payments/{id}/refunds`, with the responses they replay.
    public let idempotencyKeys: any IdempotencyKeyRepository
    /// Where the context's use cases record who changed what, in the change's transaction (docs/adr/0018).
    public let audit: any AuditTrail

    public init(payments: any PaymentRepository, webhookEvents: any ProcessedWebhookEvents, refunds: any RefundRepository,
                idempotencyKeys: any IdempotencyKeyRepository, audit: any AuditTrail) {
        self.payments = payments
        self.webhookEvents = webhookEvents
        self.refunds = refunds
        self.idempotencyKeys = idempotencyKeys
        self.audit = audit
    }
}

/// The Payments repositories and the event publisher bound to one transaction: the pool's, or the one the bus
/// opened for an event handler.
public typealias PaymentsTransaction = Transaction<PaymentsRepositories>
