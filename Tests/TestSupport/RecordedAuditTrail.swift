public import Audit

/// An audit trail for in-memory units of work: keeps what is recorded, in order (not rolled back with a failed
/// transaction; audit entries are tested on PostgreSQL, where they are).
public struct RecordedAuditTrail: AuditTrail {
    public let entries = Locked<[AuditEntry]>([])

    public init() {}

    public func record(_ entry: AuditEntry) async throws { entries.with { $0.append(entry) } }
}
