import Outbox
import PaymentsApplication
import Postgres

extension PaymentsRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(payments: PostgresPaymentRepository(db: db), webhookEvents: PostgresProcessedWebhookEvents(db: db),
                  refunds: PostgresRefundRepository(db: db),
                  idempotencyKeys: PostgresIdempotencyKeys(db: db, table: Self.idempotencyTable),
                  audit: PostgresAuditTrail(db: db))
    }

    /// `payments.idempotency_keys`, keyed to the refund each request created.
    static let idempotencyTable = PostgresIdempotencyKeys.Table(schema: "payments", resourceColumn: "refund_id")
}
