import EventBus
import Outbox
import Postgres
import UsersApplication

/// The Users store on PostgreSQL: repositories on the pool, units of work as pool transactions whose events go
/// to the outbox.
struct PostgresUsersStore: UsersStore {
    let pool: PostgresPool
    let bus: DurableEventBus

    var users: any UserRepository { PostgresUserRepository(db: pool) }
    var loginAttempts: any LoginAttemptRepository { PostgresLoginAttemptRepository(db: pool) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UsersTransaction) async throws -> T) async throws -> T {
        try await pool.transaction { tx in try await body(PostgresUsersTransaction(tx: tx, bus: bus)) }
    }
}

struct PostgresUsersTransaction: UsersTransaction {
    let tx: PostgresTransaction
    let bus: DurableEventBus

    var users: any UserRepository { PostgresUserRepository(db: tx) }
    var refreshTokens: any RefreshTokenRepository { PostgresRefreshTokenRepository(db: tx) }
    var loginAttempts: any LoginAttemptRepository { PostgresLoginAttemptRepository(db: tx) }
    var events: any EventPublisher { bus.publisher(in: tx) }
    func afterCommit(_ action: @escaping @Sendable () -> Void) { tx.afterCommit { action() } }
}
