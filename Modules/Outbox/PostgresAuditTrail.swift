public import Audit
import Foundation
public import Postgres

/// Writes audit entries into `audit.events` with the statements of `db`: bound to a unit of work's transaction,
/// an entry commits or rolls back with the change it describes (docs/adr/0018).
public struct PostgresAuditTrail: AuditTrail {
    let db: any PostgresQueryable

    /// The trail on `db` (a context's transaction, or the pool for a change that is one statement).
    public init(db: any PostgresQueryable) { self.db = db }

    public func record(_ entry: AuditEntry) async throws {
        try await db.execute(
            """
            INSERT INTO audit.events (id, at, actor_type, actor_id, action, target_type, target_id, request_id, changes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
            """,
            [.uuid(entry.id), .timestamp(entry.at), .text(entry.actor.type), .optional(entry.actor.id, PostgresValue.uuid),
             .text(entry.action), .text(entry.target.type), .text(entry.target.id), .optional(entry.requestId, PostgresValue.text),
             .text(try Self.json(entry.changes))])
    }

    /// `changes` as JSON text, keys sorted so the same change is always stored alike.
    static func json(_ changes: [String: AuditChange]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(changes), as: UTF8.self)
    }
}
