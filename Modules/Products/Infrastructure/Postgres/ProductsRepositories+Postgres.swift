import Outbox
import Postgres
import ProductsApplication

extension ProductsRepositories {
    /// The PostgreSQL repository running its statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(products: PostgresProductRepository(db: db), audit: PostgresAuditTrail(db: db))
    }
}
