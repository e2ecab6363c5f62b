import EventBus
import Outbox
import PaymentsApplication
import Postgres

/// The Payments store on PostgreSQL: the repository on the pool, units of work as pool transactions whose
/// events go to the outbox.
struct PostgresPaymentsStore: PaymentsStore {
    let pool: PostgresPool
    let bus: DurableEventBus

    var payments: any PaymentRepository { PostgresPaymentRepository(db: pool) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any PaymentsTransaction) async throws -> T) async throws -> T {
        try await pool.transaction { tx in try await body(PostgresPaymentsTransaction(tx: tx, bus: bus)) }
    }
}

/// One transaction: the pool's, or the one the bus opened for an event handler.
struct PostgresPaymentsTransaction: PaymentsTransaction {
    let tx: PostgresTransaction
    let bus: DurableEventBus

    var payments: any PaymentRepository { PostgresPaymentRepository(db: tx) }
    var webhookEvents: any ProcessedWebhookEvents { PostgresProcessedWebhookEvents(db: tx) }
    var events: any EventPublisher { bus.publisher(in: tx) }
}
