import EventBus
import Outbox
import Postgres
import ProductsApplication

/// The Products store on PostgreSQL: the repository on the pool (reads need no transaction), units of work as
/// pool transactions whose events go to the outbox.
struct PostgresProductsStore: ProductsStore {
    let pool: PostgresPool
    let bus: DurableEventBus

    var products: any ProductRepository { PostgresProductRepository(db: pool) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ProductsTransaction) async throws -> T) async throws -> T {
        try await pool.transaction { tx in try await body(PostgresProductsTransaction(tx: tx, bus: bus)) }
    }
}

struct PostgresProductsTransaction: ProductsTransaction {
    let tx: PostgresTransaction
    let bus: DurableEventBus

    var products: any ProductRepository { PostgresProductRepository(db: tx) }
    var events: any EventPublisher { bus.publisher(in: tx) }
}
