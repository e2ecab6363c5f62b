import PaymentsApplication
import Postgres

extension PaymentsRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(payments: PostgresPaymentRepository(db: db), webhookEvents: PostgresProcessedWebhookEvents(db: db))
    }
}
