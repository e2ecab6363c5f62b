import Foundation
public import Kernel

/// Reads the audit log through `reader`, with cursors MACed by `cursors` and scoped to the filters.
public struct AuditLogService: AuditLog {
    let reader: any AuditEventReader
    let cursors: CursorCodec

    public init(reader: any AuditEventReader, cursors: CursorCodec) {
        self.reader = reader
        self.cursors = cursors
    }

    public func events(_ query: AuditEventQuery, caller: Caller) async throws -> Page<AuditEntry> {
        guard caller.isAdmin else { throw DomainError(.forbidden, code: "forbidden", message: "only admins may read the audit log") }
        let filter = try Self.filter(query)
        let scope = ["audit", filter.actorId?.lowercased ?? "", filter.targetType ?? "", filter.targetId ?? "", filter.action ?? ""]
            .joined(separator: "\u{1F}")
        let pager = KeysetPager(cursors: cursors, scope: scope, keyCount: 2)
        let page = try pager.request(cursor: query.cursor, limit: query.limit)
        let found = try await reader.events(filter, page: page)
        return pager.page(found, for: page) { [String($0.at.microsecondsSince1970), $0.id.lowercased] }
    }

    /// The filters checked: `actorId` a UUID, `targetType` one of the contract's, `targetId` 1..128 characters,
    /// `action` one the log records.
    static func filter(_ query: AuditEventQuery) throws(DomainError) -> AuditFilter {
        var filter = AuditFilter()
        if let raw = query.actorId {
            guard let id = UUIDText.parse(raw) else { throw .validation(field: "actorId", message: "must be a UUID") }
            filter.actorId = id
        }
        if let type = query.targetType {
            guard AuditTarget.types.contains(type) else {
                throw .validation(field: "targetType", message: "must be one of \(AuditTarget.types.sorted().joined(separator: ", "))")
            }
            filter.targetType = type
        }
        if let id = query.targetId {
            guard (1...128).contains(id.count) else { throw .validation(field: "targetId", message: "must be 1 to 128 characters") }
            filter.targetId = id
        }
        if let action = query.action {
            guard AuditAction.all.contains(action) else { throw .validation(field: "action", message: "is not an audited action") }
            filter.action = action
        }
        return filter
    }
}
