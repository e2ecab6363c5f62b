import NotificationsApplication
import Postgres

extension NotificationsRepositories {
    /// The PostgreSQL repositories running their statements on `db` (the pool or one transaction).
    init(on db: any PostgresQueryable) {
        self.init(sentMessages: PostgresSentMessageRepository(db: db))
    }
}
