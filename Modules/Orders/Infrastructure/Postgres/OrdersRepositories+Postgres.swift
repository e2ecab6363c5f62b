import OrdersApplication
import Postgres

extension OrdersRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(orders: PostgresOrderRepository(db: db), idempotencyKeys: PostgresIdempotencyKeyRepository(db: db))
    }
}
