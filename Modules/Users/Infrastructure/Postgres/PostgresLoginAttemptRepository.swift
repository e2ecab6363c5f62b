import Foundation
import Postgres
import UsersApplication
import UsersDomain

/// Failed logins in `users.login_failures`; rows older than a day are pruned as new failures for the email arrive.
/// The email's lock is a transaction-scoped advisory lock on its hash: it needs no row to exist (unknown emails are
/// throttled too) and leaves nothing behind to purge.
struct PostgresLoginAttemptRepository: LoginAttemptRepository {
    let db: any PostgresQueryable

    func lockFailures(email: String, since: Date) async throws -> [LoginFailure] {
        try await db.execute("SELECT pg_advisory_xact_lock(hashtextextended('users.login_failures:' || $1::text, 0))",
                             [.text(email)])
        return try await db.query(
            "SELECT failed_at, client_address FROM users.login_failures WHERE email = $1 AND failed_at >= $2",
            [.text(email), .timestamp(since)]).map { row in
                LoginFailure(at: try row.decode(Date.self, at: 0), clientAddress: try row.decode(String?.self, at: 1))
            }
    }

    func recordFailure(email: String, _ failure: LoginFailure, attempt: UUID) async throws {
        try await db.execute(
            """
            WITH pruned AS (DELETE FROM users.login_failures WHERE email = $1 AND failed_at < $2::timestamptz - interval '1 day')
            INSERT INTO users.login_failures (email, failed_at, client_address, attempt_id) VALUES ($1, $2, $3, $4)
            """, [.text(email), .timestamp(failure.at), failure.clientAddress.map(PostgresValue.text) ?? .null, .uuid(attempt)])
    }

    func withdrawFailure(attempt: UUID) async throws {
        try await db.execute("DELETE FROM users.login_failures WHERE attempt_id = $1", [.uuid(attempt)])
    }

    func clearFailures(email: String, clientAddress: String) async throws {
        try await db.execute("DELETE FROM users.login_failures WHERE email = $1 AND client_address = $2",
                             [.text(email), .text(clientAddress)])
    }

    func purgeFailures(before cutoff: Date, batchSize: Int) async throws -> Int {
        // The table has no key: a batch is picked by physical row address, within the one statement that deletes it.
        try await db.deleteInBatches(
            """
            DELETE FROM users.login_failures WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM users.login_failures WHERE failed_at < $1 LIMIT $2))
            """, [.timestamp(cutoff)], batchSize: batchSize)
    }
}
