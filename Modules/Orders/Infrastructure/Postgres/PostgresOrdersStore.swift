import EventBus
import OrdersApplication
import Outbox
import Postgres

/// The Orders store on PostgreSQL: repositories on the pool (reads need no transaction), units of work as pool
/// transactions whose events go to the outbox.
struct PostgresOrdersStore: OrdersStore {
    let pool: PostgresPool
    let bus: DurableEventBus

    var orders: any OrderRepository { PostgresOrderRepository(db: pool) }
    var idempotencyKeys: any IdempotencyKeyRepository { PostgresIdempotencyKeyRepository(db: pool) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any OrdersTransaction) async throws -> T) async throws -> T {
        try await pool.transaction { tx in try await body(PostgresOrdersTransaction(tx: tx, bus: bus)) }
    }
}

/// The Orders repositories and publisher on one transaction: a use case's, or an event handler's (whose
/// transaction also records the event in the inbox).
struct PostgresOrdersTransaction: OrdersTransaction {
    let tx: PostgresTransaction
    let bus: DurableEventBus

    var orders: any OrderRepository { PostgresOrderRepository(db: tx) }
    var idempotencyKeys: any IdempotencyKeyRepository { PostgresIdempotencyKeyRepository(db: tx) }
    var events: any EventPublisher { bus.publisher(in: tx) }
}
