import AllocationApplication
import EventBus
import Outbox
import Postgres

/// The Allocation store on PostgreSQL: repositories on the pool, units of work as pool transactions whose
/// events go to the outbox. Transactions are READ COMMITTED: the version check (and the row locks) keep
/// concurrent changes to one SKU apart, and each retry after a lost race reads what the winner committed.
struct PostgresAllocationStore: AllocationStore {
    let pool: PostgresPool
    let bus: DurableEventBus

    var stock: any StockRepository { PostgresStockRepository(db: pool) }
    var orders: any AllocationOrderRepository { PostgresAllocationOrderRepository(db: pool) }
    var readModels: any AllocationReadModels { PostgresAllocationReadModels(db: pool) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any AllocationTransaction) async throws -> T) async throws -> T {
        try await pool.transaction { tx in try await body(PostgresAllocationTransaction(tx: tx, bus: bus)) }
    }
}

/// The repositories and publisher inside one transaction: a use case's own, or the one the durable bus runs
/// a handler in (with its inbox row).
struct PostgresAllocationTransaction: AllocationTransaction {
    let tx: PostgresTransaction
    let bus: DurableEventBus

    var stock: any StockRepository { PostgresStockRepository(db: tx) }
    var orders: any AllocationOrderRepository { PostgresAllocationOrderRepository(db: tx) }
    var readModels: any AllocationReadModels { PostgresAllocationReadModels(db: tx) }
    var events: any EventPublisher { bus.publisher(in: tx) }

    func undoable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await tx.execute(script: "SAVEPOINT allocation_attempt")
        do {
            let value = try await body()
            try await tx.execute(script: "RELEASE SAVEPOINT allocation_attempt")
            return value
        } catch {
            try await tx.execute(script: "ROLLBACK TO SAVEPOINT allocation_attempt")
            throw error
        }
    }
}
