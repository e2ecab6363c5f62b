import Outbox
import Postgres
import UsersApplication

extension UsersRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(users: PostgresUserRepository(db: db), refreshTokens: PostgresRefreshTokenRepository(db: db),
                  loginAttempts: PostgresLoginAttemptRepository(db: db),
                  audit: PostgresAuditTrail(db: db))
    }
}
