/// Where a use case writes what it changed. Each context's repositories carry one bound to the unit of work, so the
/// entry is written in the transaction of the change: no entry without the change, no change without the entry.
/// The PostgreSQL adapter is Outbox's `PostgresAuditTrail`.
public protocol AuditTrail: Sendable {
    func record(_ entry: AuditEntry) async throws
}
