public import Audit
import Foundation
public import Kernel
public import Postgres

/// Reads `audit.events` newest first by (`at`, `id`), each filter a bound parameter of an index-backed condition.
public struct PostgresAuditEvents: AuditEventReader {
    let db: any PostgresQueryable

    /// The reader on `db` (the pool).
    public init(db: any PostgresQueryable) { self.db = db }

    public func events(_ filter: AuditFilter, page: PageRequest) async throws -> [AuditEntry] {
        var conditions: [String] = []
        var parameters: [PostgresValue] = []
        func bind(_ value: PostgresValue) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if let actor = filter.actorId { conditions.append("actor_id = \(bind(.uuid(actor)))") }
        if let type = filter.targetType { conditions.append("target_type = \(bind(.text(type)))") }
        if let id = filter.targetId { conditions.append("target_id = \(bind(.text(id)))") }
        if let action = filter.action { conditions.append("action = \(bind(.text(action)))") }
        if let after = page.after?.values {
            guard after.count == 2, let micros = Int(after[0]), let id = UUID(uuidString: after[1]) else { throw DomainError.invalidCursor }
            conditions.append("(at, id) < ('epoch'::timestamptz + \(bind(.int(micros)))::bigint * interval '1 microsecond', \(bind(.uuid(id)))::uuid)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT id, at, actor_type, actor_id, action, target_type, target_id, request_id, changes::text FROM audit.events
            \(whereClause) ORDER BY at DESC, id DESC LIMIT \(bind(.int(page.limit + 1)))
            """
        return try await db.query(sql, parameters).map { row in
            let changes = try row.decode(String.self, at: 8)
            let decoded: [String: AuditChange]
            do { decoded = try JSONDecoder().decode([String: AuditChange].self, from: Data(changes.utf8)) } catch {
                throw PostgresError(.decoding, message: "audit.events.changes does not hold audit changes")
            }
            return AuditEntry(id: try row.decode(UUID.self, at: 0), at: try row.decode(Date.self, at: 1),
                              actor: AuditActor(type: try row.decode(String.self, at: 2), id: try row.decode(UUID?.self, at: 3)),
                              action: try row.decode(String.self, at: 4),
                              target: AuditTarget(type: try row.decode(String.self, at: 5), id: try row.decode(String.self, at: 6)),
                              requestId: try row.decode(String?.self, at: 7), changes: decoded)
        }
    }
}
