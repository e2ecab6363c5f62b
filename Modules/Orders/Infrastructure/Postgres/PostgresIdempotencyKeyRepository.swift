import Foundation
import OrdersApplication
import OrdersDomain
import Postgres

/// Idempotency keys in `orders.idempotency_keys`. The in-flight claim is a transaction-scoped advisory lock on a
/// 64-bit hash of (user, key): it is released by COMMIT, ROLLBACK or the connection's death, so a crash can never
/// leave a key claimed (docs/adr/0011).
struct PostgresIdempotencyKeyRepository: IdempotencyKeyRepository {
    let db: any PostgresQueryable

    func record(userId: UUID, key: IdempotencyKey, notBefore: Date) async throws -> IdempotencyRecord? {
        try await db.queryFirst(
            """
            SELECT request_digest, order_id, response_status, response_body, created_at FROM orders.idempotency_keys
            WHERE user_id = $1 AND key = $2 AND created_at >= $3
            """,
            [.uuid(userId), .text(key.value), .timestamp(notBefore)]).map { row in
            IdempotencyRecord(userId: userId, key: key, requestDigest: try row.decode([UInt8].self, at: 0),
                              orderId: try row.decode(UUID.self, at: 1), responseStatus: try row.decode(Int.self, at: 2),
                              responseBody: try row.decode([UInt8].self, at: 3), createdAt: try row.decode(Date.self, at: 4))
        }
    }

    func claim(userId: UUID, key: IdempotencyKey) async throws -> Bool {
        let row = try await db.queryFirst(
            "SELECT pg_try_advisory_xact_lock(hashtextextended('orders.idempotency:' || $1::text || ':' || $2::text, 0))",
            [.uuid(userId), .text(key.value)])
        return try row?.decode(Bool.self, at: 0) ?? false
    }

    func insert(_ record: IdempotencyRecord, replacingBefore notBefore: Date) async throws {
        try await db.execute(
            """
            INSERT INTO orders.idempotency_keys (user_id, key, request_digest, order_id, response_status, response_body, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (user_id, key) DO UPDATE SET request_digest = excluded.request_digest, order_id = excluded.order_id,
                response_status = excluded.response_status, response_body = excluded.response_body,
                created_at = excluded.created_at
            WHERE orders.idempotency_keys.created_at < $8
            """,
            [.uuid(record.userId), .text(record.key.value), .bytea(record.requestDigest), .uuid(record.orderId),
             .int(record.responseStatus), .bytea(record.responseBody), .timestamp(record.createdAt), .timestamp(notBefore)])
    }

    func purge(createdBefore cutoff: Date) async throws -> Int {
        try await db.execute("DELETE FROM orders.idempotency_keys WHERE created_at < $1", [.timestamp(cutoff)])
    }
}
