public import EventBus
public import Postgres

/// A context's `UnitOfWork` on PostgreSQL: its repositories on the pool outside a transaction, and transactions
/// as `PostgresPool.transaction` (READ COMMITTED, retried on serialization failure or deadlock) whose events go
/// to the outbox of `bus`.
public struct PostgresUnitOfWork<Repositories: Sendable>: UnitOfWork {
    /// Builds the context's repositories on what they run their statements with: the pool or a transaction.
    public typealias MakeRepositories = @Sendable (any PostgresQueryable) -> Repositories

    let pool: PostgresPool
    let bus: DurableEventBus
    let makeRepositories: MakeRepositories

    /// The unit of work of the repositories `makeRepositories` builds, on `pool`, publishing through `bus`.
    public init(pool: PostgresPool, bus: DurableEventBus, repositories makeRepositories: @escaping MakeRepositories) {
        self.pool = pool
        self.bus = bus
        self.makeRepositories = makeRepositories
    }

    public var repositories: Repositories { makeRepositories(pool) }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Transaction<Repositories>) async throws -> T) async throws -> T {
        try await pool.transaction { transaction in try await body(bind(transaction)) }
    }

    /// The repositories, publisher and savepoints on `transaction`: a pool transaction already open, such as the
    /// one the durable bus runs a handler in (with its inbox row).
    public func bind(_ transaction: PostgresTransaction) -> Transaction<Repositories> {
        Transaction(repositories: makeRepositories(transaction),
                    control: PostgresTransactionControl(transaction: transaction, bus: bus))
    }
}
