import Foundation
import Postgres
import UsersApplication

/// Failed logins in `users.login_failures`; rows older than the window are pruned as new failures arrive.
struct PostgresLoginAttemptRepository: LoginAttemptRepository {
    let db: any PostgresQueryable

    func failures(email: String, since: Date) async throws -> [Date] {
        try await db.query("SELECT failed_at FROM users.login_failures WHERE email = $1 AND failed_at >= $2",
                           [.text(email), .timestamp(since)]).map { try $0.decode(Date.self, at: 0) }
    }

    func recordFailure(email: String, at date: Date) async throws {
        try await db.execute(
            """
            WITH pruned AS (DELETE FROM users.login_failures WHERE email = $1 AND failed_at < $2::timestamptz - interval '1 day')
            INSERT INTO users.login_failures (email, failed_at) VALUES ($1, $2)
            """, [.text(email), .timestamp(date)])
    }

    func clearFailures(email: String) async throws {
        try await db.execute("DELETE FROM users.login_failures WHERE email = $1", [.text(email)])
    }
}
