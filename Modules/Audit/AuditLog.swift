import Foundation
public import Kernel

/// The audit log as App's route reads it (`GET /v1/audit-events`, admin only).
public protocol AuditLog: Sendable {
    /// Newest first, keyset-paged; `403 forbidden` unless `caller` is an admin; a bad filter is `422` (code
    /// `validation_failed`, the filter named in `errors`).
    func events(_ query: AuditEventQuery, caller: Caller) async throws -> Page<AuditEntry>
}
