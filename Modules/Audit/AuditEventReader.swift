public import Kernel

/// Reads the audit log, newest first by (`at`, `id`). The PostgreSQL adapter is Outbox's `PostgresAuditEvents`.
public protocol AuditEventReader: Sendable {
    /// Entries matching `filter` after `page.after` (`at` in microseconds since 1970, then the id); at most
    /// `page.limit + 1`, the extra one telling there is a next page.
    func events(_ filter: AuditFilter, page: PageRequest) async throws -> [AuditEntry]
}
