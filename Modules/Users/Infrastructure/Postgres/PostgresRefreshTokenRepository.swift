import Foundation
import Postgres
import UsersApplication
import UsersDomain

/// Refresh tokens in `users.refresh_tokens`.
struct PostgresRefreshTokenRepository: RefreshTokenRepository {
    let db: any PostgresQueryable

    func insert(_ token: RefreshToken) async throws {
        try await db.execute(
            """
            INSERT INTO users.refresh_tokens (id, family_id, user_id, token_hash, issued_at, expires_at, spent_at, revoked_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [.uuid(token.id), .uuid(token.familyID), .uuid(token.userID), .bytea(token.tokenHash), .timestamp(token.issuedAt),
             .timestamp(token.expiresAt), token.spentAt.map { .timestamp($0) } ?? .null, token.revokedAt.map { .timestamp($0) } ?? .null])
    }

    func tokenForUpdate(hash: [UInt8]) async throws -> RefreshToken? {
        guard let row = try await db.queryFirst(
            """
            SELECT id, family_id, user_id, token_hash, issued_at, expires_at, spent_at, revoked_at
            FROM users.refresh_tokens WHERE token_hash = $1 FOR UPDATE
            """, [.bytea(hash)]) else { return nil }
        return RefreshToken(
            id: try row.decode(UUID.self, at: 0), familyID: try row.decode(UUID.self, at: 1), userID: try row.decode(UUID.self, at: 2),
            tokenHash: try row.decode([UInt8].self, at: 3), issuedAt: try row.decode(Date.self, at: 4),
            expiresAt: try row.decode(Date.self, at: 5), spentAt: try row.decode(Date?.self, at: 6),
            revokedAt: try row.decode(Date?.self, at: 7))
    }

    func markSpent(id: UUID, at date: Date) async throws {
        try await db.execute("UPDATE users.refresh_tokens SET spent_at = $2 WHERE id = $1", [.uuid(id), .timestamp(date)])
    }

    func revokeFamily(_ familyID: UUID, at date: Date) async throws {
        try await db.execute("UPDATE users.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
                             [.uuid(familyID), .timestamp(date)])
    }

    func revokeAll(userID: UUID, at date: Date) async throws {
        try await db.execute("UPDATE users.refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                             [.uuid(userID), .timestamp(date)])
    }

    func purge(endedBefore cutoff: Date, batchSize: Int) async throws -> Int {
        try await db.deleteInBatches(
            """
            DELETE FROM users.refresh_tokens WHERE id = ANY (ARRAY(
                SELECT id FROM users.refresh_tokens WHERE expires_at < $1 OR revoked_at < $1 LIMIT $2))
            """, [.timestamp(cutoff)], batchSize: batchSize)
    }
}
