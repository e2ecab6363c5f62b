public import EventBus
public import Foundation
public import Kernel
public import Postgres

/// Idempotency keys in a context's own `<schema>.idempotency_keys` table (`user_id, key, request_digest,
/// <resource column>, response_status, response_body, created_at`). The in-flight claim is a transaction-scoped
/// advisory lock on a 64-bit hash of (schema, user, key): it is released by COMMIT, ROLLBACK or the connection's
/// death, so a crash can never leave a key claimed (docs/adr/0011).
public struct PostgresIdempotencyKeys: IdempotencyKeyRepository {
    /// Where a context keeps its keys: its schema, and the column naming what a request created.
    public struct Table: Sendable {
        public var schema: String
        public var resourceColumn: String
        /// `schema` and `resourceColumn` are fixed identifiers written by the context, never input.
        public init(schema: String, resourceColumn: String) {
            self.schema = schema
            self.resourceColumn = resourceColumn
        }
    }

    let db: any PostgresQueryable
    let table: Table

    /// The keys of `table`, with statements run on `db` (the pool or one transaction).
    public init(db: any PostgresQueryable, table: Table) {
        self.db = db
        self.table = table
    }

    public func record(userId: UUID, key: IdempotencyKey, notBefore: Date) async throws -> IdempotencyRecord? {
        try await db.queryFirst(
            """
            SELECT request_digest, \(table.resourceColumn), response_status, response_body, created_at FROM \(table.schema).idempotency_keys
            WHERE user_id = $1 AND key = $2 AND created_at >= $3
            """,
            [.uuid(userId), .text(key.value), .timestamp(notBefore)]).map { row in
            IdempotencyRecord(userId: userId, key: key, requestDigest: try row.decode([UInt8].self, at: 0),
                              resourceId: try row.decode(UUID.self, at: 1), responseStatus: try row.decode(Int.self, at: 2),
                              responseBody: try row.decode([UInt8].self, at: 3), createdAt: try row.decode(Date.self, at: 4))
        }
    }

    public func claim(userId: UUID, key: IdempotencyKey) async throws -> Bool {
        let row = try await db.queryFirst(
            "SELECT pg_try_advisory_xact_lock(hashtextextended('\(table.schema).idempotency:' || $1::text || ':' || $2::text, 0))",
            [.uuid(userId), .text(key.value)])
        return try row?.decode(Bool.self, at: 0) ?? false
    }

    public func insert(_ record: IdempotencyRecord, replacingBefore notBefore: Date) async throws {
        let name = "\(table.schema).idempotency_keys", resource = table.resourceColumn
        try await db.execute(
            """
            INSERT INTO \(name) (user_id, key, request_digest, \(resource), response_status, response_body, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (user_id, key) DO UPDATE SET request_digest = excluded.request_digest, \(resource) = excluded.\(resource),
                response_status = excluded.response_status, response_body = excluded.response_body,
                created_at = excluded.created_at
            WHERE \(name).created_at < $8
            """,
            [.uuid(record.userId), .text(record.key.value), .bytea(record.requestDigest), .uuid(record.resourceId),
             .int(record.responseStatus), .bytea(record.responseBody), .timestamp(record.createdAt), .timestamp(notBefore)])
    }

    public func purge(createdBefore cutoff: Date) async throws -> Int {
        try await db.execute("DELETE FROM \(table.schema).idempotency_keys WHERE created_at < $1", [.timestamp(cutoff)])
    }
}
