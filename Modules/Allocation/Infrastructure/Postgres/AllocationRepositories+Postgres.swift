import AllocationApplication
import Outbox
import Postgres

extension AllocationRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction). Transactions
    /// are READ COMMITTED: the version check (and the row locks) keep concurrent changes to one SKU apart, and each
    /// retry after a lost race reads what the winner committed.
    init(on db: any PostgresQueryable) {
        self.init(stock: PostgresStockRepository(db: db), orders: PostgresAllocationOrderRepository(db: db),
                  readModels: PostgresAllocationReadModels(db: db), audit: PostgresAuditTrail(db: db))
    }
}
