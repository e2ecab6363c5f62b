public import EventBus

/// What the Payments context stores: the repositories its `UnitOfWork` binds to a transaction.
public struct PaymentsRepositories: Sendable {
    /// Payments: one per order, one per provider reference.
    public let payments: any PaymentRepository
    /// Provider events already applied (webhook deduplication).
    public let webhookEvents: any ProcessedWebhookEvents

    public init(payments: any PaymentRepository, webhookEvents: any ProcessedWebhookEvents) {
        self.payments = payments
        self.webhookEvents = webhookEvents
    }
}

/// The Payments repositories and the event publisher bound to one transaction: the pool's, or the one the bus
/// opened for an event handler.
public typealias PaymentsTransaction = Transaction<PaymentsRepositories>
