public import EventBus

/// The Payments context's storage: a repository for single statements, and units of work whose events commit
/// with their changes.
public protocol PaymentsStore: Sendable {
    var payments: any PaymentRepository { get }
    /// Runs `body` in one transaction: commit on return, rollback on throw.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any PaymentsTransaction) async throws -> T) async throws -> T
}

/// The repositories and the event publisher bound to one transaction.
public protocol PaymentsTransaction: Sendable {
    var payments: any PaymentRepository { get }
    var webhookEvents: any ProcessedWebhookEvents { get }
    var events: any EventPublisher { get }
}
