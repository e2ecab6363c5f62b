import OrdersApplication
import Outbox
import Postgres

extension OrdersRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(orders: PostgresOrderRepository(db: db), idempotencyKeys: PostgresIdempotencyKeys(db: db, table: Self.idempotencyTable),
                  audit: PostgresAuditTrail(db: db))
    }

    /// `orders.idempotency_keys`, keyed to the order each placement created.
    static let idempotencyTable = PostgresIdempotencyKeys.Table(schema: "orders", resourceColumn: "order_id")
}
